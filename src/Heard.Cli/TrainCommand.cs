using System.Diagnostics;
using System.Globalization;
using System.Text;
using Heard.Analysis.Text;
using Heard.Web.Features.Import;

namespace Heard.Cli;

/// <summary>
/// <c>./heard train --input FILE --text-column C --labels-column L [--separator S] --model-out DIR</c>: trains a
/// comment model on an organisation's own coded comments, measures it on a fixed 20% held out, then trains on
/// everything and writes DIR/model.heardmodel and DIR/model-card.md. The last stdout line is the held-out scores.
/// </summary>
public static class TrainCommand
{
    public static Task<int> RunAsync(CliOptions o)
    {
        var input = o.Require("--input");
        var textColumn = o.Require("--text-column");
        var labelsColumn = o.Require("--labels-column");
        var separator = o.Get("--separator");
        var modelOut = o.Require("--model-out");
        var questionColumn = o.Get("--question-column");
        var sentimentColumn = o.Get("--sentiment-column");
        var groupColumn = o.Get("--group-column");
        var frameworkPath = o.Get("--framework");
        var frameworkName = o.Get("--framework-name");
        var foldsText = o.Get("--cross-validate");
        _ = o.Get("--database"); // every command accepts it; this one needs no database
        o.EnsureNoUnknown();
        if (separator is { Length: 0 }) throw new UsageException("--separator is empty; leave it out for one label per comment");
        var folds = 0;
        if (foldsText is not null && (!int.TryParse(foldsText, CultureInfo.InvariantCulture, out folds) || folds is < 2 or > 20))
            throw new UsageException($"--cross-validate '{foldsText}' must be a number of folds from 2 to 20");
        if (!File.Exists(input)) throw new UsageException($"file not found: {input}");
        if (frameworkPath is not null && !File.Exists(frameworkPath)) throw new UsageException($"framework file not found: {frameworkPath}");

        var clock = Stopwatch.StartNew();
        var (categories, examples) = frameworkPath is null ? (null, []) : ReadFramework(frameworkPath);
        var data = ReadComments(input, textColumn, labelsColumn, separator, questionColumn, sentimentColumn, groupColumn, out var skipped);
        if (data.Count(c => c.Labels.Count > 0) < 10) throw new UsageException($"{Path.GetFileName(input)} has fewer than 10 labelled comments, too few to learn from");
        var exampleComments = FrameworkExamples.AsTrainingComments(examples, data);
        var comments = data.Concat(exampleComments).ToList();

        var options = new ThemeTrainingOptions
        {
            Framework = frameworkName ?? (frameworkPath is null ? "" : Path.GetFileNameWithoutExtension(frameworkPath)),
            Categories = categories,
        };
        var trainer = new ThemeTrainer(comments, options);
        Console.Error.WriteLine($"train: {data.Count:N0} comments, {trainer.Labels.Count} labels, {trainer.CommentsWithoutLabels:N0} with no label"
            + (skipped > 0 ? $", {skipped:N0} skipped (no label cell, or unreadable)" : "")
            + (sentimentColumn is null ? "" : $", {trainer.CommentsWithSentiment:N0} with a sentiment")
            + (exampleComments.Count > 0 ? $", plus {exampleComments.Count:N0} framework example phrases (learnt from, never scored)" : ""));
        if (categories is not null)
            foreach (var unknown in trainer.Labels.Where(l => !categories.ContainsKey(l)))
                Console.Error.WriteLine($"train: label '{unknown}' is not in the framework {Path.GetFileName(frameworkPath)}");

        ThemeEvaluation? crossValidated = null;
        if (folds > 0)
        {
            crossValidated = trainer.CrossValidate(folds, p => Console.Error.WriteLine($"train: {p}"));
            Console.Error.WriteLine($"train: {folds}-fold cross-validation micro_f1={F(crossValidated.Labels.MicroF1)} macro_f1={F(crossValidated.Labels.MacroF1)}");
        }
        Console.Error.WriteLine("train: measuring on 20% held out");
        var heldOut = trainer.HoldOut(0.2);
        Console.Error.WriteLine("train: training on all comments");
        var fitClock = Stopwatch.StartNew();
        var model = trainer.Train();
        var fitSeconds = fitClock.Elapsed.TotalSeconds;

        Directory.CreateDirectory(modelOut);
        var modelPath = Path.Combine(modelOut, ThemeModel.FileName);
        using (var file = File.Create(modelPath)) model.Save(file);
        var size = new FileInfo(modelPath).Length;
        var card = ModelCard(model, trainer, heldOut, crossValidated, input, separator, sentimentColumn is not null, size, fitSeconds, exampleComments.Count);
        File.WriteAllText(Path.Combine(modelOut, "model-card.md"), card, new UTF8Encoding(false));

        Console.Out.WriteLine(LabelTable(heldOut.Labels));
        if (sentimentColumn is not null)
            Console.Out.WriteLine($"sentiment: within one point {P(heldOut.Sentiment.WithinOneRate)}, exact {P(heldOut.Sentiment.ExactRate)} of {heldOut.Sentiment.Comments:N0} held-out comments with a sentiment");
        Console.Out.WriteLine($"model: {modelPath} ({size / 1024.0:N0} KB, {model.FeatureCount:N0} features), card: {Path.Combine(modelOut, "model-card.md")}, {clock.Elapsed.TotalSeconds:N1}s in all");
        var last = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"micro_f1={F(heldOut.Labels.MicroF1)} macro_f1={F(heldOut.Labels.MacroF1)} labels={trainer.Labels.Count} train={heldOut.TrainComments} test={heldOut.TestComments}");
        if (sentimentColumn is not null) last.Append(CultureInfo.InvariantCulture, $" sentiment_within_one={F(heldOut.Sentiment.WithinOneRate)}");
        Console.Out.WriteLine(last.ToString());
        return Task.FromResult(0);
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
    private static string P(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Finds each named column (case-insensitive); exit 2 naming the column and the option when one is missing.</summary>
    internal static int Column(string[] header, string name, string option, string file)
    {
        for (var i = 0; i < header.Length; i++)
            if (string.Equals(header[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        throw new UsageException($"{Path.GetFileName(file)} has no column '{name}' ({option}); its columns are {string.Join(", ", header)}");
    }

    private static List<CodedComment> ReadComments(
        string path, string textColumn, string labelsColumn, string? separator, string? questionColumn, string? sentimentColumn,
        string? groupColumn, out int skipped)
    {
        using var reader = new CsvRecordReader(File.OpenRead(path));
        if (!reader.TryRead(out var header) || header.Error is not null) throw new UsageException($"{Path.GetFileName(path)} has no readable header row");
        var h = header.Fields;
        var text = Column(h, textColumn, "--text-column", path);
        var labels = Column(h, labelsColumn, "--labels-column", path);
        var question = questionColumn is null ? -1 : Column(h, questionColumn, "--question-column", path);
        var sentiment = sentimentColumn is null ? -1 : Column(h, sentimentColumn, "--sentiment-column", path);
        var group = groupColumn is null ? -1 : Column(h, groupColumn, "--group-column", path);
        var result = new List<CodedComment>();
        skipped = 0;
        while (reader.TryRead(out var record))
        {
            var f = record.Fields;
            if (record.Error is not null || f.Length <= labels || f.Length <= text)
            {
                skipped++;
                continue;
            }
            var cell = f[labels].Trim();
            string[] given;
            if (separator is null)
            {
                // One label per comment: an empty cell means the comment was not coded, so it teaches nothing.
                if (cell.Length == 0)
                {
                    skipped++;
                    continue;
                }
                given = [cell];
            }
            else given = cell.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            int? score = sentiment >= 0 && sentiment < f.Length && int.TryParse(f[sentiment], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= 5 ? s : null;
            result.Add(new CodedComment(
                f[text],
                question >= 0 && question < f.Length ? f[question] : null,
                given,
                score,
                group >= 0 && group < f.Length && f[group].Length > 0 ? f[group] : null));
        }
        return result;
    }

    /// <summary>
    /// Sub-category to category, from a framework file with <c>category</c> and <c>sub_category</c> columns, and the
    /// example phrases in its optional <c>examples</c> and <c>longer_examples</c> columns.
    /// </summary>
    private static (Dictionary<string, string> Categories, List<FrameworkExample> Examples) ReadFramework(string path)
    {
        using var reader = new CsvRecordReader(File.OpenRead(path));
        if (!reader.TryRead(out var header) || header.Error is not null) throw new UsageException($"{Path.GetFileName(path)} has no readable header row");
        var category = Column(header.Fields, "category", "--framework", path);
        var sub = Column(header.Fields, "sub_category", "--framework", path);
        var exampleColumns = new[] { "examples", "longer_examples" }
            .Select(name => Array.FindIndex(header.Fields, f => string.Equals(f.Trim(), name, StringComparison.OrdinalIgnoreCase)))
            .Where(i => i >= 0).ToArray();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var examples = new List<FrameworkExample>();
        while (reader.TryRead(out var record))
        {
            if (record.Error is not null || record.Fields.Length <= Math.Max(category, sub)) continue;
            var name = record.Fields[sub].Trim();
            if (name.Length == 0) continue;
            map[name] = record.Fields[category].Trim();
            foreach (var c in exampleColumns)
                if (c < record.Fields.Length) examples.AddRange(FrameworkExamples.Parse(name, record.Fields[c]));
        }
        return (map, examples);
    }

    private static string LabelTable(MultiLabelMetrics m)
    {
        var width = Math.Max(5, m.Labels.Max(l => l.Label.Length));
        var sb = new StringBuilder();
        sb.Append("label".PadRight(width)).Append("  precision  recall     f1  support\n");
        foreach (var l in m.Labels)
            sb.Append(l.Label.PadRight(width))
              .Append(CultureInfo.InvariantCulture, $"  {l.Precision,9:0.000}  {l.Recall,6:0.000}  {l.F1,5:0.000}  {l.Support,7}{(l.InMacro ? "" : "  (not in macro)")}\n");
        sb.Append("micro".PadRight(width))
          .Append(CultureInfo.InvariantCulture, $"  {m.MicroPrecision,9:0.000}  {m.MicroRecall,6:0.000}  {m.MicroF1,5:0.000}  {m.Support,7}\n");
        sb.Append("macro".PadRight(width)).Append(CultureInfo.InvariantCulture, $"                     {m.MacroF1,5:0.000}  ({m.MacroLabelCount} labels)");
        return sb.ToString();
    }

    private static string ModelCard(
        ThemeModel model, ThemeTrainer trainer, ThemeEvaluation heldOut, ThemeEvaluation? crossValidated, string input, string? separator,
        bool hasSentiment, long size, double fitSeconds, int frameworkExamples)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Comment model card: {(model.Framework.Length > 0 ? model.Framework : Path.GetFileNameWithoutExtension(input))}\n\n");
        sb.Append("Written by `./heard train`; the scores were measured on comments the model had not seen.\n\n");
        sb.Append("## Data\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"- File: `{Path.GetFileName(input)}`, {trainer.Count - trainer.TrainingOnlyCount:N0} comments ({trainer.CommentsWithoutLabels:N0} with no label");
        if (hasSentiment) sb.Append(CultureInfo.InvariantCulture, $", {trainer.CommentsWithSentiment:N0} with a sentiment");
        sb.Append(")\n");
        sb.Append(CultureInfo.InvariantCulture, $"- {trainer.Labels.Count} labels, {(separator is null ? "one per comment" : $"several per comment separated by `{separator}`")}\n");
        if (frameworkExamples > 0)
            sb.Append(CultureInfo.InvariantCulture, $"- {frameworkExamples:N0} example phrases from the framework file, learnt from but never scored\n");
        sb.Append('\n');
        sb.Append("## Method\n\n");
        sb.Append("Words, word pairs, character 2-5-grams within words and the question answered, weighted by sublinear TF-IDF; ");
        sb.Append("one linear classifier per label (L2-regularised squared hinge, dual coordinate descent); per-label thresholds chosen on ");
        sb.Append("5-fold held-out scores inside the training comments to maximise micro-F1; cumulative-logit sentiment. ");
        sb.Append(CultureInfo.InvariantCulture, $"{model.FeatureCount:N0} features kept (seen in at least two comments), weights in 8-bit steps; model file {size / 1024.0:N0} KB; final fit {fitSeconds:N1}s.\n\n");
        sb.Append("## Scores\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Held out: {heldOut.TestComments:N0} comments (a fixed 20%, split by group when one was given), trained on {heldOut.TrainComments:N0}.\n\n");
        sb.Append("| measure | held out |").Append(crossValidated is null ? "" : " cross-validated |").Append('\n');
        sb.Append("|---|---|").Append(crossValidated is null ? "" : "---|").Append('\n');
        void Row(string name, Func<ThemeEvaluation, string> value) =>
            sb.Append(CultureInfo.InvariantCulture, $"| {name} | {value(heldOut)} |").Append(crossValidated is null ? "" : $" {value(crossValidated)} |").Append('\n');
        Row("micro-F1", e => F(e.Labels.MicroF1));
        Row("macro-F1 (labels with 5+ examples)", e => F(e.Labels.MacroF1));
        if (hasSentiment)
        {
            Row("sentiment within one point", e => P(e.Sentiment.WithinOneRate));
            Row("sentiment exact", e => P(e.Sentiment.ExactRate));
        }
        var table = (crossValidated ?? heldOut).Labels;
        sb.Append(CultureInfo.InvariantCulture, $"\nPer label ({(crossValidated is null ? "held out" : "cross-validated")}):\n\n");
        sb.Append("| label | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
        foreach (var l in table.Labels)
            sb.Append(CultureInfo.InvariantCulture, $"| {l.Label} | {l.Precision:0.00} | {l.Recall:0.00} | {l.F1:0.00} | {l.Support} |\n");
        sb.Append("\n## Limitations\n\n");
        sb.Append("A model learns its coders' habits and the kinds of comment it was shown; check its codes against a sample of your own ");
        sb.Append("before relying on them, and never use them for decisions about an individual.\n");
        return sb.ToString();
    }
}
