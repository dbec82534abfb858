using System.Runtime.CompilerServices;

namespace Heard.Analysis.Text;

/// <summary>Which kind of text feature a hash stands for; each kind is weighted and normalised on its own.</summary>
public enum FeatureKind : byte
{
    Word = 0,
    CharGram = 1,
    /// <summary>The question, each word paired with it, and the length of the answer.</summary>
    Question = 2,
}

/// <summary>How a comment is turned into features. Kept with a trained model so coding repeats its training exactly.</summary>
public sealed record TextFeatureSettings
{
    public int MinCharGram { get; init; } = 2;
    public int MaxCharGram { get; init; } = 5;
    /// <summary>Adjacent word pairs ("not helpful") as well as single words.</summary>
    public bool WordPairs { get; init; } = true;
    /// <summary>The question asked, and each word paired with it: "nothing" answers "what was good?" and "how could we improve?" oppositely.</summary>
    public bool QuestionWords { get; init; } = true;
    /// <summary>Weight of each <see cref="FeatureKind"/> block after it is L2-normalised on its own.</summary>
    public float WordWeight { get; init; } = 1f;
    public float CharGramWeight { get; init; } = 1f;
    public float QuestionWeight { get; init; } = 0.7f;

    public float WeightOf(FeatureKind kind) => kind switch
    {
        FeatureKind.Word => WordWeight,
        FeatureKind.CharGram => CharGramWeight,
        _ => QuestionWeight,
    };
}

/// <summary>
/// Reusable scratch for feature extraction: the normalised text, word positions and the hashes produced.
/// One per thread; nothing is allocated per comment once the buffers have grown to the longest comment.
/// </summary>
public sealed class FeatureBuffer
{
    internal char[] Text = new char[512];
    internal int[] WordStart = new int[128];
    internal int[] WordLength = new int[128];
    internal uint[] WordHash = new uint[128];
    public uint[] Hashes = new uint[2048];
    public FeatureKind[] Kinds = new FeatureKind[2048];
    public int Count;
    /// <summary>Words in the last comment after normalising; 0 for a blank or punctuation-only answer.</summary>
    public int Words;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(uint hash, FeatureKind kind)
    {
        if (Count == Hashes.Length) Grow();
        Hashes[Count] = hash;
        Kinds[Count] = kind;
        Count++;
    }

    private void Grow()
    {
        Array.Resize(ref Hashes, Hashes.Length * 2);
        Array.Resize(ref Kinds, Kinds.Length * 2);
    }

    internal void EnsureText(int length)
    {
        if (Text.Length < length) Text = new char[Math.Max(length, Text.Length * 2)];
    }

    internal void EnsureWords(int words)
    {
        if (WordStart.Length >= words) return;
        var n = Math.Max(words, WordStart.Length * 2);
        Array.Resize(ref WordStart, n);
        Array.Resize(ref WordLength, n);
        Array.Resize(ref WordHash, n);
    }
}

/// <summary>
/// Tokenises and hashes comment text without allocating per token: lower case, apostrophes folded ("didn't" is
/// "didnt"), every run of digits one "0", anything else a word break. Features are 32-bit hashes of words, word
/// pairs, character n-grams inside word boundaries, and the question asked.
/// </summary>
public static class TextFeatures
{
    private const uint WordSeed = 0x9E3779B1u;
    private const uint PairSeed = 0x85EBCA77u;
    private const uint GramSeed = 0xC2B2AE3Du;
    private const uint QuestionSeed = 0x27D4EB2Fu;
    private const uint QuestionWordSeed = 0x165667B1u;
    private const uint ShapeSeed = 0xD3A2646Cu;

    /// <summary>The normalised text: tokens separated by single spaces.</summary>
    public static string Normalise(string text)
    {
        var buffer = new char[text.Length + 1];
        var n = Normalise(text, buffer);
        return new string(buffer, 0, n);
    }

