namespace Heard.Analysis.Text;

/// <summary>How well one label was coded: counts over the evaluated comments.</summary>
public sealed record LabelAccuracy(string Label, int Support, int Predicted, int TruePositives, bool InMacro)
{
    public double Precision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;
    public double Recall => Support == 0 ? 0 : (double)TruePositives / Support;
    public double F1 => Support + Predicted == 0 ? 0 : 2.0 * TruePositives / (Support + Predicted);
}

/// <summary>
/// Scores of multi-label coding against a coder's labels. Micro-F1 pools every (comment, label) decision; macro-F1
/// averages the per-label F1 over the labels common enough to judge (see <see cref="Compute"/>), so rare labels
/// count as much as common ones.
/// </summary>
public sealed class MultiLabelMetrics
{
    public required IReadOnlyList<LabelAccuracy> Labels { get; init; }
    public int Comments { get; init; }
    public int TruePositives { get; init; }
    public int Predicted { get; init; }
    public int Support { get; init; }

    public double MicroPrecision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;
    public double MicroRecall => Support == 0 ? 0 : (double)TruePositives / Support;
    public double MicroF1 => Support + Predicted == 0 ? 0 : 2.0 * TruePositives / (Support + Predicted);
    public int MacroLabelCount => Labels.Count(l => l.InMacro);
    public double MacroF1 => MacroLabelCount == 0 ? 0 : Labels.Where(l => l.InMacro).Average(l => l.F1);

    /// <summary>
    /// Compares predicted with true label sets (label indexes into <paramref name="labels"/>). A label is in the
    /// macro average when it has at least <paramref name="minimumExamples"/> examples in
    /// <paramref name="examplesPerLabel"/> (the whole labelled data set; defaults to the evaluated comments) and
    /// at least one among the evaluated comments.
    /// </summary>
    public static MultiLabelMetrics Compute(
        IReadOnlyList<string> labels, IReadOnlyList<int[]> truth, IReadOnlyList<int[]> predicted,
        int minimumExamples = 5, IReadOnlyList<int>? examplesPerLabel = null)
    {
        if (truth.Count != predicted.Count) throw new ArgumentException("truth and predictions must be for the same comments", nameof(predicted));
        var support = new int[labels.Count];
        var guessed = new int[labels.Count];
        var hits = new int[labels.Count];
        for (var i = 0; i < truth.Count; i++)
        {
            foreach (var t in truth[i]) support[t]++;
            foreach (var p in predicted[i])
            {
                guessed[p]++;
                if (Array.IndexOf(truth[i], p) >= 0) hits[p]++;
            }
        }
        var perLabel = new LabelAccuracy[labels.Count];
        for (var k = 0; k < labels.Count; k++)
        {
            var examples = examplesPerLabel?[k] ?? support[k];
            perLabel[k] = new LabelAccuracy(labels[k], support[k], guessed[k], hits[k], examples >= minimumExamples && support[k] > 0);
        }
        return new MultiLabelMetrics
        {
            Labels = perLabel,
            Comments = truth.Count,
            TruePositives = hits.Sum(),
            Predicted = guessed.Sum(),
            Support = support.Sum(),
        };
    }
}

/// <summary>How close predicted sentiment (1 very positive .. 5 very negative) came to the coder's.</summary>
public sealed record SentimentAccuracy(int Comments, int Exact, int WithinOne, double MeanAbsoluteError)
{
    public double ExactRate => Comments == 0 ? 0 : (double)Exact / Comments;
    public double WithinOneRate => Comments == 0 ? 0 : (double)WithinOne / Comments;

    /// <summary>Scores the comments that have a coded sentiment; the rest are skipped.</summary>
    public static SentimentAccuracy Compute(IReadOnlyList<int?> truth, IReadOnlyList<int> predicted)
    {
        int n = 0, exact = 0, within = 0;
        var error = 0.0;
        for (var i = 0; i < truth.Count; i++)
        {
            if (truth[i] is not { } t) continue;
            n++;
            var d = Math.Abs(t - predicted[i]);
            if (d == 0) exact++;
            if (d <= 1) within++;
            error += d;
        }
        return new SentimentAccuracy(n, exact, within, n == 0 ? 0 : error / n);
    }
}
