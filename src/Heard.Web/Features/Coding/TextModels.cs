using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Coding;

/// <summary>Installing a trust's own trained model and choosing which model codes its new comments.</summary>
public static class TextModels
{
    public const long MaxModelBytes = 64L * 1024 * 1024;

    /// <summary>Stores a trained model for a trust. Throws <see cref="InvalidDataException"/> when the file is not a Heard model.</summary>
    public static async Task<TextModel> InstallAsync(HeardDbContext db, int trustId, string name, byte[] modelFile, string? scoresJson,
        string? user, bool activate, CancellationToken ct = default)
    {
        if (modelFile.LongLength > MaxModelBytes) throw new InvalidDataException($"the model file is larger than {MaxModelBytes / (1024 * 1024)} MB");
        ThemeModel model;
        try
        {
            using var stream = new MemoryStream(modelFile);
            model = ThemeModel.Load(stream);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidDataException($"this is not a model made by ./heard train ({e.Message})");
        }
        using var forPrint = new MemoryStream(modelFile);
        var record = new TextModel
        {
            TrustId = trustId, Name = name, Framework = model.Framework, VersionLabel = CodingModels.Fingerprint(forPrint),
            IsBuiltIn = false, IsActive = false, ScoresJson = scoresJson, ModelData = modelFile, CreatedAt = DateTime.UtcNow, CreatedBy = user,
        };
        db.TextModels.Add(record);
        await db.SaveChangesAsync(ct);
        if (activate) await ActivateAsync(db, trustId, record.Id, ct);
        return record;
    }

    /// <summary>
    /// Makes a model the one that codes the trust's new comments; <paramref name="modelId"/> of the built-in model goes
    /// back to it. Earlier codes keep the model that set them; <c>./heard recode --all</c> recodes them.
    /// </summary>
    public static async Task ActivateAsync(HeardDbContext db, int trustId, int modelId, CancellationToken ct = default)
    {
        var chosen = await db.TextModels.FirstOrDefaultAsync(m => m.Id == modelId, ct)
            ?? throw new InvalidDataException($"there is no model {modelId}");
        if (!chosen.IsBuiltIn && chosen.TrustId != trustId)
            throw new InvalidDataException($"model {modelId} belongs to another trust");
        foreach (var m in await db.TextModels.Where(m => m.TrustId == trustId && m.IsActive).ToListAsync(ct))
            m.IsActive = false;
        if (!chosen.IsBuiltIn) chosen.IsActive = true;
        await db.SaveChangesAsync(ct);
    }
}
