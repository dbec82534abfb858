using System.Security.Cryptography;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Equality;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Reports;

/// <summary>What a builder template asks for: the board report's request less its period, and which of it to show.</summary>
public sealed record ReportChoices(int TrustId, int? DivisionId, string Period, IReadOnlyList<string> Sources, IReadOnlyList<string> Sections)
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
    public const int NameLength = 200;
    public static readonly string[] FftSections = ["summary", "spc", "equality"];
    public static IReadOnlyList<ReportSection> Sections => BoardReportArchive.Sections;

    /// <summary>Reads and checks the builder's fields; null with an error on each field that is wrong.</summary>
    public static async Task<ReportChoices?> ValidateAsync(HeardDbContext db, ModelStateDictionary modelState, IReadOnlyList<(string Value, string Name)> organisations,
        string? organisation, string? period, IEnumerable<string>? sources, IEnumerable<string>? sections, CancellationToken ct)
    {
        if (organisations.All(o => o.Value != organisation)) modelState.AddModelError("Organisation", "Select the trust or division to report on");
        if (!BoardReportPeriods.All.Contains(period ?? "")) modelState.AddModelError("Period", "Select monthly or quarterly");
        var chosenSources = FeedbackSources.All.Where(s => sources?.Contains(s) == true).ToList();
        if (chosenSources.Count == 0) modelState.AddModelError("Sources", "Select at least one source of feedback");
        var chosenSections = Sections.Select(s => s.Key).Where(k => sections?.Contains(k) == true).ToList();
        if (chosenSections.Count == 0) modelState.AddModelError("Sections", "Select at least one section to include");
        else if (chosenSources.Count > 0 && !chosenSources.Contains(FeedbackSources.Fft) && chosenSections.All(FftSections.Contains))
            modelState.AddModelError("Sections", "Summary, FFT by setting and Equality show FFT figures: select the Friends and Family Test too, or another section");
        if (!modelState.IsValid) return null;
        var (trust, division) = (await BoardReportArchive.ParseOrganisationAsync(db, organisation, ct))!.Value;
        return new ReportChoices(trust, division, period!, chosenSources, chosenSections);
    }

    public static ReportChoices Choices(ReportTemplate t) =>
        new(t.TrustId, t.DivisionId, t.Period, Split(t.Sources), Split(t.Sections));

    public static string Organisation(ReportChoices c) => c.DivisionId is int d ? $"division-{d}" : $"trust-{c.TrustId}";

    /// <summary>The board report's figures for the choices and period, with only the chosen sources' records.</summary>
    public static async Task<BoardReportFigures?> GenerateAsync(HeardDbContext db, ReportChoices c, ReportPeriod period, IConfiguration config, CancellationToken ct)
    {
        var figures = await BoardReportQuery.GenerateAsync(db, new BoardReportRequest(c.TrustId, c.DivisionId, period), EqualityRequest.MinimumGroupSize(config), ct);
        return figures is null ? null : figures with { Sources = figures.Sources.Where(s => c.Sources.Contains(s.Source)).ToList() };
    }

    /// <summary>The period to run when none is asked for: the latest month or quarter that has closed.</summary>
    public static ReportPeriod LatestPeriod(string kind) => BoardReportScheduler.LatestClosed(kind, DateOnly.FromDateTime(DateTime.UtcNow));

    public static string NewShareToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Link(string token) => $"/Reports/Template/{token}";

    public static string Describe(ReportChoices c) =>
        $"{ReportPeriod.KindLabel(c.Period)}; sources: {string.Join(", ", c.Sources.Select(FeedbackSources.Label))}; " +
        $"sections: {string.Join(", ", Sections.Where(s => c.Sections.Contains(s.Key)).Select(s => s.Heading))}";

    private static List<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static string Join(IEnumerable<string> keys) => string.Join(",", keys);
}
