using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Heard.Analysis.Text;

/// <summary>One label the model gave a comment, with the framework category it belongs to.</summary>
public sealed record LabelConfidence(string Label, string Category, double Confidence);

/// <summary>What the model made of one comment: its labels (possibly none) and sentiment 1 (very positive) to 5 (very negative).</summary>
public sealed record CommentCoding(IReadOnlyList<LabelConfidence> Labels, int Sentiment, double SentimentConfidence);

/// <summary>How sentiment outputs are read.</summary>
public enum SentimentScheme : byte
{
    /// <summary>
    /// Four log-odds that the score is above 1, 2, 3 and 4 (cumulative logit); the score is 1 + the number judged
    /// likely, i.e. the median of the predicted distribution.
    /// </summary>
    Ordinal = 0,
}

/// <summary>
/// A trained comment-coding model: one linear classifier per label over TF-IDF weighted word, word-pair,
/// character n-gram and question features, a per-label decision threshold, and an ordinal sentiment model
/// (see <see cref="ThemeTrainer"/> for how each part is learnt).
/// Only the features seen in training are kept; weights are stored as 8-bit steps per output so the model file is
/// small. Immutable and thread-safe; use one <see cref="ThemeScorer"/> per thread for fast bulk coding.
/// </summary>
public sealed class ThemeModel
{
    /// <summary>The file a trained model is saved as inside its folder (<c>./heard train --model-out DIR</c>).</summary>
    public const string FileName = "model.heardmodel";
    private static readonly byte[] Magic = "HEARDTM\0"u8.ToArray();
    private const int FormatVersion = 1;
    public const int SentimentOutputs = 4;

    internal readonly FeatureTable Table;
    internal readonly FeatureKind[] Kinds;
    internal readonly float[] Idf;
    internal readonly float[] Weights;
    internal readonly int Stride;
    internal readonly float[] Bias;
    private readonly uint[] _hashes;
    private readonly int[] _documentFrequency;
    private readonly sbyte[] _steps;
    private readonly float[] _stepSize;

    internal ThemeModel(
        string framework, TextFeatureSettings features, int trainingComments, string[] labels, string[] categories,
        float[] thresholds, float[] calibrationSlope, float[] calibrationIntercept, bool[] neutralAlone,
        bool fallbackToBest, uint[] hashes, FeatureKind[] kinds, int[] documentFrequency, sbyte[] steps,
        float[] stepSize, float[] bias)
    {
        var outputs = labels.Length + SentimentOutputs;
        if (categories.Length != labels.Length || thresholds.Length != labels.Length || calibrationSlope.Length != labels.Length
            || calibrationIntercept.Length != labels.Length || neutralAlone.Length != labels.Length)
            throw new ArgumentException("every label needs a category, threshold, calibration and sentiment rule");
        if (kinds.Length != hashes.Length || documentFrequency.Length != hashes.Length || steps.Length != hashes.Length * outputs
            || stepSize.Length != outputs || bias.Length != outputs)
            throw new ArgumentException("weights do not match the features and outputs");
        Framework = framework;
        Features = features;
        TrainingComments = trainingComments;
        Labels = labels;
        Categories = categories;
        Thresholds = thresholds;
        CalibrationSlope = calibrationSlope;
        CalibrationIntercept = calibrationIntercept;
        NeutralWhenAlone = neutralAlone;
        FallbackToBest = fallbackToBest;
        _hashes = hashes;
        Kinds = kinds;
        _documentFrequency = documentFrequency;
        _steps = steps;
        _stepSize = stepSize;
        Bias = bias;
        Table = new FeatureTable(hashes);
        Idf = new float[hashes.Length];
        for (var j = 0; j < hashes.Length; j++) Idf[j] = InverseDocumentFrequency(trainingComments, documentFrequency[j]);
        var lanes = Vector<float>.Count;
        Stride = (outputs + lanes - 1) / lanes * lanes;
        Weights = new float[hashes.Length * Stride];
        for (var j = 0; j < hashes.Length; j++)
            for (var k = 0; k < outputs; k++)
                Weights[j * Stride + k] = steps[j * outputs + k] * stepSize[k];
    }

