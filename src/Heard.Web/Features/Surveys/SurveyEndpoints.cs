using Heard.Data;
using Heard.Web.Features.Collection;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Surveys;

public sealed record SurveyVersionDetail(int Number, string Status, DateTime CreatedAt, DateTime? PublishedAt, long Responses, SurveyDefinition Definition);

public sealed record SurveyDetail(SurveyRegisterRow Survey, IReadOnlyList<SurveyVersionDetail> Versions);

/// <summary>The survey register over HTTP, for the PX team's own reporting.</summary>
public static class SurveyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var surveys = api.MapGroup("/surveys").RequireAuthorization(Policies.ManageSurveys).WithTags("Surveys");
        surveys.MapGet("", GetRegister)
            .WithName("SurveyRegister")
            .WithSummary("The survey register: every survey of the trusts in the caller's scope")
            .WithDescription("Name, owner, dates, status, where each survey runs, responses so far, and the surveys that target the same unit and setting in an overlapping period.");
        surveys.MapGet("/{id:int}", GetSurvey)
            .WithName("Survey")
            .WithSummary("One survey with every version's questions and responses")
            .WithDescription("404 when the survey does not exist or belongs to a trust outside the caller's scope.");
    }

    private static async Task<Ok<List<SurveyRegisterRow>>> GetRegister(HeardDbContext db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await SurveyRegister.LoadAsync(db, await user.TrustIdsAsync(ct), DateOnly.FromDateTime(DateTime.UtcNow), ct));

    private static async Task<Results<Ok<SurveyDetail>, NotFound>> GetSurvey(int id, HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var survey = await SurveyEditing.FindInScopeAsync(db, user, id, ct);
        if (survey is null) return TypedResults.NotFound();
        var row = (await SurveyRegister.LoadAsync(db, [survey.TrustId], DateOnly.FromDateTime(DateTime.UtcNow), ct)).Single(r => r.Id == id);
        var versions = await db.SurveyVersions.AsNoTracking().Where(v => v.SurveyId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        return TypedResults.Ok(new SurveyDetail(row, versions.Select(v => new SurveyVersionDetail(v.Number, v.Status, v.CreatedAt, v.PublishedAt,
            row.Versions.FirstOrDefault(x => x.Id == v.Id)?.Responses ?? 0, SurveyDefinition.FromJson(v.DefinitionJson))).ToList()));
    }
}
