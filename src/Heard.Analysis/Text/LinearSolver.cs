namespace Heard.Analysis.Text;

/// <summary>Rows of a sparse matrix in compressed form: row r's columns are Column[Start[r]..Start[r+1]].</summary>
public sealed class SparseRows
{
    public SparseRows(int[] start, int[] column, float[] value, int columns)
    {
        Start = start;
        Column = column;
        Value = value;
        Columns = columns;
    }

    public int[] Start { get; }
    public int[] Column { get; }
    public float[] Value { get; }
    public int Columns { get; }
    public int Count => Start.Length - 1;

    public double Dot(int row, ReadOnlySpan<float> weights)
    {
        var sum = 0.0;
        for (var p = Start[row]; p < Start[row + 1]; p++) sum += Value[p] * weights[Column[p]];
        return sum;
    }

    public SparseRows Select(IReadOnlyList<int> rows)
    {
        var start = new int[rows.Count + 1];
        var total = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            total += Start[rows[i] + 1] - Start[rows[i]];
            start[i + 1] = total;
        }
        var column = new int[total];
        var value = new float[total];
        for (var i = 0; i < rows.Count; i++)
        {
            var from = Start[rows[i]];
            var n = Start[rows[i] + 1] - from;
            Array.Copy(Column, from, column, start[i], n);
            Array.Copy(Value, from, value, start[i], n);
        }
        return new SparseRows(start, column, value, Columns);
    }
}

/// <summary>The loss a binary linear classifier minimises (both with an L2 penalty on the weights).</summary>
public enum LinearLoss : byte
{
    /// <summary>Logistic regression: scores are log-odds.</summary>
    Logistic = 0,
    /// <summary>Squared hinge (L2-loss linear SVM): scores are margins.</summary>
    SquaredHinge = 1,
}

/// <summary>
/// Dual coordinate descent for L2-regularised linear classifiers, as in LIBLINEAR (Hsieh et al. 2008 for the
/// squared hinge; Yu, Huang and Lin 2011 for logistic regression). Each pass visits the rows in a seeded shuffled
/// order, so training is deterministic. The bias is a constant feature, regularised like the rest.
/// </summary>
public static class LinearSolver
{
    /// <summary>
    /// Trains one binary classifier. <paramref name="weights"/> (length Columns + 1, the last being the bias) is
    /// overwritten. <paramref name="positive"/>[r] says whether row r is in the class.
    /// </summary>
    public static void Train(
        SparseRows x, ReadOnlySpan<bool> positive, LinearLoss loss, double costPositive, double costNegative,
        float[] weights, int seed, double tolerance = 0.1, int maxPasses = 500, float bias = 1f)
    {
        if (weights.Length != x.Columns + 1) throw new ArgumentException("weights must have one entry per column plus the bias", nameof(weights));
        Array.Clear(weights);
        if (loss == LinearLoss.SquaredHinge) TrainSquaredHinge(x, positive, costPositive, costNegative, weights, seed, tolerance, maxPasses, bias);
        else TrainLogistic(x, positive, costPositive, costNegative, weights, seed, tolerance, maxPasses, bias);
    }

    private static double Dot(SparseRows x, int row, float[] w, float bias)
    {
        var sum = (double)w[^1] * bias;
        var cols = x.Column;
        var vals = x.Value;
        for (var p = x.Start[row]; p < x.Start[row + 1]; p++) sum += vals[p] * w[cols[p]];
        return sum;
    }

    private static void AddTo(SparseRows x, int row, float[] w, double step, float bias)
    {
        var cols = x.Column;
        var vals = x.Value;
        var s = (float)step;
        for (var p = x.Start[row]; p < x.Start[row + 1]; p++) w[cols[p]] += s * vals[p];
        w[^1] += s * bias;
    }

    private static double SquaredNorm(SparseRows x, int row, float bias)
    {
        var sum = (double)bias * bias;
        for (var p = x.Start[row]; p < x.Start[row + 1]; p++) sum += (double)x.Value[p] * x.Value[p];
        return sum;
    }

