using Heard.Analysis.Text;

namespace Heard.Analysis.Tests.Text;

public sealed class ThemeTrainerTests
{
    [Fact]
    public void Trainer_learns_a_separable_toy_label_set()
    {
        var trainer = new ThemeTrainer(ToyComments.Make(400), ToyComments.Options);
        var model = trainer.Train();

        Assert.Equal(["food", "staff", "waiting"], model.Labels.Order());
        var coded = model.Predict("The food was cold and we waited four hours, awful", "What could we do better?");
        Assert.Equal(["food", "waiting"], coded.Labels.Select(l => l.Label).Order());
        Assert.True(coded.Sentiment >= 4, $"sentiment {coded.Sentiment}");
        var praised = model.Predict("the nurses were kind, thank you so much", "What could we do better?");
        Assert.Equal(["staff"], praised.Labels.Select(l => l.Label));
        Assert.True(praised.Sentiment <= 2, $"sentiment {praised.Sentiment}");
    }

    [Fact]
    public void Held_out_scores_are_near_perfect_on_a_separable_label_set()
    {
        var evaluation = new ThemeTrainer(ToyComments.Make(400), ToyComments.Options).HoldOut(0.2);

        Assert.True(evaluation.Labels.MicroF1 > 0.95, $"micro-F1 {evaluation.Labels.MicroF1}");
        Assert.True(evaluation.Sentiment.WithinOneRate > 0.95, $"sentiment within one {evaluation.Sentiment.WithinOneRate}");
        Assert.Equal(400, evaluation.TrainComments + evaluation.TestComments);
    }

    [Fact]
    public void Training_twice_gives_the_same_model_file()
    {
        byte[] Build()
        {
            using var stream = new MemoryStream();
            new ThemeTrainer(ToyComments.Make(200), ToyComments.Options).Train().Save(stream);
            return stream.ToArray();
        }
        Assert.Equal(Build(), Build());
    }

    [Fact]
    public void Thresholds_are_chosen_per_label()
    {
        // Label 0's comments score 0.7-0.9 and the others 0.0-0.2: the best cut is halfway, 0.45.
        // Label 1's comments score -0.4 to -0.2 and the others -1.0 to -0.8: its cut is -0.6, not 0.45.
        float[][] scores = [[0.9f, -0.9f], [0.8f, -0.8f], [0.7f, -1.0f], [0.2f, -0.2f], [0.1f, -0.3f], [0.0f, -0.4f]];
        int[][] truth = [[0], [0], [0], [1], [1], [1]];

        var (thresholds, fallback) = ThemeTrainer.ChooseThresholds(scores, truth, 2, shrink: 0);

        Assert.Equal(0.45f, thresholds[0], 0.001f);
        Assert.Equal(-0.6f, thresholds[1], 0.001f);
        Assert.False(fallback);
    }

    [Fact]
    public void A_rare_labels_threshold_is_pulled_towards_the_pooled_one()
    {
        float[][] scores = [[0.9f, -0.9f], [0.8f, -0.8f], [0.7f, -1.0f], [0.2f, -0.2f], [0.1f, -0.3f], [0.0f, -0.4f]];
        int[][] truth = [[0], [0], [0], [1], [1], [1]];

        var (free, _) = ThemeTrainer.ChooseThresholds(scores, truth, 2, shrink: 0);
        var (shrunk, _) = ThemeTrainer.ChooseThresholds(scores, truth, 2, shrink: 100);

        Assert.True(Math.Abs(shrunk[0] - shrunk[1]) < Math.Abs(free[0] - free[1]) / 10);
    }

    [Fact]
    public void Cross_validation_keeps_each_respondents_comments_in_one_fold()
    {
        var comments = ToyComments.Make(300);
        comments.Add(new CodedComment("example phrase", null, ["food"], 2, "framework") { TrainingOnly = true });
        var trainer = new ThemeTrainer(comments, ToyComments.Options);

        var folds = trainer.AssignFolds(Enumerable.Range(0, comments.Count).ToArray(), 5, seed: 3);

        foreach (var group in Enumerable.Range(0, 300).GroupBy(i => comments[i].Group))
            Assert.Single(group.Select(i => folds[i]).Distinct());
        Assert.Equal(-1, folds[^1]);
        var sizes = Enumerable.Range(0, 5).Select(f => folds.Count(x => x == f)).ToArray();
        Assert.True(sizes.Min() >= 45, $"fold sizes {string.Join(", ", sizes)}");
    }

    [Fact]
    public void Solver_reaches_the_logistic_regression_optimum()
    {
        // At the optimum of 0.5|w|^2 + C sum log(1 + exp(-y w.x)) the gradient w - C sum y x sigmoid(-y w.x) is zero.
        var random = new Random(5);
        const int n = 500, d = 4;
        var start = new int[n + 1];
        var column = new int[n * d];
        var value = new float[n * d];
        var positive = new bool[n];
        for (var i = 0; i < n; i++)
        {
            start[i + 1] = (i + 1) * d;
            var z = 0.0;
            for (var k = 0; k < d; k++)
            {
                column[i * d + k] = k;
                value[i * d + k] = (float)(random.NextDouble() * 2 - 1);
                z += (k + 1) * value[i * d + k];
            }
            positive[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z));
        }
        var x = new SparseRows(start, column, value, d);
        var w = new float[d + 1];

        LinearSolver.Train(x, positive, LinearLoss.Logistic, 1, 1, w, seed: 1, tolerance: 0.001);

        var gradient = w.Select(v => (double)v).ToArray();
        for (var i = 0; i < n; i++)
        {
            var y = positive[i] ? 1 : -1;
            var margin = y * (x.Dot(i, w) + w[d]);
            var g = -y / (1 + Math.Exp(margin));
            for (var k = 0; k < d; k++) gradient[k] += g * value[i * d + k];
            gradient[d] += g;
        }
        Assert.True(gradient.Max(Math.Abs) < 0.05, $"gradient {string.Join(", ", gradient)}");
        Assert.True(w[3] > w[0], "the heavier feature gets the larger weight");
    }
}
