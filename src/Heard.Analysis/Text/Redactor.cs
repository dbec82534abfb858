using System.Text.RegularExpressions;

namespace Heard.Analysis.Text;

/// <summary>
/// Removes what identifies a person from free text before it is shown outside the patient experience team or
/// published: NHS numbers, phone numbers, email addresses, postcodes, and names after a title or a staff role.
/// It errs towards removing too much; the original is always kept for the roles allowed to read it.
/// </summary>
public static partial class Redactor
{
    [GeneratedRegex(@"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")]
    private static partial Regex NhsNumber();

    [GeneratedRegex(@"(?<!\w)(?:\+44\s?|0)\d(?:[\s-]?\d){8,9}\b")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Postcode();

    [GeneratedRegex(@"\b(?<title>(?:Mr|Mrs|Ms|Miss|Dr|Doctor|Nurse|Sister|Matron|Midwife|Sr)\.?)\s+(?<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)")]
    private static partial Regex TitledName();

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var s = Email().Replace(text, "[email removed]");
        s = Phone().Replace(s, "[phone removed]");
        s = NhsNumber().Replace(s, "[number removed]");
        s = Postcode().Replace(s, "[postcode removed]");
        s = TitledName().Replace(s, m => m.Groups["title"].Value + " [name removed]");
        return s;
    }
}
