using System.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

public sealed record CreateUnitRequest(int? SiteId, int? DivisionId, int? DirectorateId, string? Code, string? Name, string? Kind,
    string[]? Settings, string? FirstSpeciality, string? SecondSpeciality);

public sealed record RenameUnitRequest(string? Name, DateOnly? EffectiveFrom);

public sealed record MoveUnitRequest(int? SiteId, int? DivisionId, int? DirectorateId, DateOnly? EffectiveFrom);

public sealed record MergeUnitRequest(int? TargetUnitId, DateOnly? EffectiveFrom);

public sealed record CloseUnitRequest(DateOnly? ClosedOn);

public sealed record ReopenUnitRequest(DateOnly? ReopenedOn);

/// <summary>The organisation over HTTP: trusts and units to read (within the caller's scope), and unit changes for administrators.</summary>
public static class OrganisationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var org = api.MapGroup("/organisation");

        org.MapGet("/trusts", GetTrusts)
            .WithName("OrganisationTrusts").WithSummary("Trusts in the caller's scope, with counts of sites and units");
        org.MapGet("/units", GetUnits)
            .WithName("OrganisationUnits").WithSummary("Units in the caller's scope, optionally of one trust (by ODS code)");
        org.MapGet("/units/{id:int}", GetUnit)
            .WithName("OrganisationUnit").WithSummary("One unit with its history: names and placements over time, aliases, units merged into it");
        org.MapPost("/units", CreateUnit).RequireAuthorization(Policies.Administer)
            .WithName("OrganisationCreateUnit").WithSummary("Adds a ward, team or service");
        org.MapPost("/units/{id:int}/rename", RenameUnit).RequireAuthorization(Policies.Administer)
            .WithName("OrganisationRenameUnit").WithSummary("Renames a unit from a date; the old name stays in its history and maps imports to it");
        org.MapPost("/units/{id:int}/move", MoveUnit).RequireAuthorization(Policies.Administer)
            .WithName("OrganisationMoveUnit").WithSummary("Moves a unit to another site, division or directorate from a date; earlier months keep the old placement");
        org.MapPost("/units/{id:int}/merge", MergeUnit).RequireAuthorization(Policies.Administer)
            .WithName("OrganisationMergeUnit").WithSummary("Merges a unit into another of the same trust from a date; its feedback stays its own");
        org.MapPost("/units/{id:int}/close", CloseUnit).RequireAuthorization(Policies.Administer)
            .WithName("OrganisationCloseUnit").WithSummary("Closes a unit from a date; its history and feedback stay");
        org.MapPost("/units/{id:int}/reopen", ReopenUnit).RequireAuthorization(Policies.Administer)
            .WithName("OrganisationReopenUnit").WithSummary("Reopens a closed or merged unit from a date");
        org.MapGet("/export.csv", Export)
            .WithName("OrganisationExport").WithSummary("The organisation in the caller's scope as CSV, one row per unit (the import format)");
    }

    private static async Task<Ok<List<TrustSummary>>> GetTrusts(HeardDbContext db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await OrganisationQueries.TrustsAsync(db, await user.UnitIdsAsync(ct), ct));

    private static async Task<Results<Ok<List<UnitSummary>>, NotFound<string>>> GetUnits(string? trust, HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var units = await user.UnitIdsAsync(ct);
        int? trustId = null;
        if (!string.IsNullOrWhiteSpace(trust))
        {
            var code = trust.Trim().ToUpperInvariant();
            var found = await db.Trusts.AsNoTracking().FirstOrDefaultAsync(t => t.OdsCode == code, ct);
            var visible = await user.TrustIdsAsync(ct);
            if (found is null || (visible is not null && !visible.Contains(found.Id)))
                return TypedResults.NotFound($"No trust with ODS code '{code}' in your scope");
            trustId = found.Id;
        }
        return TypedResults.Ok(await OrganisationQueries.UnitsAsync(db, units, trustId, ct));
    }

    private static async Task<Results<Ok<UnitDetail>, NotFound>> GetUnit(int id, HeardDbContext db, CurrentUser user, CancellationToken ct) =>
        await OrganisationQueries.UnitAsync(db, id, await user.UnitIdsAsync(ct), ct) is { } unit ? TypedResults.Ok(unit) : TypedResults.NotFound();

    private static async Task<Results<Created<UnitDetail>, ValidationProblem>> CreateUnit(CreateUnitRequest request, HeardDbContext db, CurrentUser user,
        Audit audit, IAuthorizationService auth, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.SiteId is null) errors["siteId"] = ["Choose the site the unit is at"];
        if (string.IsNullOrWhiteSpace(request.Code)) errors["code"] = ["Enter a unit code"];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["Enter the unit's name"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.SiteId, ct);
        if (site is null || !await OrganisationQueries.CanAdministerTrustAsync(auth, user, site.TrustId, ct))
            return Invalid("siteId", "Choose a site of a trust you administer");
        var unit = new Unit
        {
            SiteId = site.Id, TrustId = site.TrustId, DivisionId = request.DivisionId, DirectorateId = request.DirectorateId,
            Code = request.Code!, Name = request.Name!, Kind = request.Kind ?? UnitKinds.Ward, Settings = string.Join(',', request.Settings ?? []),
            FirstSpeciality = request.FirstSpeciality, SecondSpeciality = request.SecondSpeciality,
        };
        if ((request.Settings ?? []).Any(s => s.Contains(',')))
            return Invalid("settings", "Give each FFT setting as its own array item");
        try
        {
            await UnitLifecycle.CreateAsync(db, unit, audit, ct);
        }
        catch (UnitChangeException e)
        {
            return Invalid(e.Field, e.Message);
        }
        var detail = await OrganisationQueries.UnitAsync(db, unit.Id, null, ct);
        return TypedResults.Created($"/api/organisation/units/{unit.Id}", detail!);
    }

    private static Task<Results<Ok<UnitDetail>, NotFound, ValidationProblem>> RenameUnit(int id, RenameUnitRequest request, HeardDbContext db,
        CurrentUser user, Audit audit, CancellationToken ct) =>
        ChangeAsync(id, db, user, ct, async unit =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["Enter the new name"];
            if (request.EffectiveFrom is null) errors["effectiveFrom"] = ["Enter the date the new name takes effect (yyyy-mm-dd)"];
            if (errors.Count > 0) return errors;
            await UnitLifecycle.RenameAsync(db, unit, request.Name!, request.EffectiveFrom!.Value, audit, ct);
            return null;
        });

    private static Task<Results<Ok<UnitDetail>, NotFound, ValidationProblem>> MoveUnit(int id, MoveUnitRequest request, HeardDbContext db,
        CurrentUser user, Audit audit, CancellationToken ct) =>
        ChangeAsync(id, db, user, ct, async unit =>
        {
            var errors = new Dictionary<string, string[]>();
            if (request.SiteId is null) errors["siteId"] = ["Choose the site the unit moves to"];
            if (request.EffectiveFrom is null) errors["effectiveFrom"] = ["Enter the date the move takes effect (yyyy-mm-dd)"];
            if (errors.Count > 0) return errors;
            await UnitLifecycle.MoveAsync(db, unit, request.SiteId!.Value, request.DivisionId, request.DirectorateId, request.EffectiveFrom!.Value, audit, ct);
            return null;
        });

    private static Task<Results<Ok<UnitDetail>, NotFound, ValidationProblem>> MergeUnit(int id, MergeUnitRequest request, HeardDbContext db,
        CurrentUser user, Audit audit, CancellationToken ct) =>
        ChangeAsync(id, db, user, ct, async unit =>
        {
            var errors = new Dictionary<string, string[]>();
            if (request.TargetUnitId is null) errors["targetUnitId"] = ["Choose the unit this one merges into"];
            if (request.EffectiveFrom is null) errors["effectiveFrom"] = ["Enter the date of the merge (yyyy-mm-dd)"];
            if (errors.Count > 0) return errors;
            var target = await db.Units.FirstOrDefaultAsync(u => u.Id == request.TargetUnitId, ct);
            if (target is null || !await user.CanSeeUnitAsync(target.Id, ct))
                return new() { ["targetUnitId"] = ["Choose a unit that exists and is in your scope"] };
            await UnitLifecycle.MergeAsync(db, unit, target, request.EffectiveFrom!.Value, audit, ct);
            return null;
        });

    private static Task<Results<Ok<UnitDetail>, NotFound, ValidationProblem>> CloseUnit(int id, CloseUnitRequest request, HeardDbContext db,
        CurrentUser user, Audit audit, CancellationToken ct) =>
        ChangeAsync(id, db, user, ct, async unit =>
        {
            if (request.ClosedOn is null) return new() { ["closedOn"] = ["Enter the date the unit closes (yyyy-mm-dd)"] };
            await UnitLifecycle.CloseAsync(db, unit, request.ClosedOn.Value, audit, ct);
            return null;
        });

    private static Task<Results<Ok<UnitDetail>, NotFound, ValidationProblem>> ReopenUnit(int id, ReopenUnitRequest request, HeardDbContext db,
        CurrentUser user, Audit audit, CancellationToken ct) =>
        ChangeAsync(id, db, user, ct, async unit =>
        {
            if (request.ReopenedOn is null) return new() { ["reopenedOn"] = ["Enter the date the unit reopens (yyyy-mm-dd)"] };
            await UnitLifecycle.ReopenAsync(db, unit, request.ReopenedOn.Value, audit, ct);
            return null;
        });

    /// <summary>Finds the unit in the caller's scope, runs the change, and turns a broken rule into a validation problem naming its field.</summary>
    private static async Task<Results<Ok<UnitDetail>, NotFound, ValidationProblem>> ChangeAsync(int id, HeardDbContext db, CurrentUser user,
        CancellationToken ct, Func<Unit, Task<Dictionary<string, string[]>?>> change)
    {
        if (!await user.CanSeeUnitAsync(id, ct)) return TypedResults.NotFound();
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return TypedResults.NotFound();
        try
        {
            if (await change(unit) is { } errors) return TypedResults.ValidationProblem(errors);
        }
        catch (UnitChangeException e)
        {
            return Invalid(e.Field, e.Message);
        }
        return TypedResults.Ok((await OrganisationQueries.UnitAsync(db, id, null, ct))!);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static async Task<FileContentHttpResult> Export(HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct)
    {
        var (bytes, name) = await ExportFileAsync(db, user, audit, ct);
        return TypedResults.File(bytes, "text/csv; charset=utf-8", name);
    }

    /// <summary>The export as bytes (UTF-8 with a byte order mark so spreadsheets read names correctly), recorded in the audit trail.</summary>
    internal static async Task<(byte[] Bytes, string FileName)> ExportFileAsync(HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct)
    {
        var units = await user.UnitIdsAsync(ct);
        var writer = new StringWriter();
        await OrganisationCsv.WriteAsync(db, writer, units, ct);
        await audit.RecordNowAsync(Audit.Actions.Export, "organisation", null,
            units is null ? "organisation CSV, whole installation" : $"organisation CSV, {units.Count} units in scope", ct);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(writer.ToString())).ToArray();
        return (bytes, $"organisation-{DateTime.UtcNow:yyyy-MM-dd}.csv");
    }
}
