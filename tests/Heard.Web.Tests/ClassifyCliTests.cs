using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Heard.Cli;
using Heard.Web.Tests.Support;
using static Heard.Web.Tests.Support.CliRunner;

namespace Heard.Web.Tests;

/// <summary><c>./heard train</c> and <c>./heard classify</c> as scripts use them: columns, last lines, exit codes.</summary>
[Collection("console")]
public sealed class ClassifyCliTests
{
    private static string Quoted(string s) => s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>Made-up coded comments whose labels follow from their words; some hold commas, quotes and line breaks.</summary>
    private static string SyntheticCodedComments(int rows)
    {
        string[] food = ["the food was cold", "lunch was \"lovely\"", "dinner came late,\nand cold", "no hot drinks"];
        string[] staff = ["the nurses were kind", "staff were rude", "the doctor was caring", "reception, unhelpful"];
        string[] waiting = ["waited four hours", "the ambulance took ages", "long wait to be seen"];
        var random = new Random(3);
        var sb = new StringBuilder("id,text,codes,tone,asked\n");
        for (var i = 0; i < rows; i++)
        {
            var parts = new List<string>();
            var codes = new List<string>();
            if (random.Next(2) == 0) { parts.Add(food[random.Next(food.Length)]); codes.Add("Food, drink"); }
            if (random.Next(2) == 0) { parts.Add(staff[random.Next(staff.Length)]); codes.Add("Staff"); }
            if (random.Next(3) == 0) { parts.Add(waiting[random.Next(waiting.Length)]); codes.Add("Waiting"); }
            var good = random.Next(2) == 0;
            parts.Add(good ? "thank you" : "awful");
            var tone = good ? 1 + random.Next(2) : 4 + random.Next(2);
            sb.Append(CultureInfo.InvariantCulture, $"T{i},{Quoted(string.Join(", ", parts))},{Quoted(string.Join("|", codes))},{tone},What could we do better?\n");
        }
        return sb.ToString();
    }

