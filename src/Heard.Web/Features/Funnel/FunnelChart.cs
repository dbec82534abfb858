using System.Globalization;
using System.Net;
using System.Text;
using Heard.Analysis.Comparison;
using Microsoft.AspNetCore.Html;

namespace Heard.Web.Features.Funnel;

/// <summary>
/// The funnel drawn on the server as SVG: a point per unit (responses across, percentage up), the target line and the
/// 95% and 99.8% limit curves. No script; the table beside it holds every figure for screen reader users.
/// </summary>
public static class FunnelChart
{
    private const int Width = 680, Height = 360, Left = 56, Right = 16, Top = 14, Bottom = 48;

    public static IHtmlContent Render(FunnelView view, bool adjusted)
    {
        var plot = view.Plot ?? throw new ArgumentException("nothing to draw", nameof(view));
        var inv = CultureInfo.InvariantCulture;
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var maxN = Math.Max(10, view.Units.Max(u => u.Responses)) * 1.05;
        double X(double n) => Left + n / maxN * plotW;
        double Y(double percent) => Top + plotH - Math.Clamp(percent, 0, 100) / 100 * plotH;
        var measure = view.Measure == FunnelFilter.Negative ? "negative" : "positive";
        var shown = view.Units.Where(u => !u.Suppressed).ToList();
        var outside = shown.Count(u => (adjusted ? u.AdjustedPosition : u.Position) != "within");

        var sb = new StringBuilder();
        sb.Append(inv, $"<svg class=\"heard-chart heard-funnel\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"funnel-title funnel-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(inv, $"<title id=\"funnel-title\">Funnel plot of FFT percentage {measure} by number of responses, {WebUtility.HtmlEncode(view.Title)}</title>");
        sb.Append(inv, $"<desc id=\"funnel-desc\">{shown.Count} units plotted against a target of {view.TargetPercent:0.0}% with {(adjusted ? "limits allowing for over-dispersion" : "limits for chance alone")}; {outside} outside the 95% limits. The same figures are in the table below.</desc>");
        for (var g = 0; g <= 4; g++)
        {
            var v = 25.0 * g;
            sb.Append(inv, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(v):0.#}\" y2=\"{Y(v):0.#}\" stroke=\"#d8dde0\" stroke-width=\"1\"/>");
            sb.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Y(v) + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#4c6272\">{v:0}%</text>");
        }
        var tick = NiceStep(maxN / 5);
        for (var n = 0.0; n <= maxN; n += tick)
            sb.Append(inv, $"<text x=\"{X(n):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4c6272\">{n:N0}</text>");
        sb.Append(inv, $"<text x=\"{Left + plotW / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#212b32\">Number of FFT responses</text>");
        sb.Append(inv, $"<text transform=\"translate(14 {Top + plotH / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#212b32\">Percentage {measure}</text>");

        // Curves from 5 responses up (below that, percentages are suppressed and the limits span almost everything).
        var lower95 = new StringBuilder(); var upper95 = new StringBuilder(); var lower998 = new StringBuilder(); var upper998 = new StringBuilder();
        const int steps = 80;
        var start = Math.Min(5, maxN);
        for (var i = 0; i <= steps; i++)
        {
            // Denser where the funnel bends: spaced evenly on the square-root scale.
            var root = Math.Sqrt(start) + (Math.Sqrt(maxN) - Math.Sqrt(start)) * i / steps;
            var n = root * root;
            var l = plot.LimitsAt(n, adjusted);
            var c = i == 0 ? 'M' : 'L';
            lower95.Append(inv, $"{c}{X(n):0.#},{Y(100 * l.Lower95):0.#} ");
            upper95.Append(inv, $"{c}{X(n):0.#},{Y(100 * l.Upper95):0.#} ");
            lower998.Append(inv, $"{c}{X(n):0.#},{Y(100 * l.Lower998):0.#} ");
            upper998.Append(inv, $"{c}{X(n):0.#},{Y(100 * l.Upper998):0.#} ");
        }
        foreach (var (path, style) in new[] { (lower95, "stroke-dasharray=\"6 4\""), (upper95, "stroke-dasharray=\"6 4\""), (lower998, ""), (upper998, "") })
            sb.Append(inv, $"<path d=\"{path}\" fill=\"none\" stroke=\"#4c6272\" stroke-width=\"1.5\" {style}/>");
        sb.Append(inv, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(view.TargetPercent):0.#}\" y2=\"{Y(view.TargetPercent):0.#}\" stroke=\"#005eb8\" stroke-width=\"2\"/>");

        foreach (var u in shown)
        {
            var position = adjusted ? u.AdjustedPosition : u.Position;
            // Shape as well as colour: a triangle points the way a unit lies outside the limits.
            var (x, y) = (X(u.Responses), Y(u.Percent!.Value));
            var colour = position is "above-99.8" or "below-99.8" ? "#d5281b" : position == "within" ? "#768692" : "#ffb81c";
            var title = $"<title>{WebUtility.HtmlEncode(u.Name)}: {u.Percent:0.0}% of {u.Responses:N0}, {FunnelQuery.Describe(position).ToLowerInvariant()}</title>";
            if (position?.StartsWith("above", StringComparison.Ordinal) == true)
                sb.Append(inv, $"<path d=\"M{x:0.#},{y - 6:0.#} L{x + 6:0.#},{y + 4:0.#} L{x - 6:0.#},{y + 4:0.#} Z\" fill=\"{colour}\" stroke=\"#212b32\">{title}</path>");
            else if (position?.StartsWith("below", StringComparison.Ordinal) == true)
                sb.Append(inv, $"<path d=\"M{x:0.#},{y + 6:0.#} L{x + 6:0.#},{y - 4:0.#} L{x - 6:0.#},{y - 4:0.#} Z\" fill=\"{colour}\" stroke=\"#212b32\">{title}</path>");
            else
                sb.Append(inv, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"4\" fill=\"{colour}\" stroke=\"#212b32\">{title}</circle>");
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(raw, 1))));
        var fraction = raw / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }
}
