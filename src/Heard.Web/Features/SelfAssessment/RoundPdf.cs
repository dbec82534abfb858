using System.Globalization;
using Heard.Analysis.SelfAssessment;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>
/// PDFsharp's core build has no fonts of its own off Windows. This finds a sans-serif TrueType font on the machine
/// (Liberation Sans, then DejaVu Sans, or the folder in HEARD_PDF_FONTS) and answers every family with it, so any
/// feature's PDF renders with the same face. It is set once for the process, as PDFsharp requires.
/// </summary>
public sealed class SystemFontResolver : IFontResolver
{
    private static readonly Lazy<SystemFontResolver?> Shared = new(Create);
    private readonly string _regular;
    private readonly string _bold;

    private SystemFontResolver(string regular, string bold) => (_regular, _bold) = (regular, bold);

    /// <summary>Installs the resolver unless another is already set; false when no usable font is on the machine.</summary>
    public static bool EnsureInstalled()
    {
        if (GlobalFontSettings.FontResolver is not null) return true;
        var resolver = Shared.Value;
        if (resolver is null) return false;
        lock (Shared)
        {
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = resolver;
        }
        return true;
    }

    private static SystemFontResolver? Create()
    {
        var folders = new[] { Environment.GetEnvironmentVariable("HEARD_PDF_FONTS"), "/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", @"C:\Windows\Fonts" }
            .Where(f => !string.IsNullOrEmpty(f) && Directory.Exists(f)).Cast<string>().ToList();
        foreach (var (regular, bold) in new[] { ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"), ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"), ("arial.ttf", "arialbd.ttf") })
        {
            foreach (var folder in folders)
            {
                var r = Directory.EnumerateFiles(folder, regular, SearchOption.AllDirectories).FirstOrDefault();
                if (r is null) continue;
                var b = Directory.EnumerateFiles(folder, bold, SearchOption.AllDirectories).FirstOrDefault() ?? r;
                return new SystemFontResolver(r, b);
            }
        }
        return null;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "heard-bold" : "heard-regular");

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(faceName == "heard-bold" ? _bold : _regular);
}

/// <summary>
/// The round as a PDF for board papers: a cover with the summary by section, then each section on a new page with every
/// requirement's score and narrative, drawn as simple ruled tables. Every page carries "Page n of m".
/// </summary>
public static class RoundPdf
{
    private const double Margin = 50;
    private static readonly XColor Rule = XColor.FromArgb(0xAE, 0xB7, 0xBD);
    private static readonly XColor Shade = XColor.FromArgb(0xF0, 0xF4, 0xF5);

