using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Import;

/// <summary>
/// Maps the trust, site and unit named in an imported row to the organisation model, creating what is missing when
/// asked to. A unit is found by its current name, any earlier name, or an alias; a merged unit's rows dated after the
/// merge land on its successor. Loaded once per import and kept in memory: organisations are small.
/// </summary>
public sealed class OrganisationDirectory
{
    private readonly HeardDbContext _db;
    private readonly Dictionary<string, Trust> _trusts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(int Trust, string Code), Site> _sites = new();
    private readonly Dictionary<(int Site, string Name), int> _unitByName = new();
    private readonly Dictionary<int, Unit> _units = new();
    private readonly Dictionary<string, Icb> _icbs = new(StringComparer.OrdinalIgnoreCase);

    private OrganisationDirectory(HeardDbContext db) => _db = db;

    public bool CreateMissing { get; init; } = true;
    public List<string> Created { get; } = [];

    public static async Task<OrganisationDirectory> LoadAsync(HeardDbContext db, bool createMissing, CancellationToken ct)
    {
        var d = new OrganisationDirectory(db) { CreateMissing = createMissing };
        foreach (var i in await db.Icbs.ToListAsync(ct)) d._icbs[i.Code] = i;
        foreach (var t in await db.Trusts.ToListAsync(ct)) d._trusts[t.OdsCode] = t;
        foreach (var s in await db.Sites.ToListAsync(ct)) d._sites[(s.TrustId, s.Code.ToUpperInvariant())] = s;
        foreach (var u in await db.Units.ToListAsync(ct))
        {
            d._units[u.Id] = u;
            // A closed unit's name may be reused by a new unit at the same site: the open one takes new feedback.
            var key = (u.SiteId, Key(u.Name));
            if (!d._unitByName.TryGetValue(key, out var existing) || (d._units[existing].ClosedOn is not null && u.ClosedOn is null))
                d._unitByName[key] = u.Id;
        }
        foreach (var v in await db.UnitVersions.ToListAsync(ct))
            d._unitByName.TryAdd((v.SiteId, Key(v.Name)), v.UnitId);
        foreach (var a in await db.UnitAliases.ToListAsync(ct))
        {
            // A merge leaves the merged unit's name as an alias of its successor; the name must still find the merged
            // unit itself, so that the merge date below decides where a row lands and earlier rows stay put.
            if (d._unitByName.TryGetValue((a.SiteId, Key(a.Alias)), out var named) && d._units.TryGetValue(named, out var merged)
                && merged.MergedIntoUnitId == a.UnitId)
                continue;
            d._unitByName[(a.SiteId, Key(a.Alias))] = a.UnitId;
        }
        return d;
    }

    private static string Key(string name) => string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    public sealed record Resolved(int TrustId, int SiteId, int UnitId, string? Setting);

    /// <summary>Finds (or creates) the unit for a row; returns null with a reason a person can act on.</summary>
    public async Task<Resolved?> ResolveAsync(FftRow row, CancellationToken ct)
    {
        // A file names the same few hundred units again and again: once a unit is resolved, later rows naming it the
        // same way take the answer straight from here, unless they could change something (an ICB or a speciality).
        var key = (row.TrustCode, row.SiteCode, row.Unit, row.Setting);
        if (_resolvedRows.TryGetValue(key, out var hit)
            && (row.IcbCode is null || hit.Trust.IcbId is not null)
            && (row.FirstSpeciality is null || hit.Unit.FirstSpeciality is not null))
        {
            LastProblem = null;
            return hit.Resolved;
        }
        var resolved = await ResolveAsync(row.IcbCode, row.TrustCode, row.TrustName, row.SiteCode, row.SiteName, row.Unit,
            row.FirstSpeciality, row.SecondSpeciality, row.Setting, row.Date, ct);
        // Only a unit that is open is remembered: a closed or merged one resolves by each row's date.
        if (resolved is not null && _units.TryGetValue(resolved.UnitId, out var unit) && unit.ClosedOn is null
            && _trusts.TryGetValue(row.TrustCode, out var trust) && FindUnit(resolved.SiteId, row.Unit) == resolved.UnitId)
            _resolvedRows[key] = (resolved, trust, unit);
        return resolved;
    }

    private readonly Dictionary<(string, string, string, string?), (Resolved Resolved, Trust Trust, Unit Unit)> _resolvedRows = new();

