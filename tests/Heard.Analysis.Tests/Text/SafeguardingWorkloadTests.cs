using System.Text;
using Heard.Analysis.Text;

namespace Heard.Analysis.Tests.Text;

/// <summary>
/// The workload a safeguarding lead would face: how many real patient comments raise an alert. The comments are the
/// published coded NHS comments in ../shared/data (never copied into the repository); almost none of them is a
/// safeguarding matter, so nearly every alert here is one a lead reads and closes. Skipped where the file is absent.
/// </summary>
public sealed class SafeguardingWorkloadTests(ITestOutputHelper output)
{
    [Fact]
    public void Real_comments_raise_alerts_on_at_most_five_percent()
    {
        var data = FindShared("data/patient-comments-train.csv");
        Assert.SkipWhen(data is null, "the shared patient comments (../shared/data) are not on this machine");

        var comments = ReadColumn(data!, "comment").Where(c => !string.IsNullOrWhiteSpace(c)).ToArray();
        var alerted = 0;
        var byCategory = new Dictionary<string, int>();
        var bySeverity = new Dictionary<string, int>();
        foreach (var comment in comments)
        {
            var concerns = SafeguardingDetector.Detect(comment);
            if (concerns.Count == 0) continue;
            alerted++;
            foreach (var c in concerns)
            {
                var category = SafeguardingCategories.Code(c.Category);
                byCategory[category] = byCategory.GetValueOrDefault(category) + 1;
                var severity = SafeguardingCategories.SeverityCode(c.Severity);
                bySeverity[severity] = bySeverity.GetValueOrDefault(severity) + 1;
            }
        }

        var rate = (double)alerted / comments.Length;
        output.WriteLine($"{alerted} of {comments.Length} comments raise an alert ({rate:P2})");
        foreach (var category in SafeguardingCategories.All)
            output.WriteLine($"  {category,-10} {byCategory.GetValueOrDefault(category),4} ({(double)byCategory.GetValueOrDefault(category) / comments.Length:P2})");
        foreach (var severity in new[] { "high", "medium", "low" })
            output.WriteLine($"  {severity,-10} {bySeverity.GetValueOrDefault(severity),4} ({(double)bySeverity.GetValueOrDefault(severity) / comments.Length:P2})");

        // Recall first, but a lead who must read one comment in twenty would stop reading.
        Assert.True(rate <= 0.05, $"alert rate {rate:P2}");
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

    /// <summary>One column of a CSV file with a header row (RFC 4180 quoting, fields may hold new lines).</summary>
    private static IEnumerable<string> ReadColumn(string path, string column)
    {
        var text = File.ReadAllText(path);
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString()); field.Clear();
                records.Add(record); record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        var index = records[0].IndexOf(column);
        Assert.True(index >= 0, $"no '{column}' column in {path}");
        return records.Skip(1).Where(r => r.Count > index).Select(r => r[index]);
    }
}