    public static byte[] Write(RoundDetail round)
    {
        if (!SystemFontResolver.EnsureInstalled()) throw new InvalidOperationException("No font for PDF export: install fonts-liberation or set HEARD_PDF_FONTS.");
        var doc = new PdfDocument();
        doc.Info.Title = $"{ImprovementFramework.Title}: {round.Round.Title}";
        var w = new Writer(doc);
        var r = round.Round;
        w.Text(ImprovementFramework.Title + ": self-assessment", w.Title);
        w.Text($"{r.Organisation}. {r.Title}.", w.Body);
        w.Text($"Period {r.PeriodStart.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} to {r.PeriodEnd.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}. Status: {r.Status}. {r.Scored} of {r.Total} requirements scored" +
            (r.OverallScore is { } o ? $"; mean score {o.ToString("0.0", CultureInfo.InvariantCulture)} out of 5." : "."), w.Body);
        w.Text("This assessment tracks one organisation over time. It is not a comparison or league table.", w.Body);
        w.Gap(8);
        w.Text("Summary by section", w.Heading);
        w.Table([300, 90, 105], ["Section", "Scored", "Mean score"],
            round.Sections.Select(s => new[] { $"{s.Number}. {s.Title}", $"{s.Scored} of {s.Total}", s.Score is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "not scored" }));
        w.Gap(8);
        w.Text("What the scores mean", w.Heading);
        w.Table([60, 435], ["Score", "Meaning"], ImprovementFramework.ScoreMeanings.Select(m => new[] { m.Score.ToString(CultureInfo.InvariantCulture), $"{m.Label}: {m.Meaning}" }));

        foreach (var s in round.Sections)
        {
            w.NewPage();
            w.Text($"{s.Number}. {s.Title}", w.Title);
            w.Text(ImprovementFramework.Sections[s.Number - 1].Description, w.Body);
            foreach (var c in s.Characteristics)
            {
                w.Gap(6);
                w.Text($"Characteristic {c.Number}" + (c.Score is { } cs ? $" (mean {cs.ToString("0.0", CultureInfo.InvariantCulture)})" : ""), w.Heading);
                w.Text(c.Characteristic, w.Body);
                w.Table([40, 170, 40, 82, 82, 81], ["Ref", "Requirement", "Score", "Current position", "Planned action", "What good looks like"],
                    c.Requirements.Select(q => new[] { q.RequirementId, q.Requirement, q.Score?.ToString(CultureInfo.InvariantCulture) ?? "-", q.CurrentPosition ?? "", q.PlannedAction ?? "", q.WhatGoodLooksLike ?? "" }));
            }
        }
        w.Finish();
        using var stream = new MemoryStream();
        doc.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>A4 pages of wrapped text and ruled tables, numbered on finishing; board reports draw with it too.</summary>
    internal sealed class Writer
    {
        private readonly PdfDocument _doc;
        private XGraphics _gfx = null!;
        private double _y;
        public readonly XFont Title = new("Arial", 16, XFontStyleEx.Bold);
        public readonly XFont Heading = new("Arial", 12, XFontStyleEx.Bold);
        public readonly XFont Body = new("Arial", 9.5, XFontStyleEx.Regular);
        private readonly XFont _small = new("Arial", 8, XFontStyleEx.Regular);
        private readonly XFont _smallBold = new("Arial", 8, XFontStyleEx.Bold);

        public Writer(PdfDocument doc)
        {
            _doc = doc;
            NewPage();
        }

        private double Bottom => _doc.Pages[^1].Height.Point - Margin - 20;
        private double Width => _doc.Pages[^1].Width.Point - 2 * Margin;

        public void NewPage()
        {
            _gfx?.Dispose();
            var page = _doc.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(page);
            _y = Margin;
        }

        public void Gap(double points) => _y += points;

        public void Text(string text, XFont font)
        {
            var lines = Wrap(text, font, Width);
            var height = font.GetHeight();
            if (font == Title || font == Heading) Ensure(height * (lines.Count + 3)); // keep a heading with what follows
            foreach (var line in lines)
            {
                Ensure(height);
                _gfx.DrawString(line, font, XBrushes.Black, new XPoint(Margin, _y + font.Size));
                _y += height;
            }
            _y += height * 0.4;
        }

        /// <param name="marks">Optional, for each row, a small lettered circle to draw before a cell's text (null for none).</param>
        public void Table(double[] widths, string[] header, IEnumerable<string[]> rows, IReadOnlyList<CellMark?[]>? marks = null)
        {
            var scale = Width / widths.Sum();
            var cols = widths.Select(x => x * scale).ToArray();
            DrawRow(cols, header, _smallBold, Shade, null);
            var index = 0;
            foreach (var row in rows)
            {
                var rowMarks = marks is not null && index < marks.Count ? marks[index] : null;
                index++;
                var height = RowHeight(cols, row, _small, rowMarks);
                if (_y + height > Bottom)
                {
                    NewPage();
                    DrawRow(cols, header, _smallBold, Shade, null); // repeat the header on the new page
                }
                DrawRow(cols, row, _small, null, rowMarks);
            }
            _y += 6;
        }

        private const double MarkSize = 10;

        private static double Indent(CellMark?[]? marks, int i) => marks is not null && i < marks.Length && marks[i] is not null ? MarkSize + 3 : 0;

        private double RowHeight(double[] cols, string[] cells, XFont font, CellMark?[]? marks = null) =>
            cells.Select((c, i) => Wrap(c, font, cols[i] - 6 - Indent(marks, i)).Count).Max() * font.GetHeight() + 6;

        private void DrawRow(double[] cols, string[] cells, XFont font, XColor? fill, CellMark?[]? marks)
        {
            var height = RowHeight(cols, cells, font, marks);
            Ensure(height);
            var x = Margin;
            for (var i = 0; i < cols.Length; i++)
            {
                var rect = new XRect(x, _y, cols[i], height);
                if (fill is { } f) _gfx.DrawRectangle(new XSolidBrush(f), rect);
                _gfx.DrawRectangle(new XPen(Rule, 0.5), rect);
                var ly = _y + 3;
                var indent = Indent(marks, i);
                if (marks?[i] is { } mark)
                {
                    var circle = new XRect(x + 3, ly, MarkSize, MarkSize);
                    _gfx.DrawEllipse(new XPen(XColors.Black, 0.3), new XSolidBrush(mark.Fill), circle);
                    _gfx.DrawString(mark.Letter, _smallBold, new XSolidBrush(mark.Ink), circle, XStringFormats.Center);
                }
                foreach (var line in Wrap(cells[i], font, cols[i] - 6 - indent))
                {
                    _gfx.DrawString(line, font, XBrushes.Black, new XPoint(x + 3 + indent, ly + font.Size));
                    ly += font.GetHeight();
                }
                x += cols[i];
            }
            _y += height;
        }

        private void Ensure(double height)
        {
            if (_y + height > Bottom) NewPage();
        }

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (_gfx.MeasureString(candidate, font).Width <= width) { line = candidate; continue; }
                    if (line.Length > 0) lines.Add(line);
                    line = word;
                    // A word wider than the column is broken, so nothing is drawn over the rule.
                    while (_gfx.MeasureString(line, font).Width > width && line.Length > 1)
                    {
                        var cut = line.Length - 1;
                        while (cut > 1 && _gfx.MeasureString(line[..cut], font).Width > width) cut--;
                        lines.Add(line[..cut]);
                        line = line[cut..];
                    }
                }
                lines.Add(line);
            }
            return lines;
        }

        public void Finish()
        {
            _gfx.Dispose();
            var count = _doc.PageCount;
            for (var i = 0; i < count; i++)
            {
                var page = _doc.Pages[i];
                using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                g.DrawString($"Page {i + 1} of {count}", _small, XBrushes.Black,
                    new XRect(0, page.Height.Point - Margin, page.Width.Point, 12), XStringFormats.Center);
            }
        }
    }
}

/// <summary>A small lettered circle drawn before a table cell's text, such as an SPC icon; the cell's words say the same.</summary>
public sealed record CellMark(string Letter, XColor Fill, XColor Ink);
