using System.Globalization;
using System.Security.Cryptography;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Equality;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Reports;

/// <summary>
/// What a builder template asks for: the board report's request (less its period, unless it is a fixed range of months),
/// and which of it to show.
/// </summary>
/// <param name="UnitIds">Chosen units of the trust; null for the whole trust or division.</param>
/// <param name="Range">The months a range template always runs; null for monthly or quarterly, which run the latest closed period.</param>
public sealed record ReportChoices(int TrustId, int? DivisionId, string Period, IReadOnlyList<string> Sources, IReadOnlyList<string> Sections,
    IReadOnlyList<int>? UnitIds = null, ReportPeriod? Range = null)
{
    /// <summary>
    /// The sections shown: those chosen, less the FFT ones (summary, SPC, equality) when FFT is not a chosen source,
    /// because their figures are FFT's alone.
    /// </summary>
    public IReadOnlySet<string> ShownSections => Sections
        .Where(s => Sources.Contains(FeedbackSources.Fft) || !ReportTemplates.FftSections.Contains(s)).ToHashSet();
}

/// <summary>
/// The report builder's templates: a thin layer over <see cref="BoardReportQuery"/>. A template's report is the board
/// report for the same trust or division and period, showing only the chosen sections and sources, so its figures are
/// the board report's figures.
/// </summary>
public static class ReportTemplates
{
    public const string Entity = "report-template";
    /// <summary>The organisation choice that reports on the units ticked rather than a whole trust or division.</summary>
    public const string ChosenUnits = "units";
    public static readonly string[] Periods = [BoardReportPeriods.Monthly, BoardReportPeriods.Quarterly, ReportPeriod.Range];
    public const int NameLength = 200;
    public static readonly string[] FftSections = ["summary", "spc", "equality"];
    public static IReadOnlyList<ReportSection> Sections => BoardReportArchive.Sections;

    /// <summary>Reads and checks the builder's fields; null with an error on each field that is wrong.</summary>
    public static async Task<ReportChoices?> ValidateAsync(HeardDbContext db, ModelStateDictionary modelState, IReadOnlyList<(string Value, string Name)> organisations,
        IReadOnlyList<UnitChoice> unitChoices, BuilderFields fields, CancellationToken ct)
    {
        var (organisation, period, sources, sections) = (fields.Organisation, fields.Period, fields.Sources, fields.Sections);
        List<UnitChoice> chosenUnits = [];
        if (organisation == ChosenUnits && unitChoices.Count > 0)
        {
            chosenUnits = unitChoices.Where(u => fields.Units?.Contains(u.Id) == true).ToList();
            if (chosenUnits.Count == 0) modelState.AddModelError("Units", "Select at least one unit to report on");
            else if (chosenUnits.Select(u => u.TrustId).Distinct().Count() > 1) modelState.AddModelError("Units", "Select units of one trust: a report covers one trust");
        }
        else if (organisations.All(o => o.Value != organisation)) modelState.AddModelError("Organisation", "Select the trust, division or chosen units to report on");
        ReportPeriod? range = null;
        if (!Periods.Contains(period ?? "")) modelState.AddModelError("Period", "Select monthly, quarterly or a range of months");
        else if (period == ReportPeriod.Range) range = ValidateRange(modelState, fields.From, fields.To, DateOnly.FromDateTime(DateTime.UtcNow));
        var chosenSources = FeedbackSources.All.Where(s => sources?.Contains(s) == true).ToList();
        if (chosenSources.Count == 0) modelState.AddModelError("Sources", "Select at least one source of feedback");
        var chosenSections = Sections.Select(s => s.Key).Where(k => sections?.Contains(k) == true).ToList();
        if (chosenSections.Count == 0) modelState.AddModelError("Sections", "Select at least one section to include");
        else if (chosenSources.Count > 0 && !chosenSources.Contains(FeedbackSources.Fft) && chosenSections.All(FftSections.Contains))
            modelState.AddModelError("Sections", "Summary, FFT by setting and Equality show FFT figures: select the Friends and Family Test too, or another section");
        if (!modelState.IsValid) return null;
        if (chosenUnits.Count > 0)
            return new ReportChoices(chosenUnits[0].TrustId, null, period!, chosenSources, chosenSections, chosenUnits.Select(u => u.Id).ToList(), range);
        var (trust, division) = (await BoardReportArchive.ParseOrganisationAsync(db, organisation, ct))!.Value;
        return new ReportChoices(trust, division, period!, chosenSources, chosenSections, null, range);
    }

    /// <summary>
    /// Checks a range of months: both ends given, the first not after the last, the last not after this month, and no
    /// longer than <see cref="ReportPeriod.MaxRangeMonths"/>. Errors go on From and To.
    /// </summary>
    public static ReportPeriod? ValidateRange(ModelStateDictionary modelState, string? from, string? to, DateOnly today)
    {
        var first = ReportPeriod.ParseMonth(from);
        var last = ReportPeriod.ParseMonth(to);
        var thisMonth = DashboardFilter.MonthOf(today);
        if (first is null) modelState.AddModelError("From", "Select the first month of the range");
        else if (first > thisMonth) modelState.AddModelError("From", "The first month must be this month or earlier");
        if (last is null) modelState.AddModelError("To", "Select the last month of the range");
        else if (last > thisMonth) modelState.AddModelError("To", "The last month must be this month or earlier");
        if (first is not int f || last is not int l || f > thisMonth || l > thisMonth) return null;
        var range = ReportPeriod.Between(f, l);
        if (f > l) modelState.AddModelError("From", "The first month must be the same as or before the last month");
        else if (range.Months > ReportPeriod.MaxRangeMonths) modelState.AddModelError("To", $"A range can be at most {ReportPeriod.MaxRangeMonths} months");
        else return range;
        return null;
    }

