using System.Xml.Linq;
using Heard.Analysis.Spc;
using Heard.Web.Features.Spc;

namespace Heard.Web.Tests;

/// <summary>The server-drawn SPC chart: well-formed SVG, accessible names, conventional colours, limits, target and badges.</summary>
public sealed class SpcChartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Draw(SpcChart chart, IReadOnlyList<(int, string)>? changes = null)
    {
        var labels = Enumerable.Range(0, chart.Points.Count).Select(i => $"M{i + 1}").ToList();
        var text = SpcChartSvg.Render(new SpcChartDrawing("c1", "FFT: percentage positive: Ward <1> & co", "A description", chart, labels, 1, "%", 1, changes ?? []));
        var path = Environment.GetEnvironmentVariable("HEARD_SPC_SVG_OUT");
        if (path is not null) File.WriteAllText(path, text);
        return XElement.Parse(text);
    }

    [Fact]
    public void The_chart_is_well_formed_svg_named_for_screen_readers()
    {
        var svg = Draw(XmrChart.Evaluate([80, 90, 80, 90, 80, 90, 80, 90, 80, 90, 80, 90, 20], new SpcOptions { Improvement = ImprovementDirection.Increase, Target = 30 }));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("c1-title c1-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("FFT: percentage positive: Ward <1> & co", svg.Element(Svg + "title")!.Value);
        Assert.Equal("A description", svg.Element(Svg + "desc")!.Value);
        var circles = svg.Descendants(Svg + "circle").Where(c => c.Attribute("data-point-type") is not null).ToList();
        Assert.Equal(13, circles.Count);
        Assert.All(circles.Take(12), c => Assert.Equal("#a6a6a6", (string?)c.Attribute("fill")));
        Assert.Equal("#e46c0a", (string?)circles[12].Attribute("fill"));
        Assert.Contains("special cause: concern", circles[12].Element(Svg + "title")!.Value);
        var target = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "heard-spc-target");
        Assert.Equal("#de1b1b", (string?)target.Element(Svg + "line")!.Attribute("stroke"));
        Assert.Contains("Target 30.0%", target.Value);
        var variation = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "heard-spc-variation");
        Assert.Equal("special_cause_concern", (string?)variation.Attribute("data-kind"));
        Assert.Equal("Variation: Special cause: concern", variation.Element(Svg + "title")!.Value);
        var assurance = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "heard-spc-assurance");
        Assert.Equal("pass", (string?)assurance.Attribute("data-kind"));
        Assert.DoesNotContain(svg.Descendants(Svg + "text"), t => t.Value == "trial limits");
    }

    [Fact]
    public void Trial_limits_are_dashed_and_labelled_and_change_points_annotated()
    {
        var chart = XmrChart.Evaluate([10, 12, 10, 12, 10, 20, 22, 20, 22, 20], new SpcOptions { RebaseAt = [5] });

        var svg = Draw(chart, [(5, "New discharge lounge opened on the ground floor")]);

        var trial = svg.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class"))?.Contains("heard-spc-limits--trial") == true).ToList();
        Assert.Equal(2, trial.Count);
        Assert.All(trial, g => Assert.Contains(g.Elements(Svg + "text"), t => t.Value == "trial limits"));
        Assert.All(trial, g => Assert.NotNull(g.Elements(Svg + "polyline").First().Attribute("stroke-dasharray")));
        var change = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "heard-spc-change");
        Assert.StartsWith("Change: New discharge lounge", change.Value);
        Assert.DoesNotContain(svg.Descendants(Svg + "g"), g => (string?)g.Attribute("class") == "heard-spc-assurance");
    }

    [Fact]
    public void An_empty_chart_says_so() =>
        Assert.Contains("No data to chart", Draw(XmrChart.Evaluate([])).Value);
}
