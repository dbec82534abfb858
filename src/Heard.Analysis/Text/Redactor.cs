using System.Text;
using System.Text.RegularExpressions;

namespace Heard.Analysis.Text;

/// <summary>What kind of personal data a span of free text holds.</summary>
public enum PersonalDataKind
{
    Name,
    Phone,
    Email,
    Postcode,
    /// <summary>Ten digits whose last is the right modulus-11 check digit.</summary>
    NhsNumber,
    /// <summary>A long number that is not a valid NHS number nor a phone number: a mistyped NHS number, a hospital number, a reference.</summary>
    Number,
    DateOfBirth,
}

/// <summary>Where personal data was found: <see cref="Start"/> and <see cref="Length"/> are in UTF-16 code units of the text searched.</summary>
public readonly record struct PersonalDataSpan(int Start, int Length, PersonalDataKind Kind)
{
    public int End => Start + Length;
}

/// <summary>
/// Removes what identifies a person from free text before it is shown outside the patient experience team or
/// published: names, phone numbers, NHS numbers, email addresses, postcodes and dates of birth.
/// It errs towards removing too much (recall matters more than precision); the original is always kept for the roles
/// allowed to read it. docs/redaction.md gives its precision and recall on a labelled test set and its known misses.
/// </summary>
public static partial class Redactor
{
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var spans = Find(text);
        if (spans.Count == 0) return text;
        var redacted = new StringBuilder(text.Length);
        var at = 0;
        foreach (var span in spans)
        {
            redacted.Append(text, at, span.Start - at).Append(Replacement(span.Kind));
            at = span.End;
        }
        return redacted.Append(text, at, text.Length - at).ToString();
    }

    public static string Replacement(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.Name => "[name removed]",
        PersonalDataKind.Phone => "[phone removed]",
        PersonalDataKind.Email => "[email removed]",
        PersonalDataKind.Postcode => "[postcode removed]",
        PersonalDataKind.NhsNumber => "[NHS number removed]",
        PersonalDataKind.Number => "[number removed]",
        PersonalDataKind.DateOfBirth => "[date of birth removed]",
        _ => "[removed]",
    };

    /// <summary>The personal data in <paramref name="text"/>, in order, never overlapping.</summary>
    public static IReadOnlyList<PersonalDataSpan> Find(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        // Rank settles overlaps: an email address holds what looks like a name, a date of birth can look like a
        // number, and a phone number starting 0 can have ten digits like an NHS number.
        var found = new List<(PersonalDataSpan Span, int Rank)>();
        void Add(int start, int length, PersonalDataKind kind, int rank) => found.Add((new(start, length, kind), rank));

        var hasDigit = text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        if (text.Contains('@'))
            foreach (Match m in Email().Matches(text)) Add(m.Index, m.Length, PersonalDataKind.Email, 0);
        if (hasDigit)
        {
            foreach (Match m in DateOfBirthAfterCue().Matches(text))
                Add(m.Groups["date"].Index, m.Groups["date"].Length, PersonalDataKind.DateOfBirth, 1);
            // The cheap checks first spare the slower patterns on most comments.
            if (text.Contains("age", StringComparison.OrdinalIgnoreCase))
                foreach (Match m in DateOfBirthBeforeAge().Matches(text))
                    Add(m.Groups["date"].Index, m.Groups["date"].Length, PersonalDataKind.DateOfBirth, 1);
            if (HasYearLongAgo(text))
                foreach (Match m in FullDateAnywhere().Matches(text))
                    if (IsLongAgo(m.ValueSpan)) Add(m.Index, m.Length, PersonalDataKind.DateOfBirth, 1);
            FindPhones(text, Add);
            FindNumbers(text, Add);
            if (InwardCode().IsMatch(text))
                foreach (Match m in Postcode().Matches(text))
                    if (!IsOrdinal(m.ValueSpan)) Add(m.Index, m.Length, PersonalDataKind.Postcode, 5);
        }
        else
        {
            foreach (Match m in GirPostcode().Matches(text)) Add(m.Index, m.Length, PersonalDataKind.Postcode, 5);
        }
        FindNames(text, (start, length) => Add(start, length, PersonalDataKind.Name, 6));

        if (found.Count == 0) return [];
        found.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank)
            : a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : b.Span.Length.CompareTo(a.Span.Length));
        var kept = new List<PersonalDataSpan>(found.Count);
        foreach (var (span, _) in found)
            if (!kept.Exists(k => k.Start < span.End && span.Start < k.End)) kept.Add(span);
        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    /// <summary>
    /// The NHS number check: weights 10 down to 2 on the first nine digits, check digit 11 - (sum mod 11), where 11
    /// means 0 and 10 means the number cannot be an NHS number. Separators (spaces, hyphens, dots) are ignored.
    /// </summary>
    public static bool IsValidNhsNumber(ReadOnlySpan<char> number)
    {
        Span<int> digits = stackalloc int[10];
        var count = 0;
        foreach (var c in number)
        {
            if (c is >= '0' and <= '9')
            {
                if (count == 10) return false;
                digits[count++] = c - '0';
            }
            else if (c is not (' ' or '-' or '.')) return false;
        }
        if (count != 10) return false;
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += digits[i] * (10 - i);
        var check = 11 - sum % 11;
        if (check == 11) check = 0;
        return check != 10 && check == digits[9];
    }

    // ---- email, postcode ----

    [GeneratedRegex(@"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex Email();

    // The full UK pattern: outward code A9, A99, AA9, AA99, A9A or AA9A with the letters each position allows, then
    // the inward code 9AA; GIR 0AA is the one exception.
    [GeneratedRegex(@"(?<![\w])(?:GIR ?0AA|(?:[A-PR-UWYZ](?:\d\d?|[A-HK-Y]\d\d?|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY]))\s{0,2}\d[ABD-HJLNP-UW-Z]{2})(?![\w])", RegexOptions.IgnoreCase)]
    private static partial Regex Postcode();

    [GeneratedRegex(@"(?<![\w])GIR ?0AA(?![\w])", RegexOptions.IgnoreCase)]
    private static partial Regex GirPostcode();

    [GeneratedRegex(@"\d[A-Za-z]{2}(?![\w])")]
    private static partial Regex InwardCode();

    /// <summary>"b4 2nd": a lower-case ordinal after a ward or bay is more likely than a postcode typed in lower case.</summary>
    private static bool IsOrdinal(ReadOnlySpan<char> postcode)
    {
        var tail = postcode[^2..];
        return tail is "st" or "nd" or "rd" or "th";
    }

    // ---- dates of birth ----

    private const string Month = @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
    private const string Day = @"(?:[0-3]?\d)(?:st|nd|rd|th)?";
    private const string FullDate =
        @"(?:[0-3]?\d\s?[/.\-]\s?[01]?\d\s?[/.\-]\s?(?:(?:19|20)\d\d|\d\d)(?!\d)" +
        @"|(?:19|20)\d\d[/.\-][01]?\d[/.\-][0-3]?\d(?!\d)" +
        @"|(?:the\s+)?" + Day + @"\s+(?:of\s+)?" + Month + @",?\s+(?:(?:19|20)\d\d|'?\d\d)(?!\d)" +
        @"|" + Month + @"\s+(?:the\s+)?" + Day + @",?\s+(?:19|20)\d\d(?!\d))";
    // Only after a birth cue: a day and month without the year, a month and year, or a year alone ("born in 1956").
    private const string PartialDate =
        @"(?:(?:the\s+)?" + Day + @"\s+(?:of\s+)?" + Month + @"(?![a-z])" +
        @"|" + Month + @"\s+(?:the\s+)?" + Day + @"(?![\d])" +
        @"|" + Month + @",?\s+(?:19|20)\d\d(?!\d)" +
        @"|(?:19|20)\d\d(?!\d))";
    private const string BirthCue = @"(?<![\w])(?:d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s*date|born|birthday)";

    [GeneratedRegex(BirthCue + @"[\s:\-–=,(]*(?:(?:is|was|on|the|in|of|being|=)[\s:,\-–]+){0,3}(?<date>" + FullDate + "|" + PartialDate + ")", RegexOptions.IgnoreCase)]
    private static partial Regex DateOfBirthAfterCue();

    [GeneratedRegex(@"(?<![\w/.\-])(?<date>" + FullDate + @")\s*[,(\-–]?\s*(?:aged?|age:)\s*\d", RegexOptions.IgnoreCase)]
    private static partial Regex DateOfBirthBeforeAge();

    [GeneratedRegex(@"(?<![\w/.\-])" + FullDate, RegexOptions.IgnoreCase)]
    private static partial Regex FullDateAnywhere();

    [GeneratedRegex(@"(?:19|20)\d\d")]
    private static partial Regex FourDigitYear();

    /// <summary>
    /// Feedback is about care in the last year or two, so a full date more than 15 years back is far more often a
    /// date of birth than a visit ("I'm Doreen, 03/04/1939, ..."), even with no cue; removing it costs little.
    /// </summary>
    private static bool IsLongAgo(ReadOnlySpan<char> date)
    {
        foreach (var year in FourDigitYear().EnumerateMatches(date))
            return int.Parse(date.Slice(year.Index, year.Length)) <= LongAgo;
        return false;
    }

    private static bool HasYearLongAgo(string text)
    {
        foreach (var year in FourDigitYear().EnumerateMatches(text))
            if (int.Parse(text.AsSpan(year.Index, year.Length)) <= LongAgo) return true;
        return false;
    }

    private static readonly int LongAgo = DateTime.UtcNow.Year - 15;

    // ---- phone numbers and long numbers ----

    // National form 0 plus 9 or 10 digits, or +44 / 0044 with an optional (0), with spaces, dots, hyphens and
    // brackets between digits; an extension may follow. Other countries' numbers after a + as well.
    [GeneratedRegex(@"(?<![\w+])(?:(?:\+\s?44|0044)\s?(?:\(0\)\s?)?\(?\d(?:[\s.\-()]{0,2}\d){8,9}|\(?0\d(?:[\s.\-()]{0,2}\d){8,9}|\+\s?(?:[1-9]\d{0,2})[\s.\-]?\(?\d(?:[\s.\-()]{0,2}\d){6,11})(?![.:]?\d)(?:\s*,?\s*\(?(?:ext|extn|extension|x)\.?\s*:?\s*\d{2,6}\)?)?", RegexOptions.IgnoreCase)]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?<![\w])(?:ext|extn|extension)\.?\s*:?\s*\d{3,6}(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex Extension();

    [GeneratedRegex(@"^[0-3]?\d[/.\-][01]?\d[/.\-]")]
    private static partial Regex LooksLikeDate();

    private static void FindPhones(string text, Action<int, int, PersonalDataKind, int> add)
    {
        foreach (Match m in Phone().Matches(text))
        {
            if (LooksLikeDate().IsMatch(m.Value)) continue;
            add(m.Index, m.Length, PersonalDataKind.Phone, 2);
        }
        if (text.Contains("ext", StringComparison.OrdinalIgnoreCase))
            foreach (Match m in Extension().Matches(text)) add(m.Index, m.Length, PersonalDataKind.Phone, 2);
    }

    // Ten digits with at most one space or hyphen between any two: 943 476 5919, 9434765919, 943-476-5919.
    [GeneratedRegex(@"(?<![\d][ .\-]?)\d(?:[ \-]?\d){9}(?![ .\-]?\d)")]
    private static partial Regex TenDigits();

    [GeneratedRegex(@"(?<![\d])\d{8,}(?![\d])")]
    private static partial Regex LongNumber();

    // "hospital number RX1234567", "NHS no: 943 476 591": whatever follows a number cue is a number, even mistyped.
    [GeneratedRegex(@"(?<![\w])(?:nhs|hospital|patient|mrn|unit|case|chi|h&c)\s*(?:number|no\.?|num|#)?\s*(?:is|was)?[\s:#.\-]*(?<number>[a-z]{0,3}\d(?:[ \-]?\d){4,12})(?![\d])", RegexOptions.IgnoreCase)]
    private static partial Regex CuedNumber();

    /// <summary>
    /// A ten-digit number that passes the modulus-11 check is an NHS number; one that fails is still removed, as a
    /// number, because it may be a mistyped NHS number (recall matters more than precision here). Numbers starting 0
    /// are left to the phone pattern, which outranks this one: no NHS number in England or Wales starts with 0.
    /// </summary>
    private static void FindNumbers(string text, Action<int, int, PersonalDataKind, int> add)
    {
        foreach (Match m in TenDigits().Matches(text))
            add(m.Index, m.Length, IsValidNhsNumber(m.ValueSpan) ? PersonalDataKind.NhsNumber : PersonalDataKind.Number, 3);
        foreach (Match m in LongNumber().Matches(text)) add(m.Index, m.Length, PersonalDataKind.Number, 4);
        foreach (Match m in CuedNumber().Matches(text))
        {
            var number = m.Groups["number"];
            add(number.Index, number.Length, IsValidNhsNumber(number.ValueSpan) ? PersonalDataKind.NhsNumber : PersonalDataKind.Number, 4);
        }
    }
}
