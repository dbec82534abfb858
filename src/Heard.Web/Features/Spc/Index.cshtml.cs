using System.Globalization;
using Heard.Analysis.Spc;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Spc;

/// <summary>
/// Statistical process control ("Making Data Count") for a trust, division or unit and one measure, month by month:
/// an XmR chart (or a p-chart for shares), its special causes, and the change points staff have marked on it.
/// Counts only, so every role may see it; marking change points needs <see cref="Policies.ManageSpcChangePoints"/>.
/// </summary>
public sealed class IndexModel(HeardDbContext db, CurrentUser user, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Trust { get; set; }
    [BindProperty(SupportsGet = true)] public int? Division { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Metric { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Chart { get; set; }
    [BindProperty(SupportsGet = true)] public string? Target { get; set; }

    [BindProperty] public string? ChangeDate { get; set; }
    [BindProperty] public string? ChangeNote { get; set; }

    public SpcView? View { get; private set; }
    public bool CanMark { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await LoadAsync(ct);
        return result ?? Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var result = await LoadAsync(ct);
        if (result is not null) return result;
        if (!CanMark) return Forbid();
        var v = View!;
        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(ChangeDate)) ModelState.AddModelError(nameof(ChangeDate), "Enter the date the change took effect");
        else if (!DateOnly.TryParseExact(ChangeDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            ModelState.AddModelError(nameof(ChangeDate), "Enter the date as year, month and day, for example 2026-03-01");
        var note = ChangeNote?.Trim() ?? "";
        if (note.Length == 0) ModelState.AddModelError(nameof(ChangeNote), "Say what changed, for example \"new discharge lounge opened\"");
        else if (note.Length > 200) ModelState.AddModelError(nameof(ChangeNote), "Keep the note to 200 characters or fewer");
        if (!ModelState.IsValid) return Page();

        var f = v.Filter;
        db.SpcChangePoints.Add(new SpcChangePoint
        {
            TrustId = f.TrustId!.Value, DivisionId = f.DivisionId, UnitId = f.UnitId, Metric = f.Metric, Theme = f.Theme ?? "",
            EffectiveOn = date, Note = note, CreatedBy = user.Name, CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Change point added: {note} ({date:d MMM yyyy}). The chart starts new limits from the first month on or after it.";
        return Redirect(SpcQuery.Link(f));
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken ct)
    {
        var result = await LoadAsync(ct);
        if (result is not null) return result;
        if (!CanMark) return Forbid();
        var f = View!.Filter;
        var changePoint = await db.SpcChangePoints.FirstOrDefaultAsync(c => c.Id == id && c.TrustId == f.TrustId && c.Metric == f.Metric
            && c.Theme == (f.Theme ?? "") && c.UnitId == f.UnitId && c.DivisionId == f.DivisionId, ct);
        if (changePoint is null) return NotFound();
        db.SpcChangePoints.Remove(changePoint);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Change point removed: {changePoint.Note} ({changePoint.EffectiveOn:d MMM yyyy}).";
        return Redirect(SpcQuery.Link(f));
    }

    /// <summary>Loads the chart; a result to return at once when the request is bad or the slice is not the user's.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var (filter, errors) = SpcRequest.Parse(Trust, Division, Unit, Metric, Theme, Chart, Target);
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        var scope = await user.UnitIdsAsync(ct);
        View = await SpcQuery.LoadAsync(db, filter, scope, ct);
        if (View is null) return Trust is not null || Division is not null || Unit is not null ? NotFound() : null;
        var f = View.Filter;
        CanMark = (await authorization.AuthorizeAsync(User, Policies.ManageSpcChangePoints)).Succeeded
            && await SpcRequest.MayMarkAsync(db, scope, f.TrustId!.Value, f.DivisionId, f.UnitId, ct);
        return null;
    }

    public SpcChartDrawing Drawing()
    {
        var v = View!;
        var m = v.Metric;
        var labels = v.Months.Select(x => DashboardFilter.Label(x.Month)).ToList();
        var kind = v.Filter.PChart ? "p-chart" : "XmR chart";
        var special = v.Chart.Points.Count(p => p.IsSpecialCause);
        var description = v.Months.Count == 0
            ? "No months with data."
            : $"{kind} of {m.Label.ToLowerInvariant()} for {v.Title}, {labels[0]} to {labels[^1]}, {v.Months.Count} months. "
              + $"{special} special-cause point{(special == 1 ? "" : "s")}. Latest month: {SpcChartSvg.Describe(v.Chart.Variation).ToLowerInvariant()}. "
              + $"{SpcChartSvg.Describe(v.Chart.Assurance)}. The table below the chart gives every figure.";
        var changes = v.ChangePoints.Where(c => c.StartsAtMonth is not null)
            .Select(c => (v.Months.ToList().FindIndex(x => x.Month == c.StartsAtMonth), c.Note)).ToList();
        return new SpcChartDrawing("spc-chart", $"{m.Label}: {v.Title}", description, v.Chart, labels, v.Scale, m.Unit, Decimals(m), changes);
    }

    public static int Decimals(SpcMetric m) => m.Measure switch { SpcMeasure.Proportion => 1, SpcMeasure.Count => 1, _ => 2 };
}
