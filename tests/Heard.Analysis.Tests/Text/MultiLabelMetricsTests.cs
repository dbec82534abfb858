using Heard.Analysis.Text;

namespace Heard.Analysis.Tests.Text;

public sealed class MultiLabelMetricsTests
{
    [Fact]
    public void Micro_and_macro_f1_match_a_hand_worked_example()
    {
        string[] labels = ["food", "staff", "rare"];
        // Comment:        1        2          3         4       5
        // truth:          food     food,staff staff     -       rare
        // predicted:      food     food       staff,food staff  -
        int[][] truth = [[0], [0, 1], [1], [], [2]];
        int[][] predicted = [[0], [0], [0, 1], [1], []];
        // food:  support 2, predicted 3, hits 2 -> P 2/3, R 1,   F1 = 2*2/(2+3) = 0.8
        // staff: support 2, predicted 2, hits 1 -> P 1/2, R 1/2, F1 = 2*1/(2+2) = 0.5
        // rare:  support 1, predicted 0, hits 0 -> F1 0
        // micro: hits 3, predicted 5, support 5 -> F1 = 2*3/(5+5) = 0.6
        // macro over labels with >= 2 examples (food, staff): (0.8 + 0.5) / 2 = 0.65
        var m = MultiLabelMetrics.Compute(labels, truth, predicted, minimumExamples: 2);

        Assert.Equal(0.6, m.MicroF1, 10);
        Assert.Equal(0.6, m.MicroPrecision, 10);
        Assert.Equal(0.6, m.MicroRecall, 10);
        Assert.Equal(0.65, m.MacroF1, 10);
        Assert.Equal(2, m.MacroLabelCount);
        Assert.Equal(0.8, m.Labels[0].F1, 10);
        Assert.Equal(2.0 / 3, m.Labels[0].Precision, 10);
        Assert.Equal(0.5, m.Labels[1].F1, 10);
        Assert.False(m.Labels[2].InMacro);
    }

    [Fact]
    public void Macro_counts_only_labels_with_enough_examples_in_the_whole_data_and_one_in_the_test()
    {
        string[] labels = ["a", "b", "c"];
        var m = MultiLabelMetrics.Compute(labels, [[0], [1]], [[0], [0]], minimumExamples: 5, examplesPerLabel: [10, 5, 9]);
        // a: F1 2*1/(1+2); b: F1 0; c has no test comment, so it is left out.
        Assert.Equal(2, m.MacroLabelCount);
        Assert.Equal((2.0 / 3 + 0) / 2, m.MacroF1, 10);
    }

    [Fact]
    public void Sentiment_within_one_skips_comments_without_a_coded_sentiment()
    {
        var s = SentimentAccuracy.Compute([1, 2, null, 5, 3], [1, 4, 3, 4, 3]);
        Assert.Equal(4, s.Comments);
        Assert.Equal(2, s.Exact);
        Assert.Equal(3, s.WithinOne);
        Assert.Equal(0.75, s.WithinOneRate, 10);
        Assert.Equal(0.75, s.MeanAbsoluteError, 10);
    }
}
