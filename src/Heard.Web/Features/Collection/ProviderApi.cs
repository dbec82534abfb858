using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Collection;

/// <summary>One response as a provider sends it. Described here for the OpenAPI document; the body is read field by field.</summary>
public sealed record ProviderResponseRequest
{
    /// <summary>The provider's own id for the response. Sending the same reference again stores nothing new.</summary>
    [JsonPropertyName("provider_reference")] public required string ProviderReference { get; init; }
    /// <summary>Optional: the survey's 6-character code (under its QR code). Ties the response to the survey's live version; unit and setting then come from it.</summary>
    [JsonPropertyName("survey_code")] public string? SurveyCode { get; init; }
    /// <summary>The unit's code in Heard, as printed on its posters and cards. May be left out when survey_code is given.</summary>
    [JsonPropertyName("unit_code")] public string? UnitCode { get; init; }
    /// <summary>FFT setting code, e.g. inpatient, ae, outpatient. May be left out when the unit collects for one setting only.</summary>
    [JsonPropertyName("setting")] public string? Setting { get; init; }
    /// <summary>The day the person answered, yyyy-mm-dd: not in the future and not more than two years ago.</summary>
    [JsonPropertyName("date")] public required string Date { get; init; }
    /// <summary>sms, electronic-discharge, electronic-home, paper-discharge, paper-home, telephone, online or other (the default).</summary>
    [JsonPropertyName("mode")] public string? Mode { get; init; }
    /// <summary>FFT answer: 1 to 6 or the wording ("Very good" ... "Don't know"); blank or left out when no rating was given.</summary>
    [JsonPropertyName("answer")] public string? Answer { get; init; }
    /// <summary>Free-text answers by question key, e.g. { "why": "..." }; each up to 2,000 characters.</summary>
    [JsonPropertyName("comments")] public Dictionary<string, string>? Comments { get; init; }
    [JsonPropertyName("consent_to_publish")] public bool? ConsentToPublish { get; init; }
    [JsonPropertyName("consent_to_contact")] public bool? ConsentToContact { get; init; }
    /// <summary>Only with consent_to_contact true: an email address or phone number is needed. Kept apart from the response.</summary>
    [JsonPropertyName("contact")] public ProviderContact? Contact { get; init; }
    /// <summary>Optional "about you" answers by question key: age_band, sex, ethnicity, disability, first_language.</summary>
    [JsonPropertyName("demographics")] public Dictionary<string, string>? Demographics { get; init; }
}

public sealed record ProviderContact(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone")] string? Phone);

/// <summary>What happened to one response: "stored" the first time, "duplicate" when its provider reference was already held.</summary>
public sealed record ProviderResult(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("status")] string Status);

public sealed record ProviderBatchItem(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("provider_reference")] string? ProviderReference,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("errors")] IDictionary<string, string[]>? Errors);

public sealed record ProviderBatchResult(
    [property: JsonPropertyName("stored")] int Stored,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("rejected")] int Rejected,
    [property: JsonPropertyName("results")] IReadOnlyList<ProviderBatchItem> Results);

/// <summary>
/// The API that SMS, IVR and other survey providers send responses to. Each response is checked field by field, every
/// problem named, and stored by the same writer as every other collected response, so it lands in the store exactly as
/// an imported row does. A provider reference is stored once, however often it is sent.
/// </summary>
public static partial class ProviderApi
{
    public const int MaxBatch = 500;
    public const int CommentMax = QuestionLibrary.TextMaxLength;
    public const int ReferenceMax = 200;
    public const int RequestsPerMinute = 600;
    private const long MaxBodyBytes = 16L * 1024 * 1024;

    public static readonly string[] Fields =
        ["provider_reference", "survey_code", "unit_code", "setting", "date", "mode", "answer", "comments", "consent_to_publish", "consent_to_contact", "contact", "demographics"];

    private static readonly JsonSerializerOptions RawJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/collection")
            .RequireAuthorization(new AuthorizationPolicyBuilder(ApiKeys.Scheme).RequireAuthenticatedUser().Build())
            .RequireRateLimiting(new PerKeyRateLimit())
            .WithTags("Collection API");

