using System.Globalization;

namespace Heard.Web.Features.Reports;

/// <summary>A piece of the printed report: the PDF and Word writers draw the same list.</summary>
public abstract record ReportBlock
{
    public sealed record Heading(string Text, int Level) : ReportBlock;
    public sealed record Paragraph(string Text) : ReportBlock;
    /// <param name="Icons">Optional, for each row, an icon to draw before a cell's words (null for none).</param>
    public sealed record Table(double[] Widths, string[] Header, IReadOnlyList<string[]> Rows, IReadOnlyList<ReportIcon?[]>? Icons = null) : ReportBlock;
    public sealed record PageBreak : ReportBlock;
}

/// <summary>
/// An NHS "Making Data Count" style icon for print: a coloured circle with a letter. The cell keeps its words, so the
/// icon only repeats what they say; <see cref="SpcIcons.Legend"/> explains the icons under the table.
/// </summary>
/// <param name="Fill">Circle colour, as hex RGB ("ED8B00").</param>
/// <param name="Ink">Letter colour, chosen to contrast with the fill.</param>
public sealed record ReportIcon(string Letter, string Fill, string Ink);

/// <summary>The SPC variation and assurance icons, in the NHS colours: orange for concern, blue for improvement, grey for common cause.</summary>
public static class SpcIcons
{
    public const string Orange = "ED8B00";
    public const string Blue = "005EB8";
    public const string Purple = "330072";
    public const string Grey = "AEB7BD";
    private const string Black = "000000";
    private const string White = "FFFFFF";

    public static ReportIcon? Variation(SpcSummaryRow r)
    {
        if (r.ChartMonths == 0) return null;
        var side = r.VariationHigh ? "H" : "L";
        return r.Variation switch
        {
            Analysis.Spc.SpcPointType.SpecialCauseConcern => new(side, Orange, Black),
            Analysis.Spc.SpcPointType.SpecialCauseImprovement => new(side, Blue, White),
            Analysis.Spc.SpcPointType.SpecialCauseNeutralHigh => new("H", Purple, White),
            Analysis.Spc.SpcPointType.SpecialCauseNeutralLow => new("L", Purple, White),
            _ => new("C", Grey, Black),
        };
    }

    public static ReportIcon? Assurance(SpcSummaryRow r) => r.Assurance switch
    {
        Analysis.Spc.SpcAssurance.Pass => new("P", Blue, White),
        Analysis.Spc.SpcAssurance.Fail => new("F", Orange, Black),
        Analysis.Spc.SpcAssurance.Inconsistent => new("?", Grey, Black),
        _ => null,
    };

    public const string Legend =
        "Icons: variation H or L (high or low) in orange is special cause of concern, in blue special cause of improvement, in purple special cause " +
        "neither better nor worse; grey C is common cause. Assurance: blue P consistently passes the target, orange F consistently fails it, " +
        "grey ? sometimes passes and sometimes fails.";
}

