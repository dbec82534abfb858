using System.Text;
using System.Text.Json;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Features.Import;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>
/// The one endpoint patients' devices call without signing in: a kiosk sends each queued response here, once or many
/// times; the id it chose makes every repeat harmless. Mapped outside the signed-in /api group.
/// </summary>
public static class PublicSurveyEndpoints
{
    public const int MaxBodyBytes = 64 * 1024;

    public sealed record QueuedContact(string? Name, string? Email, string? Phone);

    /// <summary>One response as a kiosk queued it.</summary>
    public sealed record QueuedResponse
    {
        /// <summary>A UUID the device made when the person pressed Send; the response is stored under kiosk:{id}.</summary>
        public string? Id { get; init; }
        /// <summary>Question key to answer: the option value (e.g. "fft": "1") or the text written.</summary>
        public Dictionary<string, JsonElement>? Answers { get; init; }
        public QueuedContact? Contact { get; init; }
        /// <summary>The honeypot; people leave it empty.</summary>
        public string? Website { get; init; }
        public string? Lang { get; init; }
        public string? Format { get; init; }
        /// <summary>The survey version the person saw, so a response queued before a new version went live keeps its own.</summary>
        public int? Version { get; init; }
    }

    public sealed record Stored(string Id, bool Duplicate);

    public static void Map(WebApplication app)
    {
        app.MapPost("/api/public/s/{code}/responses", SubmitAsync)
            .AllowAnonymous()
            .RequireRateLimiting("public")
            .Accepts<QueuedResponse>("application/json")
            .WithTags("Public survey")
            .WithName("SubmitQueuedResponse")
            .WithSummary("Stores one survey response from a kiosk or tablet. Anonymous and rate limited; sending the same id again stores nothing and answers 200 with duplicate true.");
    }

    private static async Task<Results<Created<Stored>, Ok<Stored>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string code, HttpRequest request, HeardDbContext db, ResponseWriter writer, SurveyText text, ILoggerFactory logs, CancellationToken ct)
    {
        var point = await SurveyPoints.FindAsync(db, code, SurveyPageModel.Today, ct);
        if (point is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This survey link is not working",
                detail: "No survey is running at this code today: it may have ended, or the code is wrong.");

        if (request.ContentLength > MaxBodyBytes)
            return TooLarge();
        var (body, tooLarge) = await ReadBodyAsync(request, ct);
        if (tooLarge) return TooLarge();

        QueuedResponse? queued;
        try
        {
            queued = JsonSerializer.Deserialize<QueuedResponse>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [where] = ["This is not valid JSON of the expected shape: { \"id\": \"<uuid>\", \"answers\": { \"fft\": \"1\" } }"],
            });
        }
        if (queued is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the response as a JSON object"] });

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Guid.TryParse(queued.Id, out var id) || id == Guid.Empty)
            errors["id"] = ["Give the response a UUID made on the device, like 3f2b8c1e-6a4d-4e7a-9b1c-2d5e8f0a7b3c"];

        var answers = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in queued.Answers ?? [])
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: answers[key] = value.GetString(); break;
                case JsonValueKind.Number: answers[key] = value.GetRawText(); break;
                case JsonValueKind.Null: answers[key] = null; break;
                default: errors[key] = ["Send each answer as text or a number"]; break;
            }
        }

        var options = new SurveyOptions
        {
            Language = text.IsLanguage(queued.Lang?.ToLowerInvariant()) ? text.Language(queued.Lang!).Code : SurveyText.English,
            Format = SurveyOptions.Formats.Contains(queued.Format) ? queued.Format! : SurveyOptions.Standard,
            Kiosk = true,
        };
        var (definition, versionId) = await VersionAsync(db, point, queued.Version, ct);
        var contact = new Dictionary<string, string?>
        {
            [SurveySubmission.ContactName] = queued.Contact?.Name,
            [SurveySubmission.ContactEmail] = queued.Contact?.Email,
            [SurveySubmission.ContactPhone] = queued.Contact?.Phone,
        };
        var checkedAnswers = ResponseValidation.Check(definition, answers, contact[SurveySubmission.ContactName],
            contact[SurveySubmission.ContactEmail], contact[SurveySubmission.ContactPhone], out var problems);
        var words = text.For(options.Language, options.Format);
        foreach (var (field, message) in SurveySubmission.Translate(problems, words, definition, answers, contact))
            errors[field] = errors.TryGetValue(field, out var known) ? [.. known, message] : [message];
        if (errors.Count > 0 || checkedAnswers is null)
            return TypedResults.ValidationProblem(errors, title: "Some answers need changing");

        var responseId = SurveySubmission.ResponseId(kiosk: true, id);
        if (!string.IsNullOrEmpty(queued.Website))
        {
            logs.CreateLogger(typeof(PublicSurveyEndpoints)).LogWarning(
                "Survey {Code}: a queued response filled the hidden honeypot field and was not stored", point.Code);
            return TypedResults.Created((string?)null, new Stored(responseId, false));
        }

        var raw = SurveySubmission.RawText(RawFields(queued, answers, id));
        var response = SurveySubmission.Build(point, versionId, checkedAnswers, kiosk: true, id, raw, options);
        var outcome = await writer.SubmitAsync(response, ct);
        return outcome == StoreWriter.Outcome.Imported
            ? TypedResults.Created((string?)null, new Stored(responseId, false))
            : TypedResults.Ok(new Stored(responseId, true));
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The response is too large",
        detail: $"A response must be {MaxBodyBytes / 1024} KB or smaller.");

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>; the app allows large uploads elsewhere, so the limit is kept here.</summary>
    private static async Task<(string Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), ct)) > 0)
            total += read;
        return total > MaxBodyBytes ? ("", true) : (Encoding.UTF8.GetString(buffer, 0, total), false);
    }

    /// <summary>The version the kiosk showed when it still belongs to this survey; otherwise the live one.</summary>
    private static async Task<(SurveyDefinition Definition, int VersionId)> VersionAsync(HeardDbContext db, SurveyPoint point, int? version, CancellationToken ct)
    {
        if (version is null || version == point.VersionId) return (point.Definition, point.VersionId);
        var json = await db.SurveyVersions.AsNoTracking()
            .Where(v => v.Id == version && v.SurveyId == point.SurveyId && v.Status != SurveyStatuses.Draft)
            .Select(v => v.DefinitionJson).FirstOrDefaultAsync(ct);
        return json is null ? (point.Definition, point.VersionId) : (SurveyDefinition.FromJson(json), version.Value);
    }

    private static IEnumerable<KeyValuePair<string, string?>> RawFields(QueuedResponse queued, Dictionary<string, string?> answers, Guid id)
    {
        yield return KeyValuePair.Create("id", (string?)id.ToString("D"));
        foreach (var answer in answers) yield return answer;
        if (queued.Contact is { } c)
        {
            yield return KeyValuePair.Create(SurveySubmission.ContactName, c.Name);
            yield return KeyValuePair.Create(SurveySubmission.ContactEmail, c.Email);
            yield return KeyValuePair.Create(SurveySubmission.ContactPhone, c.Phone);
        }
        if (queued.Lang is not null) yield return KeyValuePair.Create("lang", (string?)queued.Lang);
        if (queued.Format is not null) yield return KeyValuePair.Create("format", (string?)queued.Format);
        if (queued.Version is not null) yield return KeyValuePair.Create("version", (string?)queued.Version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
