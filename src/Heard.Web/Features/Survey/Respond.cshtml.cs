using Heard.Data;
using Heard.Web.Features.Collection;
using Heard.Web.Features.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>
/// The survey a patient reaches from a link or QR code. No account and no cookies: there is nothing to forge a request
/// against, so no antiforgery token either; a second post of the same form is caught by its submission id instead.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting("public")]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(256 * 1024)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class RespondModel(HeardDbContext db, ResponseWriter writer, SurveyText text, ILogger<RespondModel> log)
    : SurveyPageModel(text)
{
    public SurveyDefinition Definition => Point!.Definition;
    public Guid Submission { get; private set; }
    public IReadOnlyDictionary<string, string?> Answers { get; private set; } = new Dictionary<string, string?>();
    public IReadOnlyDictionary<string, string?> Contact { get; private set; } = new Dictionary<string, string?>();
    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    public string? ProblemFor(string field) => Problems.FirstOrDefault(p => p.Field == field).Message;
    public string? Answer(string key) => Answers.TryGetValue(key, out var v) ? v : null;
    public string? ContactValue(string field) => Contact.TryGetValue(field, out var v) ? v : null;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Code = code;
        Point = await SurveyPoints.FindAsync(db, code, Today, ct);
        if (Point is null) return NotWorking();
        Submission = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        Code = code;
        Point = await SurveyPoints.FindAsync(db, code, Today, ct);
        if (Point is null) return NotWorking();
        var form = await Request.ReadFormAsync(ct);
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.FirstOrDefault() : null;

        if (!string.IsNullOrEmpty(Field(SurveySubmission.HoneypotField)))
        {
            // Only software fills a field no person can see; it gets the same thank-you page and nothing is kept.
            log.LogWarning("Survey {Code}: a submission filled the hidden honeypot field and was not stored", Point.Code);
            return Redirect(ThanksLink());
        }

        Submission = Guid.TryParse(Field(SurveySubmission.SubmissionField), out var id) && id != Guid.Empty ? id : Guid.NewGuid();
        Answers = Definition.Questions.ToDictionary(q => q.Key, q => Field(q.Key));
        Contact = SurveySubmission.ContactFields.ToDictionary(f => f, Field);
        var checkedAnswers = ResponseValidation.Check(Definition, Answers, Contact[SurveySubmission.ContactName],
            Contact[SurveySubmission.ContactEmail], Contact[SurveySubmission.ContactPhone], out var problems);
        if (checkedAnswers is null)
        {
            Problems = SurveySubmission.Translate(problems, Words, Definition, Answers, Contact);
            return Page();
        }

        // Only the survey's own fields are kept as the original: anything else posted is not the patient's.
        var known = new HashSet<string>(Definition.Questions.Select(q => q.Key).Concat(SurveySubmission.ContactFields)) { SurveySubmission.SubmissionField };
        var raw = SurveySubmission.RawText(form.Where(f => known.Contains(f.Key)).Select(f => KeyValuePair.Create(f.Key, (string?)f.Value.ToString())));
        var response = SurveySubmission.Build(Point, Point.VersionId, checkedAnswers, Options.Kiosk, Submission, raw, Options);
        var outcome = await writer.SubmitAsync(response, ct);
        if (outcome == StoreWriter.Outcome.Duplicate)
            log.LogInformation("Survey {Code}: response {ResponseId} was already held; not stored again", Point.Code, response.ResponseId);
        return Redirect(ThanksLink());
    }

    private string ThanksLink() => Options.Link($"/s/{Point!.Code}/thanks");
}
