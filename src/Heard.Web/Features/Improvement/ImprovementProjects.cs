using System.Globalization;
using Heard.Analysis.Spc;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Spc;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Improvement;

public static class ImprovementStatuses
{
    public const string Proposed = "proposed";
    public const string Active = "active";
    public const string Sustaining = "sustaining";
    public const string Closed = "closed";
    public static readonly string[] All = [Proposed, Active, Sustaining, Closed];

    public static string Label(string status) => status switch
    {
        Proposed => "Proposed",
        Active => "Testing changes",
        Sustaining => "Sustaining the change",
        Closed => "Closed",
        _ => status,
    };
}

public static class PdsaDecisions
{
    public const string Adopt = "adopt";
    public const string Adapt = "adapt";
    public const string Abandon = "abandon";
    public static readonly string[] All = [Adopt, Adapt, Abandon];
}

/// <summary>A project's measure drawn as its SPC chart, or why it cannot be.</summary>
public sealed record ImprovementChart(ImprovementMeasure Measure, string Label, SpcView? View, SpcChart? Chart, SpcChartDrawing? Drawing, string? Missing);

/// <summary>
/// Which projects a user sees and may change, and their measures' charts. A project is seen by users who can see its
/// trust and, unless it is trust-wide, one of its units; changing it needs <see cref="Policies.ManageImprovement"/> and
/// every unit it covers (the whole trust for a trust-wide project), as for change points on SPC charts.
/// </summary>
public static class ImprovementProjects
{
    public static async Task<List<ImprovementProject>> VisibleAsync(HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var units = await user.UnitIdsAsync(ct);
        var trusts = await user.TrustIdsAsync(ct);
        var projects = await db.ImprovementProjects.AsNoTracking().Include(p => p.Units).ToListAsync(ct);
        return projects.Where(p => IsVisible(p, units, trusts)).ToList();
    }

    public static bool IsVisible(ImprovementProject p, HashSet<int>? units, HashSet<int>? trusts) =>
        units is null || (trusts!.Contains(p.TrustId) && (p.Units.Count == 0 || p.Units.Any(u => units.Contains(u.UnitId))));

    public static async Task<ImprovementProject?> FindVisibleAsync(HeardDbContext db, CurrentUser user, long id, CancellationToken ct)
    {
        var project = await db.ImprovementProjects.Include(p => p.Units).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null) return null;
        return IsVisible(project, await user.UnitIdsAsync(ct), await user.TrustIdsAsync(ct)) ? project : null;
    }

    public static async Task<bool> MayEditAsync(HeardDbContext db, CurrentUser user, IAuthorizationService auth, int trustId, IEnumerable<int> unitIds, CancellationToken ct)
    {
        if (!(await auth.AuthorizeAsync(user.Principal, Policies.ManageImprovement)).Succeeded) return false;
        var scope = await user.UnitIdsAsync(ct);
        if (scope is null) return true;
        var covered = unitIds.ToList();
        if (covered.Count == 0)
            covered = await db.Units.AsNoTracking().Where(u => u.TrustId == trustId).Select(u => u.Id).ToListAsync(ct);
        return covered.Count > 0 && covered.All(scope.Contains);
    }

    /// <summary>
    /// The measure's chart from <see cref="SpcQuery"/>, evaluated again with new limits from each cycle marked as a change
    /// (as well as the chart's own change points), so the project page shows whether each change shifted the process.
    /// </summary>
    public static async Task<ImprovementChart> ChartAsync(HeardDbContext db, ImprovementProject project, ImprovementMeasure measure,
        IReadOnlyList<PdsaCycle> cycles, HashSet<int>? scope, CancellationToken ct)
    {
        var metric = SpcMetrics.Find(measure.Metric);
        if (metric is null) return new(measure, measure.Metric, null, null, null, "This measure is no longer charted.");
        var filter = new SpcFilter(project.TrustId, measure.DivisionId, measure.UnitId, metric.Key, measure.Theme.Length == 0 ? null : measure.Theme, false, null);
        var view = await SpcQuery.LoadAsync(db, filter, scope, ct);
        var label = metric.Label + (measure.Theme.Length > 0 ? $" ({measure.Theme})" : "");
        if (view is null) return new(measure, label, null, null, null, "This chart covers part of the organisation outside your access.");
        label += $": {view.Title}";
        if (view.Months.Count == 0) return new(measure, label, view, null, null, "No months with data for this measure yet.");

        var months = view.Months;
        int IndexOf(DateOnly d) => months.ToList().FindIndex(m => DashboardFilter.StartOf(m.Month) >= d);
        var changes = new List<(int Index, string Note)>();
        foreach (var c in view.ChangePoints.Where(c => c.StartsAtMonth is not null))
            changes.Add((months.ToList().FindIndex(m => m.Month == c.StartsAtMonth), c.Note));
        foreach (var c in cycles.Where(c => c.IsChange))
        {
            var i = IndexOf(c.StartedOn);
            if (i > 0) changes.Add((i, $"PDSA cycle {c.Number}: {c.Plan}"));
        }
        changes = changes.GroupBy(c => c.Index).Select(g => (g.Key, string.Join("; ", g.Select(c => c.Note)))).OrderBy(c => c.Key).ToList();
        var chart = XmrChart.Evaluate(months.Select(m => m.Value).ToArray(),
            new SpcOptions { Improvement = metric.Improvement, RebaseAt = changes.Select(c => c.Index).ToList() });
        var labels = months.Select(m => DashboardFilter.Label(m.Month)).ToList();
        var special = chart.Points.Count(p => p.IsSpecialCause);
        var description = $"XmR chart of {metric.Label.ToLowerInvariant()} for {view.Title}, {labels[0]} to {labels[^1]}, {months.Count} months, "
            + $"with new limits from {changes.Count} change{(changes.Count == 1 ? "" : "s")}. {special} special-cause point{(special == 1 ? "" : "s")}. "
            + $"Latest month: {SpcChartSvg.Describe(chart.Variation).ToLowerInvariant()}.";
        var drawing = new SpcChartDrawing("measure-" + measure.Id.ToString(CultureInfo.InvariantCulture), label, description, chart, labels, 1,
            metric.Unit, Spc.IndexModel.Decimals(metric), changes);
        return new(measure, label, view, chart, drawing, null);
    }

}
