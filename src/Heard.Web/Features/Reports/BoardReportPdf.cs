using System.Globalization;
using Heard.Web.Features.SelfAssessment;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Heard.Web.Features.Reports;

/// <summary>
/// The report as a PDF for board papers, drawn with the self-assessment's A4 writer: the same sections, figures and
/// narrative as the HTML, each figure with the address of the page it comes from.
/// </summary>
public static class BoardReportPdf
{
    public static byte[] Write(BoardReportFigures f, IReadOnlyDictionary<string, string> narratives, bool showComments, string generated,
        IReadOnlySet<string>? sections = null)
    {
        if (!SystemFontResolver.EnsureInstalled()) throw new InvalidOperationException("No font for PDF export: install fonts-liberation or set HEARD_PDF_FONTS.");
        var doc = new PdfDocument();
        doc.Info.Title = f.Title;
        var w = new RoundPdf.Writer(doc);
        foreach (var block in BoardReportContent.Blocks(f, narratives, showComments, generated, sections))
        {
            switch (block)
            {
                case ReportBlock.Heading h: w.Gap(h.Level == 1 ? 0 : 6); w.Text(h.Text, h.Level == 1 ? w.Title : w.Heading); break;
                case ReportBlock.Paragraph p: w.Text(p.Text, w.Body); break;
                case ReportBlock.Table t: w.Table(t.Widths, t.Header, t.Rows, t.Icons?.Select(row => row.Select(Mark).ToArray()).ToList()); break;
                case ReportBlock.PageBreak: w.NewPage(); break;
            }
        }
        w.Finish();
        using var stream = new MemoryStream();
        doc.Save(stream, false);
        return stream.ToArray();
    }

    private static CellMark? Mark(ReportIcon? icon) => icon is null ? null : new(icon.Letter, Colour(icon.Fill), Colour(icon.Ink));

    private static XColor Colour(string hex) => XColor.FromArgb(int.Parse("FF" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
