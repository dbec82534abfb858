using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Heard.Analysis.SelfAssessment;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>What a re-opened Word document holds: the round's details and, per requirement id, its answer.</summary>
public sealed record ImportedRound(int? RoundId, string? Title, DateOnly? PeriodStart, DateOnly? PeriodEnd, IReadOnlyDictionary<string, ImportedAnswer> Answers, IReadOnlyList<string> Problems);

public sealed record ImportedAnswer(int? Score, string? CurrentPosition, string? PlannedAction, string? WhatGoodLooksLike);

/// <summary>
/// The round as a Word document for the board, written so it can be read back: a details table (headed "Heard
/// self-assessment") and, per characteristic, a table headed Ref | Requirement | Score (0-5) | Current position | Planned
/// action | What good looks like. Edits made in Word to the score and the three narrative columns come back on re-open;
/// the requirement text is the framework's and is never read back. Each line of a cell is a paragraph, so line breaks survive.
/// </summary>
public static class RoundDocument
{
    public const string DetailsHeading = "Heard self-assessment";
    public const string RefHeading = "Ref";
    private static readonly string[] AnswerHeadings = [RefHeading, "Requirement", "Score (0-5)", "Current position", "Planned action", "What good looks like"];

    public static byte[] Write(RoundDetail round)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            var r = round.Round;
            body.Append(Heading(ImprovementFramework.Title + ": self-assessment", 1));
            body.Append(Para($"{r.Organisation}. {r.Title}."));
            body.Append(Para($"Period {Date(r.PeriodStart)} to {Date(r.PeriodEnd)}. Status: {r.Status}. {r.Scored} of {r.Total} requirements scored" +
                (r.OverallScore is { } o ? $"; mean score {o:0.0} out of 5." : ".")));
            body.Append(Para("This assessment tracks one organisation over time. It is not a comparison or league table, and scores are for the organisation's own use."));
            body.Append(Table(
                [[DetailsHeading, ""], ["Round", r.Id.ToString(CultureInfo.InvariantCulture)], ["Title", r.Title], ["Organisation", r.Organisation],
                 ["Period start", Iso(r.PeriodStart)], ["Period end", Iso(r.PeriodEnd)], ["Status", r.Status]], header: true));

            body.Append(Heading("What the scores mean", 2));
            body.Append(Table([["Score", "Meaning"], .. ImprovementFramework.ScoreMeanings.Select(m => new[] { m.Score.ToString(CultureInfo.InvariantCulture), $"{m.Label}: {m.Meaning}" })], header: true));

            body.Append(Heading("Summary by section", 2));
            body.Append(Table([["Section", "Scored", "Mean score"], .. round.Sections.Select(s => new[] { $"{s.Number}. {s.Title}", $"{s.Scored} of {s.Total}", s.Score is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "not scored" })], header: true));