    public static IReadOnlyList<string> Tokens(string text) =>
        Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Writes the normalised text into <paramref name="into"/> (at least as long as the text) and returns its length.</summary>
    public static int Normalise(ReadOnlySpan<char> text, Span<char> into)
    {
        var n = 0;
        var pendingSpace = false;
        var inNumber = false;
        foreach (var raw in text)
        {
            var c = raw;
            if (c is '\'' or '\u2019' or '\u2018' or '`' or '\u00B4') continue;
            bool isDigit = c is >= '0' and <= '9';
            bool keep;
            if (c < 128)
            {
                if (c is >= 'A' and <= 'Z') { c = (char)(c | 0x20); keep = true; }
                else keep = isDigit || c is >= 'a' and <= 'z';
            }
            else if (char.IsLetter(c)) { c = char.ToLowerInvariant(c); keep = true; }
            else if (char.IsDigit(c)) { isDigit = true; keep = true; }
            else keep = false;
            if (!keep)
            {
                pendingSpace = n > 0;
                inNumber = false;
                continue;
            }
            if (isDigit)
            {
                if (inNumber) continue;
                inNumber = true;
                c = '0';
            }
            else inNumber = false;
            if (pendingSpace)
            {
                into[n++] = ' ';
                pendingSpace = false;
            }
            into[n++] = c;
        }
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Step(uint h, char c) => (h ^ c) * 16777619u;

    /// <summary>Murmur3's finaliser: spreads the bits so hashes index a table well. Never returns 0 (the empty slot).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Finish(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h == 0 ? 1u : h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Combine(uint a, uint b, uint seed) => Finish(a * 0x9E3779B1u + (b ^ seed) + (a >> 7));

    /// <summary>Replaces the buffer's features with those of one comment (and the question it answered, if known).</summary>
    public static void Extract(ReadOnlySpan<char> comment, ReadOnlySpan<char> question, TextFeatureSettings settings, FeatureBuffer buffer)
    {
        buffer.Count = 0;
        buffer.EnsureText(comment.Length + question.Length + 2);
        var questionHash = 0u;
        if (settings.QuestionWords && !question.IsEmpty)
        {
            var qn = Normalise(question, buffer.Text);
            if (qn > 0)
            {
                var h = QuestionSeed;
                for (var i = 0; i < qn; i++) h = Step(h, buffer.Text[i]);
                questionHash = Finish(h);
                buffer.Add(questionHash, FeatureKind.Question);
            }
        }

        var text = buffer.Text;
        var length = Normalise(comment, text);
        var words = 0;
        var start = 0;
        for (var i = 0; i <= length; i++)
        {
            if (i < length && text[i] != ' ') continue;
            if (i > start)
            {
                buffer.EnsureWords(words + 1);
                buffer.WordStart[words] = start;
                buffer.WordLength[words] = i - start;
                var h = WordSeed;
                for (var k = start; k < i; k++) h = Step(h, text[k]);
                buffer.WordHash[words] = Finish(h);
                words++;
            }
            start = i + 1;
        }

        buffer.Words = words;
        // Shape of the answer: thin answers ("nothing", "n/a") code very differently from long ones.
        var shape = words switch { 0 => 0u, 1 => 1u, 2 => 2u, <= 4 => 3u, <= 8 => 4u, <= 16 => 5u, <= 32 => 6u, _ => 7u };
        buffer.Add(Finish(ShapeSeed + shape), FeatureKind.Question);
        if (questionHash != 0) buffer.Add(Combine(questionHash, shape, ShapeSeed), FeatureKind.Question);

        for (var w = 0; w < words; w++)
        {
            var wh = buffer.WordHash[w];
            buffer.Add(wh, FeatureKind.Word);
            if (settings.WordPairs && w + 1 < words) buffer.Add(Combine(wh, buffer.WordHash[w + 1], PairSeed), FeatureKind.Word);
            if (questionHash != 0) buffer.Add(Combine(questionHash, wh, QuestionWordSeed), FeatureKind.Question);
        }

        var min = settings.MinCharGram;
        var max = settings.MaxCharGram;
        if (max < min || max <= 0) return;
        for (var w = 0; w < words; w++)
        {
            var s = buffer.WordStart[w];
            var len = buffer.WordLength[w];
            // The word with boundary marks: '<' + word + '>'.
            var padded = len + 2;
            for (var from = 0; from < padded; from++)
            {
                var h = GramSeed;
                var top = Math.Min(max, padded - from);
                for (var n = 1; n <= top; n++)
                {
                    var p = from + n - 1;
                    var c = p == 0 ? '<' : p == padded - 1 ? '>' : text[s + p - 1];
                    h = Step(h, c);
                    if (n >= min) buffer.Add(Finish(h), FeatureKind.CharGram);
                }
            }
        }
    }
}
