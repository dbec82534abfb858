using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Heard.Web.Features.SelfAssessment;

namespace Heard.Web.Features.Reports;

/// <summary>The report as a Word document, for papers that are edited further; the same content as the PDF.</summary>
public static class BoardReportDocument
{
    public static byte[] Write(BoardReportFigures f, IReadOnlyDictionary<string, string> narratives, bool showComments, string generated,
        IReadOnlySet<string>? sections = null)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            RoundDocument.AddStyles(main);
            var body = new Body();
            foreach (var block in BoardReportContent.Blocks(f, narratives, showComments, generated, sections))
            {
                switch (block)
                {
                    case ReportBlock.Heading h: body.Append(RoundDocument.Heading(h.Text, h.Level)); break;
                    case ReportBlock.Paragraph p: body.Append(RoundDocument.Para(p.Text)); break;
                    case ReportBlock.Table t: body.Append(WithIcons(RoundDocument.Table([t.Header, .. t.Rows], header: true), t.Icons)); break;
                    case ReportBlock.PageBreak: body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page }))); break;
                }
            }
            body.Append(new SectionProperties(new PageMargin { Top = 1000, Bottom = 1000, Left = 1000, Right = 1000, Header = 500, Footer = 500, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Puts each icon before its cell's words as a shaded run: the letter in the icon's colours, then a space. The words
    /// stay, so a screen reader reads the same as the legend explains.
    /// </summary>
    private static Table WithIcons(Table table, IReadOnlyList<ReportIcon?[]>? icons)
    {
        if (icons is null) return table;
        var rows = table.Elements<TableRow>().Skip(1).ToList();
        for (var r = 0; r < rows.Count && r < icons.Count; r++)
        {
            var cells = rows[r].Elements<TableCell>().ToList();
            for (var c = 0; c < cells.Count && c < icons[r].Length; c++)
            {
                if (icons[r][c] is not { } icon || cells[c].GetFirstChild<Paragraph>() is not { } paragraph) continue;
                var symbol = new Run(
                    new RunProperties(new Bold(), new Color { Val = icon.Ink }, new Shading { Val = ShadingPatternValues.Clear, Fill = icon.Fill, Color = "auto" }),
                    new Text($" {icon.Letter} ") { Space = SpaceProcessingModeValues.Preserve });
                var gap = new Run(new Text(" ") { Space = SpaceProcessingModeValues.Preserve });
                paragraph.InsertAt(gap, 0);
                paragraph.InsertAt(symbol, 0);
                var properties = paragraph.GetFirstChild<ParagraphProperties>();
                if (properties is not null) { properties.Remove(); paragraph.InsertAt(properties, 0); }
            }
        }
        return table;
    }
}
