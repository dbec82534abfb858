using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Safeguarding;

/// <summary>Safeguarding alerts for machines: the same scope, redaction and audit as the /Safeguarding page.</summary>
public static class SafeguardingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/safeguarding").RequireAuthorization(Policies.SeeSafeguardingAlerts).WithTags("Safeguarding");
        g.MapGet("/alerts", ListAsync).WithName("ListSafeguardingAlerts")
            .WithSummary("Safeguarding alerts in your scope, newest first (at most 500).")
            .WithDescription("status: open (default; not yet closed) or all. The comment is redacted for roles without identifiable data; unredacted reads are audited.");
        g.MapPost("/alerts/{id:long}/acknowledge", AcknowledgeAsync).WithName("AcknowledgeSafeguardingAlert")
            .WithSummary("Records that you have seen an alert, and when. Acknowledging twice changes nothing.");
    }

    private static async Task<Results<Ok<List<AlertView>>, ValidationProblem>> ListAsync(
        HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct, string? status = null)
    {
        if (status is not (null or "open" or "all"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be open or all"] });
        var alerts = await SafeguardingAlerts.ListAsync(db, user, openOnly: status != "all", 500, ct);
        if (user.CanReadIdentifiable && alerts.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "safeguarding-alert", null, $"safeguarding alerts API: {alerts.Count} unredacted comments", ct);
        return TypedResults.Ok(alerts);
    }

    private static async Task<Results<NoContent, NotFound>> AcknowledgeAsync(long id, HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct) =>
        await SafeguardingAlerts.AcknowledgeAsync(db, user, audit, id, ct) == SafeguardingAlerts.Change.NotFound
            ? TypedResults.NotFound()
            : TypedResults.NoContent();
}
