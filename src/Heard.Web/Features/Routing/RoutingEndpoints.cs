using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Routing;

/// <summary>Routing for machines: the same rules, inbox, scope and redaction as the /Routing pages.</summary>
public static class RoutingEndpoints
{
    public sealed record AcknowledgeRequest(string? Note);

    public static void Map(RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/routing").RequireAuthorization(Policies.ManageRouting).WithTags("Routing");
        rules.MapGet("/rules", ListRulesAsync).WithName("ListRoutingRules")
            .WithSummary("Routing rules of the trusts in your scope, by name.");
        rules.MapPost("/rules", CreateRuleAsync).WithName("CreateRoutingRule")
            .WithSummary("Adds a routing rule. It applies to comments stored from now on.")
            .WithDescription("Conditions left out match anything: theme (a code label or category), unitId, divisionId, siteId, keyword (words matched by stem, ignoring case), source, sentiment (positive 1-2, neutral 3, negative 4-5). At least one target: targetTeamId, targetUserName or targetWardManager.");
        var routed = api.MapGroup("/routed").RequireAuthorization(Policies.ReadComments).WithTags("Routing");
        routed.MapGet("", InboxAsync).WithName("ListRoutedToMe")
            .WithSummary("Comments routed to you, your teams and the units you manage: unacknowledged first (at most 200).")
            .WithDescription("The comment is redacted for roles without identifiable data; unredacted reads are audited.");
        routed.MapPost("/{id:long}/acknowledge", AcknowledgeAsync).WithName("AcknowledgeRoutedComment")
            .WithSummary("Records that you (a member of its target) have read a routed comment. Acknowledging twice changes nothing.");
    }

    private static async Task<Ok<List<RuleView>>> ListRulesAsync(HeardDbContext db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await RoutingRules.ListAsync(db, user, ct));

    private static async Task<Results<Created<RuleView>, ValidationProblem>> CreateRuleAsync(
        RuleRequest request, HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct)
    {
        var (rule, errors) = await RoutingRules.ValidateAsync(db, user, request, ct);
        if (rule is null) return TypedResults.ValidationProblem(errors);
        await RoutingRules.SaveAsync(db, audit, rule, ct);
        var view = (await RoutingRules.ListAsync(db, user, ct)).Single(r => r.Id == rule.Id);
        return TypedResults.Created($"/api/routing/rules/{rule.Id}", view);
    }

    private static async Task<Ok<List<RoutedView>>> InboxAsync(HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct)
    {
        var items = await RoutedInbox.ListAsync(db, user, ct);
        if (user.CanReadIdentifiable && items.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "routed-item", null, $"routed feedback API: {items.Count} unredacted comments", ct);
        return TypedResults.Ok(items);
    }

    private static async Task<Results<NoContent, NotFound>> AcknowledgeAsync(
        long id, HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct, AcknowledgeRequest? body = null) =>
        await RoutedInbox.AcknowledgeAsync(db, user, audit, id, body?.Note, ct) == RoutedInbox.Change.NotFound
            ? TypedResults.NotFound()
            : TypedResults.NoContent();
}