    /// <summary>The coding framework the labels come from, e.g. "QDC v7"; empty for an organisation's own label set.</summary>
    public string Framework { get; }
    public TextFeatureSettings Features { get; }
    public int TrainingComments { get; }
    public IReadOnlyList<string> Labels { get; }
    /// <summary>The framework category of each label ("" when not known).</summary>
    public IReadOnlyList<string> Categories { get; }
    /// <summary>A label is given when its score reaches its threshold (chosen on held-out predictions to maximise its F1).</summary>
    public IReadOnlyList<float> Thresholds { get; }
    internal float[] CalibrationSlope { get; }
    internal float[] CalibrationIntercept { get; }
    /// <summary>Labels coders give without a sentiment (e.g. "Labelling not possible"): alone, they make the sentiment 3.</summary>
    internal bool[] NeutralWhenAlone { get; }
    /// <summary>When no label reaches its threshold, give the one closest to it (chosen when that scored better in training).</summary>
    public bool FallbackToBest { get; }
    public int FeatureCount => _hashes.Length;
    internal int OutputCount => Labels.Count + SentimentOutputs;

    internal static float InverseDocumentFrequency(int documents, int frequency) =>
        (float)(Math.Log((1.0 + documents) / (1.0 + frequency)) + 1.0);

    public ThemeScorer CreateScorer() => new(this);

    [ThreadStatic] private static ThemeScorer? _scorer;

    /// <summary>Codes one comment. For many comments, reuse a <see cref="CreateScorer"/> scorer per thread instead.</summary>
    public CommentCoding Predict(string comment, string? question = null)
    {
        var scorer = _scorer is { } s && ReferenceEquals(s.Model, this) ? s : _scorer = CreateScorer();
        scorer.Code(comment, question);
        var labels = new List<LabelConfidence>(scorer.Chosen.Length);
        foreach (var k in scorer.Chosen) labels.Add(new LabelConfidence(Labels[k], Categories[k], scorer.Confidence(k)));
        labels.Sort((a, b) => b.Confidence.CompareTo(a.Confidence));
        return new CommentCoding(labels, scorer.Sentiment, scorer.SentimentConfidence);
    }

