using Heard.Analysis.Fft;

namespace Heard.Web.Features.Collection;

/// <summary>
/// A problem with one answer. <see cref="Code"/> lets a translated page say it in the patient's language;
/// <see cref="Message"/> is the English wording.
/// </summary>
public sealed record ResponseProblem(string Field, string Code, string Message);

public static class ProblemCodes
{
    public const string Required = "required";
    public const string NotAnOption = "not-an-option";
    public const string TooLong = "too-long";
    public const string ContactMissing = "contact-missing";
    public const string Email = "email";
    public const string Phone = "phone";
}

/// <summary>The answers of one response, checked against the survey version that asked them.</summary>
public sealed record CheckedAnswers(
    FftAnswer? Answer,
    IReadOnlyList<(string Question, string Text)> Comments,
    IReadOnlyList<(string Question, int Rating)> Ratings,
    IReadOnlyDictionary<string, string>? Demographics,
    bool? ConsentToPublish,
    bool? ConsentToContact,
    (string? Name, string? Email, string? Phone)? Contact);

/// <summary>
/// Checks a response against its survey definition, the same way for every channel: web page, kiosk queue, paper
/// entry and the provider API. Every input is length- and type-checked, and each problem names its field.
/// </summary>
public static class ResponseValidation
{
    public const int ContactMaxLength = 200;

    /// <param name="answers">Question key to the value given: option values for closed questions, text for free text.</param>
    public static CheckedAnswers? Check(SurveyDefinition survey, IReadOnlyDictionary<string, string?> answers,
        string? contactName, string? contactEmail, string? contactPhone, out IReadOnlyList<ResponseProblem> problems)
    {
        var found = new List<ResponseProblem>();
        FftAnswer? fft = null;
        var comments = new List<(string, string)>();
        var ratings = new List<(string, int)>();
        var demographics = new Dictionary<string, string>(StringComparer.Ordinal);
        bool? publish = null, contact = null;

        foreach (var q in survey.Questions)
        {
            var value = answers.TryGetValue(q.Key, out var v) ? v?.Trim() : null;
            if (string.IsNullOrEmpty(value))
            {
                if (q.Required)
                    found.Add(new(q.Key, ProblemCodes.Required, q.Kind == QuestionKinds.Fft
                        ? "Choose an answer to tell us how your experience was"
                        : $"Answer the question \"{q.Text}\""));
                continue;
            }
            if (q.Kind == QuestionKinds.Text)
            {
                var max = q.MaxLength > 0 ? q.MaxLength : QuestionLibrary.TextMaxLength;
                if (value.Length > max)
                    found.Add(new(q.Key, ProblemCodes.TooLong, $"Your answer must be {max:N0} characters or fewer. It is {value.Length:N0} characters."));
                else
                    comments.Add((q.Key, value));
                continue;
            }
            var index = IndexOfOption(q, value);
            if (index < 0)
            {
                found.Add(new(q.Key, ProblemCodes.NotAnOption, $"Choose one of the answers to \"{q.Text}\""));
                continue;
            }
            var option = q.Options[index].Value;
            switch (q.Kind)
            {
                case QuestionKinds.Fft:
                    fft = (FftAnswer)int.Parse(option, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case QuestionKinds.Choice:
                    ratings.Add((q.Key, index + 1));
                    break;
                case QuestionKinds.Demographic:
                    demographics[q.Key] = option;
                    break;
                case QuestionKinds.Consent when q.Key == "consent_to_publish":
                    publish = option == "yes";
                    break;
                case QuestionKinds.Consent:
                    contact = option == "yes";
                    break;
            }
        }

        (string?, string?, string?)? details = null;
        if (contact == true)
        {
            var name = Clean(contactName);
            var email = Clean(contactEmail);
            var phone = Clean(contactPhone);
            foreach (var (field, text) in new[] { ("contact_name", name), ("contact_email", email), ("contact_phone", phone) })
                if (text is { Length: > ContactMaxLength })
                    found.Add(new(field, ProblemCodes.TooLong, $"This must be {ContactMaxLength} characters or fewer"));
            if (email is null && phone is null)
                found.Add(new("contact_email", ProblemCodes.ContactMissing, "Give an email address or a phone number so we can contact you, or answer No"));
            if (email is not null && !LooksLikeEmail(email))
                found.Add(new("contact_email", ProblemCodes.Email, "Enter an email address in the right format, like name@example.com"));
            if (phone is not null && !LooksLikePhone(phone))
                found.Add(new("contact_phone", ProblemCodes.Phone, "Enter a phone number, like 01632 960 001 or 07700 900 982"));
            details = (name, email, phone);
        }

        problems = found;
        return found.Count > 0
            ? null
            : new CheckedAnswers(fft, comments, ratings, demographics.Count == 0 ? null : demographics, publish, contact, details);
    }

    /// <summary>Option values match exactly; the English wording and FFT codes or wordings (e.g. "very good") are accepted too.</summary>
    private static int IndexOfOption(SurveyQuestion q, string value)
    {
        for (var i = 0; i < q.Options.Count; i++)
            if (string.Equals(q.Options[i].Value, value, StringComparison.OrdinalIgnoreCase)
                || string.Equals(q.Options[i].Text, value, StringComparison.OrdinalIgnoreCase))
                return i;
        if (q.Kind == QuestionKinds.Fft && FftAnswers.TryParse(value, out var parsed) && parsed is { } a)
            return (int)a - 1;
        return -1;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool LooksLikeEmail(string s)
    {
        var at = s.IndexOf('@');
        return at > 0 && at == s.LastIndexOf('@') && s.IndexOf('.', at) > at + 1 && !s.EndsWith('.') && !s.Any(char.IsWhiteSpace);
    }

    private static bool LooksLikePhone(string s)
    {
        var digits = s.Count(char.IsDigit);
        return digits is >= 10 and <= 15 && s.All(c => char.IsDigit(c) || c is ' ' or '+' or '-' or '(' or ')');
    }
}
