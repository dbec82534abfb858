using System.Globalization;
using System.Net;
using System.Text;
using Heard.Analysis.Spc;

namespace Heard.Web.Features.Spc;

/// <summary>What to draw: the evaluated chart, a label per point, and how to show values.</summary>
/// <param name="Id">Unique within the page; prefixes the ids that title and description are referred to by.</param>
/// <param name="Scale">Multiplies the chart's values for display (100 shows a p-chart's proportions as percentages).</param>
/// <param name="Unit">Appended to values, e.g. "%".</param>
/// <param name="Decimals">Decimal places for values in labels.</param>
/// <param name="ChangePoints">Index of the first point of each new segment, with its note.</param>
public sealed record SpcChartDrawing(
    string Id, string Title, string Description, SpcChart Chart, IReadOnlyList<string> Labels, double Scale, string Unit, int Decimals,
    IReadOnlyList<(int Index, string Note)> ChangePoints);

/// <summary>
/// Draws an SPC chart as inline SVG on the server, so it needs no script and prints as it shows. Colours are the
/// "Making Data Count" conventions; colour is never the only cue: special-cause points are larger, the variation and
/// assurance badges carry a letter and their meaning in words, and the page puts a data table beside the chart.
/// </summary>
public static class SpcChartSvg
{
    public const string CommonCauseColour = "#a6a6a6";
    public const string ImprovementColour = "#00b0f0";
    public const string ConcernColour = "#e46c0a";
    public const string NeutralColour = "#490092";
    public const string TargetColour = "#de1b1b";
    private const string LineColour = "#425563";

    private const double Width = 800, Height = 380, Left = 64, Right = 170, Top = 36, Bottom = 64;

    public static string Colour(SpcPointType type) => type switch
    {
        SpcPointType.SpecialCauseImprovement => ImprovementColour,
        SpcPointType.SpecialCauseConcern => ConcernColour,
        SpcPointType.SpecialCauseNeutralHigh or SpcPointType.SpecialCauseNeutralLow => NeutralColour,
        _ => CommonCauseColour,
    };

    /// <summary>Plain words for a point type, for tables and screen readers.</summary>
    public static string Describe(SpcPointType type) => type switch
    {
        SpcPointType.SpecialCauseImprovement => "Special cause: improvement",
        SpcPointType.SpecialCauseConcern => "Special cause: concern",
        SpcPointType.SpecialCauseNeutralHigh => "Special cause: high",
        SpcPointType.SpecialCauseNeutralLow => "Special cause: low",
        _ => "Common cause",
    };

    public static string Describe(SpcAssurance assurance) => assurance switch
    {
        SpcAssurance.Pass => "The process will consistently meet the target",
        SpcAssurance.Fail => "The process will consistently miss the target",
        SpcAssurance.Inconsistent => "The process will sometimes meet and sometimes miss the target",
        _ => "No target set",
    };

