using System.Text;

namespace Heard.Bench;

/// <summary>
/// Made-up patient comments for timing the comment model, built from short clauses like generate_comments.py:
/// about 70 characters on average, 3% empty, 17% thin ("Nothing"), 2% long. No real comment is used.
/// </summary>
public static class SyntheticComments
{
    private static readonly string[] Subjects =
        ["The staff", "The nurses", "The driver", "Reception", "The doctor", "Everyone", "The paramedics", "The call handler", "My care coordinator", "The crew"];
    private static readonly string[] Qualities =
        ["were kind", "were rude", "was very helpful", "were caring and professional", "was dismissive", "were lovely", "did not listen", "explained everything", "were brilliant", "kept me informed"];
    private static readonly string[] Extras =
    [
        "but I waited four hours to be seen", "the food was cold", "could not get through on the phone", "transport arrived late, again",
        "parking was impossible", "thank you for everything", "nothing to improve", "more staff needed at night", "the ward was clean and tidy",
        "my medication was changed without telling me", "discharge was rushed", "the appointment was cancelled twice",
        "they said \"we will call you back\" and never did", "keep up the good work", "no complaints at all",
    ];
    private static readonly string[] Thin = ["Nothing", "None.", "N/a", "All good", "Excellent service", "Very good", "Fine", "Did not answer"];
    public static readonly string[] Questions = ["FFT Why?", "How could we improve?", "What was good?", "What could we do better?"];

    public static (string Comment, string Question)[] Make(int count, int seed = 7)
    {
        var random = new Random(seed);
        var result = new (string, string)[count];
        for (var i = 0; i < count; i++) result[i] = (Comment(random), Questions[random.Next(Questions.Length)]);
        return result;
    }

    private static string Comment(Random random)
    {
        var r = random.NextDouble();
        if (r < 0.03) return "";
        if (r < 0.20) return Thin[random.Next(Thin.Length)];
        var parts = new List<string> { $"{Subjects[random.Next(Subjects.Length)]} {Qualities[random.Next(Qualities.Length)]}" };
        var extras = random.Next(4);
        for (var k = 0; k < extras; k++) parts.Add(Extras[random.Next(Extras.Length)]);
        var text = string.Join(", ", parts) + ".";
        return r > 0.98 ? string.Concat(Enumerable.Repeat(text + "\n", 6)) : text;
    }

    /// <summary>The cached input file for a size, with columns comment_id,comment,question.</summary>
    public static string PathFor(int rows) => Path.Combine(Path.GetTempPath(), $"heard-bench-comments-v1-{rows}.csv");

    public static string Write(string path, int rows)
    {
        if (File.Exists(path) && new FileInfo(path).Length > 0) return path;
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.Write("comment_id,comment,question\n");
        var i = 0;
        foreach (var (comment, question) in Make(rows)) w.Write($"C{i++},{Quoted(comment)},{question}\n");
        return path;
    }

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