    private static void TrainSquaredHinge(
        SparseRows x, ReadOnlySpan<bool> positive, double costPositive, double costNegative, float[] w, int seed,
        double tolerance, int maxPasses, float bias)
    {
        var n = x.Count;
        var alpha = new double[n];
        var qd = new double[n];
        var index = new int[n];
        var diagPositive = 0.5 / costPositive;
        var diagNegative = 0.5 / costNegative;
        for (var i = 0; i < n; i++)
        {
            qd[i] = SquaredNorm(x, i, bias) + (positive[i] ? diagPositive : diagNegative);
            index[i] = i;
        }
        var random = new SplitMix(seed);
        var active = n;
        // Rows whose gradient exceeded the last pass's largest projected gradient are set aside (shrinking).
        var maxOld = double.PositiveInfinity;
        for (var pass = 0; pass < maxPasses; pass++)
        {
            var maxNew = double.NegativeInfinity;
            var minNew = double.PositiveInfinity;
            for (var i = 0; i < active; i++)
            {
                var j = i + random.Next(active - i);
                (index[i], index[j]) = (index[j], index[i]);
            }
            for (var s = 0; s < active; s++)
            {
                var i = index[s];
                var y = positive[i] ? 1.0 : -1.0;
                var g = y * Dot(x, i, w, bias) - 1 + alpha[i] * (positive[i] ? diagPositive : diagNegative);
                var pg = 0.0;
                if (alpha[i] == 0)
                {
                    if (g > maxOld)
                    {
                        active--;
                        (index[s], index[active]) = (index[active], index[s]);
                        s--;
                        continue;
                    }
                    if (g < 0) pg = g;
                }
                else pg = g;
                maxNew = Math.Max(maxNew, pg);
                minNew = Math.Min(minNew, pg);
                if (Math.Abs(pg) > 1e-12)
                {
                    var old = alpha[i];
                    alpha[i] = Math.Max(old - g / qd[i], 0);
                    AddTo(x, i, w, (alpha[i] - old) * y, bias);
                }
            }
            if (maxNew - minNew <= tolerance)
            {
                if (active == n) break;
                active = n;
                maxOld = double.PositiveInfinity;
                continue;
            }
            maxOld = maxNew <= 0 ? double.PositiveInfinity : maxNew;
        }
    }

    private static void TrainLogistic(
        SparseRows x, ReadOnlySpan<bool> positive, double costPositive, double costNegative, float[] w, int seed,
        double tolerance, int maxPasses, float bias)
    {
        var n = x.Count;
        // alpha[2i] is the row's dual variable, alpha[2i+1] = C - alpha[2i].
        var alpha = new double[2 * n];
        var xx = new double[n];
        var index = new int[n];
        const int maxInner = 100;
        var innerTolerance = 1e-2;
        var innerToleranceMin = Math.Min(1e-8, tolerance);
        for (var i = 0; i < n; i++)
        {
            var c = positive[i] ? costPositive : costNegative;
            alpha[2 * i] = Math.Min(0.001 * c, 1e-8);
            alpha[2 * i + 1] = c - alpha[2 * i];
            xx[i] = SquaredNorm(x, i, bias);
            index[i] = i;
            AddTo(x, i, w, (positive[i] ? 1 : -1) * alpha[2 * i], bias);
        }
        var random = new SplitMix(seed);
        for (var pass = 0; pass < maxPasses; pass++)
        {
            for (var i = 0; i < n; i++)
            {
                var j = i + random.Next(n - i);
                (index[i], index[j]) = (index[j], index[i]);
            }
            var newtonSteps = 0;
            var gradientMax = 0.0;
            for (var s = 0; s < n; s++)
            {
                var i = index[s];
                var y = positive[i] ? 1.0 : -1.0;
                var c = positive[i] ? costPositive : costNegative;
                var a = xx[i];
                var b = y * Dot(x, i, w, bias);
                int first = 2 * i, second = 2 * i + 1;
                var sign = 1.0;
                if (0.5 * a * (alpha[second] - alpha[first]) + b < 0)
                {
                    first = 2 * i + 1;
                    second = 2 * i;
                    sign = -1;
                }
                var old = alpha[first];
                var z = old;
                if (c - z < 0.5 * c) z = 0.1 * z;
                var gp = a * (z - old) + sign * b + Math.Log(z / (c - z));
                gradientMax = Math.Max(gradientMax, Math.Abs(gp));
                var inner = 0;
                while (inner <= maxInner)
                {
                    if (Math.Abs(gp) < innerTolerance) break;
                    var gpp = a + c / (c - z) / z;
                    var next = z - gp / gpp;
                    z = next <= 0 ? z * 0.1 : next;
                    gp = a * (z - old) + sign * b + Math.Log(z / (c - z));
                    newtonSteps++;
                    inner++;
                }
                if (inner > 0)
                {
                    alpha[first] = z;
                    alpha[second] = c - z;
                    AddTo(x, i, w, sign * (z - old) * y, bias);
                }
            }
            if (gradientMax < tolerance) break;
            if (newtonSteps <= n / 10) innerTolerance = Math.Max(innerToleranceMin, 0.1 * innerTolerance);
        }
    }
}

/// <summary>A small seeded generator (SplitMix64) so shuffles are the same on every machine and runtime.</summary>
public struct SplitMix(long seed)
{
    private ulong _state = (ulong)seed;

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15ul;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ul;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBul;
        return z ^ (z >> 31);
    }

    public int Next(int bound) => (int)(NextULong() % (ulong)bound);
}
