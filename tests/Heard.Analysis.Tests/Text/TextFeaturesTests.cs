using Heard.Analysis.Text;

namespace Heard.Analysis.Tests.Text;

public sealed class TextFeaturesTests
{
    [Fact]
    public void Tokeniser_folds_case_and_apostrophes() =>
        Assert.Equal(["the", "staff", "didnt", "listen", "to", "mums", "worries"], TextFeatures.Tokens("The STAFF didn't listen to mum’s worries!"));

    [Fact]
    public void Every_run_of_digits_is_one_number_token() =>
        Assert.Equal("waited 0 hours from 0 0pm", TextFeatures.Normalise("Waited 4 hours, from 12:30pm"));

    [Fact]
    public void Punctuation_and_spaces_only_separate_words() =>
        Assert.Equal("", TextFeatures.Normalise("  ... !! -- "));

    [Fact]
    public void Spelling_variants_of_one_word_give_the_same_features()
    {
        var settings = new TextFeatureSettings();
        var a = new FeatureBuffer();
        var b = new FeatureBuffer();
        TextFeatures.Extract("Didn't LISTEN", "What could we do better?", settings, a);
        TextFeatures.Extract("didnt listen", "what could we do better", settings, b);
        Assert.Equal(a.Hashes.AsSpan(0, a.Count).ToArray(), b.Hashes.AsSpan(0, b.Count).ToArray());
    }

    [Fact]
    public void The_question_changes_the_features_of_the_same_answer()
    {
        var settings = new TextFeatureSettings();
        var good = new FeatureBuffer();
        var better = new FeatureBuffer();
        TextFeatures.Extract("Nothing", "What was good?", settings, good);
        TextFeatures.Extract("Nothing", "How could we improve?", settings, better);
        Assert.NotEqual(good.Hashes.AsSpan(0, good.Count).ToArray(), better.Hashes.AsSpan(0, better.Count).ToArray());
    }

    [Fact]
    public void Character_grams_cover_each_word_with_its_boundaries()
    {
        var settings = new TextFeatureSettings { WordPairs = false, QuestionWords = false, MinCharGram = 2, MaxCharGram = 3 };
        var buffer = new FeatureBuffer();
        TextFeatures.Extract("ab", "", settings, buffer);
        // "<ab>": 2-grams "<a", "ab", "b>" and 3-grams "<ab", "ab>"; plus the word and the answer-length feature.
        Assert.Equal(5, buffer.Kinds.AsSpan(0, buffer.Count).ToArray().Count(k => k == FeatureKind.CharGram));
        Assert.Equal(1, buffer.Kinds.AsSpan(0, buffer.Count).ToArray().Count(k => k == FeatureKind.Word));
    }
}
