using Heard.Analysis.Text;

namespace Heard.Analysis.Tests.Text;

public sealed class ThemeModelTests
{
    [Fact]
    public void Model_round_trips_through_its_binary_format()
    {
        var model = new ThemeTrainer(ToyComments.Make(200), ToyComments.Options).Train();
        using var first = new MemoryStream();
        model.Save(first);

        var loaded = ThemeModel.Load(new MemoryStream(first.ToArray()));
        using var second = new MemoryStream();
        loaded.Save(second);

        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal(model.Labels, loaded.Labels);
        Assert.Equal(model.Thresholds, loaded.Thresholds);
        Assert.Equal(model.Framework, loaded.Framework);
        var a = model.CreateScorer();
        var b = loaded.CreateScorer();
        foreach (var comment in ToyComments.Make(50, seed: 9))
        {
            a.Code(comment.Text, comment.Question);
            b.Code(comment.Text, comment.Question);
            Assert.Equal(a.Scores.ToArray(), b.Scores.ToArray());
            Assert.Equal(a.Chosen.ToArray(), b.Chosen.ToArray());
            Assert.Equal(a.Sentiment, b.Sentiment);
        }
    }

    [Fact]
    public void Loading_something_that_is_not_a_model_fails_clearly()
    {
        var e = Assert.Throws<InvalidDataException>(() => ThemeModel.Load(new MemoryStream("comment_id,comment\n1,hello\n"u8.ToArray())));
        Assert.Contains("not a Heard comment model", e.Message);
    }

    [Fact]
    public void A_scorer_gives_the_same_answer_however_often_it_is_reused()
    {
        var model = new ThemeTrainer(ToyComments.Make(200), ToyComments.Options).Train();
        var scorer = model.CreateScorer();
        scorer.Code("the food was cold, awful", "");
        var first = scorer.Scores.ToArray();
        for (var i = 0; i < 100; i++) scorer.Code("staff were rude and we waited four hours " + i, "");
        scorer.Code("the food was cold, awful", "");
        Assert.Equal(first, scorer.Scores.ToArray());
    }

    [Fact]
    public void BuiltIn_model_codes_obvious_comments()
    {
        var model = ThemeModel.BuiltIn();

        var rude = model.Predict("staff were rude and ignored me");
        Assert.Contains("Staff manner & personal attributes", rude.Labels.Select(l => l.Label));
        Assert.InRange(rude.Sentiment, 4, 5);

        var thanks = model.Predict("thank you, excellent care");
        Assert.Contains("Positive experience & gratitude", thanks.Labels.Select(l => l.Label));
        Assert.InRange(thanks.Sentiment, 1, 2);

        var food = model.Predict("The food was cold and there was not enough of it", "What could we do better?");
        Assert.Equal("Food & drink provision & facilities", food.Labels[0].Label);
        Assert.Equal("Environment, equipment & catering", food.Labels[0].Category);

        var waiting = model.Predict("waited 5 hours for an ambulance", "FFT Why?");
        Assert.Contains("Timeliness of care", waiting.Labels.Select(l => l.Label));

        // Coders label blank answers "Labelling not possible" and give them no sentiment; neutral is the honest reading.
        var blank = model.Predict("   ");
        Assert.Equal(["Labelling not possible"], blank.Labels.Select(l => l.Label));
        Assert.Equal(3, blank.Sentiment);
    }

    [Fact]
    public void BuiltIn_model_carries_the_qdc_v7_framework()
    {
        var model = ThemeModel.BuiltIn();

        Assert.Equal("QDC v7", model.Framework);
        Assert.Equal(32, model.Labels.Count);
        Assert.Equal("Staff", model.Categories[model.Labels.ToList().IndexOf("Staff manner & personal attributes")]);
        Assert.All(model.Categories, c => Assert.NotEqual("", c));
        Assert.Same(model, ThemeModel.BuiltIn());
    }
}
