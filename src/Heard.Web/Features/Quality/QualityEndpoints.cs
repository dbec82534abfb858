using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Quality;

/// <summary>One value as the API takes it. Described here for the OpenAPI document; the body is read item by item so each problem is named.</summary>
public sealed record QualityValueRequest
{
    /// <summary>The unit's code in Heard, as printed on its posters. Or give trust_code, site_code and unit (its name) instead.</summary>
    [JsonPropertyName("unit_code")] public string? UnitCode { get; init; }
    /// <summary>The trust's ODS code: needed only when the unit code is used by more than one trust, or with site_code and unit.</summary>
    [JsonPropertyName("trust_code")] public string? TrustCode { get; init; }
    [JsonPropertyName("site_code")] public string? SiteCode { get; init; }
    /// <summary>The unit's name (or a name mapped to it under Organisation), with site_code and trust_code.</summary>
    [JsonPropertyName("unit")] public string? Unit { get; init; }
    /// <summary>yyyy-mm, not in the future.</summary>
    [JsonPropertyName("month")] public required string Month { get; init; }
    /// <summary>A measure's key, e.g. falls, staffing_fill_rate (GET /api/quality-measures/definitions lists them).</summary>
    [JsonPropertyName("measure")] public required string Measure { get; init; }
    /// <summary>A number within the measure's bounds (percentages 0 to 100, counts 0 or more).</summary>
    [JsonPropertyName("value")] public required double Value { get; init; }
}

public sealed record QualityMeasureDefinition(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit_of_measure")] string UnitOfMeasure,
    [property: JsonPropertyName("improvement_direction")] string ImprovementDirection,
    [property: JsonPropertyName("minimum")] double? Minimum,
    [property: JsonPropertyName("maximum")] double? Maximum,
    [property: JsonPropertyName("description")] string? Description);

/// <summary>Quality measures for machines: the same checks, the same store and the same scope as the import page.</summary>
public static class QualityEndpoints
{
    public const int MaxItems = 5_000;
    private const long MaxBodyBytes = 8L * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/quality-measures").WithTags("Quality measures");
        g.MapGet("/definitions", DefinitionsAsync).WithName("QualityMeasureDefinitions")
            .WithSummary("The measures Heard holds beside patient experience: key, name, unit of measure, which direction is better, and bounds.");
        g.MapPost("/", PostAsync).RequireAuthorization(Policies.ImportData).WithName("ImportQualityMeasures")
            .Accepts<QualityValueRequest[]>("application/json")
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden)
            .WithSummary($"Stores up to {MaxItems:N0} quality measure values (unit, month, measure, value), with a result for each.")
            .WithDescription("""
                The body is a JSON array of { unit_code, month (yyyy-mm), measure, value } objects (trust_code optional; or trust_code, site_code and unit instead of unit_code).
                Per unit, month and measure the newest value wins and the one it replaces is kept as history: status "stored" (first value), "replaced" (a different value
                replaced the one held) or "unchanged" (the same value was already held, so sending a batch again changes nothing). A rejected item names every field at
                fault in 'problems', with its row (its position in the array, counting from 1); one bad item never stops the others. Units outside your scope are rejected.
                """);
        g.MapPost("/file", PostFileAsync).RequireAuthorization(Policies.ImportData).WithName("ImportQualityMeasuresFile").DisableAntiforgery()
            .WithSummary("Imports a quality measures CSV file (multipart field 'file'): columns unit_code, month, measure, value; trust_code optional.")
            .WithDescription("The same checks and statuses as POST /api/quality-measures; rows are numbered as a spreadsheet shows them (the header is row 1), and rejected rows wait in the quarantine.");
    }

    private static async Task<Ok<List<QualityMeasureDefinition>>> DefinitionsAsync(HeardDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.QualityMeasures.AsNoTracking().OrderBy(m => m.SortOrder).ThenBy(m => m.Key)
            .Select(m => new QualityMeasureDefinition(m.Key, m.Name, m.UnitOfMeasure, m.ImprovementDirection, m.Minimum, m.Maximum, m.Description))
            .ToListAsync(ct));

    private static async Task<Results<Ok<QualityImportResult>, ValidationProblem>> PostAsync(
        HttpContext http, HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            try { await http.Request.Body.CopyToAsync(buffer, ct); }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Problem($"The body is larger than {MaxBodyBytes / 1024 / 1024} MB: send fewer values at a time");
            }
            body = buffer.ToArray();
        }
        JsonDocument document;
        try { document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { return Problem($"The body is not valid JSON: {e.Message}"); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array) return Problem("Send a JSON array of values");
            var count = root.GetArrayLength();
            if (count == 0) return Problem("The array is empty: send at least one value");
            if (count > MaxItems) return Problem($"Send at most {MaxItems:N0} values in one request; this one has {count:N0}");
            var rows = new List<QualityRowInput>(count);
            var index = 0;
            foreach (var item in root.EnumerateArray()) rows.Add(Read(++index, item));
            var result = await new QualityImporter(db).ImportAsync(QualityChannels.Api, "API request", Convert.ToHexStringLower(SHA256.HashData(body)), "",
                rows, await user.UnitIdsAsync(ct), user.Name, keepRejectedRows: false, ct);
            return TypedResults.Ok(result);
        }
    }

    private static async Task<Results<Ok<QualityImportResult>, ValidationProblem>> PostFileAsync(
        IFormFile? file, HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["a non-empty CSV file is required in the multipart field 'file'"] });
        await using var stream = file.OpenReadStream();
        var parsed = await QualityFile.ReadAsync(stream, ct);
        if (parsed.HeaderError is not null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"The file's {parsed.HeaderError}"] });
        var result = await new QualityImporter(db).ImportAsync(QualityChannels.File, Path.GetFileName(file.FileName), parsed.Fingerprint, parsed.HeaderLine,
            parsed.Rows, await user.UnitIdsAsync(ct), user.Name, keepRejectedRows: true, ct);
        return TypedResults.Ok(result);
    }

    private static ValidationProblem Problem(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [message] }, title: "The request was not understood");

    /// <summary>Takes strings or numbers for every field, so "2026-03" and 12.5 and "12.5" all arrive as text the checks understand.</summary>
    private static QualityRowInput Read(int row, JsonElement item)
    {
        var raw = item.GetRawText();
        if (item.ValueKind != JsonValueKind.Object)
            return new QualityRowInput(row, raw, null, null, null, null, null, null, null, "each value must be a JSON object like { \"unit_code\": \"...\", \"month\": \"2026-03\", \"measure\": \"falls\", \"value\": 2 }");
        string? Field(string name) =>
            item.TryGetProperty(name, out var e) ? e.ValueKind switch
            {
                JsonValueKind.String => e.GetString()!.Trim() is { Length: > 0 } s ? s : null,
                JsonValueKind.Number => e.GetRawText(),
                JsonValueKind.Null => null,
                _ => e.GetRawText(),
            } : null;
        return new QualityRowInput(row, raw, Field("trust_code"), Field("unit_code"), Field("site_code"), Field("unit"), Field("month"), Field("measure"),
            Field("value"));
    }

    internal static string MonthText(int month) => string.Create(CultureInfo.InvariantCulture, $"{month / 100:0000}-{month % 100:00}");
}
