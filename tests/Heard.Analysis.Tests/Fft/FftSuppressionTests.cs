using Heard.Analysis.Fft;
using static Heard.Analysis.Tests.Fft.FftTestData;

namespace Heard.Analysis.Tests.Fft;

public class FftSuppressionTests
{
    private static readonly string[] CountAndModeColumns =
    [
        "Very Good", "Good", "Neither Good nor Poor", "Poor", "Very Poor", "Don't Know", "Mode SMS",
        "Mode Electronic Discharge", "Mode Electronic Home", "Mode Paper Discharge", "Mode Paper Home",
        "Mode Telephone", "Mode Online", "Mode Other",
    ];

    private static void AssertCountsStarred(FftReturnTable table, FftReturnRow row) =>
        Assert.All(CountAndModeColumns, column => Assert.Equal("*", table.Cell(row, column)));

    private static void AssertCountsVisible(FftReturnTable table, FftReturnRow row) =>
        Assert.All(CountAndModeColumns, column => Assert.NotEqual("*", table.Cell(row, column)));

    [Fact]
    public void Row_with_three_responses_is_first_level_suppressed()
    {
        // Site RXX01 has 3 responses (2 very good, 1 poor); site RXX02 has 20.
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward A", Counts(veryGood: 2, poor: 1)),
            Unit("RXX", "RXX02", "Ward B", 20),
        };

        var table = FftReturn.Build(FftReturnLevel.Site, units);
        var row = table.Row("RXX", "RXX01");

        Assert.Equal(FftSuppression.FirstLevel, row.Suppression);
        AssertCountsStarred(table, row);
        Assert.Equal("*", table.Cell(row, "Percentage Positive"));
        Assert.Equal("*", table.Cell(row, "Percentage Negative"));
        Assert.Equal("3", table.Cell(row, "Total Responses"));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void First_level_threshold_is_one_to_four_responses(long responses, bool suppressed)
    {
        var units = new[] { Unit("RXX", "RXX01", "Ward A", responses) };

        var row = FftReturn.Build(FftReturnLevel.Ward, units).Row("RXX");

        Assert.Equal(suppressed, row.PercentagesHidden);
        Assert.Equal(suppressed, row.CountsHidden);
    }

    [Fact]
    public void Second_smallest_ward_loses_counts_but_keeps_percentages()
    {
        // Wards of one site ranked by total: A (2) rank 1, first-level; B (7) rank 2; C (30) rank 3.
        // B: positive (5 + 1) / 7 = 85.7% -> 86 ((1200 + 7) / 14 = 86.2); negative 1 / 7 = 14.3% -> 14.
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward A", 2),
            Unit("RXX", "RXX01", "Ward B", Counts(veryGood: 5, good: 1, poor: 1)),
            Unit("RXX", "RXX01", "Ward C", 30),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);
        var wardB = table.Row("RXX", ward: "Ward B");
        var wardC = table.Row("RXX", ward: "Ward C");

