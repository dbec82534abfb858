using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

public sealed record TrustSummary(int Id, string OdsCode, string Name, string? IcbCode, string? IcbName, int Sites, int OpenUnits, int ClosedUnits);

public sealed record UnitSummary(
    int Id, string TrustCode, string Code, string Name, string Kind, IReadOnlyList<string> Settings,
    int SiteId, string SiteCode, string SiteName, int? DivisionId, string? Division, int? DirectorateId, string? Directorate,
    string? FirstSpeciality, string? SecondSpeciality, DateOnly? ClosedOn, int? MergedIntoUnitId, string? MergedIntoUnitCode, string Status);

public sealed record UnitVersionView(DateOnly ValidFrom, DateOnly? ValidTo, string Name, int SiteId, string SiteCode, string SiteName,
    int? DivisionId, string? Division, int? DirectorateId, string? Directorate);

public sealed record UnitAliasView(int Id, string Alias, int SiteId, string SiteCode, string SiteName);

/// <summary>A unit with its history: every name and placement it has had, the other names imports know it by, and the units merged into it.</summary>
public sealed record UnitDetail(UnitSummary Unit, IReadOnlyList<UnitVersionView> History, IReadOnlyList<UnitAliasView> Aliases, IReadOnlyList<UnitSummary> MergedFrom);