    public static string Render(SpcChartDrawing d)
    {
        var chart = d.Chart;
        var points = chart.Points;
        var sb = new StringBuilder(16_384);
        var titleId = d.Id + "-title";
        var descId = d.Id + "-desc";
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heard-spc-chart\" id=\"{d.Id}\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" aria-labelledby=\"{titleId} {descId}\">"));
        sb.Append("<title id=\"").Append(titleId).Append("\">").Append(E(d.Title)).Append("</title>");
        sb.Append("<desc id=\"").Append(descId).Append("\">").Append(E(d.Description)).Append("</desc>");
        sb.Append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        if (points.Count == 0)
        {
            sb.Append(Inv($"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" font-size=\"16\">No data to chart</text></svg>"));
            return sb.ToString();
        }

        // Y range covers the values, the limits and the target, with a little room.
        double lo = double.MaxValue, hi = double.MinValue;
        void Include(double v) { if (double.IsFinite(v)) { lo = Math.Min(lo, v * d.Scale); hi = Math.Max(hi, v * d.Scale); } }
        foreach (var p in points) { Include(p.Value); Include(p.LowerProcessLimit); Include(p.UpperProcessLimit); }
        if (chart.Target is double t) Include(t);
        if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
        var pad = (hi - lo) * 0.08;
        lo -= pad;
        hi += pad;
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(int i) => Left + (points.Count == 1 ? plotW / 2 : plotW * i / (points.Count - 1));
        double Y(double v) => Top + plotH * (1 - (v * d.Scale - lo) / (hi - lo));

        // Axes and gridlines with five round ticks.
        var step = NiceStep((hi - lo) / 5);
        sb.Append("<g class=\"heard-spc-axis\" font-size=\"12\" fill=\"#4c6272\">");
        for (var v = Math.Ceiling(lo / step) * step; v <= hi; v += step)
        {
            var y = Top + plotH * (1 - (v - lo) / (hi - lo));
            sb.Append(Inv($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e8edee\"/>"));
            sb.Append(Inv($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{E(Format(v, d.Decimals, d.Unit))}</text>"));
        }
        var every = Math.Max(1, (int)Math.Ceiling(points.Count / 12.0));
        for (var i = 0; i < points.Count; i += every)
        {
            sb.Append(Inv($"<text x=\"{X(i):0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{E(d.Labels[i])}</text>"));
        }
        sb.Append(Inv($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotH}\" y2=\"{Top + plotH}\" stroke=\"#4c6272\"/>"));
        sb.Append("</g>");

        // Mean and process limits per segment; dashed with a label when they are trial limits.
        foreach (var segment in chart.Segments)
        {
            var dash = segment.IsTrial ? " stroke-dasharray=\"6 4\"" : "";
            var klass = segment.IsTrial ? "heard-spc-limits heard-spc-limits--trial" : "heard-spc-limits";
            sb.Append("<g class=\"").Append(klass).Append("\" fill=\"none\">");
            AppendLine(sb, segment, i => points[i].Mean, LineColour, 2, dash, X, Y);
            AppendLine(sb, segment, i => points[i].UpperProcessLimit, "#768692", 1.5, " stroke-dasharray=\"3 3\"", X, Y);
            AppendLine(sb, segment, i => points[i].LowerProcessLimit, "#768692", 1.5, " stroke-dasharray=\"3 3\"", X, Y);
            if (segment.IsTrial)
            {
                sb.Append(Inv($"<text x=\"{X(segment.Start) + 2:0.#}\" y=\"{Top - 6}\" font-size=\"12\" fill=\"#4c6272\" stroke=\"none\">trial limits</text>"));
            }
            sb.Append("</g>");
        }
        var last = points[^1];
        var labelX = X(points.Count - 1) + 8;
        if (double.IsFinite(last.UpperProcessLimit))
        {
            sb.Append(Inv($"<text x=\"{labelX:0.#}\" y=\"{Y(last.UpperProcessLimit) + 4:0.#}\" font-size=\"12\" fill=\"#4c6272\">Upper limit</text>"));
            sb.Append(Inv($"<text x=\"{labelX:0.#}\" y=\"{Y(last.LowerProcessLimit) + 4:0.#}\" font-size=\"12\" fill=\"#4c6272\">Lower limit</text>"));
        }
        sb.Append(Inv($"<text x=\"{labelX:0.#}\" y=\"{Y(last.Mean) + 4:0.#}\" font-size=\"12\" fill=\"{LineColour}\">Mean</text>"));

        if (chart.Target is double target)
        {
            var y = Y(target);
            sb.Append(Inv($"<g class=\"heard-spc-target\"><line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"{TargetColour}\" stroke-width=\"2\" stroke-dasharray=\"8 3 2 3\"/>"));
            sb.Append(Inv($"<text x=\"{Left + 4}\" y=\"{y - 5:0.#}\" font-size=\"12\" fill=\"{TargetColour}\">Target {E(Format(target * d.Scale, d.Decimals, d.Unit))}</text></g>"));
        }

        // Change points: a line between the last point before and the first point after, with the note.
        foreach (var (index, note) in d.ChangePoints)
        {
            if (index <= 0 || index >= points.Count) continue;
            var x = (X(index - 1) + X(index)) / 2;
            var text = note.Length > 28 ? note[..27] + "…" : note;
            sb.Append(Inv($"<g class=\"heard-spc-change\"><line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top - 16}\" y2=\"{Top + plotH}\" stroke=\"#212b32\" stroke-dasharray=\"2 3\"/>"));
            sb.Append(Inv($"<text x=\"{x + 4:0.#}\" y=\"{Top - 20}\" font-size=\"12\" fill=\"#212b32\">{E("Change: " + text)}</text></g>"));
        }

        // The series, then its points coloured (and sized) by type.
        sb.Append("<polyline class=\"heard-spc-series\" fill=\"none\" stroke=\"").Append(CommonCauseColour).Append("\" stroke-width=\"1.5\" points=\"");
        for (var i = 0; i < points.Count; i++) sb.Append(Inv($"{X(i):0.#},{Y(points[i].Value):0.#} "));
        sb.Append("\"/>");
        sb.Append("<g class=\"heard-spc-points\">");
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var r = p.IsSpecialCause ? 6 : 4;
            sb.Append(Inv($"<circle cx=\"{X(i):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"{r}\" fill=\"{Colour(p.Type)}\" stroke=\"#fff\" stroke-width=\"1\" data-point-type=\"{p.Type.Name()}\"><title>{E($"{d.Labels[i]}: {Format(p.Value * d.Scale, d.Decimals, d.Unit)}, {Describe(p.Type).ToLowerInvariant()}")}</title></circle>"));
        }
        sb.Append("</g>");

        // Badges: the variation (type of the last point) and the assurance against the target.
        var badgeX = Width - 34;
        Badge(sb, badgeX, Top + 28, Colour(chart.Variation), VariationLetter(chart), "Variation: " + Describe(chart.Variation), "heard-spc-variation", chart.Variation.Name());
        if (chart.Assurance != SpcAssurance.None)
        {
            var (colour, letter) = AssuranceBadge(chart.Assurance);
            Badge(sb, badgeX, Top + 96, colour, letter, "Assurance: " + Describe(chart.Assurance), "heard-spc-assurance", chart.Assurance.Name());
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>
    /// The variation and assurance badges alone, as a summary table shows them beside each measure: the same icons as on
    /// the chart, with their meaning as the image's accessible name.
    /// </summary>
    public static string Icons(SpcPointType variation, bool high, SpcAssurance assurance)
    {
        var sb = new StringBuilder();
        var label = "Variation: " + Describe(variation) + (assurance == SpcAssurance.None ? "" : ". Assurance: " + Describe(assurance));
        var width = assurance == SpcAssurance.None ? 60 : 120;
        sb.Append(Inv($"<svg class=\"heard-spc-icons\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} 70\" width=\"{width * 0.6:0}\" height=\"42\" role=\"img\" aria-label=\"{E(label)}\">"));
        var letter = variation == SpcPointType.CommonCause ? "~" : high ? "H" : "L";
        Badge(sb, 30, 28, Colour(variation), letter, "Variation: " + Describe(variation), "heard-spc-variation", variation.Name());
        if (assurance != SpcAssurance.None)
        {
            var (colour, a) = AssuranceBadge(assurance);
            Badge(sb, 90, 28, colour, a, "Assurance: " + Describe(assurance), "heard-spc-assurance", assurance.Name());
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static (string Colour, string Letter) AssuranceBadge(SpcAssurance assurance) => assurance switch
    {
        SpcAssurance.Pass => (ImprovementColour, "P"),
        SpcAssurance.Fail => (ConcernColour, "F"),
        _ => (CommonCauseColour, "?"),
    };

    /// <summary>H or L says which side the special cause is on; common cause shows a wave.</summary>
    private static string VariationLetter(SpcChart chart)
    {
        if (chart.Points.Count == 0 || !chart.Points[^1].IsSpecialCause) return "~";
        var p = chart.Points[^1];
        return p.Value >= p.Mean ? "H" : "L";
    }

    private static void Badge(StringBuilder sb, double x, double y, string colour, string letter, string text, string klass, string kind)
    {
        sb.Append(Inv($"<g class=\"{klass}\" data-kind=\"{kind}\"><title>{E(text)}</title>"));
        sb.Append(Inv($"<circle cx=\"{x}\" cy=\"{y}\" r=\"24\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"4\"/>"));
        sb.Append(Inv($"<text x=\"{x}\" y=\"{y + 8}\" text-anchor=\"middle\" font-size=\"22\" font-weight=\"bold\" fill=\"{(colour == CommonCauseColour ? "#4c6272" : colour)}\" aria-hidden=\"true\">{E(letter)}</text>"));
        var words = klass == "heard-spc-variation" ? "Variation" : "Assurance";
        sb.Append(Inv($"<text x=\"{x}\" y=\"{y + 40}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4c6272\">{words}</text></g>"));
    }

    private static void AppendLine(StringBuilder sb, SpcSegment segment, Func<int, double> value, string colour, double width, string dash,
        Func<int, double> x, Func<double, double> y)
    {
        if (!double.IsFinite(value(segment.Start))) return;
        sb.Append(Inv($"<polyline stroke=\"{colour}\" stroke-width=\"{width}\"{dash} points=\""));
        for (var i = segment.Start; i < segment.End; i++) sb.Append(Inv($"{x(i):0.#},{y(value(i)):0.#} "));
        sb.Append("\"/>");
    }

    private static double NiceStep(double raw)
    {
        if (raw <= 0 || !double.IsFinite(raw)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / magnitude;
        return (f <= 1.5 ? 1 : f <= 3 ? 2 : f <= 7 ? 5 : 10) * magnitude;
    }

    public static string Format(double value, int decimals, string unit) =>
        double.IsFinite(value) ? value.ToString("F" + decimals, CultureInfo.InvariantCulture) + unit : "–";

    private static string E(string text) => WebUtility.HtmlEncode(text);
    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
