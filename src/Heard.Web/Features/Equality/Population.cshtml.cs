using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Equality;

/// <summary>
/// Imports the make-up of the population a trust, site or unit serves: upload or paste the CSV, check the preview and every
/// problem by row number, then import. The CSV travels back in the form, so nothing is stored until it is imported.
/// </summary>
[Authorize(Policy = Policies.ImportData)]
public sealed class PopulationModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    /// <summary>Files this size hold a profile for every unit of a large trust many times over.</summary>
    public const int MaxBytes = 1 << 20;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Csv { get; set; }

    public PopulationPreview? Preview { get; private set; }
    public IReadOnlyList<(string Place, string Characteristic, int Groups, DateTime ImportedAt)> Current { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadCurrentAsync(ct);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > MaxBytes) ModelState.AddModelError(nameof(Upload), "The file must be 1 MB or smaller");
            else
            {
                using var reader = new StreamReader(Upload.OpenReadStream());
                Csv = await reader.ReadToEndAsync(ct);
            }
        }
        if (string.IsNullOrWhiteSpace(Csv) && ModelState.IsValid) ModelState.AddModelError(nameof(Upload), "Choose a CSV file or paste its contents");
        if (ModelState.IsValid)
            Preview = await PopulationImport.ReadAsync(db, PopulationImport.FromText(Csv!), await user.UnitIdsAsync(ct), import: false, user.Name, ct);
        await LoadCurrentAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Csv)) return RedirectToPage();
        Preview = await PopulationImport.ReadAsync(db, PopulationImport.FromText(Csv), await user.UnitIdsAsync(ct), import: true, user.Name, ct);
        if (!Preview.Imported)
        {
            await LoadCurrentAsync(ct);
            return Page();
        }
        await audit.RecordNowAsync(Audit.Actions.Import, "population_profile", null, $"{Preview.Rows.Count} population profile rows", ct);
        TempData["Success"] = $"Imported {Preview.Rows.Count} population profile rows";
        return RedirectToPage();
    }

    private async Task LoadCurrentAsync(CancellationToken ct)
    {
        var scope = await user.TrustIdsAsync(ct);
        var profiles = await db.PopulationProfiles.AsNoTracking().ToListAsync(ct);
        var trusts = await db.Trusts.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Current = profiles.Where(p => scope is null || scope.Contains(p.TrustId))
            .GroupBy(p => (p.Level, p.ScopeId, p.Characteristic))
            .Select(g => (g.Key.Level switch
            {
                Heard.Data.Model.PopulationLevels.Trust => trusts.GetValueOrDefault(g.Key.ScopeId, "?"),
                Heard.Data.Model.PopulationLevels.Site => sites.GetValueOrDefault(g.Key.ScopeId, "?"),
                _ => units.GetValueOrDefault(g.Key.ScopeId, "?"),
            }, g.Key.Characteristic, g.Count(), g.Max(p => p.ImportedAt)))
            .OrderBy(x => x.Item1, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.Characteristic, StringComparer.Ordinal).ToList();
    }
}
