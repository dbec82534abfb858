using Heard.Analysis.Fft;

namespace Heard.Analysis.Tests.Fft;

public class FftAnswersTests
{
    [Theory]
    [InlineData("1", FftAnswer.VeryGood)]
    [InlineData("2", FftAnswer.Good)]
    [InlineData("3", FftAnswer.NeitherGoodNorPoor)]
    [InlineData("4", FftAnswer.Poor)]
    [InlineData("5", FftAnswer.VeryPoor)]
    [InlineData("6", FftAnswer.DontKnow)]
    [InlineData(" 4 ", FftAnswer.Poor)]
    public void Codes_one_to_six_map_to_the_six_answers(string text, FftAnswer expected)
    {
        Assert.True(FftAnswers.TryParse(text, out var answer));
        Assert.Equal(expected, answer);
    }

    [Theory]
    [InlineData("Very good", FftAnswer.VeryGood)]
    [InlineData("VERY GOOD", FftAnswer.VeryGood)]
    [InlineData("good", FftAnswer.Good)]
    [InlineData("Neither good nor poor", FftAnswer.NeitherGoodNorPoor)]
    [InlineData("Poor", FftAnswer.Poor)]
    [InlineData("very poor", FftAnswer.VeryPoor)]
    [InlineData("Don't know", FftAnswer.DontKnow)]
    [InlineData("Don\u2019t know", FftAnswer.DontKnow)]
    [InlineData("Dont know", FftAnswer.DontKnow)]
    [InlineData("  Very   good ", FftAnswer.VeryGood)]
    public void Current_wording_is_read_case_insensitively(string text, FftAnswer expected)
    {
        Assert.True(FftAnswers.TryParse(text, out var answer));
        Assert.Equal(expected, answer);
    }

    [Theory]
    [InlineData("Extremely likely", FftAnswer.VeryGood)]
    [InlineData("Likely", FftAnswer.Good)]
    [InlineData("Neither likely nor unlikely", FftAnswer.NeitherGoodNorPoor)]
    [InlineData("Unlikely", FftAnswer.Poor)]
    [InlineData("Extremely unlikely", FftAnswer.VeryPoor)]
    [InlineData("Don't know", FftAnswer.DontKnow)]
    [InlineData("EXTREMELY UNLIKELY", FftAnswer.VeryPoor)]
    public void Pre_2020_wording_maps_to_current_answers(string text, FftAnswer expected)
    {
        Assert.True(FftAnswers.TryParse(text, out var answer));
        Assert.Equal(expected, answer);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_answer_is_valid_and_means_no_rating_given(string? text)
    {
        Assert.True(FftAnswers.TryParse(text, out var answer));
        Assert.Null(answer);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("excellent")]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("01")]
    [InlineData("Very")]
    [InlineData("Very good indeed")]
    public void Answers_seven_and_excellent_are_rejected(string text)
    {
        Assert.False(FftAnswers.TryParse(text, out var answer));
        Assert.Null(answer);
    }

    [Theory]
    [InlineData(FftAnswer.VeryGood, "Very good")]
    [InlineData(FftAnswer.Good, "Good")]
    [InlineData(FftAnswer.NeitherGoodNorPoor, "Neither good nor poor")]
    [InlineData(FftAnswer.Poor, "Poor")]
    [InlineData(FftAnswer.VeryPoor, "Very poor")]
    [InlineData(FftAnswer.DontKnow, "Don't know")]
    public void Label_is_the_current_wording_and_reads_back_as_the_same_answer(FftAnswer answer, string label)
    {
        Assert.Equal(label, FftAnswers.Label(answer));
        Assert.True(FftAnswers.TryParse(label, out var parsed));
        Assert.Equal(answer, parsed);
    }

    [Fact]
    public void Answers_are_numbered_as_nhs_england_codes_them()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6], FftAnswers.All.Select(a => (int)a));
    }
}
