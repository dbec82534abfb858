using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.QualityAccount;

/// <summary>
/// Drafts the patient experience section of a trust's Quality Account for a financial year, as a page and as Word. It
/// speaks for the whole trust, so only the PX team whose scope holds every unit of the trust may draft it.
/// </summary>
[Authorize(Policy = Policies.DraftQualityAccount)]
public sealed class IndexModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Trust { get; set; }
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }

    public List<(int Id, string Name)> Trusts { get; private set; } = [];
    public List<FinancialYear> Years { get; private set; } = [];
    public QualityAccountDraft? Draft { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetDocxAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } problem) return problem;
        if (Draft is null) return RedirectToPage();
        await audit.RecordNowAsync(Audit.Actions.Export, "quality-account", Draft.TrustId, $"patient experience draft {Draft.Year.Label} (Word)", ct);
        return File(QualityAccountDocument.Write(Draft), QualityAccountDocument.ContentType,
            $"quality-account-patient-experience-{Draft.Year.StartYear}-{(Draft.Year.StartYear + 1) % 100:00}.docx");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Trusts = await WholeTrustsAsync(ct);
        if (Trusts.Count == 0) return Trust is null ? null : NotFound();
        var trust = Trust ?? Trusts[0].Id;
        if (Trusts.All(t => t.Id != trust)) return NotFound();
        Trust = trust;
        Years = await QualityAccountQuery.YearsAsync(db, trust, ct);
        if (Years.Count == 0) return null;
        FinancialYear year;
        if (FinancialYear.TryParse(Year, out var asked)) year = asked;
        else
        {
            // A Quality Account looks back on a year that has ended: the latest full year with figures, else the latest.
            var latest = await db.FftMonthly.AsNoTracking().Where(m => m.TrustId == trust).MaxAsync(m => m.Month, ct);
            year = Years.FirstOrDefault(y => y.ToMonth <= latest, Years[0]);
        }
        Year = year.Label;
        Draft = await QualityAccountQuery.BuildAsync(db, trust, year, ct);
        return null;
    }

    /// <summary>Trusts every one of whose units is in the user's scope.</summary>
    private async Task<List<(int Id, string Name)>> WholeTrustsAsync(CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.TrustId }).ToListAsync(ct);
        var trusts = await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        return trusts.Where(t => units.Any(u => u.TrustId == t.Id) && units.Where(u => u.TrustId == t.Id).All(u => scope is null || scope.Contains(u.Id)))
            .Select(t => (t.Id, t.Name)).ToList();
    }
}