    private static readonly Lazy<ThemeModel> BuiltInModel = new(() =>
    {
        using var stream = typeof(ThemeModel).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"the built-in model {BuiltInResource} is missing from the assembly");
        return Load(stream);
    });

    public const string BuiltInResource = "Heard.Analysis.Text.Models.qdc-v7.heardmodel";

    /// <summary>The model for the default framework (QDC v7) trained on NHS England's published coded comments.</summary>
    public static ThemeModel BuiltIn() => BuiltInModel.Value;

    /// <summary>
    /// Writes the model: an 8-byte magic, the format version, then a Brotli-compressed body. Feature hashes are
    /// sorted and delta-encoded, document frequencies kept as counts, weights as signed 8-bit steps.
    /// </summary>
    public void Save(Stream stream)
    {
        stream.Write(Magic);
        stream.Write(BitConverter.GetBytes(FormatVersion));
        using var body = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true);
        w.Write(Framework);
        w.Write(Features.MinCharGram);
        w.Write(Features.MaxCharGram);
        w.Write(Features.WordPairs);
        w.Write(Features.QuestionWords);
        w.Write(Features.WordWeight);
        w.Write(Features.CharGramWeight);
        w.Write(Features.QuestionWeight);
        w.Write(TrainingComments);
        w.Write(Labels.Count);
        for (var k = 0; k < Labels.Count; k++)
        {
            w.Write(Labels[k]);
            w.Write(Categories[k]);
            w.Write(Thresholds[k]);
            w.Write(CalibrationSlope[k]);
            w.Write(CalibrationIntercept[k]);
            w.Write(NeutralWhenAlone[k]);
        }
        w.Write(FallbackToBest);
        w.Write((byte)SentimentScheme.Ordinal);
        var outputs = OutputCount;
        for (var k = 0; k < outputs; k++)
        {
            w.Write(Bias[k]);
            w.Write(_stepSize[k]);
        }
        w.Write(_hashes.Length);
        var previous = 0u;
        foreach (var h in _hashes)
        {
            w.Write7BitEncodedInt((int)(h - previous));
            previous = h;
        }
        foreach (var kind in Kinds) w.Write((byte)kind);
        foreach (var df in _documentFrequency) w.Write7BitEncodedInt(df);
        // Output-major: each output's steps together compress better than interleaved.
        var column = new byte[_hashes.Length];
        for (var k = 0; k < outputs; k++)
        {
            for (var j = 0; j < _hashes.Length; j++) column[j] = (byte)_steps[j * outputs + k];
            w.Write(column);
        }
    }

    public static ThemeModel Load(Stream stream)
    {
        var head = new byte[Magic.Length + 4];
        stream.ReadExactly(head);
        if (!head.AsSpan(0, Magic.Length).SequenceEqual(Magic)) throw new InvalidDataException("not a Heard comment model (wrong magic)");
        var version = BitConverter.ToInt32(head, Magic.Length);
        if (version != FormatVersion) throw new InvalidDataException($"comment model format {version} is not supported (expected {FormatVersion})");
        using var body = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(body, Encoding.UTF8, leaveOpen: true);
        var framework = r.ReadString();
        var features = new TextFeatureSettings
        {
            MinCharGram = r.ReadInt32(),
            MaxCharGram = r.ReadInt32(),
            WordPairs = r.ReadBoolean(),
            QuestionWords = r.ReadBoolean(),
            WordWeight = r.ReadSingle(),
            CharGramWeight = r.ReadSingle(),
            QuestionWeight = r.ReadSingle(),
        };
        var trainingComments = r.ReadInt32();
        var labelCount = r.ReadInt32();
        if (labelCount is < 1 or > 100_000) throw new InvalidDataException("comment model has an impossible label count");
        var labels = new string[labelCount];
        var categories = new string[labelCount];
        var thresholds = new float[labelCount];
        var slope = new float[labelCount];
        var intercept = new float[labelCount];
        var neutral = new bool[labelCount];
        for (var k = 0; k < labelCount; k++)
        {
            labels[k] = r.ReadString();
            categories[k] = r.ReadString();
            thresholds[k] = r.ReadSingle();
            slope[k] = r.ReadSingle();
            intercept[k] = r.ReadSingle();
            neutral[k] = r.ReadBoolean();
        }
        var fallback = r.ReadBoolean();
        var scheme = (SentimentScheme)r.ReadByte();
        if (scheme != SentimentScheme.Ordinal) throw new InvalidDataException($"unknown sentiment scheme {scheme}");
        var outputs = labelCount + SentimentOutputs;
        var bias = new float[outputs];
        var stepSize = new float[outputs];
        for (var k = 0; k < outputs; k++)
        {
            bias[k] = r.ReadSingle();
            stepSize[k] = r.ReadSingle();
        }
        var featureCount = r.ReadInt32();
        if (featureCount is < 0 or > 50_000_000) throw new InvalidDataException("comment model has an impossible feature count");
        var hashes = new uint[featureCount];
        var previous = 0u;
        for (var j = 0; j < featureCount; j++) hashes[j] = previous += (uint)r.Read7BitEncodedInt();
        var kinds = new FeatureKind[featureCount];
        for (var j = 0; j < featureCount; j++) kinds[j] = (FeatureKind)r.ReadByte();
        var df = new int[featureCount];
        for (var j = 0; j < featureCount; j++) df[j] = r.Read7BitEncodedInt();
        var steps = new sbyte[featureCount * outputs];
        var column = new byte[featureCount];
        for (var k = 0; k < outputs; k++)
        {
            r.BaseStream.ReadExactly(column);
            for (var j = 0; j < featureCount; j++) steps[j * outputs + k] = (sbyte)column[j];
        }
        return new ThemeModel(framework, features, trainingComments, labels, categories, thresholds, slope, intercept, neutral,
            fallback, hashes, kinds, df, steps, stepSize, bias);
    }

    /// <summary>Rounds trained weights to 8-bit steps, one step size per output (its largest weight / 127).</summary>
    internal static (sbyte[] Steps, float[] StepSize) Quantise(float[][] weightsPerOutput, int features)
    {
        var outputs = weightsPerOutput.Length;
        var steps = new sbyte[features * outputs];
        var size = new float[outputs];
        for (var k = 0; k < outputs; k++)
        {
            var w = weightsPerOutput[k];
            var max = 0f;
            for (var j = 0; j < features; j++) max = Math.Max(max, Math.Abs(w[j]));
            size[k] = max == 0 ? 1f : max / 127f;
            for (var j = 0; j < features; j++) steps[j * outputs + k] = (sbyte)Math.Clamp(MathF.Round(w[j] / size[k]), -127, 127);
        }
        return (steps, size);
    }
}

/// <summary>
/// Codes comments one after another with no allocation per comment: reusable buffers for the features, a stamp
/// per feature to count repeats, and the scores. Not thread-safe; make one per thread.
/// </summary>
public sealed class ThemeScorer
{
    private readonly FeatureBuffer _buffer = new();
    private readonly int[] _stamp;
    private readonly int[] _count;
    private int[] _rows = new int[1024];
    private readonly float[] _scores;
    private readonly int[] _chosen;
    private int _chosenCount;
    private int _document;

    internal ThemeScorer(ThemeModel model)
    {
        Model = model;
        _stamp = new int[model.FeatureCount];
        _count = new int[model.FeatureCount];
        _scores = new float[model.Stride];
        _chosen = new int[model.Labels.Count];
    }

