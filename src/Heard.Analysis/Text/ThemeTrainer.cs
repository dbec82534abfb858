using System.Diagnostics;

namespace Heard.Analysis.Text;

/// <summary>
/// One coded comment to learn from: its text, the question it answered (if known), the labels a coder gave it
/// (none is allowed), its sentiment 1-5 if coded, and a group key (e.g. the respondent) so that comments from
/// one person are never split between training and testing.
/// </summary>
public sealed record CodedComment(string Text, string? Question, IReadOnlyList<string> Labels, int? Sentiment, string? Group = null)
{
    /// <summary>
    /// Learnt from but never held out or scored: for a framework's own example phrases, which are not comments
    /// and would flatter the scores.
    /// </summary>
    public bool TrainingOnly { get; init; }
}

/// <summary>Choices for training; the defaults are those measured best on the QDC v7 training data.</summary>
public sealed record ThemeTrainingOptions
{
    public TextFeatureSettings Features { get; init; } = new();
    /// <summary>Features in fewer training comments than this are dropped: they cannot generalise and would bloat the model.</summary>
    public int MinDocumentFrequency { get; init; } = 2;
    public LinearLoss LabelLoss { get; init; } = LinearLoss.SquaredHinge;
    public double LabelCost { get; init; } = 0.3;
    /// <summary>Positive examples of label k weigh (negatives/positives)^power more, helping rare labels.</summary>
    public double PositiveWeightPower { get; init; }
    public double SentimentCost { get; init; } = 3.0;
    /// <summary>How much each sentiment step may differ from the shared direction (0: one direction for all steps).</summary>
    public float SentimentStepWeight { get; init; } = 0.5f;
    /// <summary>Folds of cross-validation inside the training comments that give held-out scores for choosing thresholds.</summary>
    public int ThresholdFolds { get; init; } = 5;
    /// <summary>Pseudo-examples pulling a rare label's threshold towards the one best for all labels pooled.</summary>
    public double ThresholdShrink { get; init; } = 5;
    /// <summary>Rounds of moving each threshold to maximise micro-F1 (all labels pooled) rather than the label's own F1.</summary>
    public int MicroThresholdRounds { get; init; } = 2;
    public int Seed { get; init; } = 20240601;
    public string Framework { get; init; } = "";
    /// <summary>Framework category of each label, where known.</summary>
    public IReadOnlyDictionary<string, string>? Categories { get; init; }
    public int MaxThreads { get; init; } = Environment.ProcessorCount;
}

/// <summary>Scores measured on comments the model did not see in training.</summary>
public sealed record ThemeEvaluation(
    MultiLabelMetrics Labels, SentimentAccuracy Sentiment, int TrainComments, int TestComments, TimeSpan Elapsed);

/// <summary>
/// Trains <see cref="ThemeModel"/>s and measures them. Features are extracted once for all comments; each fit builds
/// its own vocabulary and TF-IDF weights from its training comments only, trains one-vs-rest linear classifiers
/// (dual coordinate descent), sets each label's threshold on scores from 5-fold cross-validation inside its
/// training comments (first for the label's own F1, then moved to maximise micro-F1, with rare labels pulled
/// towards the pooled threshold), and trains a cumulative-logit sentiment model. Everything is seeded, so the same
/// data and options give the same model, byte for byte.
/// </summary>
public sealed class ThemeTrainer
{
    private readonly ThemeTrainingOptions _options;
    private readonly IReadOnlyList<CodedComment> _comments;
    private readonly uint[][] _hashes;
    private readonly byte[][] _counts;
    private readonly FeatureKind[][] _kinds;
    private readonly int[][] _labels;
    private readonly int?[] _sentiment;
    private readonly string[] _labelNames;
    private readonly int[] _labelExamples;

