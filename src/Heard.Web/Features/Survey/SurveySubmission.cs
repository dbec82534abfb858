using System.Text.Json;
using Heard.Analysis.Fft;
using Heard.Web.Features.Collection;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>
/// Turning one patient's answers, from the survey page or a kiosk's queue, into a checked <see cref="CollectedResponse"/>.
/// Both routes check the same way and store under an id the patient's device chose, so a repeat stores nothing.
/// </summary>
public static class SurveySubmission
{
    /// <summary>The id the page gives each form it shows; it becomes the response id.</summary>
    public const string SubmissionField = "submission";
    /// <summary>Hidden from people and assistive technology; only a robot fills it in.</summary>
    public const string HoneypotField = "website";
    public const string ContactName = "contact_name";
    public const string ContactEmail = "contact_email";
    public const string ContactPhone = "contact_phone";
    public static readonly string[] ContactFields = [ContactName, ContactEmail, ContactPhone];

    /// <summary>
    /// Stands in for contact details in the original row: they are held only in contact_detail, so deleting them on
    /// request deletes them everywhere, and people who may read original rows never see them.
    /// </summary>
    public const string HeldApart = "[held apart with the contact details]";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static string ResponseId(bool kiosk, Guid id) =>
        (kiosk ? CollectionChannels.Kiosk : CollectionChannels.Web) + ":" + id.ToString("D");

    /// <summary>The submission as it arrived, as one JSON object of field to value, with contact details held apart.</summary>
    public static string RawText(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        var kept = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (name == HoneypotField) continue;
            kept[name] = ContactFields.Contains(name) && !string.IsNullOrWhiteSpace(value) ? HeldApart : value;
        }
        return JsonSerializer.Serialize(kept, Json);
    }

    public static CollectedResponse Build(SurveyPoint point, int versionId, CheckedAnswers answers, bool kiosk, Guid id,
        string rawText, SurveyOptions options) => new()
    {
        UnitId = point.UnitId,
        Setting = point.Setting,
        Date = SurveyPageModel.Today,
        Mode = kiosk ? FftMode.ElectronicDischarge : FftMode.Online,
        Channel = kiosk ? CollectionChannels.Kiosk : CollectionChannels.Web,
        ResponseId = ResponseId(kiosk, id),
        RawText = rawText,
        SurveyVersionId = versionId,
        Answer = answers.Answer,
        Comments = answers.Comments,
        Ratings = answers.Ratings,
        Demographics = answers.Demographics,
        ConsentToPublish = answers.ConsentToPublish,
        ConsentToContact = answers.ConsentToContact,
        Contact = answers.ConsentToContact == true ? answers.Contact : null,
        // The language and version a patient answered in, so staff can see who the translations reach.
        Extra = [("language", options.Language), ("format", options.Format)],
    };

    /// <summary>Each problem in the patient's language, by field, in the order of the questions.</summary>
    public static List<(string Field, string Message)> Translate(IEnumerable<ResponseProblem> problems, SurveyWording words,
        SurveyDefinition survey, IReadOnlyDictionary<string, string?> answers, IReadOnlyDictionary<string, string?> contact)
    {
        var order = survey.Questions.Select(q => q.Key).Concat(ContactFields).ToList();
        return [.. problems
            .Select(p => (p.Field, Message: words.Problem(p, survey,
                answers.TryGetValue(p.Field, out var a) ? a : contact.TryGetValue(p.Field, out var c) ? c : null)))
            .OrderBy(p => order.IndexOf(p.Field) is var i && i >= 0 ? i : order.Count)];
    }
}
