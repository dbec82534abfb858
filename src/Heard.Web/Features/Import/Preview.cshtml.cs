using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Import;

public sealed class PreviewModel(HeardDbContext db, UploadStore uploads, ImportJobs jobs, CurrentUser user, Audit audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string Kind { get; set; } = ImportKinds.Fft;
    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "upload.csv";
    /// <summary>For each unknown unit (by index in the preview): "create" or the id of the unit to map it to.</summary>
    [BindProperty] public List<string> Choice { get; set; } = [];

    public FilePreview Preview { get; private set; } = null!;
    public Dictionary<int, List<(int Id, string Name)>> UnitsBySite { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var path = uploads.PathFor(Id);
        if (!System.IO.File.Exists(path) || !ImportKinds.All.Contains(Kind)) return false;
        Preview = await FilePreview.ReadAsync(path, Kind, db, ct);
        var sites = Preview.UnknownUnits.Where(u => u.SiteId is not null).Select(u => u.SiteId!.Value).Distinct().ToList();
        foreach (var g in (await db.Units.AsNoTracking().Where(u => sites.Contains(u.SiteId)).Select(u => new { u.Id, u.Name, u.SiteId }).ToListAsync(ct)).GroupBy(u => u.SiteId))
            UnitsBySite[g.Key] = g.OrderBy(u => u.Name).Select(u => (u.Id, u.Name)).ToList();
        return true;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Preview.HeaderError is not null) return Page();
        var scope = await user.UnitIdsAsync(ct);
        for (var i = 0; i < Preview.UnknownUnits.Count && i < Choice.Count; i++)
        {
            var unknown = Preview.UnknownUnits[i];
            if (!int.TryParse(Choice[i], out var target) || unknown.SiteId is null) continue;
            if (scope is not null && !scope.Contains(target)) return Forbid();
            if (!await db.Units.AnyAsync(u => u.Id == target, ct)) continue;
            db.UnitAliases.Add(new UnitAlias { UnitId = target, SiteId = unknown.SiteId.Value, Alias = unknown.Unit });
            audit.Record(Audit.Actions.Create, "unit_alias", target, $"'{unknown.Unit}' at site {unknown.Site} maps to unit {target}");
        }
        await db.SaveChangesAsync(ct);
        var job = jobs.Start(uploads.PathFor(Id), Name, Kind, user.Name, createUnknownUnits: true);
        return RedirectToPage("Progress", new { job = job.Id });
    }
}