        Assert.Equal(FftSuppression.SecondLevel, wardB.Suppression);
        AssertCountsStarred(table, wardB);
        Assert.Equal("86", table.Cell(wardB, "Percentage Positive"));
        Assert.Equal("14", table.Cell(wardB, "Percentage Negative"));
        Assert.Equal(FftSuppression.None, wardC.Suppression);
        AssertCountsVisible(table, wardC);
    }

    [Fact]
    public void No_second_level_suppression_when_the_smallest_row_has_five_or_more()
    {
        // Smallest ward has 5: not first-level suppressed, so its neighbour needs no protection.
        var units = new[] { Unit("RXX", "RXX01", "Ward A", 5), Unit("RXX", "RXX01", "Ward B", 6) };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.All(table.Details, row => Assert.Equal(FftSuppression.None, row.Suppression));
    }

    [Fact]
    public void Only_the_second_smallest_sibling_is_second_level_suppressed()
    {
        // Ranks: A (1) first-level, B (2) first-level and rank 2, C (9) rank 3 stays visible.
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward A", 1),
            Unit("RXX", "RXX01", "Ward B", 2),
            Unit("RXX", "RXX01", "Ward C", 9),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);
        var wardB = table.Row("RXX", ward: "Ward B");

        // B was already first-level suppressed, so its percentages stay starred too.
        Assert.True(wardB.PercentagesHidden);
        Assert.Equal("*", table.Cell(wardB, "Percentage Positive"));
        Assert.Equal(FftSuppression.None, table.Row("RXX", ward: "Ward C").Suppression);
    }

    [Fact]
    public void Zero_response_rows_take_no_rank()
    {
        // Ranked wards: B (3) rank 1, C (10) rank 2, D (11) rank 3; A (0) is not ranked.
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward A", Counts(noRating: 4)),
            Unit("RXX", "RXX01", "Ward B", 3),
            Unit("RXX", "RXX01", "Ward C", 10),
            Unit("RXX", "RXX01", "Ward D", 11),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal(FftSuppression.None, table.Row("RXX", ward: "Ward A").Suppression);
        Assert.Equal(FftSuppression.FirstLevel, table.Row("RXX", ward: "Ward B").Suppression);
        Assert.Equal(FftSuppression.SecondLevel, table.Row("RXX", ward: "Ward C").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("RXX", ward: "Ward D").Suppression);
    }

    [Fact]
    public void Suppressed_site_cascades_to_its_two_smallest_wards()
    {
        // Sites of trust RXX: RXX01 (2) rank 1, first-level; RXX02 (5 + 6 + 9 = 20) rank 2, second-level.
        // RXX02 is suppressed, so its wards ranked 1 (W1, 5) and 2 (W2, 6) are starred; W3 (9) is not.
        // The trust (22) is alone in its ICB and is not suppressed.
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward A", 2),
            Unit("RXX", "RXX02", "W1", Counts(veryGood: 4, veryPoor: 1)),
            Unit("RXX", "RXX02", "W2", 6),
            Unit("RXX", "RXX02", "W3", 9),
        };

        var sites = FftReturn.Build(FftReturnLevel.Site, units);
        var wards = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal(FftSuppression.SecondLevel, sites.Row("RXX", "RXX02").Suppression);

        var w1 = wards.Row("RXX", "RXX02", "W1");
        Assert.Equal(FftSuppression.Cascade, w1.Suppression);
        AssertCountsStarred(wards, w1);
        // W1 keeps its percentages: positive 4 / 5 = 80%, negative 1 / 5 = 20%.
        Assert.Equal("80", wards.Cell(w1, "Percentage Positive"));
        Assert.Equal("20", wards.Cell(w1, "Percentage Negative"));

        Assert.Equal(FftSuppression.Cascade, wards.Row("RXX", "RXX02", "W2").Suppression);
        Assert.Equal(FftSuppression.None, wards.Row("RXX", "RXX02", "W3").Suppression);

        // Ward A is first-level suppressed by its own count; its site's suppression cascades onto it too.
        Assert.Equal(FftSuppression.FirstLevel | FftSuppression.Cascade, wards.Row("RXX", "RXX01", "Ward A").Suppression);
    }

    [Fact]
    public void Unsuppressed_site_does_not_cascade()
    {
        // One site of 5 + 6 + 9 = 20, alone in its trust: nothing is suppressed anywhere.
        var units = new[]
        {
            Unit("RXX", "RXX02", "W1", 5),
            Unit("RXX", "RXX02", "W2", 6),
            Unit("RXX", "RXX02", "W3", 9),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.All(table.Details, row => Assert.Equal(FftSuppression.None, row.Suppression));
    }

    [Fact]
    public void Second_level_trust_suppression_cascades_through_sites_to_wards()
    {
        // ICB QE1: trust RAA (3) rank 1, first-level; trust RBB (52) rank 2, second-level.
        // RBB's sites by total: S1 (5 + 5 = 10) rank 1, S2 (12) rank 2, S3 (30) rank 3: S1 and S2 cascade.
        // S1's wards: X (5) and Y (5) tie on total and (empty) specialities, so name decides: X rank 1, Y rank 2;
        // both cascade. S2's only ward Z (12) cascades. S3 is not suppressed, so its wards stay visible.
        var units = new[]
        {
            Unit("RAA", "RAA01", "Ward A", 3),
            Unit("RBB", "S1", "X", 5),
            Unit("RBB", "S1", "Y", 5),
            Unit("RBB", "S2", "Z", 12),
            Unit("RBB", "S3", "P", 10),
            Unit("RBB", "S3", "Q", 20),
        };

        var trusts = FftReturn.Build(FftReturnLevel.Trust, units);
        var sites = FftReturn.Build(FftReturnLevel.Site, units);
        var wards = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal(FftSuppression.FirstLevel, trusts.Row("RAA").Suppression);
        Assert.Equal(FftSuppression.SecondLevel, trusts.Row("RBB").Suppression);
        Assert.Equal("*", trusts.Cell(trusts.Row("RBB"), "Very Good"));
        Assert.Equal("100", trusts.Cell(trusts.Row("RBB"), "Percentage Positive"));

        Assert.Equal(FftSuppression.Cascade, sites.Row("RBB", "S1").Suppression);
        Assert.Equal(FftSuppression.Cascade, sites.Row("RBB", "S2").Suppression);
        Assert.Equal(FftSuppression.None, sites.Row("RBB", "S3").Suppression);

        Assert.Equal(FftSuppression.Cascade, wards.Row("RBB", "S1", "X").Suppression);
        Assert.Equal(FftSuppression.Cascade, wards.Row("RBB", "S1", "Y").Suppression);
        Assert.Equal(FftSuppression.Cascade, wards.Row("RBB", "S2", "Z").Suppression);
        Assert.Equal(FftSuppression.None, wards.Row("RBB", "S3", "P").Suppression);
        Assert.Equal(FftSuppression.None, wards.Row("RBB", "S3", "Q").Suppression);
    }

    [Fact]
    public void Trusts_are_ranked_within_their_own_icb()
    {
        // ICB QE1: RAA (2) first-level, RBB (40) second-level.
        // ICB QE2: RCC (6) and RDD (8): its smallest has 5 or more, so nothing there is suppressed,
        // even though RCC is smaller than RBB.
        var units = new[]
        {
            Unit("RAA", "RAA01", "Ward A", 2, icb: "QE1"),
            Unit("RBB", "RBB01", "Ward A", 40, icb: "QE1"),
            Unit("RCC", "RCC01", "Ward A", 6, icb: "QE2"),
            Unit("RDD", "RDD01", "Ward A", 8, icb: "QE2"),
        };

        var table = FftReturn.Build(FftReturnLevel.Trust, units);

        Assert.Equal(FftSuppression.FirstLevel, table.Row("RAA").Suppression);
        Assert.Equal(FftSuppression.SecondLevel, table.Row("RBB").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("RCC").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("RDD").Suppression);
    }

    [Fact]
    public void Trusts_without_an_icb_are_ranked_together()
    {
        // No ICB: RAA (3) rank 1 first-level, RBB (10) rank 2 second-level, RCC (20) visible.
        // ICB QE9: REE (8) alone, visible.
        var units = new[]
        {
            Unit("RAA", "RAA01", "Ward A", 3, icb: null),
            Unit("RBB", "RBB01", "Ward A", 10, icb: ""),
            Unit("RCC", "RCC01", "Ward A", 20, icb: null),
            Unit("REE", "REE01", "Ward A", 8, icb: "QE9"),
        };

        var table = FftReturn.Build(FftReturnLevel.Trust, units);

        Assert.Equal(FftSuppression.FirstLevel, table.Row("RAA").Suppression);
        Assert.Equal(FftSuppression.SecondLevel, table.Row("RBB").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("RCC").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("REE").Suppression);
    }

    [Fact]
    public void Icb_with_one_to_four_responses_cascades_to_its_two_smallest_trusts()
    {
        // ICB QE1 = 1 + 2 = 3 responses: first-level suppressed, so trusts ranked 1 (RAA) and 2 (RBB) cascade.
        var units = new[]
        {
            Unit("RAA", "RAA01", "Ward A", 1, icb: "QE1"),
            Unit("RBB", "RBB01", "Ward A", 2, icb: "QE1"),
        };

        var table = FftReturn.Build(FftReturnLevel.Trust, units);

        Assert.Equal(FftSuppression.FirstLevel | FftSuppression.Cascade, table.Row("RAA").Suppression);
        Assert.Equal(
            FftSuppression.FirstLevel | FftSuppression.SecondLevel | FftSuppression.Cascade,
            table.Row("RBB").Suppression);
    }

    [Fact]
    public void Trusts_without_an_icb_have_no_icb_row_to_cascade_from()
    {
        // The same 1 + 2 responses with no ICB code: no published ICB row, so no cascade flag.
        var units = new[]
        {
            Unit("RAA", "RAA01", "Ward A", 1, icb: null),
            Unit("RBB", "RBB01", "Ward A", 2, icb: null),
        };

        var table = FftReturn.Build(FftReturnLevel.Trust, units);

        Assert.Equal(FftSuppression.FirstLevel, table.Row("RAA").Suppression);
        Assert.Equal(FftSuppression.FirstLevel | FftSuppression.SecondLevel, table.Row("RBB").Suppression);
    }

    [Fact]
    public void Ward_ties_break_on_first_speciality_then_second_then_name()
    {
        // Ward A (2) is rank 1 and first-level suppressed. The rest tie on 6 responses:
        //   "Alpha": first 800 - CLINICAL ONCOLOGY
        //   "Zulu":  first 326 - ACUTE INTERNAL MEDICINE, second 430 - GERIATRIC MEDICINE
        //   "Yankee": first 326 - ACUTE INTERNAL MEDICINE, second 300 - GENERAL MEDICINE
        // "326..." sorts before "800...", and within 326 second "300..." before "430...",
        // so Yankee is rank 2 despite its name sorting after Alpha.
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward A", 2, speciality1: "100 - GENERAL SURGERY"),
            Unit("RXX", "RXX01", "Alpha", 6, speciality1: "800 - CLINICAL ONCOLOGY"),
            Unit("RXX", "RXX01", "Zulu", 6, speciality1: "326 - ACUTE INTERNAL MEDICINE", speciality2: "430 - GERIATRIC MEDICINE"),
            Unit("RXX", "RXX01", "Yankee", 6, speciality1: "326 - ACUTE INTERNAL MEDICINE", speciality2: "300 - GENERAL MEDICINE"),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal(FftSuppression.SecondLevel, table.Row("RXX", ward: "Yankee").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("RXX", ward: "Zulu").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("RXX", ward: "Alpha").Suppression);
    }

    [Fact]
    public void Ward_ties_with_equal_specialities_break_on_ward_name()
    {
        // Ward 9 (4) rank 1 first-level. "Birch" and "Ash" tie on 7 and on speciality: "Ash" is rank 2.
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward 9", 4, speciality1: "300"),
            Unit("RXX", "RXX01", "Birch", 7, speciality1: "300"),
            Unit("RXX", "RXX01", "Ash", 7, speciality1: "300"),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal(FftSuppression.SecondLevel, table.Row("RXX", ward: "Ash").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("RXX", ward: "Birch").Suppression);
    }

    [Fact]
    public void Ward_with_no_speciality_ranks_before_one_with_a_speciality_on_a_tie()
    {
        // Ties on 8: "Zed" has no first speciality (ranks as empty text) so it precedes "Abbey" with "100".
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward 9", 1),
            Unit("RXX", "RXX01", "Abbey", 8, speciality1: "100"),
            Unit("RXX", "RXX01", "Zed", 8, speciality1: null),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal(FftSuppression.SecondLevel, table.Row("RXX", ward: "Zed").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("RXX", ward: "Abbey").Suppression);
    }

    [Fact]
    public void Ward_ties_are_broken_before_the_ward_name_even_when_the_name_would_decide_otherwise()
    {
        // Smaller total always ranks first: "Zeta" (6) before "Able" (9), whatever the names.
        var units = new[]
        {
            Unit("RXX", "RXX01", "Min", 3),
            Unit("RXX", "RXX01", "Able", 9),
            Unit("RXX", "RXX01", "Zeta", 6),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal(FftSuppression.SecondLevel, table.Row("RXX", ward: "Zeta").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("RXX", ward: "Able").Suppression);
    }

    [Fact]
    public void Site_ties_break_on_site_code()
    {
        // Site RXX03 (3) rank 1; RXXB1 and RXXA1 tie on 9, so code decides: RXXA1 rank 2.
        var units = new[]
        {
            Unit("RXX", "RXX03", "Ward A", 3),
            Unit("RXX", "RXXB1", "Ward A", 9),
            Unit("RXX", "RXXA1", "Ward Z", 9),
        };

        var table = FftReturn.Build(FftReturnLevel.Site, units);

        Assert.Equal(FftSuppression.SecondLevel, table.Row("RXX", "RXXA1").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("RXX", "RXXB1").Suppression);
    }

    [Fact]
    public void Trust_ties_break_on_trust_code()
    {
        // RZZ (4) rank 1; RBB and RAA tie on 12, so code decides: RAA rank 2.
        var units = new[]
        {
            Unit("RZZ", "RZZ01", "Ward A", 4),
            Unit("RBB", "RBB01", "Ward A", 12),
            Unit("RAA", "RAA01", "Ward A", 12),
        };

        var table = FftReturn.Build(FftReturnLevel.Trust, units);

        Assert.Equal(FftSuppression.SecondLevel, table.Row("RAA").Suppression);
        Assert.Equal(FftSuppression.None, table.Row("RBB").Suppression);
    }

    [Fact]
    public void Cascade_reaches_the_smallest_children_even_with_five_or_more_responses()
    {
        // Trust RBB is second-level suppressed (RAA has 2). RBB's only site S1 (50) is rank 1: it cascades
        // and, in turn, cascades to its two smallest wards (20 and 30).
        var units = new[]
        {
            Unit("RAA", "RAA01", "Ward A", 2),
            Unit("RBB", "S1", "Big", 30),
            Unit("RBB", "S1", "Small", 20),
        };

        var sites = FftReturn.Build(FftReturnLevel.Site, units);
        var wards = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal(FftSuppression.Cascade, sites.Row("RBB", "S1").Suppression);
        Assert.Equal(FftSuppression.Cascade, wards.Row("RBB", "S1", "Small").Suppression);
        Assert.Equal(FftSuppression.Cascade, wards.Row("RBB", "S1", "Big").Suppression);
        Assert.Equal("100", wards.Cell(wards.Row("RBB", "S1", "Big"), "Percentage Positive"));
    }

    [Fact]
    public void Cascade_skips_zero_response_children()
    {
        // Site S2 (6 + 7 = 13) is second-level suppressed. Its wards ranked: B (6) rank 1, C (7) rank 2;
        // A has no rated responses, takes no rank and is left alone.
        var units = new[]
        {
            Unit("RXX", "S1", "Ward A", 1),
            Unit("RXX", "S2", "A", Counts(noRating: 3)),
            Unit("RXX", "S2", "B", 6),
            Unit("RXX", "S2", "C", 7),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal(FftSuppression.None, table.Row("RXX", "S2", "A").Suppression);
        Assert.Equal(FftSuppression.Cascade, table.Row("RXX", "S2", "B").Suppression);
        Assert.Equal(FftSuppression.Cascade, table.Row("RXX", "S2", "C").Suppression);
    }

    [Fact]
    public void Suppression_does_not_depend_on_input_order()
    {
        var units = new[]
        {
            Unit("RAA", "RAA01", "Ward A", 3),
            Unit("RBB", "S1", "X", 5, speciality1: "300"),
            Unit("RBB", "S1", "Y", 5, speciality1: "300"),
            Unit("RBB", "S2", "Z", 12),
            Unit("RBB", "S3", "P", 10),
        };

        var forward = FftReturn.Build(FftReturnLevel.Ward, units);
        var backward = FftReturn.Build(FftReturnLevel.Ward, units.Reverse().ToList());

        Assert.Equal(forward.Rows, backward.Rows);
    }
}