    public async Task<Resolved?> ResolveAsync(string? icbCode, string trustCode, string? trustName, string siteCode, string? siteName,
        string unitName, string? firstSpeciality, string? secondSpeciality, string? setting, DateOnly date, CancellationToken ct, bool fft = true)
    {
        LastProblem = null;
        var trust = await TrustAsync(icbCode, trustCode, trustName, ct);
        if (trust is null) return null;
        var site = await SiteAsync(trust, siteCode, siteName, ct);
        if (site is null) return null;
        if (!_unitByName.TryGetValue((site.Id, Key(unitName)), out var unitId))
        {
            if (!CreateMissing)
            {
                LastProblem = $"unit: '{unitName}' is not a known unit at site {site.Code}; create it, or map the name to an existing unit (Organisation > unit > aliases)";
                return null;
            }
            var unit = await NewUnitAsync(trust, site, unitName, setting, firstSpeciality, secondSpeciality, ct);
            await SaveUnitsAsync([(unit, site)], ct);
            unitId = unit.Id;
        }
        var u = _units[unitId];
        // Feedback dated after a merge belongs to the unit that took the work on; earlier feedback stays put.
        for (var hops = 0; u.MergedIntoUnitId is int next && u.ClosedOn is DateOnly closed && date >= closed && hops < 10; hops++)
            u = _units[next];
        if (u.ClosedOn is DateOnly c && date >= c && u.MergedIntoUnitId is null)
        {
            LastProblem = $"unit: '{u.Name}' closed on {c:yyyy-MM-dd}, before this response's date {date:yyyy-MM-dd}";
            return null;
        }
        if (!fft)
            return new Resolved(u.TrustId, site.Id, u.Id, null);
        if (setting is null)
        {
            var settings = u.SettingCodes.ToList();
            if (settings.Count != 1)
            {
                LastProblem = settings.Count == 0
                    ? "setting: missing, and the unit has no FFT setting to assume"
                    : $"setting: missing, and the unit collects for several settings ({string.Join(", ", settings)})";
                return null;
            }
            setting = settings[0];
        }
        else if (!u.SettingCodes.Contains(setting))
        {
            u.Settings = string.Join(',', u.SettingCodes.Append(setting));
            await _db.SaveChangesAsync(ct);
        }
        if (u.FirstSpeciality is null && firstSpeciality is not null)
        {
            u.FirstSpeciality = firstSpeciality;
            u.SecondSpeciality ??= secondSpeciality;
            await _db.SaveChangesAsync(ct);
        }
        return new Resolved(u.TrustId, site.Id, u.Id, setting);
    }

    public string? LastProblem { get; private set; }

    /// <summary>
    /// Creates, together, the units that these rows name and the directory does not know yet, so that resolving the rows
    /// afterwards finds them all. A file's first chunk usually brings every one of its new units; saving them one at a
    /// time cost a save and a commit each (a tenth of a 300,000-row import for 200 units). A row whose trust or site
    /// cannot be had is left alone: resolving it reports the problem.
    /// </summary>
    public async Task CreateUnitsAsync(IEnumerable<FftRow> rows, CancellationToken ct)
    {
        if (!CreateMissing) return;
        var fresh = new List<(Unit Unit, Site Site)>();
        var named = new HashSet<(int Site, string Name)>();
        foreach (var row in rows)
        {
            if (_resolvedRows.ContainsKey((row.TrustCode, row.SiteCode, row.Unit, row.Setting))) continue;
            var trust = await TrustAsync(row.IcbCode, row.TrustCode, row.TrustName, ct);
            if (trust is null) continue;
            var site = await SiteAsync(trust, row.SiteCode, row.SiteName, ct);
            if (site is null) continue;
            var key = (site.Id, Key(row.Unit));
            if (_unitByName.ContainsKey(key) || !named.Add(key)) continue;
            fresh.Add((await NewUnitAsync(trust, site, row.Unit, row.Setting, row.FirstSpeciality, row.SecondSpeciality, ct), site));
        }
        LastProblem = null;
        if (fresh.Count > 0) await SaveUnitsAsync(fresh, ct);
    }

    private async Task<Unit> NewUnitAsync(Trust trust, Site site, string name, string? setting, string? firstSpeciality, string? secondSpeciality,
        CancellationToken ct)
    {
        var unit = new Unit
        {
            TrustId = trust.Id, SiteId = site.Id, Name = name.Trim(), Code = await NewUnitCodeAsync(trust, site, ct),
            Kind = UnitKinds.Ward, Settings = setting ?? "", FirstSpeciality = firstSpeciality, SecondSpeciality = secondSpeciality,
            CreatedAt = DateTime.UtcNow,
        };
        _unitCodes[trust.Id].Add(unit.Code);
        return unit;
    }