        group.MapPost("/responses", PostResponse)
            .Accepts<ProviderResponseRequest>("application/json")
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status429TooManyRequests)
            .WithName("CollectResponse")
            .WithSummary("Stores one response from an SMS, IVR or other survey provider")
            .WithDescription("""
                Authenticate with 'Authorization: Bearer hk_...' or 'X-Api-Key: hk_...'. The unit is found by its code within the key's trust.
                201 with { id, status: "stored" } the first time a provider_reference is sent; 200 with status "duplicate" after that, storing nothing new.
                400 names every rejected field in 'errors', not just the first. See docs/api.md.
                """);
        group.MapPost("/responses/batch", PostBatch)
            .Accepts<ProviderResponseRequest[]>("application/json")
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status429TooManyRequests)
            .WithName("CollectResponses")
            .WithSummary($"Stores up to {MaxBatch} responses in one request, with a result for each")
            .WithDescription("""
                The body is a JSON array of the objects POST /api/collection/responses takes. Each item is stored, found to be a duplicate or rejected on its own:
                one bad item never stops the others. The answer lists each item by its index in the array with its status and, when rejected, its errors.
                """);
    }

    private static async Task<Results<Created<ProviderResult>, Ok<ProviderResult>, ValidationProblem>> PostResponse(
        HttpContext http, HeardDbContext db, ResponseWriter writer, CancellationToken ct)
    {
        var (document, bodyError) = await ReadBodyAsync(http, ct);
        if (document is null) return Problem("body", bodyError!);
        using (document)
        {
            var context = await RequestContext.LoadAsync(http, db, ct);
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var response = Check(document.RootElement, context, errors);
            if (response is null)
                return TypedResults.ValidationProblem(Freeze(errors), title: "The response was not stored", detail: "Correct the fields named in 'errors' and send it again.");
            var outcome = await writer.SubmitAsync(response, ct);
            var ids = await IdsAsync(db, context.TrustId, [response.ResponseId], ct);
            var id = ids.GetValueOrDefault(response.ResponseId);
            return outcome == StoreWriter.Outcome.Imported
                ? TypedResults.Created($"/feedback/{id}", new ProviderResult(id, "stored"))
                : TypedResults.Ok(new ProviderResult(id, "duplicate"));
        }
    }

    private static async Task<Results<Ok<ProviderBatchResult>, ValidationProblem>> PostBatch(
        HttpContext http, HeardDbContext db, ResponseWriter writer, CancellationToken ct)
    {
        var (document, bodyError) = await ReadBodyAsync(http, ct);
        if (document is null) return Problem("body", bodyError!);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
                return Problem("body", "Send a JSON array of responses");
            var count = root.GetArrayLength();
            if (count == 0) return Problem("body", "The array is empty: send at least one response");
            if (count > MaxBatch) return Problem("body", $"Send at most {MaxBatch} responses in one request; this one has {count:N0}");

            var context = await RequestContext.LoadAsync(http, db, ct);
            var checkedItems = new List<(int Index, string? Reference, CollectedResponse? Response, IDictionary<string, string[]>? Errors)>(count);
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                var response = Check(item, context, errors);
                checkedItems.Add((index++, ReferenceOf(item), response, response is null ? Freeze(errors) : null));
            }
            // Submitted together, so the writer stores them in as few transactions as it can, in array order.
            var pending = checkedItems.Where(c => c.Response is not null)
                .Select(c => (c.Index, Task: writer.SubmitAsync(c.Response!, ct))).ToList();
            await Task.WhenAll(pending.Select(p => p.Task));
            var outcomes = pending.ToDictionary(p => p.Index, p => p.Task.Result);
            var ids = await IdsAsync(db, context.TrustId, checkedItems.Where(c => c.Response is not null).Select(c => c.Response!.ResponseId).ToList(), ct);

            var results = checkedItems.Select(c => c.Response is null
                ? new ProviderBatchItem(c.Index, c.Reference, "rejected", null, c.Errors)
                : new ProviderBatchItem(c.Index, c.Reference, outcomes[c.Index] == StoreWriter.Outcome.Imported ? "stored" : "duplicate",
                    ids.TryGetValue(c.Response.ResponseId, out var id) ? id : null, null)).ToList();
            return TypedResults.Ok(new ProviderBatchResult(
                results.Count(r => r.Status == "stored"), results.Count(r => r.Status == "duplicate"), results.Count(r => r.Status == "rejected"), results));
        }
    }

    /// <summary>A survey point of the trust, by its short code: where answers sent with that code belong.</summary>
    private sealed record SurveyTarget(int UnitId, string UnitCode, string Setting, int? LiveVersionId);

    /// <summary>What every response in a request shares: the client, its trust, the trust's units and survey points, and today in England.</summary>
    private sealed record RequestContext(int ClientId, string ClientName, int TrustId, IReadOnlyDictionary<string, Unit> Units,
        IReadOnlyDictionary<string, SurveyTarget> Surveys, DateOnly Today)
    {
        public static async Task<RequestContext> LoadAsync(HttpContext http, HeardDbContext db, CancellationToken ct)
        {
            var clientId = ApiKeys.ClientId(http.User);
            var trustId = ApiKeys.TrustId(http.User);
            var name = await db.ApiClients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.Name).FirstAsync(ct);
            var units = await db.Units.AsNoTracking().Where(u => u.TrustId == trustId).ToListAsync(ct);
            var byCode = new Dictionary<string, Unit>(StringComparer.OrdinalIgnoreCase);
            foreach (var u in units) byCode.TryAdd(u.Code.Trim(), u);
            var points = await (
                from a in db.SurveyAssignments.AsNoTracking()
                join s in db.Surveys.AsNoTracking() on a.SurveyId equals s.Id
                join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
                where s.TrustId == trustId
                select new
                {
                    a.Code, a.UnitId, UnitCode = u.Code, a.Setting,
                    Live = db.SurveyVersions.Where(v => v.SurveyId == s.Id && v.Status == SurveyStatuses.Live)
                        .OrderByDescending(v => v.Number).Select(v => (int?)v.Id).FirstOrDefault(),
                }).ToListAsync(ct);
            var surveys = points.ToDictionary(p => p.Code, p => new SurveyTarget(p.UnitId, p.UnitCode.Trim(), p.Setting, p.Live), StringComparer.Ordinal);
            return new RequestContext(clientId, name, trustId, byCode, surveys, CollectionDates.TodayInEngland());
        }
    }

    private static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request was not understood");

    private static Dictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    private static async Task<(JsonDocument? Document, string? Error)> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBodyBytes;
        if (http.Request.ContentLength is > MaxBodyBytes)
            return (null, $"The body is larger than {MaxBodyBytes / 1024 / 1024} MB: send fewer responses at a time");
        try
        {
            return (await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, ct), null);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, $"The body is larger than {MaxBodyBytes / 1024 / 1024} MB: send fewer responses at a time");
        }
    }

    private static string? ReferenceOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("provider_reference", out var r)
            ? r.ValueKind switch { JsonValueKind.String => r.GetString(), JsonValueKind.Number => r.GetRawText(), _ => null }
            : null;

    private static async Task<Dictionary<string, long>> IdsAsync(HeardDbContext db, int trustId, IReadOnlyList<string> responseIds, CancellationToken ct)
    {
        var keys = responseIds.Select(r => "id:" + r).ToList();
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(200))
        {
            var rows = await db.Feedback.AsNoTracking()
                .Where(f => f.TrustId == trustId && f.Source == FeedbackSources.Fft && chunk.Contains(f.DedupeKey))
                .Select(f => new { f.DedupeKey, f.Id }).ToListAsync(ct);
            foreach (var r in rows) found[r.DedupeKey[3..]] = r.Id;
        }
        return found;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,49}$")]
    private static partial Regex QuestionKey();

    /// <summary>Checks one response, adding a message under each rejected field's name; null when any field was rejected.</summary>
    private static CollectedResponse? Check(JsonElement item, RequestContext context, Dictionary<string, List<string>> errors)
    {
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            Add("body", "Each response must be a JSON object, like { \"provider_reference\": \"SMS-123\", \"unit_code\": \"W01\", ... }");
            return null;
        }
        foreach (var p in item.EnumerateObject())
            if (!Fields.Contains(p.Name))
                Add(p.Name, $"'{p.Name}' is not a field this API takes. The fields are: {string.Join(", ", Fields)}");

        // provider_reference
        string? reference = null;
        if (!item.TryGetProperty("provider_reference", out var refElement) || refElement.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            Add("provider_reference", "Give provider_reference: your system's own id for the response, so that sending it again stores it once");
        else if (refElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            Add("provider_reference", "provider_reference must be a string");
        else
        {
            reference = (refElement.ValueKind == JsonValueKind.String ? refElement.GetString() : refElement.GetRawText())!.Trim();
            if (reference.Length == 0) Add("provider_reference", "provider_reference is blank: give your system's own id for the response");
            else if (reference.Length > ReferenceMax) Add("provider_reference", $"provider_reference must be {ReferenceMax} characters or fewer; it is {reference.Length}");
            else if (reference.Any(char.IsControl)) Add("provider_reference", "provider_reference must not contain control characters");
        }

        // survey_code, unit_code and setting
        SurveyTarget? target = null;
        var surveyCode = String(item, "survey_code", Add);
        if (surveyCode is not null)
        {
            if (!context.Surveys.TryGetValue(surveyCode.Trim().ToLowerInvariant(), out var found))
                Add("survey_code", $"There is no survey with code '{surveyCode}' in your trust. It is the 6-character code under the QR code on the survey's poster.");
            else if (found.LiveVersionId is null)
                Add("survey_code", $"The survey with code '{surveyCode}' is not live: ask the PX team to publish it");
            else target = found;
        }

        Unit? unit = null;
        var unitCode = String(item, "unit_code", Add);
        if (unitCode is null)
        {
            if (target is not null) context.Units.TryGetValue(target.UnitCode, out unit);
            else if (!errors.ContainsKey("unit_code") && !errors.ContainsKey("survey_code"))
                Add("unit_code", "Give unit_code: the code of the ward, team or service, as printed on its posters and cards");
        }
        else if (!context.Units.TryGetValue(unitCode.Trim(), out unit))
            Add("unit_code", $"There is no unit with code '{unitCode}' in your trust. Check the code on the unit's poster or card, or ask the PX team.");
        else if (target is not null && unit.Id != target.UnitId)
            Add("unit_code", $"unit_code '{unitCode}' is not the unit of survey_code '{surveyCode}', which runs on unit {target.UnitCode}. Leave unit_code out to use the survey's.");

        var setting = String(item, "setting", Add);
        if (setting is not null) setting = FftSettings.Normalise(setting);
        if (target is not null && unit is not null)
        {
            if (setting is null or "") setting = target.Setting;
            else if (setting != target.Setting)
                Add("setting", $"'{setting}' is not the setting of survey_code '{surveyCode}', which asks about {target.Setting}. Leave setting out to use the survey's.");
        }
        else if (unit is not null)
        {
            var settings = unit.SettingCodes.Select(FftSettings.Normalise).ToList();
            if (setting is null or "")
            {
                if (settings.Count == 1) setting = settings[0];
                else if (!errors.ContainsKey("setting"))
                    Add("setting", settings.Count == 0
                        ? $"Give setting: one of {string.Join(", ", FftSettings.All)}"
                        : $"Give setting: unit {unit.Code} collects for {string.Join(", ", settings)}");
            }
            else if (settings.Count > 0 ? !settings.Contains(setting) : !FftSettings.IsKnown(setting))
                Add("setting", settings.Count > 0
                    ? $"'{setting}' is not a setting of unit {unit.Code}; it collects for {string.Join(", ", settings)}"
                    : $"'{setting}' is not an FFT setting; use one of {string.Join(", ", FftSettings.All)}");
        }
        else if (setting is { Length: > 0 } && !FftSettings.IsKnown(setting))
            Add("setting", $"'{setting}' is not an FFT setting; use one of {string.Join(", ", FftSettings.All)}");

        // date
        DateOnly date = default;
        var dateText = String(item, "date", Add);
        if (dateText is null)
        {
            if (!errors.ContainsKey("date")) Add("date", "Give date: the day the person answered, as yyyy-mm-dd");
        }
        else if (!DateOnly.TryParseExact(dateText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            Add("date", $"'{dateText}' is not a date in the form yyyy-mm-dd, like {context.Today:yyyy-MM-dd}");
        else if (date > context.Today)
            Add("date", $"{date:yyyy-MM-dd} is in the future; today is {context.Today:yyyy-MM-dd}");
        else if (date < context.Today.AddYears(-2))
            Add("date", $"{date:yyyy-MM-dd} is more than two years ago; Heard takes responses from {context.Today.AddYears(-2):yyyy-MM-dd} on. Import older responses as a file.");
        else if (unit?.ClosedOn is { } closed && closed <= date)
            Add("unit_code", $"Unit {unit.Code} closed on {closed:yyyy-MM-dd}, before this response's date");

        // mode
        var mode = FftMode.Other;
        var modeText = String(item, "mode", Add);
        if (modeText is not null && !FftModes.TryParse(modeText, out mode))
            Add("mode", $"'{modeText}' is not a mode; use one of {string.Join(", ", FftModes.All.Select(FftModes.Code))}");

        // answer
        FftAnswer? answer = null;
        if (item.TryGetProperty("answer", out var answerElement))
        {
            var answerText = answerElement.ValueKind switch
            {
                JsonValueKind.Null => "",
                JsonValueKind.String => answerElement.GetString(),
                JsonValueKind.Number => answerElement.GetRawText(),
                _ => null,
            };
            if (answerText is null || !FftAnswers.TryParse(answerText, out answer))
                Add("answer", $"{(answerText is null ? "This" : $"'{answerText}'")} is not an FFT answer. Give 1 to 6 (1 Very good, 2 Good, 3 Neither good nor poor, 4 Poor, 5 Very poor, 6 Don't know) or the wording; leave it out or blank when no rating was given.");
        }

        // comments
        var comments = new List<(string, string)>();
        if (item.TryGetProperty("comments", out var commentsElement) && commentsElement.ValueKind != JsonValueKind.Null)
        {
            if (commentsElement.ValueKind != JsonValueKind.Object)
                Add("comments", "comments must be an object of question key to text, like { \"why\": \"The staff were kind\" }");
            else
                foreach (var c in commentsElement.EnumerateObject())
                {
                    var field = $"comments.{c.Name}";
                    if (!QuestionKey().IsMatch(c.Name))
                        Add(field, $"'{c.Name}' is not a question key: use lower-case letters, digits and _, like why or better");
                    else if (c.Value.ValueKind == JsonValueKind.Null) continue;
                    else if (c.Value.ValueKind != JsonValueKind.String)
                        Add(field, $"{field} must be text");
                    else
                    {
                        var text = c.Value.GetString()!.Trim();
                        if (text.Length > CommentMax) Add(field, $"{field} must be {CommentMax:N0} characters or fewer; it is {text.Length:N0}");
                        else if (text.Length > 0) comments.Add((c.Name, text));
                    }
                }
        }

        // demographics
        Dictionary<string, string>? demographics = null;
        if (item.TryGetProperty("demographics", out var demoElement) && demoElement.ValueKind != JsonValueKind.Null)
        {
            if (demoElement.ValueKind != JsonValueKind.Object)
                Add("demographics", "demographics must be an object, like { \"age_band\": \"25-34\" }");
            else
                foreach (var d in demoElement.EnumerateObject())
                {
                    var field = $"demographics.{d.Name}";
                    var question = QuestionLibrary.Find(d.Name);
                    if (question is not { Kind: QuestionKinds.Demographic })
                    {
                        Add(field, $"'{d.Name}' is not an \"about you\" question; use {string.Join(", ", QuestionLibrary.All.Where(q => q.Kind == QuestionKinds.Demographic).Select(q => q.Key))}");
                        continue;
                    }
                    if (d.Value.ValueKind == JsonValueKind.Null) continue;
                    var value = d.Value.ValueKind == JsonValueKind.String ? d.Value.GetString()!.Trim() : null;
                    var option = value is null ? null : question.Options.FirstOrDefault(o =>
                        string.Equals(o.Value, value, StringComparison.OrdinalIgnoreCase) || string.Equals(o.Text, value, StringComparison.OrdinalIgnoreCase));
                    if (option is null)
                        Add(field, $"{(value is null ? "This" : $"'{value}'")} is not an answer to {d.Name}; use one of {string.Join(", ", question.Options.Select(o => o.Value))}");
                    else if (value!.Length > 0)
                        (demographics ??= new(StringComparer.Ordinal))[d.Name] = option.Value;
                }
        }

        // consent and contact
        var publish = Bool(item, "consent_to_publish", Add);
        var contactConsent = Bool(item, "consent_to_contact", Add);
        string? contactName = null, contactEmail = null, contactPhone = null;
        var hasContact = false;
        if (item.TryGetProperty("contact", out var contactElement) && contactElement.ValueKind != JsonValueKind.Null)
        {
            if (contactElement.ValueKind != JsonValueKind.Object)
                Add("contact", "contact must be an object, like { \"name\": \"...\", \"email\": \"...\", \"phone\": \"...\" }");
            else
            {
                foreach (var p in contactElement.EnumerateObject())
                {
                    if (p.Name is not ("name" or "email" or "phone"))
                    {
                        Add($"contact.{p.Name}", $"'{p.Name}' is not a contact field; use name, email and phone");
                        continue;
                    }
                    if (p.Value.ValueKind == JsonValueKind.Null) continue;
                    if (p.Value.ValueKind != JsonValueKind.String) { Add($"contact.{p.Name}", $"contact.{p.Name} must be text"); continue; }
                    var v = p.Value.GetString();
                    if (string.IsNullOrWhiteSpace(v)) continue;
                    hasContact = true;
                    switch (p.Name)
                    {
                        case "name": contactName = v; break;
                        case "email": contactEmail = v; break;
                        default: contactPhone = v; break;
                    }
                }
                if (hasContact && contactConsent != true)
                    Add("contact", "Contact details are kept only when the person agreed to be contacted: set consent_to_contact to true, or leave contact out");
            }
        }
        (string? Name, string? Email, string? Phone)? contact = null;
        if (contactConsent == true)
        {
            // The same rules as the survey pages: an email or phone is needed, each in a usable form.
            var consentOnly = new SurveyDefinition([QuestionLibrary.Find("consent_to_contact")!]);
            var answers = new Dictionary<string, string?> { ["consent_to_contact"] = "yes" };
            var checkedContact = ResponseValidation.Check(consentOnly, answers, contactName, contactEmail, contactPhone, out var problems);
            foreach (var problem in problems)
                Add(problem.Field switch { "contact_name" => "contact.name", "contact_phone" => "contact.phone", _ => "contact.email" },
                    problem.Code == ProblemCodes.ContactMissing
                        ? "consent_to_contact is true, so give contact.email or contact.phone (or both)"
                        : problem.Message);
            contact = checkedContact?.Contact;
        }

        if (unit is null && errors.Count == 0)
            Add("unit_code", "Give unit_code: the code of the ward, team or service, as printed on its posters and cards");
        if (errors.Count > 0) return null;
        return new CollectedResponse
        {
            UnitId = unit!.Id,
            Setting = setting!,
            Date = date,
            Mode = mode,
            Channel = CollectionChannels.Api,
            ResponseId = $"api:{context.ClientId}:{reference}",
            RawText = RawText(item, hasContact),
            Answer = answer,
            Comments = comments,
            Demographics = demographics,
            ConsentToPublish = publish,
            ConsentToContact = contactConsent,
            Contact = contact,
            SurveyVersionId = target?.LiveVersionId,
            Extra = [("provider", context.ClientName), ("provider_reference", reference!)],
        };
    }

    /// <summary>The item as sent, except contact details: those are held apart, so deleting them on request leaves no copy.</summary>
    private static string RawText(JsonElement item, bool hasContact)
    {
        if (!hasContact) return item.GetRawText();
        var node = JsonNode.Parse(item.GetRawText())!.AsObject();
        node["contact"] = "held apart from the response";
        return node.ToJsonString(RawJson);
    }

    private static string? String(JsonElement item, string name, Action<string, string> add)
    {
        if (!item.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind != JsonValueKind.String)
        {
            add(name, $"{name} must be a string");
            return null;
        }
        var s = e.GetString()!;
        return string.IsNullOrWhiteSpace(s) ? null : s;
    }

    private static bool? Bool(JsonElement item, string name, Action<string, string> add)
    {
        if (!item.TryGetProperty(name, out var e)) return null;
        switch (e.ValueKind)
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Null: return null;
            default:
                add(name, $"{name} must be true or false (or null when the question was not asked or not answered)");
                return null;
        }
    }

    /// <summary>
    /// Requests per API key (or per address, before a key is known) per minute. A batch counts once, so a provider
    /// catching up sends batches.
    /// </summary>
    private sealed class PerKeyRateLimit : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

        public RateLimitPartition<string> GetPartition(HttpContext http)
        {
            var key = ApiKeys.PrefixOf(ApiKeys.FromRequest(http.Request)) is { } prefix ? "key:" + prefix : "ip:" + http.Connection.RemoteIpAddress;
            return RateLimitPartition.GetFixedWindowLimiter(key,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = RequestsPerMinute, Window = TimeSpan.FromMinutes(1) });
        }
    }
}

public static class CollectionDates
{
    private static readonly TimeZoneInfo? England = FindEngland();

    private static TimeZoneInfo? FindEngland()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/London"); }
        catch (TimeZoneNotFoundException) { return null; }
        catch (InvalidTimeZoneException) { return null; }
    }

    /// <summary>Today's date in England, which is what patients and cards mean by "today" (an hour ahead of UTC in summer).</summary>
    public static DateOnly TodayInEngland()
    {
        var now = DateTime.UtcNow;
        return DateOnly.FromDateTime(England is null ? now : TimeZoneInfo.ConvertTimeFromUtc(now, England));
    }
}
