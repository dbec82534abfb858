using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>The trust, or one of its divisions, that a round assesses.</summary>
public sealed record AssessedOrganisation(int TrustId, int? DivisionId, string Name)
{
    public string Key => DivisionId is { } d ? $"division-{d}" : $"trust-{TrustId}";
}

/// <summary>
/// Who may read and who may change a round. Reading follows the unit scope every page uses: a trust's rounds for anyone
/// who sees a unit of the trust, a division's for anyone who sees a unit of the division. Changing needs an editing role
/// (the PX team or a division lead) and a scope that holds the whole organisation: everything, its ICB, its trust, or
/// (for a division's round) the division itself. A lead for one division can never edit another's, or the trust's.
/// </summary>
public sealed class SelfAssessmentAccess(HeardDbContext db, CurrentUser user)
{
    public static readonly string[] EditorRoles = [Roles.PxAdministrator, Roles.PxAnalyst, Roles.DivisionLead];

    private List<UserScope>? _scopes;
    private (HashSet<int> Trusts, HashSet<int> Divisions)? _readable;
    private Dictionary<int, int?>? _trustIcbs;

    public bool HasEditorRole => EditorRoles.Any(user.IsInRole);

    public async Task<bool> CanReadAsync(int trustId, int? divisionId, CancellationToken ct = default)
    {
        var units = await user.UnitIdsAsync(ct);
        if (units is null) return true;
        _readable ??= await ReadableAsync(units, ct);
        var (trusts, divisions) = _readable.Value;
        if (divisionId is { } d ? divisions.Contains(d) : trusts.Contains(trustId)) return true;
        return await CanEditAsync(trustId, divisionId, ct);
    }

    public async Task<bool> CanEditAsync(int trustId, int? divisionId, CancellationToken ct = default)
    {
        if (!HasEditorRole || user.UserId is null) return false;
        _scopes ??= await db.UserScopes.AsNoTracking().Where(s => s.UserId == user.UserId).ToListAsync(ct);
        _trustIcbs ??= await db.Trusts.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.IcbId, ct);
        var icb = _trustIcbs.GetValueOrDefault(trustId);
        return _scopes.Any(s => s.Level switch
        {
            ScopeLevels.All => true,
            ScopeLevels.Icb => icb is not null && s.ScopeId == icb,
            ScopeLevels.Trust => s.ScopeId == trustId,
            ScopeLevels.Division => divisionId is not null && s.ScopeId == divisionId,
            _ => false,
        });
    }

    public Task<bool> CanReadAsync(SelfAssessmentRound r, CancellationToken ct = default) => CanReadAsync(r.TrustId, r.DivisionId, ct);
    public Task<bool> CanEditAsync(SelfAssessmentRound r, CancellationToken ct = default) => CanEditAsync(r.TrustId, r.DivisionId, ct);

    /// <summary>Every trust and division the user may start a round for, trust first then its divisions.</summary>
    public async Task<List<AssessedOrganisation>> EditableOrganisationsAsync(CancellationToken ct = default)
    {
        var result = new List<AssessedOrganisation>();
        if (!HasEditorRole) return result;
        var trusts = await db.Trusts.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var divisions = await db.Divisions.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        foreach (var t in trusts)
        {
            if (await CanEditAsync(t.Id, null, ct)) result.Add(new AssessedOrganisation(t.Id, null, t.Name));
            foreach (var d in divisions.Where(d => d.TrustId == t.Id))
                if (await CanEditAsync(t.Id, d.Id, ct)) result.Add(new AssessedOrganisation(t.Id, d.Id, $"{t.Name}: {d.Name}"));
        }
        return result;
    }

    public async Task<string> NameAsync(int trustId, int? divisionId, CancellationToken ct = default)
    {
        var trust = await db.Trusts.AsNoTracking().Where(t => t.Id == trustId).Select(t => t.Name).SingleOrDefaultAsync(ct) ?? "Unknown trust";
        if (divisionId is null) return trust;
        var division = await db.Divisions.AsNoTracking().Where(d => d.Id == divisionId).Select(d => d.Name).SingleOrDefaultAsync(ct);
        return $"{trust}: {division}";
    }

    private async Task<(HashSet<int>, HashSet<int>)> ReadableAsync(HashSet<int> units, CancellationToken ct)
    {
        var rows = await db.Units.AsNoTracking().Where(u => units.Contains(u.Id)).Select(u => new { u.TrustId, u.DivisionId }).Distinct().ToListAsync(ct);
        return (rows.Select(r => r.TrustId).ToHashSet(), rows.Where(r => r.DivisionId != null).Select(r => r.DivisionId!.Value).ToHashSet());
    }
}