    public static ReportChoices Choices(ReportTemplate t) =>
        new(t.TrustId, t.DivisionId, t.Period, Split(t.Sources), Split(t.Sections),
            t.UnitIds is null ? null : Split(t.UnitIds).Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToList(),
            t.Period == ReportPeriod.Range && t.FromMonth is int f && t.ToMonth is int l ? ReportPeriod.Between(f, l) : null);

    /// <summary>Writes the choices onto a template's columns.</summary>
    public static void Apply(ReportTemplate t, ReportChoices c)
    {
        t.TrustId = c.TrustId;
        t.DivisionId = c.DivisionId;
        t.Period = c.Period;
        t.Sources = Join(c.Sources);
        t.Sections = Join(c.Sections);
        t.UnitIds = c.UnitIds is null ? null : string.Join(",", c.UnitIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        (t.FromMonth, t.ToMonth) = (c.Range?.FromMonth, c.Range?.ToMonth);
    }

    public static string Organisation(ReportChoices c) =>
        c.UnitIds is not null ? ChosenUnits : c.DivisionId is int d ? $"division-{d}" : $"trust-{c.TrustId}";

    /// <summary>
    /// The units a builder user may tick: every unit in their scope, with its trust and division for grouping.
    /// </summary>
    public static async Task<List<UnitChoice>> UnitChoicesAsync(HeardDbContext db, HashSet<int>? scope, CancellationToken ct)
    {
        var rows = await (from u in db.Units.AsNoTracking()
                          join t in db.Trusts on u.TrustId equals t.Id
                          join d in db.Divisions on u.DivisionId equals d.Id into ds
                          from d in ds.DefaultIfEmpty()
                          select new { u.Id, u.Name, u.TrustId, TrustName = t.Name, DivisionName = d == null ? null : d.Name }).ToListAsync(ct);
        return rows.Where(r => scope is null || scope.Contains(r.Id))
            .Select(r => new UnitChoice(r.Id, r.Name, r.TrustId, r.TrustName, r.DivisionName ?? "Units without a division"))
            .OrderBy(u => u.TrustName, StringComparer.Ordinal).ThenBy(u => u.DivisionName, StringComparer.Ordinal).ThenBy(u => u.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The template's units that this viewer sees: a shared link never shows a unit outside the viewer's scope, so it
    /// reports on fewer units for someone who sees fewer. Empty when they see none of them.
    /// </summary>
    public static IReadOnlyList<int> VisibleUnits(ReportChoices c, HashSet<int>? scope) =>
        (c.UnitIds ?? []).Where(id => scope is null || scope.Contains(id)).ToList();

    /// <summary>
    /// Whether the viewer may open a template: for chosen units, when they see at least one of them (and then only those);
    /// for a trust or division, when they see all of it, as the board report asks.
    /// </summary>
    public static async Task<bool> MayReadAsync(HeardDbContext db, HashSet<int>? scope, ReportChoices c, CancellationToken ct) =>
        c.UnitIds is not null ? VisibleUnits(c, scope).Count > 0 : await BoardReportQuery.MayReadAsync(db, scope, c.TrustId, c.DivisionId, ct);

    /// <summary>The choices as this viewer may see them: chosen units narrowed to their scope.</summary>
    public static ReportChoices ForViewer(ReportChoices c, HashSet<int>? scope) =>
        c.UnitIds is null ? c : c with { UnitIds = VisibleUnits(c, scope) };

    /// <summary>The board report's figures for the choices and period, with only the chosen sources' records.</summary>
    public static async Task<BoardReportFigures?> GenerateAsync(HeardDbContext db, ReportChoices c, ReportPeriod period, IConfiguration config, CancellationToken ct)
    {
        var figures = await BoardReportQuery.GenerateAsync(db, new BoardReportRequest(c.TrustId, c.DivisionId, period, c.UnitIds), EqualityRequest.MinimumGroupSize(config), ct);
        return figures is null ? null : figures with { Sources = figures.Sources.Where(s => c.Sources.Contains(s.Source)).ToList() };
    }

    /// <summary>The period to run when none is asked for: the latest month or quarter that has closed.</summary>
    public static ReportPeriod LatestPeriod(string kind) => BoardReportScheduler.LatestClosed(kind, DateOnly.FromDateTime(DateTime.UtcNow));

    public static string NewShareToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Link(string token) => $"/Reports/Template/{token}";

    public static string Describe(ReportChoices c) =>
        (c.Range is { } r ? r.Label : ReportPeriod.KindLabel(c.Period)) +
        (c.UnitIds is { } units ? $"; {units.Count} chosen {(units.Count == 1 ? "unit" : "units")}" : "") + $"; sources: {string.Join(", ", c.Sources.Select(FeedbackSources.Label))}; " +
        $"sections: {string.Join(", ", Sections.Where(s => c.Sections.Contains(s.Key)).Select(s => s.Heading))}";

    private static List<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static string Join(IEnumerable<string> keys) => string.Join(",", keys);
}

/// <summary>A unit the builder offers, with the trust and division it is grouped under.</summary>
public sealed record UnitChoice(int Id, string Name, int TrustId, string TrustName, string DivisionName);

/// <summary>The builder form's choices as posted, before they are checked.</summary>
public sealed record BuilderFields(string? Organisation, IEnumerable<int>? Units, string? Period, string? From, string? To,
    IEnumerable<string>? Sources, IEnumerable<string>? Sections);
