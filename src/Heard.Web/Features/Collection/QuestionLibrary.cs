using System.Text.Json;
using System.Text.Json.Serialization;

namespace Heard.Web.Features.Collection;

public static class QuestionKinds
{
    /// <summary>The FFT question with its six answers; every survey has exactly one, first.</summary>
    public const string Fft = "fft";
    /// <summary>Free text; stored as a comment keyed by the question and coded like every other comment.</summary>
    public const string Text = "text";
    /// <summary>One answer from a short list; stored as a rating (the option's position, from 1).</summary>
    public const string Choice = "choice";
    /// <summary>An optional "about you" question; stored with the response's demographics, never as a rating.</summary>
    public const string Demographic = "demographic";
    /// <summary>Yes or no: may we publish your comment, may we contact you.</summary>
    public const string Consent = "consent";
}

public sealed record QuestionOption(string Value, string Text);

/// <summary>
/// One question as a survey version holds it. Versions keep a full copy, so changing the library later never changes
/// what an earlier patient was asked.
/// </summary>
public sealed record SurveyQuestion
{
    public required string Key { get; init; }
    public required string Kind { get; init; }
    public required string Text { get; init; }
    public string? Hint { get; init; }
    public bool Required { get; init; }
    public IReadOnlyList<QuestionOption> Options { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int MaxLength { get; init; }
}

/// <summary>The questions a survey version asks, in order.</summary>
public sealed record SurveyDefinition(IReadOnlyList<SurveyQuestion> Questions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SurveyDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<SurveyDefinition>(json, Json) ?? throw new InvalidDataException("empty survey definition");

    public SurveyQuestion? Find(string key) => Questions.FirstOrDefault(q => q.Key == key);
}

/// <summary>
/// The questions staff choose from. English wording here; translations and the easy-read and young people's
/// versions give the same questions in other words, keyed by question key and option value.
/// </summary>
public static class QuestionLibrary
{
    public const string PreferNotToSay = "prefer-not-to-say";
    public const int TextMaxLength = 2000;

    private static readonly QuestionOption[] ExperienceOptions =
    [
        new("yes-definitely", "Yes, definitely"),
        new("yes-to-some-extent", "Yes, to some extent"),
        new("no", "No"),
        new("dont-know", "I do not know"),
    ];

    public static readonly SurveyQuestion Fft = new()
    {
        Key = "fft", Kind = QuestionKinds.Fft, Required = true,
        Text = "Overall, how was your experience of our service?",
        Options =
        [
            new("1", "Very good"), new("2", "Good"), new("3", "Neither good nor poor"),
            new("4", "Poor"), new("5", "Very poor"), new("6", "Don't know"),
        ],
    };

    public static readonly IReadOnlyList<SurveyQuestion> All =
    [
        Fft,
        new() { Key = "why", Kind = QuestionKinds.Text, Text = "Please tell us why you gave your answer", MaxLength = TextMaxLength },
        new() { Key = "better", Kind = QuestionKinds.Text, Text = "Is there anything we could have done better?", MaxLength = TextMaxLength },
        new() { Key = "well", Kind = QuestionKinds.Text, Text = "What did we do well?", MaxLength = TextMaxLength },
        new() { Key = "respect", Kind = QuestionKinds.Choice, Text = "Were you treated with respect and dignity?", Options = ExperienceOptions },
        new() { Key = "involved", Kind = QuestionKinds.Choice, Text = "Were you involved as much as you wanted to be in decisions about your care?", Options = ExperienceOptions },
        new() { Key = "information", Kind = QuestionKinds.Choice, Text = "Were you given enough information?", Options = ExperienceOptions },
        new() { Key = "welcome", Kind = QuestionKinds.Choice, Text = "Were you made to feel welcome?", Options = ExperienceOptions },
        Demographic("age_band", "What is your age?",
            ["under-16", "16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85-plus"],
            ["Under 16", "16 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 to 74", "75 to 84", "85 or over"]),
        Demographic("sex", "What is your sex?", ["female", "male", "other"], ["Female", "Male", "I describe myself another way"]),
        Demographic("ethnicity", "What is your ethnic group?",
            ["asian", "black", "mixed", "white", "other"],
            ["Asian or Asian British", "Black, Black British, Caribbean or African", "Mixed or multiple ethnic groups", "White", "Another ethnic group"]),
        Demographic("disability", "Do you have a disability or long-term health condition?", ["yes", "no"], ["Yes", "No"]),
        Demographic("first_language", "Is English your first language?", ["yes", "no"], ["Yes", "No"]),
        new()
        {
            Key = "consent_to_publish", Kind = QuestionKinds.Consent, Text = "May we publish your comment?",
            Hint = "We remove names and anything else that could identify you before we publish.",
            Options = [new("yes", "Yes"), new("no", "No")],
        },
        new()
        {
            Key = "consent_to_contact", Kind = QuestionKinds.Consent, Text = "May we contact you about your feedback?",
            Hint = "Only if you would like us to. We keep your details apart from your answers and delete them when you ask.",
            Options = [new("yes", "Yes"), new("no", "No")],
        },
    ];

    private static SurveyQuestion Demographic(string key, string text, string[] values, string[] labels) => new()
    {
        Key = key, Kind = QuestionKinds.Demographic, Text = text,
        Options = [.. values.Zip(labels, (v, l) => new QuestionOption(v, l)), new(PreferNotToSay, "Prefer not to say")],
    };

    public static SurveyQuestion? Find(string key) => All.FirstOrDefault(q => q.Key == key);

    /// <summary>What a new survey starts with: the FFT, why, what could be better, and the two consent questions.</summary>
    public static SurveyDefinition Starter() =>
        new([.. new[] { "fft", "why", "better", "consent_to_publish", "consent_to_contact" }.Select(k => Find(k)!)]);

    /// <summary>Every library question: the FFT, follow-ups, experience, demographics and consent.</summary>
    public static SurveyDefinition Full() => new(All);
}
