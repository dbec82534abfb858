using Heard.Analysis.EarlyWarning;
using Heard.Analysis.Spc;

namespace Heard.Analysis.Tests.EarlyWarning;

/// <summary>
/// Thirteen months from October 2024 to October 2025 on one ward; each test changes one series and works its figures by
/// hand. Unless a test says otherwise: 10 FFT answers a month, 8 and 9 of them positive in turn, none negative, no
/// complaints or PALS concerns, no themes.
/// </summary>
public class EarlyWarningRulesTests
{
    private const int October2024 = 202410;
    private const int October2025 = 202510;

    private static long[] Repeat(long value, int count = 13) => Enumerable.Repeat(value, count).ToArray();
    private static long[] Alternate(long a, long b, long last) => [.. Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? a : b), last];

    private static UnitMonthlySeries Ward(
        long[]? positive = null, long[]? negative = null, long[]? responses = null, long[]? complaints = null, long[]? pals = null,
        IReadOnlyList<ThemeNegativeSeries>? themes = null, IReadOnlyDictionary<string, IReadOnlyList<int>>? changePoints = null) => new()
    {
        UnitId = 7,
        UnitName = "Ward 7",
        FirstMonth = October2024,
        FftPositive = positive ?? Alternate(8, 9, 8),
        FftNegative = negative ?? Repeat(0),
        FftResponses = responses ?? Repeat(10),
        Complaints = complaints ?? Repeat(0),
        Pals = pals ?? Repeat(0),
        Themes = themes ?? [],
        ChangePoints = changePoints ?? new Dictionary<string, IReadOnlyList<int>>(),
    };

    [Fact]
    public void A_steady_ward_raises_nothing()
    {
        Assert.Empty(EarlyWarningRules.Evaluate(Ward()));
    }

    [Fact]
    public void Percent_positive_below_the_lower_process_limit_is_a_special_cause_of_concern()
    {
        // 80, 90, ... then 40: mean 1060 / 13 = 81.54; moving ranges eleven of 10 and one of 50, mR_bar 160 / 12 = 13.33;
        // lower limit 81.54 − 2.66 × 13.33 = 46.07. The points alternate about the mean and none is in the near band (57.9).
        var alert = Assert.Single(EarlyWarningRules.Evaluate(Ward(positive: Alternate(8, 9, 4))));

        Assert.Equal(AlertKinds.SpcConcern, alert.Kind);
        Assert.Equal(AlertMetrics.FftPositive, alert.Metric);
        Assert.Equal(October2025, alert.Month);
        Assert.Equal(7, alert.UnitId);
        Assert.Null(alert.Theme);
        Assert.Equal(40.0, alert.Value, 9);
        Assert.Equal(1060.0 / 13 - 2.66 * 160 / 12, alert.Reference, 9);
        Assert.Equal("% positive fell below the lower process limit (46.1%) in October 2025: 40.0%", alert.Explanation);
    }

    [Fact]
    public void The_explanation_names_the_limit_crossed_in_plain_english()
    {
        var point = new SpcPoint(74.0, 85.0, 81.2, 88.8, 83.1, 86.9, 0, SpcRules.OutsideLimits, SpcPointType.SpecialCauseConcern);

        var (text, reference) = EarlyWarningRules.Explain("% positive", point, highIsConcern: false, 202610, percent: true);

        Assert.Equal("% positive fell below the lower process limit (81.2%) in October 2026: 74.0%", text);
        Assert.Equal(81.2, reference);
    }

    [Fact]
    public void A_shift_is_explained_against_the_average_and_a_trend_by_its_direction()
    {
        var shift = new SpcPoint(6, 4.25, 0, 9, 1.5, 7, 0, SpcRules.Shift, SpcPointType.SpecialCauseConcern);
        var trend = new SpcPoint(60, 75, 50, 100, 58, 92, 0, SpcRules.Trend | SpcRules.Shift, SpcPointType.SpecialCauseConcern);

        Assert.Equal("Complaints has been above its average (4.3) for seven months or more in a row: 6 in October 2026",
            EarlyWarningRules.Explain("Complaints", shift, highIsConcern: true, 202610, percent: false).Text);
        Assert.Equal("% positive has fallen month on month for seven months or more, to 60.0% in October 2026",
            EarlyWarningRules.Explain("% positive", trend, highIsConcern: false, 202610, percent: true).Text);
    }

    [Fact]
    public void Too_few_months_give_no_alert()
    {
        // The same fall as above after only ten months: trial limits, not judged.
        var short_ = new UnitMonthlySeries
        {
            UnitId = 7, UnitName = "Ward 7", FirstMonth = 202501,
            FftPositive = [8, 9, 8, 9, 8, 9, 8, 9, 8, 9, 1], FftNegative = new long[11], FftResponses = Enumerable.Repeat(10L, 11).ToArray(),
            Complaints = new long[11], Pals = new long[11],
        };
        Assert.Empty(EarlyWarningRules.Evaluate(short_));
    }

    [Fact]
    public void Five_complaints_where_one_a_month_is_usual_are_a_cluster()
    {
        // Usual rate 12 / 12 = 1. P(X ≥ 5) = 1 − e⁻¹ (1 + 1 + 1/2 + 1/6 + 1/24) = 1 − 0.99634 = 0.0037, under 0.01.
        var alert = Assert.Single(EarlyWarningRules.Evaluate(Ward(complaints: [.. Repeat(1, 12), 5])));

        Assert.Equal(AlertKinds.Cluster, alert.Kind);
        Assert.Equal(AlertMetrics.Complaints, alert.Metric);
        Assert.Equal(5, alert.Value);
        Assert.Equal(1.0, alert.Reference);
        Assert.Equal("5 complaints in October 2025 where 1.0 a month is usual (the chance of 5 or more at the usual rate is 0.4%)", alert.Explanation);
    }

    [Fact]
    public void Four_complaints_where_one_is_usual_are_no_cluster_but_are_outside_the_spc_limit()
    {
        // P(X ≥ 4) = 1 − e⁻¹ × 8/3 = 0.019, above 0.01: no cluster. The XmR chart: mean 16 / 13 = 1.23, mR_bar 3 / 12 = 0.25,
        // upper limit 1.23 + 0.665 = 1.90, so 4 is a special cause of concern (down is better).
        var alert = Assert.Single(EarlyWarningRules.Evaluate(Ward(pals: [.. Repeat(1, 12), 4])));

        Assert.Equal(AlertKinds.SpcConcern, alert.Kind);
        Assert.Equal(AlertMetrics.Pals, alert.Metric);
        Assert.Equal("PALS concerns rose above the upper process limit (1.9) in October 2025: 4", alert.Explanation);
    }

    [Fact]
    public void Responses_under_half_the_usual_number_are_a_collapse()
    {
        // Usual 20 a month; 8 is under 10. Half the answers positive throughout, so the shares do not move.
        var alert = Assert.Single(EarlyWarningRules.Evaluate(Ward(responses: [.. Repeat(20, 12), 8], positive: [.. Repeat(10, 12), 4])));

        Assert.Equal(AlertKinds.VolumeDrop, alert.Kind);
        Assert.Equal(AlertMetrics.FftResponses, alert.Metric);
        Assert.Equal("FFT responses fell to 8 in October 2025, under half the usual 20.0 a month", alert.Explanation);
    }

    [Fact]
    public void No_responses_at_all_are_a_collapse_and_leave_the_shares_unjudged()
    {
        var alert = Assert.Single(EarlyWarningRules.Evaluate(Ward(responses: [.. Repeat(20, 12), 0], positive: [.. Repeat(10, 12), 0])));

        Assert.Equal(AlertKinds.VolumeDrop, alert.Kind);
        Assert.Equal("No FFT responses in October 2025, where 20.0 a month is usual", alert.Explanation);
        Assert.Equal(0, alert.Value);
    }

    [Fact]
    public void A_small_ward_is_not_judged_for_collapse()
    {
        // Usual 8 a month is under the 10 needed; 3 is still a special cause low on the responses chart (mR_bar 5 / 12).
        var alerts = EarlyWarningRules.Evaluate(Ward(responses: [.. Repeat(8, 12), 3], positive: [.. Repeat(4, 12), 1]));

        Assert.DoesNotContain(alerts, a => a.Kind == AlertKinds.VolumeDrop);
        Assert.Contains(alerts, a => a.Kind == AlertKinds.SpcConcern && a.Metric == AlertMetrics.FftResponses);
    }

    [Fact]
    public void A_themes_negative_comments_above_their_upper_limit_raise_a_theme_rise()
    {
        // 1, 0, 1, 0, ... then 5: mean 11 / 13 = 0.846; mR_bar (11 + 5) / 12 = 1.333; upper limit 0.846 + 3.547 = 4.39.
        // Another theme with the same shape but 2 in the latest month is under the minimum of 3.
        var themes = new[]
        {
            new ThemeNegativeSeries("Staff attitude", Alternate(1, 0, 5)),
            new ThemeNegativeSeries("Food", Alternate(0, 0, 2)),
        };
        var alert = Assert.Single(EarlyWarningRules.Evaluate(Ward(themes: themes)));

        Assert.Equal(AlertKinds.ThemeRise, alert.Kind);
        Assert.Equal(AlertMetrics.ThemeNegative, alert.Metric);
        Assert.Equal("Staff attitude", alert.Theme);
        Assert.Equal("Negative comments on Staff attitude rose above the upper process limit (4.4) in October 2025: 5", alert.Explanation);
    }

    [Fact]
    public void A_change_point_on_the_units_chart_rebases_it_as_the_spc_page_does()
    {
        // Twelve months at 90% then a step down to 70% for the last one would be special cause; a change point in the
        // last month makes it a one-point segment with no limits, so nothing is raised.
        var positive = Alternate(9, 9, 7);
        Assert.Single(EarlyWarningRules.Evaluate(Ward(positive: positive)));
        var rebased = Ward(positive: positive, changePoints: new Dictionary<string, IReadOnlyList<int>> { [AlertMetrics.FftPositive] = [October2025] });
        Assert.Empty(EarlyWarningRules.Evaluate(rebased));
    }

    [Fact]
    public void Poisson_upper_tail_matches_hand_worked_figures()
    {
        Assert.Equal(1 - Math.Exp(-1) * 8 / 3, Poisson.UpperTail(4, 1), 12);
        Assert.Equal(0.0036599, Poisson.UpperTail(5, 1), 6);
        Assert.Equal(1, Poisson.UpperTail(0, 3));
        Assert.Equal(0, Poisson.UpperTail(3, 0));
        // A large rate does not underflow: the median of Poisson(1000) is 1000, so P(X ≥ 1000) is just over a half.
        Assert.InRange(Poisson.UpperTail(1000, 1000), 0.5, 0.52);
    }

    [Fact]
    public void Months_add_across_years_and_read_as_words()
    {
        Assert.Equal(202601, Months.Add(202512, 1));
        Assert.Equal(202412, Months.Add(202611, -23));
        Assert.Equal(13, Months.Between(October2024, October2025));
        Assert.Equal("October 2026", Months.Name(202610));
    }
}