    public ThemeTrainer(IReadOnlyList<CodedComment> comments, ThemeTrainingOptions? options = null)
    {
        _options = options ?? new ThemeTrainingOptions();
        _comments = comments;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in comments)
            foreach (var l in c.Labels.Distinct(StringComparer.Ordinal))
            {
                counts[l] = counts.GetValueOrDefault(l) + (c.TrainingOnly ? 0 : 1);
                examples[l] = examples.GetValueOrDefault(l) + 1;
            }
        _labelNames = counts.OrderByDescending(kv => kv.Value).ThenByDescending(kv => examples[kv.Key])
            .ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToArray();
        if (_labelNames.Length == 0) throw new ArgumentException("no comment has a label, so there is nothing to learn", nameof(comments));
        var index = _labelNames.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        _labelExamples = _labelNames.Select(l => counts[l]).ToArray();
        _labels = comments.Select(c => c.Labels.Distinct(StringComparer.Ordinal).Select(l => index[l]).Order().ToArray()).ToArray();
        _sentiment = comments.Select(c => c.Sentiment is >= 1 and <= 5 ? c.Sentiment : null).ToArray();

        _hashes = new uint[comments.Count][];
        _counts = new byte[comments.Count][];
        _kinds = new FeatureKind[comments.Count][];
        var buffer = new FeatureBuffer();
        var tally = new Dictionary<uint, (FeatureKind Kind, int Count)>();
        for (var i = 0; i < comments.Count; i++)
        {
            TextFeatures.Extract(comments[i].Text, comments[i].Question, _options.Features, buffer);
            tally.Clear();
            for (var f = 0; f < buffer.Count; f++)
            {
                var h = buffer.Hashes[f];
                tally[h] = (buffer.Kinds[f], tally.TryGetValue(h, out var t) ? t.Count + 1 : 1);
            }
            var sorted = tally.Keys.Order().ToArray();
            _hashes[i] = sorted;
            _counts[i] = sorted.Select(h => (byte)Math.Min(255, tally[h].Count)).ToArray();
            _kinds[i] = sorted.Select(h => tally[h].Kind).ToArray();
        }
    }

    public IReadOnlyList<string> Labels => _labelNames;
    /// <summary>Comments carrying each label, in <see cref="Labels"/> order.</summary>
    public IReadOnlyList<int> LabelExamples => _labelExamples;
    public int Count => _comments.Count;
    /// <summary>Comments that are only learnt from (framework examples), not real comments.</summary>
    public int TrainingOnlyCount => _comments.Count(c => c.TrainingOnly);
    public int CommentsWithoutLabels => Enumerable.Range(0, Count).Count(i => !_comments[i].TrainingOnly && _labels[i].Length == 0);
    public int CommentsWithSentiment => Enumerable.Range(0, Count).Count(i => !_comments[i].TrainingOnly && _sentiment[i] is not null);

    /// <summary>Trains on every comment.</summary>
    public ThemeModel Train(Action<string>? progress = null) => Train(Enumerable.Range(0, Count).ToArray(), progress);

    /// <summary>Trains on the given comments (indexes into the comments given to the constructor).</summary>
    public ThemeModel Train(IReadOnlyList<int> rows, Action<string>? progress = null)
    {
        var space = FeatureSpace.Build(this, rows, _options.MinDocumentFrequency);
        var x = space.Vectorise(this, rows);

        // Held-out scores from folds inside the training rows decide the thresholds and the fallback rule.
        var folds = AssignFolds(rows, _options.ThresholdFolds, _options.Seed + 1);
        var labelCount = _labelNames.Length;
        var truth = rows.Select(r => _labels[r]).ToArray();
        var outOfFold = new float[rows.Count][];
        for (var f = 0; f < _options.ThresholdFolds; f++)
        {
            progress?.Invoke($"threshold fold {f + 1} of {_options.ThresholdFolds}");
            var fit = new List<int>();
            var held = new List<int>();
            for (var i = 0; i < rows.Count; i++) (folds[i] == f ? held : fit).Add(i);
            if (held.Count == 0) continue;
            var weights = TrainLabels(x.Select(fit), fit.Select(i => rows[i]).ToArray(), x.Columns);
            foreach (var i in held) outOfFold[i] = ScoreRow(x, i, weights);
        }
        var scored = Enumerable.Range(0, rows.Count).Where(i => outOfFold[i] is not null).ToArray();
        var heldScores = scored.Select(i => outOfFold[i]).ToArray();
        var heldTruth = scored.Select(i => truth[i]).ToArray();
        var (thresholds, fallback) = ChooseThresholds(heldScores, heldTruth, labelCount, _options.ThresholdShrink, _options.MicroThresholdRounds);
        var (slope, intercept) = Calibrate(heldScores, heldTruth, labelCount);

        progress?.Invoke("final fit");
        var labelWeights = TrainLabels(x, rows, x.Columns);
        var sentimentWeights = TrainSentiment(x, rows);
        var all = labelWeights.Concat(sentimentWeights).ToArray();
        var (steps, stepSize) = ThemeModel.Quantise(all, x.Columns);
        var bias = all.Select(w => w[x.Columns]).ToArray();

        var categories = _labelNames.Select(l => _options.Categories?.GetValueOrDefault(l) ?? "").ToArray();
        var neutral = new bool[labelCount];
        for (var k = 0; k < labelCount; k++)
        {
            int with = 0, total = 0;
            foreach (var r in rows)
            {
                if (_comments[r].TrainingOnly || Array.IndexOf(_labels[r], k) < 0) continue;
                total++;
                if (_sentiment[r] is not null) with++;
            }
            neutral[k] = total > 0 && with * 10 < total;
        }
        return new ThemeModel(_options.Framework, _options.Features, rows.Count, _labelNames, categories, thresholds, slope, intercept,
            neutral, fallback, space.Hashes, space.Kinds, space.DocumentFrequency, steps, stepSize, bias);
    }

    /// <summary>K-fold cross-validation grouped by <see cref="CodedComment.Group"/> and balanced by label.</summary>
    public ThemeEvaluation CrossValidate(int folds = 5, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var all = Enumerable.Range(0, Count).ToArray();
        var fold = AssignFolds(all, folds, _options.Seed);
        var predicted = new int[Count][];
        var sentiment = new int[Count];
        for (var f = 0; f < folds; f++)
        {
            progress?.Invoke($"cross-validation fold {f + 1} of {folds}");
            var train = all.Where(i => fold[i] != f).ToArray();
            var test = all.Where(i => fold[i] == f).ToArray();
            if (test.Length == 0) continue;
            var model = Train(train);
            Predict(model, test, predicted, sentiment);
        }
        var scored = all.Where(i => fold[i] >= 0).ToArray();
        return Evaluate(scored, predicted, sentiment, scored.Length - scored.Length / folds, scored.Length / folds, clock.Elapsed);
    }

    /// <summary>
    /// Trains on about 80% and scores the rest. The split is fixed by a hash of each comment's group (or its
    /// position when there is none), so reruns and retrained versions are measured on the same comments.
    /// </summary>
    public ThemeEvaluation HoldOut(double testFraction = 0.2, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var test = new List<int>();
        var train = new List<int>();
        for (var i = 0; i < Count; i++)
        {
            var key = _comments[i].Group ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_comments[i].TrainingOnly) train.Add(i);
            else (StableHash(key) % 10_000 < testFraction * 10_000 ? test : train).Add(i);
        }
        if (test.Count == 0 || train.Count == 0) throw new InvalidOperationException("too few comments to hold some out for testing");
        var model = Train(train, progress);
        var predicted = new int[Count][];
        var sentiment = new int[Count];
        Predict(model, test, predicted, sentiment);
        return Evaluate(test, predicted, sentiment, train.Count(i => !_comments[i].TrainingOnly), test.Count, clock.Elapsed);
    }

    private void Predict(ThemeModel model, IReadOnlyList<int> rows, int[][] predicted, int[] sentiment)
    {
        var scorer = model.CreateScorer();
        // The model's labels are ordered by its own training counts; map them back to this trainer's indexes.
        var map = model.Labels.Select(l => Array.IndexOf(_labelNames, l)).ToArray();
        foreach (var r in rows)
        {
            scorer.Code(_comments[r].Text, _comments[r].Question);
            var chosen = new int[scorer.Chosen.Length];
            for (var i = 0; i < chosen.Length; i++) chosen[i] = map[scorer.Chosen[i]];
            Array.Sort(chosen);
            predicted[r] = chosen;
            sentiment[r] = scorer.Sentiment;
        }
    }

    private ThemeEvaluation Evaluate(IReadOnlyList<int> rows, int[][] predicted, int[] sentiment, int trainCount, int testCount, TimeSpan elapsed)
    {
        var metrics = MultiLabelMetrics.Compute(_labelNames, rows.Select(r => _labels[r]).ToArray(), rows.Select(r => predicted[r]).ToArray(),
            5, _labelExamples);
        var senti = SentimentAccuracy.Compute(rows.Select(r => _sentiment[r]).ToArray(), rows.Select(r => sentiment[r]).ToArray());
        return new ThemeEvaluation(metrics, senti, trainCount, testCount, elapsed);
    }

    private static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return TextFeatures.Finish(h);
    }

    /// <summary>
    /// Deals comments into folds keeping each group together and every label spread evenly: groups holding the
    /// rarest labels are dealt first, each to the fold that so far has the fewest of its labels.
    /// </summary>
    internal int[] AssignFolds(IReadOnlyList<int> rows, int folds, int seed)
    {
        var fold = new int[rows.Count];
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (_comments[rows[i]].TrainingOnly)
            {
                fold[i] = -1;
                continue;
            }
            var key = _comments[rows[i]].Group ?? "\0" + rows[i];
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(i);
        }
        var random = new SplitMix(seed);
        var ordered = groups.Values
            .Select(g => (Members: g, Rarest: g.SelectMany(i => _labels[rows[i]]).Select(l => _labelExamples[l]).DefaultIfEmpty(int.MaxValue).Min(), Tie: random.NextULong()))
            .OrderBy(g => g.Rarest).ThenBy(g => g.Tie).ToList();
        var perFold = new int[folds, _labelNames.Length + 1];
        var size = new int[folds];
        foreach (var (members, _, _) in ordered)
        {
            var labels = members.SelectMany(i => _labels[rows[i]]).ToArray();
            var best = 0;
            var bestCost = double.MaxValue;
            for (var f = 0; f < folds; f++)
            {
                var cost = 0.0;
                foreach (var l in labels) cost += perFold[f, l] / (double)Math.Max(1, _labelExamples[l]);
                cost += labels.Length == 0 ? size[f] / (double)rows.Count * folds : 0;
                cost += size[f] * 1e-9;
                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = f;
                }
            }
            foreach (var i in members) fold[i] = best;
            foreach (var l in labels) perFold[best, l]++;
            size[best] += members.Count;
        }
        return fold;
    }

    private float[][] TrainLabels(SparseRows x, IReadOnlyList<int> rows, int columns)
    {
        var labelCount = _labelNames.Length;
        var result = new float[labelCount][];
        Parallel.For(0, labelCount, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxThreads }, k =>
        {
            var positive = new bool[rows.Count];
            var pos = 0;
            for (var i = 0; i < rows.Count; i++)
                if (Array.IndexOf(_labels[rows[i]], k) >= 0) { positive[i] = true; pos++; }
            var w = new float[columns + 1];
            if (pos == 0)
            {
                w[columns] = -1;
                result[k] = w;
                return;
            }
            var cost = _options.LabelCost;
            var boost = _options.PositiveWeightPower == 0 ? 1 : Math.Pow((rows.Count - pos) / (double)pos, _options.PositiveWeightPower);
            LinearSolver.Train(x, positive, _options.LabelLoss, cost * boost, cost, w, _options.Seed + 7919 * k);
            result[k] = w;
        });
        return result;
    }

    /// <summary>
    /// Cumulative-logit sentiment: four outputs "is the score above t?" (t = 1..4), learnt together from every comment
    /// with a sentiment as four rows, each carrying an indicator for its step. The weights are a part shared by all
    /// steps (how negative the comment is, learnt from every row) plus a part for each step, weighted by
    /// <see cref="ThemeTrainingOptions.SentimentStepWeight"/>: few comments are very negative, so sharing lets a
    /// rare word like "rude" count at every step, while the step parts keep what marks "very" positive or negative.
    /// </summary>
    private float[][] TrainSentiment(SparseRows x, IReadOnlyList<int> rows)
    {
        var with = new List<int>();
        for (var i = 0; i < rows.Count; i++) if (_sentiment[rows[i]] is not null) with.Add(i);
        var xs = x.Select(with);
        const int steps = ThemeModel.SentimentOutputs;
        var lambda = _options.SentimentStepWeight;
        var features = x.Columns;
        var n = xs.Count;
        var start = new int[n * steps + 1];
        var columns = new List<int>((xs.Value.Length * 2 + n) * steps);
        var values = new List<float>(columns.Capacity);
        var above = new bool[n * steps];
        for (var t = 0; t < steps; t++)
            for (var i = 0; i < n; i++)
            {
                var r = t * n + i;
                for (var p = xs.Start[i]; p < xs.Start[i + 1]; p++)
                {
                    columns.Add(xs.Column[p]);
                    values.Add(xs.Value[p]);
                }
                if (lambda > 0)
                    for (var p = xs.Start[i]; p < xs.Start[i + 1]; p++)
                    {
                        columns.Add(features + steps + t * features + xs.Column[p]);
                        values.Add(lambda * xs.Value[p]);
                    }
                columns.Add(features + t);
                values.Add(1f);
                start[r + 1] = columns.Count;
                above[r] = _sentiment[rows[with[i]]] > t + 1;
            }
        var width = features + steps + (lambda > 0 ? steps * features : 0);
        var joint = new float[width + 1];
        if (n == 0)
        {
            // No coded sentiment to learn from: every comment reads as neutral (3).
            for (var t = 0; t < steps; t++) joint[features + t] = t < 2 ? 5 : -5;
        }
        else
            LinearSolver.Train(new SparseRows(start, columns.ToArray(), values.ToArray(), width), above, LinearLoss.Logistic,
                _options.SentimentCost, _options.SentimentCost, joint, _options.Seed + 104729);
        var result = new float[steps][];
        for (var t = 0; t < steps; t++)
        {
            var w = new float[features + 1];
            Array.Copy(joint, w, features);
            if (lambda > 0)
                for (var j = 0; j < features; j++) w[j] += lambda * joint[features + steps + t * features + j];
            w[features] = joint[features + t] + joint[width];
            result[t] = w;
        }
        return result;
    }

    private static float[] ScoreRow(SparseRows x, int row, float[][] weights)
    {
        var scores = new float[weights.Length];
        for (var k = 0; k < weights.Length; k++) scores[k] = (float)(x.Dot(row, weights[k]) + weights[k][x.Columns]);
        return scores;
    }

    /// <summary>
    /// For each label, the score cut that maximises its F1 on held-out scores, shrunk towards the cut best for all
    /// labels pooled in proportion to how few examples the label has. Then whether giving the nearest label to
    /// comments that reached no threshold raises micro-F1.
    /// </summary>
    internal static (float[] Thresholds, bool Fallback) ChooseThresholds(float[][] scores, int[][] truth, int labelCount, double shrink, int microRounds = 0)
    {
        var n = scores.Length;
        var pooled = new List<(float Score, bool Positive)>(n * labelCount);
        for (var i = 0; i < n; i++)
            for (var k = 0; k < labelCount; k++)
                pooled.Add((scores[i][k], Array.IndexOf(truth[i], k) >= 0));
        var pooledCut = BestCut(pooled, out _);
        var thresholds = new float[labelCount];
        for (var k = 0; k < labelCount; k++)
        {
            var column = new List<(float, bool)>(n);
            var positives = 0;
            for (var i = 0; i < n; i++)
            {
                var p = Array.IndexOf(truth[i], k) >= 0;
                if (p) positives++;
                column.Add((scores[i][k], p));
            }
            var cut = positives == 0 ? pooledCut : BestCut(column, out _);
            thresholds[k] = (float)((positives * cut + shrink * pooledCut) / (positives + shrink));
        }
        if (microRounds > 0)
        {
            // Coordinate ascent on micro-F1: each label's cut moved to where the pooled F1 is best given the others.
            var allSupport = truth.Sum(t => t.Length);
            for (var round = 0; round < microRounds; round++)
            {
                for (var k = 0; k < labelCount; k++)
                {
                    int tpOther = 0, guessedOther = 0, positives = 0;
                    var column = new List<(float, bool)>(n);
                    for (var i = 0; i < n; i++)
                    {
                        var p = Array.IndexOf(truth[i], k) >= 0;
                        if (p) positives++;
                        column.Add((scores[i][k], p));
                        for (var j = 0; j < labelCount; j++)
                        {
                            if (j == k || scores[i][j] < thresholds[j]) continue;
                            guessedOther++;
                            if (Array.IndexOf(truth[i], j) >= 0) tpOther++;
                        }
                    }
                    var cut = BestCut(column, out _, tpOther, guessedOther, allSupport);
                    thresholds[k] = (float)((positives * cut + shrink * pooledCut) / (positives + shrink));
                }
            }
        }

        int hits = 0, guessed = 0, fallbackHits = 0, fallbackGuessed = 0, support = 0;
        for (var i = 0; i < n; i++)
        {
            support += truth[i].Length;
            var any = false;
            var best = 0;
            for (var k = 0; k < labelCount; k++)
            {
                if (scores[i][k] - thresholds[k] > scores[i][best] - thresholds[best]) best = k;
                if (scores[i][k] < thresholds[k]) continue;
                any = true;
                guessed++;
                if (Array.IndexOf(truth[i], k) >= 0) hits++;
            }
            if (!any)
            {
                fallbackGuessed++;
                if (Array.IndexOf(truth[i], best) >= 0) fallbackHits++;
            }
        }
        var without = 2.0 * hits / (support + guessed);
        var with = 2.0 * (hits + fallbackHits) / (support + guessed + fallbackGuessed);
        return (thresholds, with > without);
    }

    /// <summary>The cut (midway between neighbouring scores) that maximises F1; positives are those at or above it.</summary>
    private static float BestCut(List<(float Score, bool Positive)> items, out double bestF1, int tpOther = 0, int guessedOther = 0, int support = -1)
    {
        items.Sort((a, b) => b.Score.CompareTo(a.Score));
        var total = support >= 0 ? support : items.Count(i => i.Positive);
        var cut = items.Count > 0 ? items[0].Score + 1 : 0f;
        bestF1 = support >= 0 ? 2.0 * tpOther / (total + guessedOther) : -1;
        var tp = tpOther;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Positive) tp++;
            if (i + 1 < items.Count && items[i + 1].Score == items[i].Score) continue;
            var f1 = 2.0 * tp / (total + guessedOther + i + 1);
            if (f1 > bestF1)
            {
                bestF1 = f1;
                cut = i + 1 < items.Count ? (items[i].Score + items[i + 1].Score) / 2 : items[i].Score - 0.1f;
            }
        }
        return cut;
    }

    /// <summary>Platt scaling: a logistic curve per label from held-out scores to the chance the label is right.</summary>
    private static (float[] Slope, float[] Intercept) Calibrate(float[][] scores, int[][] truth, int labelCount)
    {
        var slope = new float[labelCount];
        var intercept = new float[labelCount];
        for (var k = 0; k < labelCount; k++)
        {
            var positives = 0;
            for (var i = 0; i < scores.Length; i++) if (Array.IndexOf(truth[i], k) >= 0) positives++;
            // Platt's smoothed targets keep the fit finite when a label is perfectly separated.
            var hi = (positives + 1.0) / (positives + 2.0);
            var lo = 1.0 / (scores.Length - positives + 2.0);
            double a = 1, b = 0;
            for (var iteration = 0; iteration < 50; iteration++)
            {
                double ga = 0, gb = 0, haa = 1e-6, hab = 0, hbb = 1e-6;
                for (var i = 0; i < scores.Length; i++)
                {
                    var s = scores[i][k];
                    var t = Array.IndexOf(truth[i], k) >= 0 ? hi : lo;
                    var p = 1.0 / (1.0 + Math.Exp(-(a * s + b)));
                    var d = p - t;
                    var h = p * (1 - p);
                    ga += d * s;
                    gb += d;
                    haa += h * s * s;
                    hab += h * s;
                    hbb += h;
                }
                var det = haa * hbb - hab * hab;
                if (det <= 0) break;
                var da = (hbb * ga - hab * gb) / det;
                var db = (haa * gb - hab * ga) / det;
                a -= da;
                b -= db;
                if (Math.Abs(da) + Math.Abs(db) < 1e-6) break;
            }
            slope[k] = (float)a;
            intercept[k] = (float)b;
        }
        return (slope, intercept);
    }

    /// <summary>The features kept for one fit, with their document frequencies, and how comments become TF-IDF rows.</summary>
    private sealed class FeatureSpace
    {
        public required uint[] Hashes { get; init; }
        public required FeatureKind[] Kinds { get; init; }
        public required int[] DocumentFrequency { get; init; }
        public required Dictionary<uint, int> Column { get; init; }
        public required float[] Idf { get; init; }

        public static FeatureSpace Build(ThemeTrainer trainer, IReadOnlyList<int> rows, int minFrequency)
        {
            var df = new Dictionary<uint, (int Count, FeatureKind Kind)>();
            foreach (var r in rows)
            {
                var hashes = trainer._hashes[r];
                for (var f = 0; f < hashes.Length; f++)
                    df[hashes[f]] = (df.TryGetValue(hashes[f], out var d) ? d.Count + 1 : 1, trainer._kinds[r][f]);
            }
            var kept = df.Where(kv => kv.Value.Count >= minFrequency).Select(kv => kv.Key).Order().ToArray();
            var column = new Dictionary<uint, int>(kept.Length);
            for (var j = 0; j < kept.Length; j++) column[kept[j]] = j;
            var frequency = kept.Select(h => df[h].Count).ToArray();
            return new FeatureSpace
            {
                Hashes = kept,
                Kinds = kept.Select(h => df[h].Kind).ToArray(),
                DocumentFrequency = frequency,
                Column = column,
                Idf = frequency.Select(d => ThemeModel.InverseDocumentFrequency(rows.Count, d)).ToArray(),
            };
        }

        /// <summary>Same arithmetic as <see cref="ThemeScorer.Code"/>: sublinear TF x IDF, each kind L2-normalised and weighted.</summary>
        public SparseRows Vectorise(ThemeTrainer trainer, IReadOnlyList<int> rows)
        {
            var start = new int[rows.Count + 1];
            var columns = new List<int>();
            var values = new List<float>();
            var settings = trainer._options.Features;
            Span<float> norm = stackalloc float[3];
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                var first = columns.Count;
                norm.Clear();
                var hashes = trainer._hashes[r];
                for (var f = 0; f < hashes.Length; f++)
                {
                    if (!Column.TryGetValue(hashes[f], out var j)) continue;
                    var c = trainer._counts[r][f];
                    var v = (c == 1 ? 1f : 1f + MathF.Log(c)) * Idf[j];
                    norm[(int)Kinds[j]] += v * v;
                    columns.Add(j);
                    values.Add(v);
                }
                for (var p = first; p < columns.Count; p++)
                {
                    var g = (int)Kinds[columns[p]];
                    values[p] *= settings.WeightOf((FeatureKind)g) / MathF.Sqrt(norm[g]);
                }
                start[i + 1] = columns.Count;
            }
            return new SparseRows(start, columns.ToArray(), values.ToArray(), Hashes.Length);
        }
    }
}
