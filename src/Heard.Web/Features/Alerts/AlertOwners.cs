using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Alerts;

/// <summary>A person an alert can be given to.</summary>
public sealed record AlertOwner(string UserId, string UserName, string DisplayName);

/// <summary>Who owns a new alert on each unit of a trust: the unit's ward manager, else the trust's PX lead.</summary>
public sealed class OwnerDefaults(IReadOnlyDictionary<int, string> wardManagers, string? trustLead)
{
    public string? For(int unitId) => wardManagers.TryGetValue(unitId, out var manager) ? manager : trustLead;
}

/// <summary>
/// Who owns alerts, and who they may be given to. A new alert goes to the ward or team manager whose scope is that unit
/// (the first by user name when there are several); with none, to the trust's PX lead: a PX analyst scoped to the trust,
/// else one who sees everything, else a PX administrator likewise. An alert can be reassigned to anyone in an acting
/// role who can see its unit.
/// </summary>
public static class AlertOwners
{
    /// <summary>Roles that act on alerts (acknowledge, resolve, own them).</summary>
    public static readonly string[] ActingRoles = [Roles.PxAdministrator, Roles.PxAnalyst, Roles.DivisionLead, Roles.WardManager, Roles.ComplaintsOfficer];

    private sealed record RoleHolder(string UserId, string Role, string UserName, string DisplayName);

    private static async Task<List<RoleHolder>> HoldersAsync(HeardDbContext db, string[] roles, CancellationToken ct) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               join u in db.Users on ur.UserId equals u.Id
               where roles.Contains(r.Name!)
               orderby u.UserName
               select new RoleHolder(ur.UserId, r.Name!, u.UserName ?? u.Id, u.DisplayName)).ToListAsync(ct);

    public static async Task<OwnerDefaults> DefaultsAsync(HeardDbContext db, int trustId, CancellationToken ct)
    {
        var holders = await HoldersAsync(db, [Roles.WardManager, Roles.PxAnalyst, Roles.PxAdministrator], ct);
        var ids = holders.Select(h => h.UserId).Distinct().ToList();
        var scopes = await db.UserScopes.AsNoTracking().Where(s => ids.Contains(s.UserId)).ToListAsync(ct);

        var managers = new Dictionary<int, string>();
        foreach (var h in holders.Where(h => h.Role == Roles.WardManager))
        {
            foreach (var s in scopes.Where(s => s.UserId == h.UserId && s.Level == ScopeLevels.Unit && s.ScopeId is not null))
                managers.TryAdd(s.ScopeId!.Value, h.UserId);
        }

        // Rank: analyst before administrator, a trust scope before seeing everything; then user name (the holders' order).
        var lead = holders
            .Where(h => h.Role is Roles.PxAnalyst or Roles.PxAdministrator)
            .Select(h => (h.UserId, Rank: (h.Role == Roles.PxAnalyst ? 0 : 2) + (
                scopes.Any(s => s.UserId == h.UserId && s.Level == ScopeLevels.Trust && s.ScopeId == trustId) ? 0
                : scopes.Any(s => s.UserId == h.UserId && s.Level == ScopeLevels.All) ? 1 : 99)))
            .Where(x => x.Rank < 99)
            .OrderBy(x => x.Rank)
            .Select(x => x.UserId)
            .FirstOrDefault();
        return new OwnerDefaults(managers, lead);
    }

    /// <summary>For each unit, the people an alert on it may be given to.</summary>
    public static async Task<Dictionary<int, List<AlertOwner>>> CandidatesAsync(HeardDbContext db, IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        var result = unitIds.Distinct().ToDictionary(u => u, _ => new List<AlertOwner>());
        if (result.Count == 0) return result;
        var holders = (await HoldersAsync(db, ActingRoles, ct)).DistinctBy(h => h.UserId).ToList();
        foreach (var h in holders)
        {
            var scope = await CurrentUser.UnitsInScopeAsync(db, h.UserId, ct);
            foreach (var (unit, list) in result)
            {
                if (scope is null || scope.Contains(unit)) list.Add(new AlertOwner(h.UserId, h.UserName, h.DisplayName));
            }
        }
        return result;
    }
}
