using Heard.Analysis.Text;

namespace Heard.Analysis.Tests.Text;

public sealed class FrameworkExamplesTests
{
    private const string Cell = """
        POSITIVE: 'Well organised.', 'It's easy to find the ward', 'Always quick and efficient.'

        NEGATIVE/ WISHLIST: 'So unorganised', 'Be more efficient'
        """;

    [Fact]
    public void Framework_examples_are_read_with_their_tone()
    {
        var examples = FrameworkExamples.Parse("Organisation & efficiency", Cell).ToList();

        Assert.Equal(["Well organised.", "It's easy to find the ward", "Always quick and efficient.", "So unorganised", "Be more efficient"],
            examples.Select(e => e.Text));
        Assert.Equal([ExampleTone.Positive, ExampleTone.Positive, ExampleTone.Positive, ExampleTone.Negative, ExampleTone.Negative],
            examples.Select(e => e.Tone));
    }

    [Fact]
    public void Examples_that_are_also_coded_comments_are_left_out_of_training()
    {
        var examples = FrameworkExamples.Parse("Organisation & efficiency", Cell);
        CodedComment[] comments = [new("so UNORGANISED!", "FFT Why?", ["Organisation & efficiency"], 4)];

        var extra = FrameworkExamples.AsTrainingComments(examples, comments);

        Assert.Equal(4, extra.Count);
        Assert.All(extra, e => Assert.True(e.TrainingOnly));
        Assert.DoesNotContain(extra, e => e.Text == "So unorganised");
        Assert.Equal(2, extra[0].Sentiment);
        Assert.Equal(4, extra[^1].Sentiment);
    }
}
