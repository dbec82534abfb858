using Heard.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>Self-assessment rounds for machines, in the same scope as the pages: read-only.</summary>
public static class SelfAssessmentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/self-assessment").WithTags("Self-assessment");
        g.MapGet("/rounds", ListAsync).WithName("SelfAssessmentRounds")
            .WithSummary("The self-assessment rounds (patient experience improvement framework) the caller may see, newest period first, with scored/total and the mean score.");
        g.MapGet("/rounds/{id:int}", GetAsync).WithName("SelfAssessmentRound")
            .WithSummary("One round: every section, characteristic and lettered requirement of the framework with its score (0-5), current position, planned action, what good looks like and evidence links.");
    }

    private static async Task<Ok<List<RoundSummary>>> ListAsync(HeardDbContext db, SelfAssessmentAccess access, CancellationToken ct) =>
        TypedResults.Ok(await SelfAssessmentQuery.ListAsync(db, access, ct));

    private static async Task<Results<Ok<RoundDetail>, NotFound>> GetAsync(int id, HeardDbContext db, SelfAssessmentAccess access, CancellationToken ct) =>
        await SelfAssessmentQuery.LoadAsync(db, access, id, ct) is { } loaded ? TypedResults.Ok(loaded.Detail) : TypedResults.NotFound();
}
