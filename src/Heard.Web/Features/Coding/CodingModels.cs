using System.Security.Cryptography;
using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Coding;

/// <summary>The model that codes a trust's new comments, with the id every code it sets will carry.</summary>
public sealed record ActiveModel(int TextModelId, string Name, ThemeModel Model);

/// <summary>
/// Which model codes which trust's comments: the trust's own active model when it has one, otherwise the built-in
/// model for NHS England's framework. Loaded once per import or writer; a few rows and at most a few model files.
/// </summary>
public sealed class CodingModels
{
    public const string BuiltInName = "NHS England framework (QDC v7), built in";

    private readonly Dictionary<int, ActiveModel> _byTrust;
    private readonly ActiveModel _builtIn;

    private CodingModels(ActiveModel builtIn, Dictionary<int, ActiveModel> byTrust)
    {
        _builtIn = builtIn;
        _byTrust = byTrust;
    }

    public ActiveModel For(int trustId) => _byTrust.TryGetValue(trustId, out var m) ? m : _builtIn;

    /// <summary>False only in a build made without the model file (see docs/model-card-qdc-v7.md to train it).</summary>
    public static bool BuiltInShipped =>
        typeof(ThemeModel).Assembly.GetManifestResourceInfo(ThemeModel.BuiltInResource) is not null;

    /// <summary>The models by trust; null when no built-in model was shipped, in which case comments are stored uncoded.</summary>
    public static async Task<CodingModels?> LoadAsync(HeardDbContext db, CancellationToken ct = default)
    {
        if (!BuiltInShipped) return null;
        var builtInId = await EnsureBuiltInAsync(db, ct);
        var builtIn = new ActiveModel(builtInId, BuiltInName, ThemeModel.BuiltIn());
        var own = await db.TextModels.AsNoTracking()
            .Where(m => m.IsActive && !m.IsBuiltIn && m.TrustId != null && m.ModelData != null)
            .ToListAsync(ct);
        var byTrust = new Dictionary<int, ActiveModel>();
        foreach (var m in own)
        {
            using var stream = new MemoryStream(m.ModelData!);
            byTrust[m.TrustId!.Value] = new ActiveModel(m.Id, m.Name, ThemeModel.Load(stream));
        }
        return new CodingModels(builtIn, byTrust);
    }

    /// <summary>The built-in model's record: added the first time, and again whenever the shipped model changes.</summary>
    public static async Task<int> EnsureBuiltInAsync(HeardDbContext db, CancellationToken ct = default)
    {
        var label = BuiltInVersionLabel.Value;
        var existing = await db.TextModels.Where(m => m.IsBuiltIn && m.VersionLabel == label).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        if (existing is int id) return id;
        var record = new TextModel
        {
            Name = BuiltInName, Framework = ThemeModel.BuiltIn().Framework, VersionLabel = label, IsBuiltIn = true, IsActive = true,
            CreatedAt = DateTime.UtcNow, CreatedBy = "system",
        };
        db.TextModels.Add(record);
        await db.SaveChangesAsync(ct);
        return record.Id;
    }

    private static readonly Lazy<string> BuiltInVersionLabel = new(() =>
    {
        using var stream = typeof(ThemeModel).Assembly.GetManifestResourceStream(ThemeModel.BuiltInResource)!;
        return Fingerprint(stream);
    });

    public static string Fingerprint(Stream model) => Convert.ToHexStringLower(SHA256.HashData(model))[..12];
}

/// <summary>
/// Codes comments as they are stored, for one writer on one thread (a scorer per coder, no allocation per comment
/// beyond the codes themselves).
/// </summary>
public sealed class CommentCoder(CodingModels models)
{
    private readonly Dictionary<int, ThemeScorer> _scorers = new();

    public sealed record Code(string Label, string Category, float Confidence);

    public sealed record Result(int TextModelId, int Sentiment, float SentimentConfidence, float Certainty, IReadOnlyList<Code> Codes);

    public Result Score(int trustId, string text, string? question)
    {
        var active = models.For(trustId);

        if (!_scorers.TryGetValue(active.TextModelId, out var scorer))
            _scorers[active.TextModelId] = scorer = active.Model.CreateScorer();
        scorer.Code(text, question);
        var model = scorer.Model;
        var codes = new List<Code>(scorer.Chosen.Length);
        // Certainty is the weakest decision made: the least confident label given, or the most tempting label refused.
        var certainty = 1.0;
        var chosen = scorer.Chosen;
        for (var k = 0; k < model.Labels.Count; k++)
        {
            var confidence = scorer.Confidence(k);
            var given = chosen.Contains(k);
            if (given) codes.Add(new Code(model.Labels[k], model.Categories[k], (float)confidence));
            certainty = Math.Min(certainty, given ? confidence : 1 - confidence);
        }
        codes.Sort((a, b) => b.Confidence.CompareTo(a.Confidence));
        return new Result(active.TextModelId, scorer.Sentiment, (float)scorer.SentimentConfidence, (float)Math.Clamp(certainty, 0, 1), codes);
    }
}
