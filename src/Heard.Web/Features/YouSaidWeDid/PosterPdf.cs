using Heard.Web.Features.SelfAssessment;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>What a unit's poster shows: its latest published records and where patients give feedback.</summary>
public sealed record PosterContent(string UnitName, string TrustName, IReadOnlyList<PublicRecord> Records, string FeedbackUrl, bool FeedbackIsSurvey, string PublicUrl);

/// <summary>
/// An A4 poster for a ward's wall: "You said, we did" with the latest published records (already redacted, quotes only
/// with consent, as on the public page) and the QR code of the unit's survey, drawn module by module so it stays sharp
/// at any print size.
/// </summary>
public static class PosterPdf
{
    public const int RecordsShown = 3;
    private const double Margin = 48;
    private static readonly XColor NhsBlue = XColor.FromArgb(0x00, 0x5E, 0xB8);

    public static byte[] Write(PosterContent c)
    {
        if (!SystemFontResolver.EnsureInstalled()) throw new InvalidOperationException("No font for PDF export: install fonts-liberation or set HEARD_PDF_FONTS.");
        var doc = new PdfDocument();
        doc.Info.Title = $"You said, we did: {c.UnitName}";
        var page = doc.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var width = page.Width.Point - 2 * Margin;
            var bottom = page.Height.Point - Margin;
            var title = new XFont("Arial", 34, XFontStyleEx.Bold);
            var heading = new XFont("Arial", 16, XFontStyleEx.Bold);
            var label = new XFont("Arial", 11, XFontStyleEx.Bold);
            var body = new XFont("Arial", 11, XFontStyleEx.Regular);
            var small = new XFont("Arial", 9, XFontStyleEx.Regular);

            g.DrawRectangle(new XSolidBrush(NhsBlue), 0, 0, page.Width.Point, 110);
            g.DrawString("You said, we did", title, XBrushes.White, new XPoint(Margin, 58));
            g.DrawString($"{c.UnitName} · {c.TrustName}", heading, XBrushes.White, new XPoint(Margin, 88));

            // The QR block is drawn first from the bottom up, so the records know how much room they have.
            const double qrSize = 150;
            var qrTop = bottom - qrSize - 10;
            DrawQr(g, c.FeedbackUrl, Margin, qrTop, qrSize);
            var textX = Margin + qrSize + 20;
            var textWidth = width - qrSize - 20;
            var y = qrTop + 10;
            foreach (var line in Wrap(g, c.FeedbackIsSurvey ? "Tell us how we did" : "Read more of what we changed", heading, textWidth))
            {
                g.DrawString(line, heading, XBrushes.Black, new XPoint(textX, y + heading.Size));
                y += heading.GetHeight();
            }
            y += 4;
            var typed = c.FeedbackUrl.Replace("https://", "", StringComparison.OrdinalIgnoreCase).Replace("http://", "", StringComparison.OrdinalIgnoreCase);
            foreach (var line in Wrap(g, $"Scan the code with your phone's camera, or go to {typed}", body, textWidth))
            {
                g.DrawString(line, body, XBrushes.Black, new XPoint(textX, y + body.Size));
                y += body.GetHeight();
            }
            y += 6;
            foreach (var line in Wrap(g, $"All we changed: {c.PublicUrl.Replace("https://", "").Replace("http://", "")}", small, textWidth))
            {
                g.DrawString(line, small, XBrushes.Black, new XPoint(textX, y + small.Size));
                y += small.GetHeight();
            }

            y = 140;
            var limit = qrTop - 20;
            if (c.Records.Count == 0)
            {
                foreach (var line in Wrap(g, "Nothing is published for this unit yet. Your feedback tells us what to change.", body, width))
                {
                    g.DrawString(line, body, XBrushes.Black, new XPoint(Margin, y + body.Size));
                    y += body.GetHeight();
                }
            }
            foreach (var r in c.Records.Take(RecordsShown))
            {
                var lines = new List<(string Text, XFont Font)>();
                lines.AddRange(Wrap(g, r.Title, heading, width).Select(l => (l, heading)));
                lines.Add(("You said", label));
                lines.AddRange(Wrap(g, r.YouSaid, body, width).Select(l => (l, body)));
                foreach (var q in r.Quotes.Take(1)) lines.AddRange(Wrap(g, $"“{q}”", body, width - 16).Select(l => ("    " + l, body)));
                lines.Add(("We did", label));
                lines.AddRange(Wrap(g, r.WeDid, body, width).Select(l => (l, body)));
                var height = lines.Sum(l => l.Font.GetHeight()) + 18;
                if (y + height > limit) break; // a record is shown whole or not at all
                g.DrawLine(new XPen(NhsBlue, 2), Margin, y, Margin + width, y);
                y += 8;
                foreach (var (text, font) in lines)
                {
                    g.DrawString(text, font, XBrushes.Black, new XPoint(Margin, y + font.Size));
                    y += font.GetHeight();
                }
                y += 10;
            }
        }
        using var stream = new MemoryStream();
        doc.Save(stream, false);
        return stream.ToArray();
    }

    private static void DrawQr(XGraphics g, string url, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
            for (var col = 0; col < matrix[row].Length; col++)
                if (matrix[row][col]) g.DrawRectangle(XBrushes.Black, x + col * module, y + row * module, module + 0.05, module + 0.05);
    }

    private static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (g.MeasureString(candidate, font).Width <= width || line.Length == 0) { line = candidate; continue; }
                lines.Add(line);
                line = word;
            }
            if (line.Length > 0) lines.Add(line);
        }
        return lines;
    }
}
