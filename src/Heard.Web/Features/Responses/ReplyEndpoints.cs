using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Responses;

/// <summary>Approved replies to online reviews, for the trust's web team to publish: Heard has no review site's API.</summary>
public static class ReplyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/review-replies").RequireAuthorization(Policies.RespondToFeedback).WithTags("Responses");
        g.MapGet("", ListAsync).WithName("ListReviewReplies")
            .WithSummary("Public replies to online reviews in your scope that a second person approved for publishing, newest first (at most 1,000).")
            .WithDescription("status: approved (the only status exported; drafts stay in Heard).");
    }

    private static async Task<Results<Ok<List<ApprovedReviewReply>>, ValidationProblem>> ListAsync(
        HeardDbContext db, CurrentUser user, CancellationToken ct, string? status = null)
    {
        if (status is not (null or ReplyStatuses.Approved))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be approved"] });
        return TypedResults.Ok(await Replies.ApprovedAsync(db, user, ct));
    }
}