    /// <summary>One commit for new units and their first versions.</summary>
    private async Task SaveUnitsAsync(IReadOnlyList<(Unit Unit, Site Site)> units, CancellationToken ct)
    {
        await using (var tx = await _db.Database.BeginTransactionAsync(ct))
        {
            foreach (var (unit, _) in units) _db.Units.Add(unit);
            await _db.SaveChangesAsync(ct);
            foreach (var (unit, site) in units)
                _db.UnitVersions.Add(new UnitVersion { UnitId = unit.Id, Name = unit.Name, SiteId = site.Id, ValidFrom = new DateOnly(2000, 1, 1) });
            await _db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        foreach (var (unit, site) in units)
        {
            _units[unit.Id] = unit;
            _unitByName[(site.Id, Key(unit.Name))] = unit.Id;
            Created.Add($"unit {unit.Name} at {site.Code}");
        }
    }

    public async Task<Trust?> TrustAsync(string? icbCode, string trustCode, string? trustName, CancellationToken ct)
    {
        if (_trusts.TryGetValue(trustCode, out var trust))
        {
            if (trust.IcbId is null && icbCode is not null)
            {
                trust.IcbId = (await IcbAsync(icbCode, ct)).Id;
                await _db.SaveChangesAsync(ct);
            }
            return trust;
        }
        if (!CreateMissing)
        {
            LastProblem = $"trust_code: '{trustCode}' is not a trust in Heard; add it under Organisation first";
            return null;
        }
        trust = new Trust { OdsCode = trustCode, Name = trustName ?? trustCode, IcbId = icbCode is null ? null : (await IcbAsync(icbCode, ct)).Id };
        _db.Trusts.Add(trust);
        await _db.SaveChangesAsync(ct);
        _trusts[trustCode] = trust;
        Created.Add($"trust {trustCode}");
        return trust;
    }

    private async Task<Icb> IcbAsync(string code, CancellationToken ct)
    {
        if (_icbs.TryGetValue(code, out var icb)) return icb;
        icb = new Icb { Code = code.ToUpperInvariant(), Name = code.ToUpperInvariant() };
        _db.Icbs.Add(icb);
        await _db.SaveChangesAsync(ct);
        _icbs[code] = icb;
        Created.Add($"ICB {code}");
        return icb;
    }

    public async Task<Site?> SiteAsync(Trust trust, string siteCode, string? siteName, CancellationToken ct)
    {
        if (_sites.TryGetValue((trust.Id, siteCode.ToUpperInvariant()), out var site)) return site;
        if (!CreateMissing)
        {
            LastProblem = $"site_code: '{siteCode}' is not a site of trust {trust.OdsCode}; add it under Organisation first";
            return null;
        }
        site = new Site { TrustId = trust.Id, Code = siteCode.ToUpperInvariant(), Name = siteName ?? siteCode };
        _db.Sites.Add(site);
        await _db.SaveChangesAsync(ct);
        _sites[(trust.Id, site.Code)] = site;
        Created.Add($"site {site.Code}");
        return site;
    }

    /// <summary>Looks a unit up without creating anything: the site id when the site is known, and the unit id when the unit is.</summary>
    public (int? SiteId, int? UnitId) Find(string trustCode, string siteCode, string unitName)
    {
        if (!_trusts.TryGetValue(trustCode, out var trust)) return (null, null);
        if (!_sites.TryGetValue((trust.Id, siteCode.ToUpperInvariant()), out var site)) return (null, null);
        return (site.Id, FindUnit(site.Id, unitName));
    }

    public int? FindUnit(int siteId, string name) => _unitByName.TryGetValue((siteId, Key(name)), out var id) ? id : null;

    private readonly Dictionary<int, HashSet<string>> _unitCodes = new();

    private async Task<string> NewUnitCodeAsync(Trust trust, Site site, CancellationToken ct)
    {
        if (!_unitCodes.TryGetValue(trust.Id, out var taken))
            _unitCodes[trust.Id] = taken = (await _db.Units.Where(u => u.TrustId == trust.Id).Select(u => u.Code).ToListAsync(ct))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var n = taken.Count + 1; ; n++)
        {
            var code = $"{site.Code}-U{n:000}";
            if (!taken.Contains(code)) return code;
        }
    }
}