    public ThemeModel Model { get; }
    /// <summary>Indexes (into <see cref="ThemeModel.Labels"/>) of the labels given to the last comment, in label order.</summary>
    public ReadOnlySpan<int> Chosen => _chosen.AsSpan(0, _chosenCount);
    public int Sentiment { get; private set; }
    public double SentimentConfidence { get; private set; }
    /// <summary>Raw scores of the last comment: one per label, then the sentiment outputs.</summary>
    public ReadOnlySpan<float> Scores => _scores.AsSpan(0, Model.OutputCount);

    /// <summary>Probability-like confidence that label <paramref name="label"/> applies to the last comment.</summary>
    public double Confidence(int label) =>
        Sigmoid(Model.CalibrationSlope[label] * _scores[label] + Model.CalibrationIntercept[label]);

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    public void Code(ReadOnlySpan<char> comment, ReadOnlySpan<char> question)
    {
        var model = Model;
        TextFeatures.Extract(comment, question, model.Features, _buffer);
        if (++_document == int.MaxValue)
        {
            Array.Clear(_stamp);
            _document = 1;
        }
        var doc = _document;
        var rows = 0;
        var hashes = _buffer.Hashes;
        for (var i = 0; i < _buffer.Count; i++)
        {
            var row = model.Table.RowOf(hashes[i]);
            if (row < 0) continue;
            if (_stamp[row] != doc)
            {
                _stamp[row] = doc;
                _count[row] = 1;
                if (rows == _rows.Length) Array.Resize(ref _rows, rows * 2);
                _rows[rows++] = row;
            }
            else _count[row]++;
        }

        Span<float> norm = stackalloc float[3];
        norm.Clear();
        var idf = model.Idf;
        var kinds = model.Kinds;
        for (var i = 0; i < rows; i++)
        {
            var row = _rows[i];
            var c = _count[row];
            var v = (c == 1 ? 1f : 1f + MathF.Log(c)) * idf[row];
            norm[(int)kinds[row]] += v * v;
        }
        Span<float> scale = stackalloc float[3];
        for (var g = 0; g < 3; g++) scale[g] = norm[g] > 0 ? model.Features.WeightOf((FeatureKind)g) / MathF.Sqrt(norm[g]) : 0f;

        var scores = _scores.AsSpan();
        model.Bias.CopyTo(scores);
        scores[model.Bias.Length..].Clear();
        var stride = model.Stride;
        var weights = model.Weights;
        var acc = MemoryMarshal.Cast<float, Vector<float>>(scores);
        for (var i = 0; i < rows; i++)
        {
            var row = _rows[i];
            var c = _count[row];
            var x = (c == 1 ? 1f : 1f + MathF.Log(c)) * idf[row] * scale[(int)kinds[row]];
            var w = MemoryMarshal.Cast<float, Vector<float>>(weights.AsSpan(row * stride, stride));
            var vx = new Vector<float>(x);
            for (var v = 0; v < w.Length; v++) acc[v] += w[v] * vx;
        }
        Decide(_buffer.Words == 0);
    }

    private void Decide(bool blank)
    {
        var model = Model;
        var labels = model.Labels.Count;
        var thresholds = model.Thresholds;
        _chosenCount = 0;
        var best = -1;
        var bestMargin = float.NegativeInfinity;
        for (var k = 0; k < labels; k++)
        {
            var margin = _scores[k] - thresholds[k];
            if (margin >= 0) _chosen[_chosenCount++] = k;
            if (margin > bestMargin)
            {
                bestMargin = margin;
                best = k;
            }
        }
        if (_chosenCount == 0 && model.FallbackToBest && best >= 0) _chosen[_chosenCount++] = best;

        // Ordinal sentiment: P(score > t) for t = 1..4.
        var above = 0;
        Span<double> p = stackalloc double[ThemeModel.SentimentOutputs];
        for (var t = 0; t < ThemeModel.SentimentOutputs; t++)
        {
            p[t] = Sigmoid(_scores[labels + t]);
            if (p[t] >= 0.5) above++;
        }
        var sentiment = 1 + above;
        // Nothing said, or only labels coders give without a sentiment ("Labelling not possible"): neutral by rule.
        var neutral = blank;
        if (!neutral && _chosenCount > 0)
        {
            neutral = true;
            foreach (var k in Chosen) neutral &= model.NeutralWhenAlone[k];
        }
        if (neutral)
        {
            Sentiment = 3;
            SentimentConfidence = 1;
            return;
        }
        Sentiment = sentiment;
        var upper = sentiment == 1 ? 1.0 : p[sentiment - 2];
        var lower = sentiment == 5 ? 0.0 : p[sentiment - 1];
        SentimentConfidence = Math.Clamp(upper - lower, 0, 1);
    }
}
