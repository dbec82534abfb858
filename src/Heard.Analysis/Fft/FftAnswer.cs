namespace Heard.Analysis.Fft;

/// <summary>The six FFT answers, numbered as NHS England codes them.</summary>
public enum FftAnswer
{
    VeryGood = 1,
    Good = 2,
    NeitherGoodNorPoor = 3,
    Poor = 4,
    VeryPoor = 5,
    DontKnow = 6,
}

public static class FftAnswers
{
    /// <summary>The six answers in code order (1 to 6).</summary>
    public static IReadOnlyList<FftAnswer> All { get; } =
    [
        FftAnswer.VeryGood, FftAnswer.Good, FftAnswer.NeitherGoodNorPoor,
        FftAnswer.Poor, FftAnswer.VeryPoor, FftAnswer.DontKnow,
    ];

    // Historic (2013-2020) wording is mapped answer for answer onto the current scale, as NHS England does.
    private static readonly Dictionary<string, FftAnswer> Wordings = new(StringComparer.Ordinal)
    {
        ["very good"] = FftAnswer.VeryGood,
        ["good"] = FftAnswer.Good,
        ["neither good nor poor"] = FftAnswer.NeitherGoodNorPoor,
        ["poor"] = FftAnswer.Poor,
        ["very poor"] = FftAnswer.VeryPoor,
        ["don't know"] = FftAnswer.DontKnow,
        ["dont know"] = FftAnswer.DontKnow,
        ["extremely likely"] = FftAnswer.VeryGood,
        ["likely"] = FftAnswer.Good,
        ["neither likely nor unlikely"] = FftAnswer.NeitherGoodNorPoor,
        ["unlikely"] = FftAnswer.Poor,
        ["extremely unlikely"] = FftAnswer.VeryPoor,
    };

    /// <summary>
    /// Reads an answer as written in an import file: a code 1-6 or the current or pre-2020 wording.
    /// Blank text is a valid "no rating given" (answer null), which is kept but never counted as a response.
    /// </summary>
    /// <returns>False when the text is not a recognisable FFT answer.</returns>
    public static bool TryParse(string? text, out FftAnswer? answer)
    {
        answer = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 1 && trimmed[0] is >= '1' and <= '6')
        {
            answer = (FftAnswer)(trimmed[0] - '0');
            return true;
        }

        if (Wordings.TryGetValue(NormaliseWording(trimmed), out var found))
        {
            answer = found;
            return true;
        }

        return false;
    }

    /// <summary>The current (post-2020) wording of an answer.</summary>
    public static string Label(FftAnswer answer) => answer switch
    {
        FftAnswer.VeryGood => "Very good",
        FftAnswer.Good => "Good",
        FftAnswer.NeitherGoodNorPoor => "Neither good nor poor",
        FftAnswer.Poor => "Poor",
        FftAnswer.VeryPoor => "Very poor",
        FftAnswer.DontKnow => "Don't know",
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, "Not an FFT answer."),
    };

    // Survey tools export curly apostrophes and stray double spaces; neither changes the answer.
    private static string NormaliseWording(string text)
    {
        var parts = text.Replace('\u2019', '\'').Replace('\u2018', '\'')
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', parts).ToLowerInvariant();
    }
}