/// <summary>Reads of the organisation that the pages and the API share. Every read is limited to the caller's scope.</summary>
public static class OrganisationQueries
{
    /// <summary>Trusts the user may see: those holding a unit in scope, or every trust for a user scoped to the whole installation.</summary>
    public static async Task<List<TrustSummary>> TrustsAsync(HeardDbContext db, HashSet<int>? unitIds, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.TrustId, u.ClosedOn }).ToListAsync(ct);
        if (unitIds is not null) units = units.Where(u => unitIds.Contains(u.Id)).ToList();
        var trustIds = units.Select(u => u.TrustId).ToHashSet();
        var trusts = await db.Trusts.AsNoTracking().Include(t => t.Icb).OrderBy(t => t.Name).ToListAsync(ct);
        if (unitIds is not null) trusts = trusts.Where(t => trustIds.Contains(t.Id)).ToList();
        var sites = (await db.Sites.AsNoTracking().Select(s => s.TrustId).ToListAsync(ct)).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        return trusts.Select(t => new TrustSummary(t.Id, t.OdsCode, t.Name, t.Icb?.Code, t.Icb?.Name, sites.GetValueOrDefault(t.Id),
            units.Count(u => u.TrustId == t.Id && u.ClosedOn is null), units.Count(u => u.TrustId == t.Id && u.ClosedOn is not null))).ToList();
    }

    public static async Task<List<UnitSummary>> UnitsAsync(HeardDbContext db, HashSet<int>? unitIds, int? trustId, CancellationToken ct)
    {
        var query = db.Units.AsNoTracking();
        if (trustId is int t) query = query.Where(u => u.TrustId == t);
        var units = await query.ToListAsync(ct);
        if (unitIds is not null) units = units.Where(u => unitIds.Contains(u.Id)).ToList();
        var lookup = await Lookup.LoadAsync(db, ct);
        return units.Select(lookup.Summary)
            .OrderBy(u => u.TrustCode, StringComparer.Ordinal).ThenBy(u => u.SiteCode, StringComparer.Ordinal).ThenBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The unit and its history; null when it does not exist or is outside <paramref name="unitIds"/>.</summary>
    public static async Task<UnitDetail?> UnitAsync(HeardDbContext db, int id, HashSet<int>? unitIds, CancellationToken ct)
    {
        if (unitIds is not null && !unitIds.Contains(id)) return null;
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return null;
        var lookup = await Lookup.LoadAsync(db, ct);
        var versions = await db.UnitVersions.AsNoTracking().Where(v => v.UnitId == id).ToListAsync(ct);
        var aliases = await db.UnitAliases.AsNoTracking().Where(a => a.UnitId == id).ToListAsync(ct);
        var mergedFrom = await db.Units.AsNoTracking().Where(u => u.MergedIntoUnitId == id).ToListAsync(ct);
        var names = await OrganisationNames.LoadAsync(db, ct);
        string? Then(string level, int? entity, string? current, DateOnly date) =>
            entity is int e && current is not null && names.NameAt(level, e, date, current) is var then && then != current ? $"{then} (now {current})" : current;
        return new UnitDetail(
            lookup.Summary(unit),
            versions.OrderByDescending(v => v.ValidFrom).ThenByDescending(v => v.Id).Select(v => new UnitVersionView(v.ValidFrom, v.ValidTo, v.Name, v.SiteId,
                lookup.SiteCode(v.SiteId), Then(OrganisationLevels.Site, v.SiteId, lookup.SiteName(v.SiteId), v.ValidFrom)!,
                v.DivisionId, Then(OrganisationLevels.Division, v.DivisionId, lookup.DivisionName(v.DivisionId), v.ValidFrom), v.DirectorateId,
                Then(OrganisationLevels.Directorate, v.DirectorateId, lookup.DirectorateName(v.DirectorateId), v.ValidFrom))).ToList(),
            aliases.OrderBy(a => a.Alias, StringComparer.OrdinalIgnoreCase)
                .Select(a => new UnitAliasView(a.Id, a.Alias, a.SiteId, lookup.SiteCode(a.SiteId), lookup.SiteName(a.SiteId))).ToList(),
            mergedFrom.Where(u => unitIds is null || unitIds.Contains(u.Id)).Select(lookup.Summary).ToList());
    }

    /// <summary>True when the user may change things in this trust: an administrator whose scope covers it.</summary>
    public static async Task<bool> CanAdministerTrustAsync(IAuthorizationService auth, CurrentUser user, int trustId, CancellationToken ct)
    {
        if (!(await auth.AuthorizeAsync(user.Principal, Policies.Administer)).Succeeded) return false;
        var trusts = await user.TrustIdsAsync(ct);
        return trusts is null || trusts.Contains(trustId);
    }

    /// <summary>ICBs and new trusts span more than one trust, so only an administrator of the whole installation changes them.</summary>
    public static async Task<bool> CanAdministerInstallationAsync(IAuthorizationService auth, CurrentUser user, CancellationToken ct) =>
        (await auth.AuthorizeAsync(user.Principal, Policies.Administer)).Succeeded && await user.UnitIdsAsync(ct) is null;

    private sealed class Lookup
    {
        private Dictionary<int, Trust> _trusts = [];
        private Dictionary<int, Site> _sites = [];
        private Dictionary<int, Division> _divisions = [];
        private Dictionary<int, Directorate> _directorates = [];
        private Dictionary<int, (string Code, string Name)> _units = [];

        public static async Task<Lookup> LoadAsync(HeardDbContext db, CancellationToken ct) => new()
        {
            _trusts = await db.Trusts.AsNoTracking().ToDictionaryAsync(t => t.Id, ct),
            _sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, ct),
            _divisions = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, ct),
            _directorates = await db.Directorates.AsNoTracking().ToDictionaryAsync(d => d.Id, ct),
            _units = (await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct)).ToDictionary(u => u.Id, u => (u.Code, u.Name)),
        };

        public string SiteCode(int id) => _sites.TryGetValue(id, out var s) ? s.Code : "?";
        public string SiteName(int id) => _sites.TryGetValue(id, out var s) ? s.Name : "(site removed)";
        public string? DivisionName(int? id) => id is int i && _divisions.TryGetValue(i, out var d) ? d.Name : null;
        public string? DirectorateName(int? id) => id is int i && _directorates.TryGetValue(i, out var d) ? d.Name : null;

        public UnitSummary Summary(Unit u)
        {
            var merged = u.MergedIntoUnitId is int m && _units.TryGetValue(m, out var mu) ? mu : default;
            return new UnitSummary(u.Id, _trusts.TryGetValue(u.TrustId, out var t) ? t.OdsCode : "?", u.Code, u.Name, u.Kind, u.SettingCodes.ToList(),
                u.SiteId, SiteCode(u.SiteId), SiteName(u.SiteId), u.DivisionId, DivisionName(u.DivisionId), u.DirectorateId, DirectorateName(u.DirectorateId),
                u.FirstSpeciality, u.SecondSpeciality, u.ClosedOn, u.MergedIntoUnitId, merged.Code,
                UnitLifecycle.StatusOf(u, merged.Name is null ? null : $"{merged.Name} ({merged.Code})"));
        }
    }
}
