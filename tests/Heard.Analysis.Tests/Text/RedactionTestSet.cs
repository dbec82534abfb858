using System.Text;
using System.Text.RegularExpressions;
using Heard.Analysis.Text;

namespace Heard.Analysis.Tests.Text;

/// <summary>
/// The labelled comments in redaction-test-set.txt, with personal data marked <c>[[kind:text]]</c>, and how well
/// <see cref="Redactor.Find"/> does on them. A marked span is recalled when every letter and digit of it is removed (by
/// a span of any kind: a phone number removed as a number is still removed); a span found is right when it overlaps a
/// marked span. Precision is by the kind found, recall by the kind marked.
/// </summary>
public static partial class RedactionTestSet
{
    public sealed record Comment(int Line, string Text, IReadOnlyList<PersonalDataSpan> Marked);

    public sealed record KindScore(string Kind, int Marked, int Recalled, int Found, int FoundRight)
    {
        public double Recall => Marked == 0 ? 1 : (double)Recalled / Marked;
        public double Precision => Found == 0 ? 1 : (double)FoundRight / Found;
    }

    public sealed record Score(IReadOnlyList<KindScore> Kinds, KindScore Overall, int Comments, int CommentsWithNothing,
        int FalseAlarmComments, int RightKind, IReadOnlyList<string> Misses, IReadOnlyList<string> FalseAlarms);

    public static readonly (string Label, PersonalDataKind Kind)[] Labels =
    [
        ("name", PersonalDataKind.Name), ("phone", PersonalDataKind.Phone), ("email", PersonalDataKind.Email),
        ("postcode", PersonalDataKind.Postcode), ("nhs", PersonalDataKind.NhsNumber), ("number", PersonalDataKind.Number),
        ("dob", PersonalDataKind.DateOfBirth),
    ];

    [GeneratedRegex(@"\[\[(?<kind>[a-z]+):(?<text>.*?)\]\]")]
    private static partial Regex Mark();

    public const string Development = "redaction-test-set.txt";
    public const string HeldOut = "redaction-held-out.txt";

    /// <summary>Both parts: the comments the rules were written against, then those held out from them.</summary>
    public static IReadOnlyList<Comment> Load() => [.. Load(Development), .. Load(HeldOut)];

    public static IReadOnlyList<Comment> Load(string file)
    {
        using var stream = typeof(RedactionTestSet).Assembly.GetManifestResourceStream("Heard.Analysis.Tests.Text." + file)
            ?? throw new InvalidOperationException(file + " is not embedded");
        using var reader = new StreamReader(stream);
        var comments = new List<Comment>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            comments.Add(Parse(lineNumber, line));
        }
        return comments;
    }

    public static Comment Parse(int lineNumber, string line)
    {
        var text = new StringBuilder();
        var marked = new List<PersonalDataSpan>();
        var at = 0;
        foreach (Match m in Mark().Matches(line))
        {
            text.Append(line, at, m.Index - at);
            var label = m.Groups["kind"].Value;
            var kind = Array.Find(Labels, l => l.Label == label);
            if (kind.Label is null) throw new FormatException($"line {lineNumber}: unknown kind '{label}'");
            marked.Add(new(text.Length, m.Groups["text"].Length, kind.Kind));
            text.Append(m.Groups["text"].Value);
            at = m.Index + m.Length;
        }
        text.Append(line, at, line.Length - at);
        return new Comment(lineNumber, text.ToString(), marked);
    }

    public static Score Evaluate(IReadOnlyList<Comment> comments)
    {
        var marked = new Dictionary<PersonalDataKind, int>();
        var recalled = new Dictionary<PersonalDataKind, int>();
        var found = new Dictionary<PersonalDataKind, int>();
        var foundRight = new Dictionary<PersonalDataKind, int>();
        int rightKind = 0, nothing = 0, falseAlarmComments = 0;
        var misses = new List<string>();
        var falseAlarms = new List<string>();
        foreach (var comment in comments)
        {
            var spans = Redactor.Find(comment.Text);
            if (comment.Marked.Count == 0)
            {
                nothing++;
                if (spans.Count > 0) falseAlarmComments++;
            }
            foreach (var gold in comment.Marked)
            {
                marked[gold.Kind] = marked.GetValueOrDefault(gold.Kind) + 1;
                var covered = true;
                for (var i = gold.Start; i < gold.End; i++)
                    if (char.IsLetterOrDigit(comment.Text[i]) && !spans.Any(s => s.Start <= i && i < s.End)) covered = false;
                if (covered)
                {
                    recalled[gold.Kind] = recalled.GetValueOrDefault(gold.Kind) + 1;
                    if (spans.Any(s => s.Start < gold.End && gold.Start < s.End && s.Kind == gold.Kind)) rightKind++;
                }
                else misses.Add($"line {comment.Line} {Label(gold.Kind)} '{comment.Text.Substring(gold.Start, gold.Length)}': {Redactor.Redact(comment.Text)}");
            }
            foreach (var span in spans)
            {
                found[span.Kind] = found.GetValueOrDefault(span.Kind) + 1;
                if (comment.Marked.Any(g => g.Start < span.End && span.Start < g.End))
                    foundRight[span.Kind] = foundRight.GetValueOrDefault(span.Kind) + 1;
                else falseAlarms.Add($"line {comment.Line} {Label(span.Kind)} '{comment.Text.Substring(span.Start, span.Length)}': {comment.Text}");
            }
        }
        var kinds = Labels.Select(l => new KindScore(l.Label, marked.GetValueOrDefault(l.Kind), recalled.GetValueOrDefault(l.Kind),
            found.GetValueOrDefault(l.Kind), foundRight.GetValueOrDefault(l.Kind))).ToList();
        var overall = new KindScore("all", kinds.Sum(k => k.Marked), kinds.Sum(k => k.Recalled), kinds.Sum(k => k.Found), kinds.Sum(k => k.FoundRight));
        return new Score(kinds, overall, comments.Count, nothing, falseAlarmComments, rightKind, misses, falseAlarms);
    }

    public static string Label(PersonalDataKind kind) => Array.Find(Labels, l => l.Kind == kind).Label;

    public static string Report(Score score)
    {
        var report = new StringBuilder();
        report.AppendLine($"{score.Comments} comments, {score.Overall.Marked} marked spans, {score.CommentsWithNothing} comments with nothing to remove");
        report.AppendLine("| Kind | Marked | Recalled | Recall | Found | Right | Precision |");
        report.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var k in score.Kinds.Append(score.Overall))
            report.AppendLine($"| {k.Kind} | {k.Marked} | {k.Recalled} | {k.Recall:0.000} | {k.Found} | {k.FoundRight} | {k.Precision:0.000} |");
        report.AppendLine($"Recalled spans removed as the kind marked: {score.RightKind} of {score.Overall.Recalled}");
        report.AppendLine($"Comments with nothing to remove that lost something: {score.FalseAlarmComments} of {score.CommentsWithNothing}");
        report.AppendLine("Misses:");
        foreach (var miss in score.Misses) report.AppendLine("  " + miss);
        report.AppendLine("Found but not marked:");
        foreach (var alarm in score.FalseAlarms) report.AppendLine("  " + alarm);
        return report.ToString();
    }
}
