using Heard.Analysis.EarlyWarning;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Alerts;

/// <summary>Early-warning alerts for machines: the same scope as the /Alerts page; evaluation on demand for administrators.</summary>
public static class AlertEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/alerts").WithTags("Early warning");
        g.MapGet("/", ListAsync).RequireAuthorization(Policies.SeeEarlyWarnings).WithName("ListEarlyWarningAlerts")
            .WithSummary("Early-warning alerts in your scope, open first, newest first (at most 500).")
            .WithDescription("status: open (default), resolved or all; unit: a unit id; kind: spc-concern, theme-rise, cluster or volume-drop. " +
                "Each alert has its plain-English explanation and links to the evidence (the SPC chart and the comments behind it).");
        g.MapPost("/evaluate", EvaluateAsync).RequireAuthorization(Policies.Administer).WithName("EvaluateEarlyWarnings")
            .WithSummary("Evaluates every unit now, as the daily run does; alerts already raised are not raised again.");
        g.MapPost("/{id:long}/acknowledge", AcknowledgeAsync).RequireAuthorization(Policies.ActOnEarlyWarnings).WithName("AcknowledgeEarlyWarningAlert")
            .WithSummary("Records that you have seen an alert, and when. Acknowledging twice changes nothing.");
    }

    private static async Task<Results<Ok<List<EarlyWarningAlertView>>, ValidationProblem>> ListAsync(
        HeardDbContext db, CurrentUser user, CancellationToken ct, string? status = null, int? unit = null, string? kind = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !AlertFilter.Statuses.Contains(status)) errors["status"] = ["status must be open, resolved or all"];
        if (kind is not null && !AlertKinds.All.Contains(kind)) errors["kind"] = ["kind must be spc-concern, theme-rise, cluster or volume-drop"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await EarlyWarningAlerts.ListAsync(db, user, new AlertFilter(status ?? AlertFilter.Open, unit, kind), 500, ct));
    }

    private static async Task<Ok<EvaluationSummary>> EvaluateAsync(HeardDbContext db, Audit audit, CancellationToken ct)
    {
        var summary = await EarlyWarningEvaluation.RunAsync(db, ct);
        await audit.RecordNowAsync(Audit.Actions.Create, "early-warning-alert", null, $"evaluated early warnings: {summary.Raised} raised, {summary.AlreadyRaised} already raised", ct);
        return TypedResults.Ok(summary);
    }

    private static async Task<Results<NoContent, NotFound>> AcknowledgeAsync(long id, HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct) =>
        await EarlyWarningAlerts.AcknowledgeAsync(db, user, audit, id, ct) == EarlyWarningAlerts.Change.NotFound
            ? TypedResults.NotFound()
            : TypedResults.NoContent();
}
