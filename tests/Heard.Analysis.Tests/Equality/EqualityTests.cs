using Heard.Analysis.Equality;

namespace Heard.Analysis.Tests.Equality;

public class SmallGroupSuppressionTests
{
    [Fact]
    public void Groups_of_ten_or_more_are_shown() =>
        Assert.Equal([false, false, false], SmallGroupSuppression.Suppress([10, 25, 40]));

    [Fact]
    public void A_lone_small_group_takes_the_next_smallest_with_it()
    {
        // 4 hidden alone could be read back as the total (79) less 25 and 50; hiding 25 too leaves 29 between two groups.
        Assert.Equal([true, true, false], SmallGroupSuppression.Suppress([4, 25, 50]));
    }

    [Fact]
    public void Two_small_groups_hide_each_other()
    {
        Assert.Equal([true, false, true, false], SmallGroupSuppression.Suppress([3, 30, 9, 12]));
    }

    [Fact]
    public void Empty_groups_are_shown_and_never_chosen_to_hide_another()
    {
        Assert.Equal([false, true, false, true], SmallGroupSuppression.Suppress([0, 2, 40, 15]));
    }

    [Fact]
    public void Ties_for_next_smallest_go_to_the_group_listed_first() =>
        Assert.Equal([false, true, true, false], SmallGroupSuppression.Suppress([20, 5, 12, 12]));

    [Fact]
    public void The_threshold_is_configurable()
    {
        Assert.Equal([false, false], SmallGroupSuppression.Suppress([5, 6], minimum: 5));
        Assert.Equal([true, true], SmallGroupSuppression.Suppress([5, 6], minimum: 6));
        Assert.Equal("fewer than 6", SmallGroupSuppression.Label(6));
    }
}

public class RepresentationTests
{
    [Fact]
    public void Groups_heard_well_below_their_population_share_are_flagged()
    {
        // N = 200. Asian: p = 0.06, π = 0.2, z = (0.06 − 0.2) / √(0.2 × 0.8 / 200) = −4.9497, ratio 0.3.
        // Black: p = 0.04, π = 0.1, z = −0.06 / √(0.09 / 200) = −2.8284, ratio 0.4. White: z = 0.2 / √(0.21 / 200) = 6.1721.
        var result = Representation.Compare(
            new Dictionary<string, long> { ["white"] = 180, ["asian"] = 12, ["black"] = 8 },
            [("white", 70), ("asian", 20), ("black", 10)]);
        Assert.Equal(["white", "asian", "black"], result.Select(r => r.Group));
        Assert.Equal([6.1721, -4.9497, -2.8284], result.Select(r => Math.Round(r.Z, 4)));
        Assert.Equal([0.7, 0.2, 0.1], result.Select(r => Math.Round(r.PopulationShare, 10)));
        Assert.Equal([1.2857, 0.3, 0.4], result.Select(r => Math.Round(r.Ratio, 4)));
        Assert.Equal([false, true, true], result.Select(r => r.SeldomHeard));
    }

    [Fact]
    public void A_small_shortfall_is_not_flagged_however_many_responded()
    {
        // 4,800 of 10,000 against 50%: z = −0.02 / 0.005 = −4, but the ratio is 0.96.
        var result = Representation.Compare(new Dictionary<string, long> { ["female"] = 4800, ["male"] = 5200 }, [("female", 0.5), ("male", 0.5)]);
        Assert.Equal(-4, result[0].Z, 9);
        Assert.False(result[0].SeldomHeard);
    }

    [Fact]
    public void A_large_shortfall_among_few_respondents_is_not_flagged()
    {
        // 1 of 20 against 10%: ratio 0.5 but z = −0.05 / √(0.09 / 20) = −0.7454.
        var result = Representation.Compare(new Dictionary<string, long> { ["yes"] = 1, ["no"] = 19 }, [("yes", 0.1), ("no", 0.9)]);
        Assert.Equal(-0.7454, Math.Round(result[0].Z, 4));
        Assert.False(result[0].SeldomHeard);
    }

    [Fact]
    public void A_group_nobody_responded_from_has_a_share_of_zero()
    {
        var result = Representation.Compare(new Dictionary<string, long> { ["no"] = 300 }, [("yes", 0.2), ("no", 0.8)]);
        Assert.Equal(0, result[0].Respondents);
        Assert.True(result[0].SeldomHeard);
    }

    [Fact]
    public void Nobody_answering_gives_nothing_to_compare() =>
        Assert.Empty(Representation.Compare(new Dictionary<string, long>(), [("yes", 0.2)]));
}
