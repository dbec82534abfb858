namespace Heard.Analysis.Fft;

/// <summary>
/// Tally of FFT answers for one unit, period or aggregate. "No rating given" is kept beside the six answers
/// but is not an FFT response, so it is excluded from <see cref="Total"/>, the percentages and the modes.
/// </summary>
public sealed class FftCounts
{
    private readonly long[] _answers = new long[6];
    private readonly long[] _modes = new long[8];

    public long VeryGood => _answers[0];
    public long Good => _answers[1];
    public long NeitherGoodNorPoor => _answers[2];
    public long Poor => _answers[3];
    public long VeryPoor => _answers[4];
    public long DontKnow => _answers[5];

    /// <summary>Records with no answer: stored and shown, never counted as responses.</summary>
    public long NoRating { get; private set; }

    /// <summary>Total FFT responses: the six answers, Don't know included, no rating excluded.</summary>
    public long Total => _answers.Sum();

    /// <summary>Very good + Good.</summary>
    public long PositiveCount => VeryGood + Good;

    /// <summary>Poor + Very poor.</summary>
    public long NegativeCount => Poor + VeryPoor;

    /// <summary>Exact percentage positive (0-100); Neither and Don't know sit in the denominator. Null with no responses.</summary>
    public double? PercentagePositive => FftPercent.Exact(PositiveCount, Total);

    /// <summary>Exact percentage negative (0-100). Null with no responses.</summary>
    public double? PercentageNegative => FftPercent.Exact(NegativeCount, Total);

    /// <summary>Percentage positive as published: whole number, halves up. Null with no responses.</summary>
    public int? WholePercentagePositive => FftPercent.Whole(PositiveCount, Total);

    /// <summary>Percentage negative as published: whole number, halves up. Null with no responses.</summary>
    public int? WholePercentageNegative => FftPercent.Whole(NegativeCount, Total);

    public long Count(FftAnswer answer) => _answers[AnswerIndex(answer)];

    /// <summary>Rated responses collected by this mode.</summary>
    public long ModeCount(FftMode mode) => _modes[ModeIndex(mode)];

    public void Add(FftAnswer? answer, FftMode mode) => Add(answer, mode, 1);

    /// <summary>Adds <paramref name="count"/> identical records, e.g. a grouped count from a query.</summary>
    public void Add(FftAnswer? answer, FftMode mode, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var modeIndex = ModeIndex(mode);
        if (answer is null)
        {
            NoRating += count;
            return;
        }

        _answers[AnswerIndex(answer.Value)] += count;
        _modes[modeIndex] += count;
    }

    public void Add(FftCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _answers.Length; i++)
        {
            _answers[i] += other._answers[i];
        }

        for (var i = 0; i < _modes.Length; i++)
        {
            _modes[i] += other._modes[i];
        }

        NoRating += other.NoRating;
    }

    /// <summary>
    /// Counts from a stored aggregate, where answers and modes are tallied separately. The mode counts must sum to
    /// the six answers, since only rated responses carry a mode.
    /// </summary>
    public static FftCounts FromAggregate(long veryGood, long good, long neither, long poor, long veryPoor, long dontKnow, long noRating, IReadOnlyList<long> modes)
    {
        ArgumentNullException.ThrowIfNull(modes);
        if (modes.Count != 8) throw new ArgumentException("eight mode counts are needed", nameof(modes));
        var counts = new FftCounts { NoRating = noRating };
        long[] answers = [veryGood, good, neither, poor, veryPoor, dontKnow];
        for (var i = 0; i < 6; i++) counts._answers[i] = answers[i];
        for (var i = 0; i < 8; i++) counts._modes[i] = modes[i];
        if (counts._modes.Sum() != counts.Total)
            throw new ArgumentException($"mode counts sum to {counts._modes.Sum()} but there are {counts.Total} responses", nameof(modes));
        return counts;
    }

    public FftCounts Clone()
    {
        var copy = new FftCounts();
        copy.Add(this);
        return copy;
    }

    public static FftCounts Sum(IEnumerable<FftCounts> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var sum = new FftCounts();
        foreach (var part in parts)
        {
            sum.Add(part);
        }

        return sum;
    }

    private static int AnswerIndex(FftAnswer answer) =>
        answer is >= FftAnswer.VeryGood and <= FftAnswer.DontKnow
            ? (int)answer - 1
            : throw new ArgumentOutOfRangeException(nameof(answer), answer, "Not an FFT answer.");

    private static int ModeIndex(FftMode mode) =>
        mode is >= FftMode.Sms and <= FftMode.Other
            ? (int)mode
            : throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not an FFT mode.");
}
