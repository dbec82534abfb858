using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Heard.Web.Features.Quality;

/// <summary>
/// A word-sized line for a table cell: the shape of a measure over the months, drawn on the server with no script.
/// Its title and description carry the first, last, lowest and highest values, and the table beside it carries every one.
/// </summary>
public static class Sparkline
{
    public static IHtmlContent Render(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<double?> values, string unit)
    {
        const int width = 120, height = 32, pad = 3;
        var present = values.Select((v, i) => (v, i)).Where(x => x.v is not null).Select(x => (Value: x.v!.Value, Index: x.i)).ToList();
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var desc = present.Count == 0
            ? "No values in these months."
            : $"{present.Count} of {values.Count} months have a value. First {Format(present[0].Value, unit)} ({labels[present[0].Index]}), " +
              $"last {Format(present[^1].Value, unit)} ({labels[present[^1].Index]}), lowest {Format(present.Min(p => p.Value), unit)}, highest {Format(present.Max(p => p.Value), unit)}.";
        sb.Append(inv, $"<svg class=\"heard-sparkline\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(inv, $"<title id=\"{id}-title\">{WebUtility.HtmlEncode(title)}</title><desc id=\"{id}-desc\">{WebUtility.HtmlEncode(desc)}</desc>");
        if (present.Count > 0)
        {
            var min = present.Min(p => p.Value);
            var max = present.Max(p => p.Value);
            if (max - min < 1e-9) { min -= 1; max += 1; }
            double X(int i) => values.Count <= 1 ? width / 2.0 : pad + i * (width - 2.0 * pad) / (values.Count - 1);
            double Y(double v) => height - pad - (v - min) / (max - min) * (height - 2.0 * pad);
            var path = new StringBuilder();
            var pen = false;
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is not double v) { pen = false; continue; }
                path.Append(inv, $"{(pen ? 'L' : 'M')}{X(i):0.#},{Y(v):0.#} ");
                pen = true;
            }
            sb.Append(inv, $"<path d=\"{path}\" fill=\"none\" stroke=\"#005eb8\" stroke-width=\"1.5\"/>");
            var last = present[^1];
            sb.Append(inv, $"<circle cx=\"{X(last.Index):0.#}\" cy=\"{Y(last.Value):0.#}\" r=\"2.5\" fill=\"#005eb8\"/>");
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    public static string Format(double? value, string unit) => value switch
    {
        null => "–",
        double v when unit == "%" => v.ToString("0.#", CultureInfo.InvariantCulture) + "%",
        double v when unit == "count" => v.ToString("0.##", CultureInfo.InvariantCulture),
        double v => v.ToString("0.##", CultureInfo.InvariantCulture) + " " + unit,
    };
}