/// <summary>
/// The printed report's content in order: each section's figures, then its narrative. Links cannot be followed on paper,
/// so the last section lists the page in Heard that each table's figures come from.
/// </summary>
public static class BoardReportContent
{
    /// <param name="sections">The section keys a report builder template chose; null for every section.</param>
    public static IEnumerable<ReportBlock> Blocks(BoardReportFigures f, IReadOnlyDictionary<string, string> narratives, bool showComments, string generated,
        IReadOnlySet<string>? sections = null)
    {
        bool Shows(string key) => sections is null || sections.Contains(key);
        var sources = new List<string[]>();
        IEnumerable<ReportBlock> Narrative(string key)
        {
            if (narratives.TryGetValue(key, out var text) && !string.IsNullOrWhiteSpace(text)) yield return new ReportBlock.Paragraph(text);
        }
        var h = f.Headline;
        yield return new ReportBlock.Heading(f.Title, 1);
        yield return new ReportBlock.Paragraph($"{f.Units} {(f.Units == 1 ? "unit" : "units")}{(f.UnitNames is { } names ? ": " + string.Join(", ", names) : "")}. {generated}");
        if (Shows("summary"))
        {
            yield return new ReportBlock.Heading("Summary", 2);
            yield return new ReportBlock.Paragraph(
                $"{ReportFormat.Count(h.Responses)} FFT responses ({ReportFormat.Count(h.PreviousResponses)} in the previous period); " +
                $"{ReportFormat.Percent(h.PercentPositive)} positive (previously {ReportFormat.Percent(h.PreviousPercentPositive)}), " +
                $"{ReportFormat.Percent(h.PercentNegative)} negative; response rate {ReportFormat.Rate(h.ResponseRate)}.");
            sources.Add(["FFT headline", h.Link]);
            foreach (var b in Narrative("summary")) yield return b;
        }

        if (Shows("patient-story"))
        {
            yield return new ReportBlock.Heading("Patient story", 2);
            if (narratives.TryGetValue("patient-story", out var story) && !string.IsNullOrWhiteSpace(story)) yield return new ReportBlock.Paragraph(story);
            else yield return new ReportBlock.Paragraph("No patient story was added to this version.");
        }

        if (Shows("spc"))
        {
            yield return new ReportBlock.Heading("FFT by setting: SPC summary", 2);
            yield return new ReportBlock.Paragraph($"Percentage positive each month over up to {BoardReportQuery.SpcMonths} months to the end of the period (XmR chart); variation is the reading of the last month.");
            yield return new ReportBlock.Table([90, 55, 45, 45, 50, 45, 90, 75], ["Setting", "Responses", "Positive", "Negative", "Last month", "Mean", "Variation", "Assurance"],
                f.Spc.Select(r => new[]
                {
                    r.Label, ReportFormat.Count(r.Responses), ReportFormat.Percent(r.PercentPositive), ReportFormat.Percent(r.PercentNegative),
                    ReportFormat.Value(r.Latest), ReportFormat.Value(r.Mean), ReportFormat.Variation(r), r.Assurance == Analysis.Spc.SpcAssurance.None ? "No target" : ReportFormat.Assurance(r),
                }).ToList(),
                f.Spc.Select(r => new[] { null, null, null, null, null, null, SpcIcons.Variation(r), SpcIcons.Assurance(r) }).ToList());
            yield return new ReportBlock.Paragraph(SpcIcons.Legend);
            sources.AddRange(f.Spc.Select(r => new[] { $"FFT: {r.Label}", r.DashboardLink }));
            sources.Add(["SPC chart", f.Spc[0].SpcLink]);
            foreach (var b in Narrative("spc")) yield return b;
        }

        if (Shows("themes"))
        {
            yield return new ReportBlock.Heading("Themes that changed", 2);
            if (f.Themes.Count == 0) yield return new ReportBlock.Paragraph("No theme's share of comments changed between the two periods.");
            foreach (var t in f.Themes)
            {
                yield return new ReportBlock.Paragraph($"{t.Theme} ({t.Category}). {ReportFormat.ThemeMovement(t)}");
                if (showComments)
                    foreach (var c in t.Examples)
                        yield return new ReportBlock.Paragraph($"“{c.Text}” ({c.UnitName}, {c.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})");
                sources.Add([$"Theme: {t.Theme}", t.CommentsLink]);
            }
            if (f.Themes.Count > 0) sources.Add(["Themes", f.Themes[0].Link]);
            foreach (var b in Narrative("themes")) yield return b;
        }

        if (Shows("sources"))
        {
            yield return new ReportBlock.Heading("Complaints, PALS and other feedback", 2);
            if (f.Sources.Count == 0) yield return new ReportBlock.Paragraph("No complaints, PALS or other feedback records are held for this period.");
            else yield return new ReportBlock.Table([200, 100, 100], ["Source", "This period", "Previous period"],
                f.Sources.Select(s => new[] { s.Label, ReportFormat.Count(s.Records), ReportFormat.Count(s.PreviousRecords) }).ToList());
            sources.AddRange(f.Sources.Select(s => new[] { s.Label, s.Link }));
            foreach (var b in Narrative("sources")) yield return b;
        }

        if (Shows("alerts"))
        {
            yield return new ReportBlock.Heading("Early warnings", 2);
            if (f.Alerts.Count == 0) yield return new ReportBlock.Paragraph("No early-warning alerts were raised for months in this period.");
            else yield return new ReportBlock.Table([70, 60, 150, 50, 130], ["Unit", "Month", "Alert", "Status", "What was done"],
                f.Alerts.Select(a => new[] { a.UnitName, a.MonthName, a.Explanation, a.Status, a.ResolutionNote ?? "" }).ToList());
            foreach (var b in Narrative("alerts")) yield return b;
        }

        if (Shows("actions"))
        {
            yield return new ReportBlock.Heading("Actions and their impact", 2);
            if (f.Actions.Count == 0) yield return new ReportBlock.Paragraph("No improvement actions were open in this period.");
            else yield return new ReportBlock.Table([120, 70, 55, 55, 160], ["Action", "Unit", "Status", "Due", "Did it work?"],
                f.Actions.Select(a => new[] { a.Title, a.UnitName, a.Status + (a.OverdueAtPeriodEnd ? " (overdue at period end)" : ""),
                    a.DueOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture), a.Impact ?? "" }).ToList());
            foreach (var b in Narrative("actions")) yield return b;
        }

        if (Shows("equality"))
        {
            yield return new ReportBlock.Heading("Equality", 2);
            var e = f.Equality;
            yield return new ReportBlock.Paragraph(e.TooFewToBreakDown
                ? $"{ReportFormat.Count(e.Responses)} FFT responses: too few to break down by group (groups under {e.MinimumGroupSize} are never shown)."
                : $"{ReportFormat.Count(e.Responses)} FFT responses, {ReportFormat.Percent(e.PercentPositive)} positive. Groups under {e.MinimumGroupSize} are suppressed ({e.SuppressedGroups} hidden).");
            foreach (var line in e.Lines) yield return new ReportBlock.Paragraph(line);
            sources.Add(["Equality", e.Link]);
            foreach (var b in Narrative("equality")) yield return b;
        }

        yield return new ReportBlock.Heading("Where the figures come from", 2);
        yield return new ReportBlock.Paragraph(f.UnitNames is null
            ? "Each figure is the figure these pages in Heard show for the same trust or division and period."
            : "Each figure is the figure these pages in Heard show for the same period to someone whose access is the chosen units; the trust's pages list each unit.");
        yield return new ReportBlock.Table([150, 345], ["Figure", "Page in Heard"], sources);
    }
}
