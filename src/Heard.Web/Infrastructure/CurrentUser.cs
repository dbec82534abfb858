using System.Security.Claims;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Infrastructure;

/// <summary>
/// The signed-in user and the part of the organisation they may see. Every query over feedback filters by
/// <see cref="UnitIdsAsync"/>; nothing outside it is ever read.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http, HeardDbContext db)
{
    private HashSet<int>? _units;
    private bool _resolved;

    public ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();
    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);
    public string Name => Principal.Identity?.Name ?? "anonymous";
    public bool IsInRole(string role) => Principal.IsInRole(role);
    public bool CanReadComments => Roles.All.Except(Roles.AggregatesOnly).Any(IsInRole);
    public bool CanReadIdentifiable => Roles.Identifiable.Any(IsInRole);
    public bool IsAdministrator => IsInRole(Roles.PxAdministrator);

    /// <summary>Unit ids in scope; null means every unit in the installation.</summary>
    public async Task<HashSet<int>?> UnitIdsAsync(CancellationToken ct = default)
    {
        if (_resolved) return _units;
        _units = UserId is null ? [] : await UnitsInScopeAsync(db, UserId, ct);
        _resolved = true;
        return _units;
    }

    public async Task<bool> CanSeeUnitAsync(int unitId, CancellationToken ct = default)
    {
        var units = await UnitIdsAsync(ct);
        return units is null || units.Contains(unitId);
    }

    public async Task<HashSet<int>?> TrustIdsAsync(CancellationToken ct = default)
    {
        var units = await UnitIdsAsync(ct);
        if (units is null) return null;
        return (await db.Units.Where(u => units.Contains(u.Id)).Select(u => u.TrustId).Distinct().ToListAsync(ct)).ToHashSet();
    }

    public static async Task<HashSet<int>?> UnitsInScopeAsync(HeardDbContext db, string userId, CancellationToken ct = default)
    {
        var scopes = await db.UserScopes.Where(s => s.UserId == userId).ToListAsync(ct);
        if (scopes.Any(s => s.Level == ScopeLevels.All)) return null;
        var units = await db.Units.AsNoTracking()
            .Select(u => new { u.Id, u.TrustId, u.SiteId, u.DivisionId, u.DirectorateId, IcbId = u.Trust!.IcbId })
            .ToListAsync(ct);
        var result = new HashSet<int>();
        foreach (var s in scopes)
        {
            foreach (var u in units)
            {
                var match = s.Level switch
                {
                    ScopeLevels.Icb => u.IcbId == s.ScopeId,
                    ScopeLevels.Trust => u.TrustId == s.ScopeId,
                    ScopeLevels.Site => u.SiteId == s.ScopeId,
                    ScopeLevels.Division => u.DivisionId == s.ScopeId,
                    ScopeLevels.Directorate => u.DirectorateId == s.ScopeId,
                    ScopeLevels.Unit => u.Id == s.ScopeId,
                    _ => false,
                };
                if (match) result.Add(u.Id);
            }
        }
        return result;
    }
}