    [Fact]
    public async Task Train_then_classify_writes_the_contract_columns()
    {
        using var files = new TempFiles();
        var training = files.Write("coded.csv", SyntheticCodedComments(300));
        var modelDir = files.Path_("model");

        var train = await Run("train", "--input", training, "--text-column", "text", "--labels-column", "codes", "--separator", "|",
            "--sentiment-column", "tone", "--question-column", "asked", "--model-out", modelDir);

        Assert.True(train.Code == 0, train.Err);
        var last = LastLine(train.Out);
        var scores = Regex.Match(last, @"^micro_f1=(?<micro>[0-9.]+) macro_f1=(?<macro>[0-9.]+) labels=3 train=(?<train>\d+) test=(?<test>\d+)");
        Assert.True(scores.Success, last);
        Assert.True(double.Parse(scores.Groups["micro"].Value, CultureInfo.InvariantCulture) > 0.9, last);
        Assert.Equal(300, int.Parse(scores.Groups["train"].Value) + int.Parse(scores.Groups["test"].Value));
        Assert.Contains("Food, drink", train.Out);
        Assert.True(File.Exists(Path.Combine(modelDir, "model.heardmodel")));
        Assert.Contains("micro-F1", File.ReadAllText(Path.Combine(modelDir, "model-card.md")));

        var input = files.Write("new.csv",
            "comment_id,comment\n" +
            "A1,\"The food was cold, awful\"\n" +
            "A2,\"staff were rude and \"\"we waited four hours\"\"\nawful\"\n" +
            "A3,\n" +
            "A4,the nurses were kind thank you\n");
        var output = files.Path_("coded-out.csv");
        var classify = await Run("classify", "--input", input, "--out", output, "--model", modelDir);

        Assert.True(classify.Code == 0, classify.Err);
        Assert.Matches(@"^classified=4 skipped=0 seconds=[0-9.]+ per_second=\d+$", LastLine(classify.Out));
        var lines = File.ReadAllText(output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("comment_id,labels,sentiment", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^A1,""Food, drink"",[45]$", lines[1]);
        Assert.StartsWith("A2,", lines[2]);
        Assert.Contains("Staff", lines[2]);
        Assert.Contains("Waiting", lines[2]);
        Assert.Matches(@"^A3,.*,3$", lines[3]);
        Assert.Matches(@"^A4,Staff,[12]$", lines[4]);
    }

    [Fact]
    public async Task Classify_without_a_model_uses_the_built_in_framework()
    {
        using var files = new TempFiles();
        var input = files.Write("in.csv", "Comment_ID,Question,Comment\n7,What could we do better?,The food was cold\n");
        var output = files.Path_("out.csv");

        var classify = await Run("classify", "--input", input, "--out", output);

        Assert.True(classify.Code == 0, classify.Err);
        var lines = File.ReadAllLines(output);
        Assert.Equal(["comment_id,labels,sentiment", "7,Food & drink provision & facilities,4"], lines);
    }

    [Fact]
    public async Task A_missing_comment_column_is_unusable_input()
    {
        using var files = new TempFiles();
        var input = files.Write("in.csv", "comment_id,text\n1,hello\n");

        var classify = await Run("classify", "--input", input, "--out", files.Path_("out.csv"));

        Assert.Equal(2, classify.Code);
        Assert.Contains("'comment'", classify.Err);
        Assert.Single(classify.Err.Trim().Split('\n'));
        Assert.False(File.Exists(files.Path_("out.csv")));
    }

    [Fact]
    public async Task Training_names_the_column_it_cannot_find()
    {
        using var files = new TempFiles();
        var training = files.Write("coded.csv", SyntheticCodedComments(50));

        var train = await Run("train", "--input", training, "--text-column", "text", "--labels-column", "themes", "--model-out", files.Path_("m"));
        var missing = await Run("train", "--input", files.Path_("nope.csv"), "--text-column", "text", "--labels-column", "codes", "--model-out", files.Path_("m"));
        var noModel = await Run("classify", "--input", training, "--out", files.Path_("o.csv"), "--model", files.Path_("no-model"));

        Assert.Equal(2, train.Code);
        Assert.Contains("'themes' (--labels-column)", train.Err);
        Assert.Equal(2, missing.Code);
        Assert.Contains("file not found", missing.Err);
        Assert.Equal(2, noModel.Code);
    }

    [Fact]
    public async Task Training_on_the_published_coded_comments_meets_the_quality_targets()
    {
        var data = FindShared("data/patient-comments-train.csv");
        Assert.SkipWhen(data is null, "the shared training data (../shared/data) is not on this machine");
        using var files = new TempFiles();

        var train = await Run("train", "--input", data!, "--text-column", "comment", "--labels-column", "labels", "--separator", "|",
            "--question-column", "question", "--sentiment-column", "sentiment", "--group-column", "respondent_id",
            "--framework", Path.Combine(Path.GetDirectoryName(data!)!, "qdc-framework-v7.csv"), "--model-out", files.Path_("qdc"));

        Assert.True(train.Code == 0, train.Err);
        var m = Regex.Match(LastLine(train.Out), @"^micro_f1=(?<micro>[0-9.]+) macro_f1=(?<macro>[0-9.]+) .* sentiment_within_one=(?<senti>[0-9.]+)$");
        Assert.True(m.Success, LastLine(train.Out));
        Assert.True(double.Parse(m.Groups["micro"].Value, CultureInfo.InvariantCulture) >= 0.78, LastLine(train.Out));
        Assert.True(double.Parse(m.Groups["macro"].Value, CultureInfo.InvariantCulture) >= 0.52, LastLine(train.Out));
        Assert.True(double.Parse(m.Groups["senti"].Value, CultureInfo.InvariantCulture) >= 0.90, LastLine(train.Out));
    }

    private static string? FindShared(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
