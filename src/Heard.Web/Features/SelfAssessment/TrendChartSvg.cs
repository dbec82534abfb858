using System.Globalization;
using System.Net;
using System.Text;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>One line of the trend chart: a section's mean score in each round (null where that round left it unscored).</summary>
public sealed record TrendSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// A small server-rendered line chart of one organisation's section scores across its rounds, y from 0 to 5. It is
/// role="img" with a title and a description that says the figures in words; the table beside it holds them all.
/// Lines differ by dash as well as colour, so they are told apart without colour.
/// </summary>
public static class TrendChartSvg
{
    private static readonly string[] Colours = ["#005eb8", "#007f3b", "#d5281b", "#330072", "#ffb81c", "#425563"];
    private static readonly string[] Dashes = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"];

    public static string Render(string title, IReadOnlyList<string> rounds, IReadOnlyList<TrendSeries> series)
    {
        const double width = 640, height = 260, left = 40, right = 190, top = 16, bottom = 40;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        double X(int i) => rounds.Count <= 1 ? left + plotW / 2 : left + plotW * i / (rounds.Count - 1);
        double Y(double v) => top + plotH * (1 - v / 5);
        static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var desc = new StringBuilder($"Mean score out of 5 by section across {rounds.Count} round{(rounds.Count == 1 ? "" : "s")}. ");
        foreach (var s in series)
            desc.Append(CultureInfo.InvariantCulture, $"{s.Name}: {string.Join(", ", s.Values.Select(v => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "not scored"))}. ");

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heard-trend-chart\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"trend-title trend-desc\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"trend-title\">{WebUtility.HtmlEncode(title)}</title><desc id=\"trend-desc\">{WebUtility.HtmlEncode(desc.ToString().Trim())}</desc>");
        for (var v = 0; v <= 5; v++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(left)}\" x2=\"{F(left + plotW)}\" y1=\"{F(Y(v))}\" y2=\"{F(Y(v))}\" stroke=\"#d8dde0\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left - 8)}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"#4c6272\">{v}</text>");
        }
        for (var i = 0; i < rounds.Count; i++)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i))}\" y=\"{F(height - bottom + 16)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4c6272\">{WebUtility.HtmlEncode(rounds[i])}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var dash = Dashes[s % Dashes.Length];
            var points = series[s].Values.Select((v, i) => (v, i)).Where(p => p.v is not null).Select(p => (X: X(p.i), Y: Y(p.v!.Value))).ToList();
            if (points.Count > 1)
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "")} points=\"{string.Join(' ', points.Select(p => $"{F(p.X)},{F(p.Y)}"))}\"/>");
            foreach (var p in points)
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(p.X)}\" cy=\"{F(p.Y)}\" r=\"3\" fill=\"{colour}\"/>");
            var ly = top + 6 + s * 18;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(width - right + 12)}\" x2=\"{F(width - right + 36)}\" y1=\"{F(ly)}\" y2=\"{F(ly)}\" stroke=\"{colour}\" stroke-width=\"2\"{(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "")}/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(width - right + 42)}\" y=\"{F(ly + 4)}\" font-size=\"11\" fill=\"#212b32\">{WebUtility.HtmlEncode(Short(series[s].Name))}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Short(string name) => name.Length > 26 ? name[..25] + "…" : name;
}
