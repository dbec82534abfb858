using System.Text.RegularExpressions;

namespace Heard.Analysis.Text;

/// <summary>One example phrase a coding framework gives for a sub-category, with the tone its section gives it.</summary>
public sealed record FrameworkExample(string SubCategory, string Text, ExampleTone Tone);

public enum ExampleTone : byte
{
    Unstated = 0,
    Positive = 1,
    Mixed = 2,
    /// <summary>Negative, or a wish for something better ("NEGATIVE/ WISHLIST").</summary>
    Negative = 3,
}

/// <summary>
/// Reads the example phrases of a framework such as NHS England's QDC v7, whose example cells look like
/// <c>POSITIVE: 'Well organised.', 'well run facility'</c> then <c>NEGATIVE/ WISHLIST: 'Be more efficient'</c>.
/// The phrases are extra training text: short, clean, and often the only examples of a rare sub-category.
/// </summary>
public static partial class FrameworkExamples
{
    [GeneratedRegex(@"(?m)^\s*(?<tone>[A-Za-z][A-Za-z /&-]{2,40}):")]
    private static partial Regex SectionHeading();

    // Phrases are quoted with single quotes and separated by commas; apostrophes inside words do not end a phrase.
    [GeneratedRegex(@"'\s*,\s*'")]
    private static partial Regex Between();

    public static IEnumerable<FrameworkExample> Parse(string subCategory, string cell)
    {
        if (string.IsNullOrWhiteSpace(cell)) yield break;
        var headings = SectionHeading().Matches(cell);
        var sections = new List<(ExampleTone Tone, string Body)>();
        if (headings.Count == 0) sections.Add((ExampleTone.Unstated, cell));
        for (var i = 0; i < headings.Count; i++)
        {
            var from = headings[i].Index + headings[i].Length;
            var to = i + 1 < headings.Count ? headings[i + 1].Index : cell.Length;
            sections.Add((ToneOf(headings[i].Groups["tone"].Value), cell[from..to]));
        }
        foreach (var (tone, body) in sections)
        {
            var text = body.Trim();
            if (text.Length == 0) continue;
            foreach (var piece in Between().Split(text))
            {
                var phrase = piece.Trim().Trim('\'').Trim();
                var note = phrase.IndexOf("' (", StringComparison.Ordinal);
                if (note >= 0) phrase = phrase[..note].Trim();
                if (phrase.Length >= 2) yield return new FrameworkExample(subCategory, phrase, tone);
            }
        }
    }

    /// <summary>
    /// The examples as extra training text, learnt from but never scored: each once per sub-category, with
    /// sentiment 2 when shown as positive, 3 mixed, 4 negative or a wish. Any example that is also one of the
    /// coded comments is left out, so it cannot carry a test comment into training.
    /// </summary>
    public static IReadOnlyList<CodedComment> AsTrainingComments(IEnumerable<FrameworkExample> examples, IEnumerable<CodedComment> comments)
    {
        var known = new HashSet<string>(comments.Select(c => TextFeatures.Normalise(c.Text)), StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        var result = new List<CodedComment>();
        foreach (var e in examples)
        {
            var normalised = TextFeatures.Normalise(e.Text);
            if (normalised.Length == 0 || known.Contains(normalised) || !seen.Add((e.SubCategory, normalised))) continue;
            int? sentiment = e.Tone switch { ExampleTone.Positive => 2, ExampleTone.Mixed => 3, ExampleTone.Negative => 4, _ => null };
            result.Add(new CodedComment(e.Text, null, [e.SubCategory], sentiment, "framework examples") { TrainingOnly = true });
        }
        return result;
    }

    private static ExampleTone ToneOf(string heading)
    {
        var h = heading.ToLowerInvariant();
        if (h.StartsWith("pos", StringComparison.Ordinal)) return ExampleTone.Positive;
        if (h.StartsWith("neg", StringComparison.Ordinal)) return ExampleTone.Negative;
        if (h.StartsWith("mix", StringComparison.Ordinal) || h.StartsWith("neu", StringComparison.Ordinal)) return ExampleTone.Mixed;
        return ExampleTone.Unstated;
    }
}
