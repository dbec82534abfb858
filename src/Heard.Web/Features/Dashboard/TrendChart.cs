using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Heard.Web.Features.Dashboard;

/// <summary>
/// A small server-rendered SVG line chart: no script, prints cleanly, and always sits beside a data table so screen
/// reader users get the same figures.
/// </summary>
public static class TrendChart
{
    public sealed record Series(string Name, string Colour, IReadOnlyList<double?> Values, bool Dashed = false);

    public static IHtmlContent Render(string title, IReadOnlyList<string> labels, IReadOnlyList<Series> series, double min, double max, string unit = "%")
    {
        const int width = 640, height = 220, left = 44, right = 12, top = 12, bottom = 36;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        double X(int i) => left + (labels.Count <= 1 ? plotW / 2.0 : i * plotW / (double)(labels.Count - 1));
        double Y(double v) => top + plotH - (Math.Clamp(v, min, max) - min) / (max - min) * plotH;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg class=\"heard-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}. The same figures are in the table below.\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var g = 0; g <= 4; g++)
        {
            var v = min + (max - min) * g / 4;
            var y = Y(v);
            sb.Append(inv, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#d8dde0\" stroke-width=\"1\"/>");
            sb.Append(inv, $"<text x=\"{left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#4c6272\">{v:0}{unit}</text>");
        }
        var step = Math.Max(1, (int)Math.Ceiling(labels.Count / 8.0));
        for (var i = 0; i < labels.Count; i += step)
            sb.Append(inv, $"<text x=\"{X(i):0.#}\" y=\"{height - 14}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4c6272\">{WebUtility.HtmlEncode(labels[i])}</text>");
        foreach (var s in series)
        {
            var path = new StringBuilder();
            var pen = false;
            for (var i = 0; i < s.Values.Count; i++)
            {
                if (s.Values[i] is not double v) { pen = false; continue; }
                path.Append(inv, $"{(pen ? 'L' : 'M')}{X(i):0.#},{Y(v):0.#} ");
                pen = true;
            }
            var dash = s.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            sb.Append(inv, $"<path d=\"{path}\" fill=\"none\" stroke=\"{s.Colour}\" stroke-width=\"2.5\"{dash}/>");
            for (var i = 0; i < s.Values.Count; i++)
                if (s.Values[i] is double v)
                    sb.Append(inv, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(v):0.#}\" r=\"2.5\" fill=\"{s.Colour}\"/>");
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }
}
