using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>A published record as JSON: the same redacted words the public page shows.</summary>
public sealed record PublishedRecordDto(long Id, string Title, string Place, string YouSaid, string WeDid, DateTime PublishedAt, IReadOnlyList<string> Quotes, int Actions, int ActionsDone);

/// <summary>The unit's poster (PDF) and its records for other tools, within the user's scope.</summary>
public static class YouSaidWeDidEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/you-said-we-did").WithTags("You said, we did");
        g.MapGet("/units/{unitId:int}/poster.pdf", PosterAsync).WithName("YouSaidWeDidPoster")
            .WithSummary("An A4 PDF poster for a unit: its latest published records and its survey's QR code.");
        g.MapGet("/units/{unitId:int}", PublishedAsync).WithName("YouSaidWeDidPublished")
            .WithSummary("A unit's published records, redacted exactly as on the public page.");
    }

    private static async Task<IResult> PublishedAsync(int unitId, HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || !await user.CanSeeUnitAsync(unitId, ct)) return Results.NotFound();
        var records = await PublicRecords.LoadAsync(db, unit.TrustId, unitId, PublicRecords.PageLimit, ct);
        return Results.Ok(records.Select(r => new PublishedRecordDto(r.Id, r.Title, r.Place, r.YouSaid, r.WeDid, r.PublishedAt, r.Quotes, r.Actions, r.ActionsDone)));
    }

    private static async Task<IResult> PosterAsync(int unitId, HttpRequest request, HeardDbContext db, CurrentUser user, IConfiguration config, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Include(u => u.Trust).FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || !await user.CanSeeUnitAsync(unitId, ct)) return Results.NotFound();
        var records = await PublicRecords.LoadAsync(db, unit.TrustId, unitId, PosterPdf.RecordsShown, ct);
        var publicUrl = Origin(request, config) + YouSaidWeDidRecords.PublicLink(unit.Trust!.OdsCode, unit.Code);
        var survey = await LiveSurveyCodeAsync(db, unitId, ct);
        var content = new PosterContent(unit.Name, unit.Trust.Name, records,
            survey is null ? publicUrl : PatientSurvey.SurveyLinks.Url(request, config, survey), survey is not null, publicUrl);
        var file = $"you-said-we-did-{new string(unit.Code.Where(char.IsLetterOrDigit).ToArray())}.pdf";
        return Results.File(PosterPdf.Write(content), "application/pdf", file);
    }

    /// <summary>The code of a survey live on the unit today, newest assignment first; null when none is.</summary>
    public static async Task<string?> LiveSurveyCodeAsync(HeardDbContext db, int unitId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var code in await db.SurveyAssignments.AsNoTracking().Where(a => a.UnitId == unitId).OrderByDescending(a => a.Id).Select(a => a.Code).Take(10).ToListAsync(ct))
            if (await SurveyPoints.FindAsync(db, code, today, ct) is not null) return code;
        return null;
    }

    public static string Origin(HttpRequest request, IConfiguration config) =>
        config[PatientSurvey.SurveyLinks.PublicUrlSetting] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
}