            foreach (var s in round.Sections)
            {
                body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
                body.Append(Heading($"{s.Number}. {s.Title}", 1));
                body.Append(Para(ImprovementFramework.Sections[s.Number - 1].Description));
                foreach (var c in s.Characteristics)
                {
                    body.Append(Heading($"Characteristic {c.Number}", 2));
                    body.Append(Para(c.Characteristic));
                    var rows = new List<string[]> { AnswerHeadings };
                    rows.AddRange(c.Requirements.Select(q => new[]
                    {
                        q.RequirementId, q.Requirement, q.Score?.ToString(CultureInfo.InvariantCulture) ?? "",
                        q.CurrentPosition ?? "", q.PlannedAction ?? "", q.WhatGoodLooksLike ?? "",
                    }));
                    body.Append(Table(rows, header: true));
                    foreach (var q in c.Requirements.Where(q => q.Evidence.Count > 0))
                        body.Append(Para($"Evidence for {q.RequirementId}: " + string.Join("; ", q.Evidence.Select(e => $"{e.Label} ({e.Href})"))));
                }
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = 1000, Bottom = 1000, Left = 1000, Right = 1000, Header = 500, Footer = 500, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Reads a document written by <see cref="Write"/> (and perhaps edited in Word). Unknown refs and bad scores are named, not guessed.</summary>
    public static ImportedRound Read(Stream stream)
    {
        var problems = new List<string>();
        var answers = new Dictionary<string, ImportedAnswer>(StringComparer.OrdinalIgnoreCase);
        int? roundId = null;
        string? title = null;
        DateOnly? start = null, end = null;
        using var doc = WordprocessingDocument.Open(stream, false);
        var body = doc.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("The file is not a Word document with a body.");
        foreach (var table in body.Elements<Table>())
        {
            var rows = table.Elements<TableRow>().Select(row => row.Elements<TableCell>().Select(CellText).ToList()).ToList();
            if (rows.Count == 0 || rows[0].Count == 0) continue;
            if (rows[0][0] == DetailsHeading)
            {
                foreach (var row in rows.Skip(1).Where(x => x.Count >= 2))
                {
                    switch (row[0])
                    {
                        case "Round": roundId = int.TryParse(row[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null; break;
                        case "Title": title = row[1]; break;
                        case "Period start": start = DateOnly.TryParseExact(row[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s) ? s : null; break;
                        case "Period end": end = DateOnly.TryParseExact(row[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e) ? e : null; break;
                    }
                }
            }
            else if (rows[0][0] == RefHeading && rows[0].Count >= AnswerHeadings.Length)
            {
                foreach (var row in rows.Skip(1).Where(x => x.Count >= AnswerHeadings.Length))
                {
                    var id = row[0].Trim();
                    if (!ImprovementFramework.RequirementsById.TryGetValue(id, out var requirement))
                    {
                        problems.Add($"\"{id}\" is not a requirement of the framework; that row was skipped.");
                        continue;
                    }
                    int? score = null;
                    var scoreText = row[2].Trim();
                    if (scoreText.Length > 0)
                    {
                        if (int.TryParse(scoreText, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v is >= ImprovementFramework.MinimumScore and <= ImprovementFramework.MaximumScore) score = v;
                        else problems.Add($"{requirement.Id}: the score \"{scoreText}\" is not a whole number from 0 to 5; it was left unscored.");
                    }
                    answers[requirement.Id] = new ImportedAnswer(score, Blank(row[3]), Blank(row[4]), Blank(row[5]));
                }
            }
        }
        if (answers.Count == 0) problems.Add("The document has no requirement tables headed \"Ref\": it was not exported from Heard's self-assessment.");
        return new ImportedRound(roundId, title, start, end, answers, problems);
    }

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static string CellText(TableCell cell) =>
        string.Join("\n", cell.Elements<Paragraph>().Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text)))).Trim();

    private static string Date(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static Paragraph Para(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    internal static Paragraph Heading(string text, int level) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = $"Heading{level}" }), new Run(new Text(text)));

    internal static Table Table(IEnumerable<string[]> rows, bool header)
    {
        var border = () => new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border(), new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        var first = true;
        foreach (var cells in rows)
        {
            var row = new TableRow();
            if (first && header) row.Append(new TableRowProperties(new TableHeader()));
            foreach (var text in cells)
            {
                var cell = new TableCell();
                foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
                {
                    var run = new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve });
                    if (first && header) run.PrependChild(new RunProperties(new Bold()));
                    cell.Append(new Paragraph(run));
                }
                row.Append(cell);
            }
            table.Append(row);
            first = false;
        }
        return table;
    }

    /// <summary>Arial body text and two heading levels; sizes in half-points.</summary>
    internal static void AddStyles(MainDocumentPart main, string normalSize = "20", string heading2Size = "24")
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        Style HeadingStyle(int level, string size) => new(
            new StyleName { Val = $"heading {level}" }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" },
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = level - 1 }),
            new StyleRunProperties(new Bold(), new FontSize { Val = size }))
        { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" };
        styles.Styles = new Styles(
            new Style(new StyleName { Val = "Normal" }, new StyleRunProperties(new RunFonts { Ascii = "Arial", HighAnsi = "Arial" }, new FontSize { Val = normalSize }))
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            HeadingStyle(1, "32"), HeadingStyle(2, heading2Size));
        styles.Styles.Save();
    }
}
