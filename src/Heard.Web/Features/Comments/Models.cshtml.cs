using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Coding;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Comments;

/// <summary>
/// Comment models: the built-in one for NHS England's framework and each trust's own, trained with <c>./heard train</c>.
/// The PX team installs a trust's model and chooses which one codes that trust's new comments.
/// </summary>
[Authorize(Policy = Policies.ImportData)]
public sealed class ModelsModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public sealed record TrustChoice(int TrustId, string Name, int ActiveModelId, IReadOnlyList<TextModel> Models);

    public IReadOnlyList<TextModel> BuiltIn { get; private set; } = [];
    public IReadOnlyList<TrustChoice> Trusts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        if (CodingModels.BuiltInShipped) await CodingModels.EnsureBuiltInAsync(db, ct);
        var trustIds = await user.TrustIdsAsync(ct);
        var models = await db.TextModels.AsNoTracking().OrderByDescending(m => m.CreatedAt)
            .Select(m => new TextModel
            {
                Id = m.Id, TrustId = m.TrustId, Name = m.Name, Framework = m.Framework, VersionLabel = m.VersionLabel, IsBuiltIn = m.IsBuiltIn,
                IsActive = m.IsActive, ScoresJson = m.ScoresJson, CreatedAt = m.CreatedAt, CreatedBy = m.CreatedBy,
            }).ToListAsync(ct);
        BuiltIn = models.Where(m => m.IsBuiltIn).ToList();
        var latestBuiltIn = BuiltIn.FirstOrDefault();
        var trusts = await db.Trusts.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        Trusts = trusts.Where(t => trustIds is null || trustIds.Contains(t.Id)).Select(t =>
        {
            var own = models.Where(m => m.TrustId == t.Id).ToList();
            var active = own.FirstOrDefault(m => m.IsActive)?.Id ?? latestBuiltIn?.Id ?? 0;
            return new TrustChoice(t.Id, t.Name, active, [.. latestBuiltIn is null ? [] : new[] { latestBuiltIn }, .. own]);
        }).ToList();
    }

    private async Task<bool> InScopeAsync(int trustId, CancellationToken ct) =>
        await user.TrustIdsAsync(ct) is not { } ids || ids.Contains(trustId);

    public async Task<IActionResult> OnPostActivateAsync(int trustId, int modelId, CancellationToken ct)
    {
        if (!await InScopeAsync(trustId, ct)) return NotFound();
        try
        {
            await TextModels.ActivateAsync(db, trustId, modelId, ct);
        }
        catch (InvalidDataException e)
        {
            ModelState.AddModelError($"model-{trustId}", e.Message);
            await LoadAsync(ct);
            return Page();
        }
        audit.Record(Audit.Actions.Update, "text-model", modelId, $"model {modelId} made active for trust {trustId}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "The chosen model now codes this trust's new comments. Run ./heard recode --all to recode earlier ones.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostInstallAsync(int trustId, string? name, IFormFile? file, bool activate, CancellationToken ct)
    {
        if (!await InScopeAsync(trustId, ct)) return NotFound();
        if (string.IsNullOrWhiteSpace(name)) ModelState.AddModelError("name", "Enter a name for the model, for example \"Our themes, 2026\"");
        else if (name.Length > 200) ModelState.AddModelError("name", "The name must be 200 characters or fewer");
        if (file is null || file.Length == 0) ModelState.AddModelError("file", "Choose the model.heardmodel file that ./heard train wrote");
        else if (file.Length > TextModels.MaxModelBytes) ModelState.AddModelError("file", "The file is too large to be a model");
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, ct);
        try
        {
            var record = await TextModels.InstallAsync(db, trustId, name!.Trim(), buffer.ToArray(), null, user.Name, activate, ct);
            audit.Record(Audit.Actions.Create, "text-model", record.Id, $"model '{record.Name}' installed for trust {trustId}{(activate ? " and made active" : "")}");
            await db.SaveChangesAsync(ct);
        }
        catch (InvalidDataException e)
        {
            ModelState.AddModelError("file", e.Message);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Success"] = activate ? "The model is installed and now codes this trust's new comments." : "The model is installed. Choose it below to make it active.";
        return RedirectToPage();
    }
}
