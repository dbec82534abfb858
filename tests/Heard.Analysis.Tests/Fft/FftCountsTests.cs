using Heard.Analysis.Fft;
using static Heard.Analysis.Tests.Fft.FftTestData;

namespace Heard.Analysis.Tests.Fft;

public class FftCountsTests
{
    [Fact]
    public void Total_is_the_six_answers_and_excludes_no_rating()
    {
        // 1 + 2 + 3 + 4 + 5 + 6 = 21 responses; the 7 records with no rating are kept apart.
        var counts = Counts(veryGood: 1, good: 2, neither: 3, poor: 4, veryPoor: 5, dontKnow: 6, noRating: 7);

        Assert.Equal(21, counts.Total);
        Assert.Equal(7, counts.NoRating);
    }

    [Fact]
    public void PercentagePositive_counts_dont_know_in_denominator()
    {
        // Positive = 3 + 1 = 4; total = 3 + 1 + 4 = 8 (Don't know counts); 4 / 8 = 50%.
        var counts = Counts(veryGood: 3, good: 1, dontKnow: 4);

        Assert.Equal(4, counts.PositiveCount);
        Assert.Equal(50.0, counts.PercentagePositive);
        Assert.Equal(0.0, counts.PercentageNegative);
    }

    [Fact]
    public void PercentageNegative_counts_neither_in_denominator_but_not_numerator()
    {
        // Negative = 1 + 1 = 2; total = 2 + 6 = 8 (Neither counts); 2 / 8 = 25%; positive 0 / 8 = 0%.
        var counts = Counts(neither: 6, poor: 1, veryPoor: 1);

        Assert.Equal(2, counts.NegativeCount);
        Assert.Equal(25.0, counts.PercentageNegative);
        Assert.Equal(0.0, counts.PercentagePositive);
    }

    [Fact]
    public void Percentages_are_undefined_with_only_no_rating_records()
    {
        var counts = Counts(noRating: 3);

        Assert.Equal(0, counts.Total);
        Assert.Null(counts.PercentagePositive);
        Assert.Null(counts.PercentageNegative);
        Assert.Null(counts.WholePercentagePositive);
    }

    [Fact]
    public void Whole_percentages_round_halves_up()
    {
        // Positive 1 of 8 = 12.5% -> 13; negative 3 of 8 = 37.5% -> 38.
        var counts = Counts(veryGood: 1, neither: 4, poor: 3);

        Assert.Equal(13, counts.WholePercentagePositive);
        Assert.Equal(38, counts.WholePercentageNegative);
    }

    [Fact]
    public void Modes_count_only_rated_responses()
    {
        var counts = new FftCounts();
        counts.Add(FftAnswer.Good, FftMode.Telephone);
        counts.Add(FftAnswer.DontKnow, FftMode.Telephone);
        counts.Add(null, FftMode.Telephone);
        counts.Add(FftAnswer.Poor, FftMode.PaperHome);

        // Telephone: Good + Don't know = 2 (the unrated call is not a response); paper at home: 1.
        Assert.Equal(2, counts.ModeCount(FftMode.Telephone));
        Assert.Equal(1, counts.ModeCount(FftMode.PaperHome));
        Assert.Equal(0, counts.ModeCount(FftMode.Sms));
        Assert.Equal(1, counts.NoRating);
        Assert.Equal(3, counts.Total);
    }

    [Fact]
    public void Adding_counts_sums_answers_no_rating_and_modes()
    {
        var sum = Counts(veryGood: 2, noRating: 1, mode: FftMode.Sms);
        sum.Add(Counts(veryGood: 1, veryPoor: 4, noRating: 2, mode: FftMode.Online));

        // Very good 2 + 1 = 3, very poor 4, total 7; no rating 1 + 2 = 3; SMS 2, online 1 + 4 = 5.
        Assert.Equal(3, sum.VeryGood);
        Assert.Equal(4, sum.VeryPoor);
        Assert.Equal(7, sum.Total);
        Assert.Equal(3, sum.NoRating);
        Assert.Equal(2, sum.ModeCount(FftMode.Sms));
        Assert.Equal(5, sum.ModeCount(FftMode.Online));
    }

    [Fact]
    public void Clone_is_independent_of_the_original()
    {
        var original = Counts(good: 2);
        var copy = original.Clone();
        copy.Add(FftAnswer.Good, FftMode.Sms);

        Assert.Equal(2, original.Good);
        Assert.Equal(3, copy.Good);
    }

    [Theory]
    [InlineData(1, 8, 13)] // 12.5 -> 13: (200 + 8) / 16 = 13
    [InlineData(2, 3, 67)] // 66.67 -> 67: (400 + 3) / 6 = 67.17 -> 67
    [InlineData(1, 3, 33)] // 33.33 -> 33: (200 + 3) / 6 = 33.83 -> 33
    [InlineData(5, 200, 3)] // 2.5 -> 3: (1000 + 200) / 400 = 3
    [InlineData(0, 5, 0)] // (0 + 5) / 10 = 0.5 -> 0
    [InlineData(5, 5, 100)] // (1000 + 5) / 10 = 100.5 -> 100
    [InlineData(29, 200, 15)] // 14.5 -> 15; in doubles 100 * 0.145 is 14.499999999999998
    [InlineData(57, 200, 29)] // 28.5 -> 29: (11400 + 200) / 400 = 29
    [InlineData(1, 200, 1)] // 0.5 -> 1: (200 + 200) / 400 = 1
    [InlineData(199, 200, 100)] // 99.5 -> 100: (39800 + 200) / 400 = 100
    [InlineData(1, 201, 0)] // 0.4975 -> 0: (200 + 201) / 402 = 0.9975 -> 0
    [InlineData(1, 6, 17)] // 16.67 -> 17: (200 + 6) / 12 = 17.17 -> 17
    public void Whole_percent_rounds_halves_up_in_exact_arithmetic(long numerator, long total, int expected)
    {
        Assert.Equal(expected, FftPercent.Whole(numerator, total));
    }

    [Fact]
    public void Whole_percent_of_nothing_is_undefined()
    {
        Assert.Null(FftPercent.Whole(0, 0));
    }

    [Fact]
    public void Whole_percent_does_not_overflow_with_huge_counts()
    {
        // 200 * n would overflow a long; half of long.MaxValue (odd) is 49.99...% -> 50.
        Assert.Equal(50, FftPercent.Whole(long.MaxValue / 2, long.MaxValue));
    }

    [Fact]
    public void Response_rate_is_responses_over_eligible()
    {
        // 25 of 100 eligible patients responded: 0.25.
        Assert.Equal(0.25, FftPercent.ResponseRate(25, 100));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    public void Response_rate_is_undefined_without_an_eligible_count(long? eligible)
    {
        Assert.Null(FftPercent.ResponseRate(5, eligible));
    }
}
