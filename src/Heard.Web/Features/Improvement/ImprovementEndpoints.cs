using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Improvement;

public sealed record ImprovementCycleSummary(int Number, string Plan, string Prediction, string? Done, string? Study, string? Act,
    DateOnly StartedOn, DateOnly? EndedOn, bool IsChange);

public sealed record ImprovementMeasureSummary(long Id, string Metric, string? Theme, int? DivisionId, int? UnitId);

public sealed record ImprovementProjectSummary(
    long Id, int TrustId, string Title, string Aim, string Lead, string Status, DateOnly StartedOn, IReadOnlyList<int> UnitIds, bool TrustWide,
    bool IsAlwaysEvent, string? AlwaysEventStatement, int StaffParticipants, int PatientPartnerParticipants,
    IReadOnlyList<ImprovementCycleSummary> Cycles, IReadOnlyList<ImprovementMeasureSummary> Measures);

/// <summary>Quality improvement projects for machines: the same projects and scope as the Improvement pages, without people's names.</summary>
public static class ImprovementEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/improvement-projects", ListAsync).WithTags("Improvement").WithName("ImprovementProjects")
            .WithSummary("Quality improvement projects you can see: aim, status, units (none: trust-wide), Plan-Do-Study-Act cycles and the SPC measures each should move.")
            .WithDescription("Filters: unit (id; trust-wide projects of its trust included), status (" + string.Join(", ", ImprovementStatuses.All) +
                "). Participants are counted, never named. A cycle's act is adopt, adapt or abandon, or null until decided; isChange cycles start new limits on the project's charts.");
    }

    private static async Task<Results<Ok<List<ImprovementProjectSummary>>, ValidationProblem>> ListAsync(
        HeardDbContext db, CurrentUser user, CancellationToken ct, int? unit = null, string? status = null)
    {
        if (status is { Length: > 0 } && !ImprovementStatuses.All.Contains(status))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Use one of " + string.Join(", ", ImprovementStatuses.All)] });
        var projects = await ImprovementProjects.VisibleAsync(db, user, ct);
        if (status is { Length: > 0 }) projects = projects.Where(p => p.Status == status).ToList();
        if (unit is int u)
        {
            var trustId = await db.Units.Where(x => x.Id == u).Select(x => (int?)x.TrustId).FirstOrDefaultAsync(ct);
            projects = projects.Where(p => p.Units.Any(x => x.UnitId == u) || (p.Units.Count == 0 && p.TrustId == trustId)).ToList();
        }
        var ids = projects.Select(p => p.Id).ToList();
        var cycles = (await db.PdsaCycles.AsNoTracking().Where(c => ids.Contains(c.ImprovementProjectId)).ToListAsync(ct)).ToLookup(c => c.ImprovementProjectId);
        var measures = (await db.ImprovementMeasures.AsNoTracking().Where(m => ids.Contains(m.ImprovementProjectId)).ToListAsync(ct)).ToLookup(m => m.ImprovementProjectId);
        var people = (await db.ImprovementParticipants.AsNoTracking().Where(x => ids.Contains(x.ImprovementProjectId)).ToListAsync(ct)).ToLookup(x => x.ImprovementProjectId);
        return TypedResults.Ok(projects.OrderByDescending(p => p.StartedOn).ThenBy(p => p.Title).Select(p => new ImprovementProjectSummary(
            p.Id, p.TrustId, p.Title, p.Aim, p.Lead, p.Status, p.StartedOn, p.Units.Select(x => x.UnitId).Order().ToList(), p.Units.Count == 0,
            p.IsAlwaysEvent, p.AlwaysEventStatement, people[p.Id].Count(x => x.UserId is not null), people[p.Id].Count(x => x.PatientPartnerId is not null),
            cycles[p.Id].OrderBy(c => c.Number).Select(c => new ImprovementCycleSummary(c.Number, c.Plan, c.Prediction, c.Done, c.Study, c.Act, c.StartedOn, c.EndedOn, c.IsChange)).ToList(),
            measures[p.Id].Select(m => new ImprovementMeasureSummary(m.Id, m.Metric, m.Theme.Length == 0 ? null : m.Theme, m.DivisionId, m.UnitId)).ToList())).ToList());
    }
}
