using Heard.Analysis.Text;

namespace Heard.Analysis.Tests.Text;

public sealed class KeyPhrasesTests
{
    // Food comments on two wards: Ward A's are about temperature, Ward B's about portion size.
    private static readonly string[] WardA =
    [
        "The food was cold",                               // food, cold
        "Cold food, again",                                // cold, food, "cold food"
        "Dinner was cold and the temperature was wrong",   // dinner, cold, temperature, wrong
        "Temperature of the food was poor",                // temperature, food, poor
    ];

    private static readonly string[] WardB =
    [
        "The portion was small",                           // portion, small
        "Small portion of food",                           // small, portion, "small portion", food
        "Portion size was small",                          // portion, size, "portion size", small
        "Food was fine",                                   // food, fine
    ];

    [Fact]
    public void Terms_are_content_words_and_pairs_of_content_words_that_stand_together()
    {
        Assert.Equal(["cold", "food", "cold food"], KeyPhrases.Terms("Cold food, again!"));
        // "was" is a stop word, so "food" and "cold" are not next to each other: no pair.
        Assert.Equal(["food", "cold"], KeyPhrases.Terms("The food was COLD"));
        // Numbers and one-letter words say nothing about the care.
        Assert.Equal(["waited", "hours"], KeyPhrases.Terms("I waited 4 hours"));
        Assert.Empty(KeyPhrases.Terms("   "));
    }

    [Fact]
    public void A_term_counts_once_per_comment()
    {
        var counts = KeyPhrases.CountTerms(["cold cold cold", "cold tea"]);

        Assert.Equal(2, counts["cold"]);
        Assert.Equal(1, counts["cold cold"]);
        Assert.Equal(1, counts["tea"]);
    }

    [Fact]
    public void Cold_and_temperature_distinguish_ward_A_and_portion_and_small_ward_B()
    {
        var a = KeyPhrases.Distinguish(WardA, WardB);
        var b = KeyPhrases.Distinguish(WardB, WardA);

        // Terms in fewer than 2 of the ward's comments ("dinner", "cold food") are left out; "food" is in both wards
        // but a little more in A (3 of 4 against 2 of 4), so it comes last with a small z.
        Assert.Equal(["cold", "temperature", "food"], a.Select(p => p.Phrase));
        Assert.Equal(["portion", "small"], b.Select(p => p.Phrase));
        Assert.Equal((3, 0), (a[0].CountHere, a[0].CountElsewhere));
        Assert.Equal((3, 2), (a[2].CountHere, a[2].CountElsewhere));

        // By hand. Ward A has 12 term occurrences (food 3, cold 3, cold food 1, dinner 1, temperature 2, wrong 1,
        // poor 1), Ward B 12 (portion 3, small 3, small portion 1, food 2, size 1, portion size 1, fine 1).
        // The prior is the pooled count, so alpha0 = 24.
        // "cold": yA = 3, yB = 0, alpha = 3.
        //   delta = ln((3+3)/(12+24-3-3)) - ln((0+3)/(12+24-0-3)) = ln(6/30) - ln(3/33) = ln(2.2) = 0.788457
        //   variance = 1/(3+3) + 1/(0+3) = 0.5, so z = 0.788457 / 0.707107 = 1.115047
        Assert.Equal(1.115047, a[0].Z, 6);
        // "temperature": yA = 2, yB = 0, alpha = 2: delta = ln(4/32) - ln(2/34) = ln(2.125) = 0.753772,
        //   variance = 1/4 + 1/2 = 0.75, z = 0.753772 / 0.866025 = 0.870381
        Assert.Equal(0.870381, a[1].Z, 6);
        // "food": yA = 3, yB = 2, alpha = 5: delta = ln(8/28) - ln(7/29) = 0.168623,
        //   variance = 1/8 + 1/7 = 0.267857, z = 0.168623 / 0.517549 = 0.325810
        Assert.Equal(0.325810, a[2].Z, 6);
        // The two wards mirror each other, so "portion" scores in B what "cold" scores in A.
        Assert.Equal(a[0].Z, b[0].Z, 9);
    }

    [Fact]
    public void Top_and_minimum_count_limit_the_list()
    {
        Assert.Equal(["cold"], KeyPhrases.Distinguish(WardA, WardB, top: 1).Select(p => p.Phrase));
        Assert.Equal(["cold", "food"], KeyPhrases.Distinguish(WardA, WardB, minCount: 3).Select(p => p.Phrase));
        Assert.Empty(KeyPhrases.Distinguish([], WardB));
    }

    [Fact]
    public void Two_proportion_z_uses_the_pooled_share()
    {
        // 30 of 100 against 15 of 100: pooled p = 45/200 = 0.225,
        // se = sqrt(0.225 * 0.775 * (1/100 + 1/100)) = sqrt(0.0034875) = 0.0590551, z = 0.15 / 0.0590551 = 2.540003.
        Assert.Equal(2.540003, ProportionTest.TwoProportionZ(30, 100, 15, 100)!.Value, 6);
        Assert.True(ProportionTest.NotablyHigher(30, 100, 15, 100));
        // 20 of 100 against 180 of 1,000: p = 200/1100, z = 0.02 / sqrt(0.181818 * 0.818182 * 0.011) = 0.494413.
        Assert.Equal(0.494413, ProportionTest.TwoProportionZ(20, 100, 180, 1000)!.Value, 6);
        Assert.False(ProportionTest.NotablyHigher(20, 100, 180, 1000));
        // Lower is not "notably higher", however far.
        Assert.False(ProportionTest.NotablyHigher(15, 100, 30, 100));
        Assert.Null(ProportionTest.TwoProportionZ(0, 0, 3, 10));
        Assert.Null(ProportionTest.TwoProportionZ(0, 10, 0, 10));
    }
}
