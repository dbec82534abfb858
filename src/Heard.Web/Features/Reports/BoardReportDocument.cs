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
                    case ReportBlock.Table t: body.Append(RoundDocument.Table([t.Header, .. t.Rows], header: true)); break;
                    case ReportBlock.PageBreak: body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page }))); break;
                }
            }
            body.Append(new SectionProperties(new PageMargin { Top = 1000, Bottom = 1000, Left = 1000, Right = 1000, Header = 500, Footer = 500, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }
}
