using System.Diagnostics;
using System.Globalization;
using System.Text;
using Heard.Analysis.Text;
using Heard.Web.Features.Import;

namespace Heard.Cli;

/// <summary>
/// <c>./heard classify --input FILE --out FILE [--model DIR]</c>: codes comments (columns <c>comment_id,comment</c>,
/// optional <c>question</c>) into <c>comment_id,labels,sentiment</c>. Streams: one record read, coded and written
/// at a time, so memory stays flat for any input size. An empty comment gets the labels the model gives empty
/// text (the built-in model: "Labelling not possible") and sentiment 3, since nothing was said either way.
/// </summary>
public static class ClassifyCommand
{
    public static Task<int> RunAsync(CliOptions o)
    {
        var input = o.Require("--input");
        var output = o.Require("--out");
        var modelDir = o.Get("--model");
        _ = o.Get("--database"); // every command accepts it; this one needs no database
        o.EnsureNoUnknown();
        if (!File.Exists(input)) throw new UsageException($"file not found: {input}");
        var model = LoadModel(modelDir);

        var clock = Stopwatch.StartNew();
        using var reader = new CsvRecordReader(new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
        if (!reader.TryRead(out var header) || header.Error is not null) throw new UsageException($"{Path.GetFileName(input)} has no readable header row");
        var idColumn = TrainCommand.Column(header.Fields, "comment_id", "input column", input);
        var commentColumn = TrainCommand.Column(header.Fields, "comment", "input column", input);
        var questionColumn = Array.FindIndex(header.Fields, f => string.Equals(f.Trim(), "question", StringComparison.OrdinalIgnoreCase));
        var inputLength = new FileInfo(input).Length;

        var full = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        long classified = 0, skipped = 0;
        var shown = Stopwatch.StartNew();
        var progressShown = false;
        using (var writer = new StreamWriter(new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), new UTF8Encoding(false), 1 << 16))
        {
            writer.Write("comment_id,labels,sentiment\n");
            var scorer = model.CreateScorer();
            var labels = new LabelWriter(model);
            while (reader.TryRead(out var record))
            {
                if (record.Error is not null)
                {
                    if (++skipped <= 20) Console.Error.WriteLine($"classify: row {record.RowNumber} skipped: {record.Error}");
                    continue;
                }
                var f = record.Fields;
                var id = idColumn < f.Length ? f[idColumn] : "";
                var comment = commentColumn < f.Length ? f[commentColumn] : "";
                var question = questionColumn >= 0 && questionColumn < f.Length ? f[questionColumn] : "";
                scorer.Code(comment, question);
                writer.Write(CsvText.Field(id));
                writer.Write(',');
                labels.Write(writer, scorer);
                writer.Write(',');
                writer.Write((char)('0' + scorer.Sentiment));
                writer.Write('\n');
                if ((++classified & 0x3FFF) == 0 && shown.ElapsedMilliseconds >= 1000)
                {
                    shown.Restart();
                    progressShown = true;
                    var percent = inputLength == 0 ? 100 : 100 * reader.BytesConsumed / inputLength;
                    Console.Error.Write($"\rclassify: {classified:N0} comments ({percent}%), {classified / clock.Elapsed.TotalSeconds:N0} a second   ");
                }
            }
        }
        if (progressShown) Console.Error.WriteLine();
        var seconds = clock.Elapsed.TotalSeconds;
        if (skipped > 20) Console.Error.WriteLine($"classify: {skipped - 20} more rows skipped");
        Console.Error.WriteLine($"classify: {classified:N0} comments coded with {(modelDir is null ? "the built-in model" : Path.GetFullPath(modelDir))}"
            + $"{(model.Framework.Length > 0 ? $" ({model.Framework})" : "")} into {full}");
        var rate = seconds > 0 ? classified / seconds : 0;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"classified={classified} skipped={skipped} seconds={seconds:0.000} per_second={rate:0}"));
        return Task.FromResult(0);
    }

    /// <summary>A model folder written by <c>./heard train</c> (or the model file itself); the built-in model when none is named.</summary>
    private static ThemeModel LoadModel(string? modelDir)
    {
        if (modelDir is null) return ThemeModel.BuiltIn();
        var path = Directory.Exists(modelDir) ? Path.Combine(modelDir, ThemeModel.FileName) : modelDir;
        if (!File.Exists(path)) throw new UsageException($"no model at {path} (train one with ./heard train --model-out DIR)");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return ThemeModel.Load(stream);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new UsageException($"{path} is not a usable comment model: {e.Message}");
        }
    }

    /// <summary>Writes the given labels joined by '|', most confident first, quoting once when a name needs it.</summary>
    private sealed class LabelWriter(ThemeModel model)
    {
        private readonly string[] _names = model.Labels.Select(l => l.Replace("\"", "\"\"")).ToArray();
        private readonly bool[] _needsQuotes = model.Labels.Select(l => l.AsSpan().IndexOfAny(",\"\r\n") >= 0 || l.StartsWith(' ') || l.EndsWith(' ')).ToArray();
        private readonly int[] _order = new int[model.Labels.Count];

        public void Write(TextWriter writer, ThemeScorer scorer)
        {
            var chosen = scorer.Chosen;
            if (chosen.Length == 0) return;
            chosen.CopyTo(_order);
            var order = _order.AsSpan(0, chosen.Length);
            // Insertion sort by confidence, highest first: a comment rarely has more than three labels.
            for (var i = 1; i < order.Length; i++)
            {
                var k = order[i];
                var j = i - 1;
                while (j >= 0 && scorer.Confidence(order[j]) < scorer.Confidence(k))
                {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = k;
            }
            var quote = false;
            foreach (var k in order) quote |= _needsQuotes[k];
            if (quote) writer.Write('"');
            for (var i = 0; i < order.Length; i++)
            {
                if (i > 0) writer.Write('|');
                writer.Write(_names[order[i]]);
            }
            if (quote) writer.Write('"');
        }
    }
}
