using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Actions;

/// <summary>A new action as JSON: dates as yyyy-MM-dd; evidence optional.</summary>
public sealed record NewActionRequest(
    string? Title, string? Description, int? UnitId, string? OwnerUserId, string? DueOn, string? Metric, string? Theme, string? ChangedOn,
    List<EvidenceInput>? Evidence);

/// <summary>
/// Changes to an action; fields left out stay as they are. <c>status</c> done needs <c>impactReview</c>; <c>note</c> adds a
/// progress note; <c>evidence</c> adds links.
/// </summary>
public sealed record ActionPatchRequest(
    string? Title, string? Description, string? OwnerUserId, string? DueOn, string? Metric, string? Theme, string? ChangedOn,
    string? Status, string? ImpactReview, string? Note, List<EvidenceInput>? Evidence);

/// <summary>Improvement actions for machines: the same scope, rules and audit as the /Actions pages.</summary>
public static class ActionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/actions").WithTags("Actions");
        g.MapGet("", ListAsync).WithName("ListActions")
            .WithSummary("Improvement actions on the units in your scope, soonest due first (at most 500).")
            .WithDescription("Filters: unit, division, mine=true (yours), status (open, in-progress, done, cancelled), overdue=true.");
        g.MapPost("", CreateAsync).RequireAuthorization(Policies.ManageActions).WithName("CreateAction")
            .WithSummary("Creates an action on a unit in your scope, optionally linked to evidence (comment, theme, alert, complaint, survey-result, spc-chart).");
        g.MapPatch("/{id:long}", UpdateAsync).RequireAuthorization(Policies.ManageActions).WithName("UpdateAction")
            .WithSummary("Changes an action: its details, its status (done needs impactReview), a progress note, more evidence.");
    }

    private static async Task<Results<Ok<List<ActionSummary>>, ValidationProblem>> ListAsync(
        HeardDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct,
        int? unit = null, int? division = null, bool? mine = null, string? status = null, bool? overdue = null)
    {
        if (status is { Length: > 0 } && !ActionStatuses.All.Contains(status))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"status must be one of {string.Join(", ", ActionStatuses.All)}"] });
        return TypedResults.Ok(await ActionQueries.ListAsync(db, user, new ActionFilter(unit, division, mine == true, status, overdue == true), ActionEditing.Today(time), ct));
    }

    private static async Task<Results<Created<ActionSummary>, ValidationProblem>> CreateAsync(
        NewActionRequest body, HeardDbContext db, CurrentUser user, Audit audit, TimeProvider time, CancellationToken ct)
    {
        var (value, errors) = await ActionEditing.CheckAsync(db, user,
            new ActionFields(body.Title ?? "", body.Description ?? "", body.UnitId, body.OwnerUserId ?? "", body.DueOn ?? "", body.Metric ?? "", body.Theme ?? "", body.ChangedOn ?? ""), null, ct);
        var (evidence, evidenceErrors) = await ActionEditing.CheckEvidenceAsync(db, user, body.Evidence ?? [], time.GetUtcNow().UtcDateTime, ct);
        foreach (var (k, v) in evidenceErrors) errors[k] = v;
        if (value is null || errors.Count > 0) return Problem(errors);
        var action = await ActionEditing.CreateAsync(db, user, audit, time, value, evidence, ct);
        var summary = await SummaryAsync(db, user, time, action.Id, ct);
        return TypedResults.Created(ActionQueries.Link(action.Id), summary);
    }

    private static async Task<Results<Ok<ActionSummary>, ValidationProblem, NotFound>> UpdateAsync(
        long id, ActionPatchRequest body, HeardDbContext db, CurrentUser user, Audit audit, TimeProvider time, CancellationToken ct)
    {
        if (await ActionQueries.FindAsync(db, user, id, ct) is not { } action) return TypedResults.NotFound();
        var (value, errors) = await ActionEditing.CheckAsync(db, user,
            new ActionFields(body.Title, body.Description, null, body.OwnerUserId, body.DueOn, body.Metric, body.Theme, body.ChangedOn), action, ct);
        var (evidence, evidenceErrors) = await ActionEditing.CheckEvidenceAsync(db, user, body.Evidence ?? [], time.GetUtcNow().UtcDateTime, ct);
        foreach (var (k, v) in evidenceErrors) errors[k] = v;
        var note = body.Note?.Trim();
        if (note is { Length: > ActionEditing.TextMax }) errors["Note"] = $"Keep the note to {ActionEditing.TextMax} characters or fewer";
        if (value is null || errors.Count > 0) return Problem(errors);

        var detailsChanged = body.Title is not null || body.Description is not null || body.OwnerUserId is not null || body.DueOn is not null
            || body.Metric is not null || body.Theme is not null || body.ChangedOn is not null;
        if (detailsChanged)
        {
            ActionEditing.Apply(action, value, time);
            audit.Record(Audit.Actions.Update, "improvement-action", action.Id, $"{action.Title}: details changed");
        }
        if (note is { Length: > 0 }) ActionEditing.AddNote(db, user, time, action, note);
        foreach (var e in evidence) { e.ImprovementActionId = action.Id; db.ActionEvidence.Add(e); }
        if (body.Status is not null)
        {
            var error = await ActionEditing.ChangeStatusAsync(db, user, audit, time, action, body.Status, body.ImpactReview, ct);
            if (error is not null) return Problem(new() { [body.Status == ActionStatuses.Done ? "ImpactReview" : "Status"] = error });
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await SummaryAsync(db, user, time, action.Id, ct));
    }

    private static ValidationProblem Problem(Dictionary<string, string> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value }));

    private static async Task<ActionSummary> SummaryAsync(HeardDbContext db, CurrentUser user, TimeProvider time, long id, CancellationToken ct)
    {
        var one = await ActionQueries.ListAsync(db, user, new ActionFilter(null, null, false, null, false, id), ActionEditing.Today(time), ct);
        return one.Single();
    }
}
