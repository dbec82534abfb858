using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Import;

/// <summary>The import API for machines: the same importer as the upload page and the command line.</summary>
public static class ImportEndpoints
{
    public sealed record BatchSummary(long Id, string Kind, string FileName, string Status, DateTime StartedAt, DateTime? CompletedAt,
        long Imported, long Rejected, long Duplicates, string? StartedBy);
    public sealed record RejectedRow(long Id, long RowNumber, string Reason, string RawText);
    public sealed record ImportOutcome(long BatchId, long Imported, long Rejected, long Duplicates, IReadOnlyList<string> Created);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/imports").RequireAuthorization(Policies.ImportData).WithTags("Imports");
        g.MapGet("/", ListAsync).WithName("ListImports").WithSummary("The 50 most recent imports with their counts.");
        g.MapGet("/{id:long}/rejects", RejectsAsync).WithName("ListRejectedRows").WithSummary("Rows of one import waiting in the quarantine, with row number and reason.");
        g.MapPost("/", ImportAsync).WithName("ImportFile").DisableAntiforgery()
            .WithSummary("Imports a CSV file (multipart field 'file'; query kind=fft|eligible). Rows already held count as duplicates.");
    }

    private static async Task<Ok<List<BatchSummary>>> ListAsync(HeardDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(50)
            .Select(b => new BatchSummary(b.Id, b.Kind, b.FileName, b.Status, b.StartedAt, b.CompletedAt, b.Imported, b.Rejected, b.Duplicates, b.StartedBy))
            .ToListAsync(ct));

    private static async Task<Results<Ok<List<RejectedRow>>, NotFound>> RejectsAsync(long id, HeardDbContext db, CancellationToken ct)
    {
        if (!await db.ImportBatches.AnyAsync(b => b.Id == id, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await db.ImportedRows.AsNoTracking().Where(r => r.ImportBatchId == id && r.Status == RowStatuses.Rejected)
            .OrderBy(r => r.RowNumber).Select(r => new RejectedRow(r.Id, r.RowNumber, r.Reason ?? "", r.RawText)).ToListAsync(ct));
    }

    private static async Task<Results<Ok<ImportOutcome>, ValidationProblem>> ImportAsync(
        IFormFile? file, string? kind, DatabaseTarget target, UploadStore uploads, CurrentUser user, CancellationToken ct)
    {
        kind ??= ImportKinds.Fft;
        var errors = new Dictionary<string, string[]>();
        if (!ImportKinds.All.Contains(kind)) errors["kind"] = [$"'{kind}' is not a file kind (use {string.Join(", ", ImportKinds.All)})"];
        if (file is null || file.Length == 0) errors["file"] = ["a non-empty CSV file is required in the multipart field 'file'"];
        else if (file.Length > uploads.MaxBytes) errors["file"] = [$"the file is larger than the {uploads.MaxBytes / 1048576} MB limit"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        await using var stream = file!.OpenReadStream();
        var id = await uploads.SaveAsync(stream, ct);
        try
        {
            var r = await new FeedbackImporter(target).ImportAsync(uploads.PathFor(id), new ImportOptions { Kind = kind, StartedBy = user.Name }, ct);
            return TypedResults.Ok(new ImportOutcome(r.BatchId, r.Imported, r.Rejected, r.Duplicates, r.Created));
        }
        catch (ImportHeaderException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [e.Message] });
        }
        finally
        {
            File.Delete(uploads.PathFor(id));
        }
    }
}
