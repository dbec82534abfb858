using System.Globalization;
using Heard.Web.Features.SelfAssessment;
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
                case ReportBlock.Table t: w.Table(t.Widths, t.Header, t.Rows); break;
                case ReportBlock.PageBreak: w.NewPage(); break;
            }
        }
        w.Finish();
        using var stream = new MemoryStream();
        doc.Save(stream, false);
        return stream.ToArray();
    }
}
