using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

/// <summary>A change to a unit that the rules do not allow; <see cref="Field"/> names the input at fault.</summary>
public sealed class UnitChangeException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// What can happen to a ward, team or service over its life: created, renamed, moved, merged, closed, reopened.
/// Each change closes the current <see cref="UnitVersion"/> and opens a new one, so a report for an earlier month
/// still shows the name, site and division the unit had then. Feedback rows are never touched: they point at the
/// unit, and the unit's versions say where it sat at the time. Every operation validates, records an audit entry
/// and saves; a rule broken throws <see cref="UnitChangeException"/> before anything is written.
/// </summary>
public static class UnitLifecycle
{
    /// <summary>When a unit's first version starts, so feedback imported for any earlier date still finds it (the importer uses the same date).</summary>
    public static readonly DateOnly Beginning = new(2000, 1, 1);

    public const int MaxNameLength = 200;
    public const int MaxCodeLength = 40;

    public static string StatusOf(Unit unit, string? mergedIntoName = null) =>
        unit.ClosedOn is null ? "Open"
        : unit.MergedIntoUnitId is not null ? $"Merged into {mergedIntoName ?? "another unit"}"
        : "Closed";

    /// <summary>The unit's name and placement on a date, or null when it did not exist (or was closed) then.</summary>
    public static Task<UnitVersion?> VersionAtAsync(HeardDbContext db, int unitId, DateOnly date) =>
        db.UnitVersions.AsNoTracking()
            .Where(v => v.UnitId == unitId && v.ValidFrom <= date && (v.ValidTo == null || v.ValidTo > date))
            .OrderByDescending(v => v.ValidFrom)
            .FirstOrDefaultAsync();

    /// <summary>Adds a unit with its first version. Trust is taken from the site.</summary>
    public static async Task<Unit> CreateAsync(HeardDbContext db, Unit unit, Audit audit, CancellationToken ct = default)
    {
        unit.Name = CheckName(unit.Name, "name");
        unit.Code = CheckCode(unit.Code, "code");
        unit.Kind = CheckKind(unit.Kind, "kind");
        unit.Settings = CheckSettings(unit.SettingCodes, "settings");
        unit.FirstSpeciality = Optional(unit.FirstSpeciality, "firstSpeciality");
        unit.SecondSpeciality = Optional(unit.SecondSpeciality, "secondSpeciality");
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == unit.SiteId, ct)
            ?? throw new UnitChangeException("siteId", "Choose a site that exists");
        unit.TrustId = site.TrustId;
        (unit.DivisionId, unit.DirectorateId) = await CheckPlacementAsync(db, site.TrustId, unit.DivisionId, unit.DirectorateId, ct);
        var codes = await db.Units.Where(u => u.TrustId == unit.TrustId).Select(u => u.Code).ToListAsync(ct);
        if (codes.Contains(unit.Code, StringComparer.OrdinalIgnoreCase))
            throw new UnitChangeException("code", $"Code '{unit.Code}' is already used by another unit in this trust");
        await CheckNameFreeAsync(db, unit.SiteId, unit.Name, null, "name", ct);
        unit.ClosedOn = null;
        unit.MergedIntoUnitId = null;
        unit.CreatedAt = DateTime.UtcNow;

        await using var tx = await BeginAsync(db, ct);
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        db.UnitVersions.Add(new UnitVersion
        {
            UnitId = unit.Id, Name = unit.Name, SiteId = unit.SiteId, DivisionId = unit.DivisionId,
            DirectorateId = unit.DirectorateId, ValidFrom = Beginning,
        });
        audit.Record(Audit.Actions.Create, "unit", unit.Id, $"created {unit.Kind} '{unit.Name}' ({unit.Code}) at site {site.Code}");
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return unit;
    }

    /// <summary>Changes what is not history: code, kind, settings, specialities. Name and placement go through <see cref="RenameAsync"/> and <see cref="MoveAsync"/>.</summary>
    public static async Task UpdateDetailsAsync(HeardDbContext db, Unit unit, string code, string kind, IEnumerable<string> settings,
        string? firstSpeciality, string? secondSpeciality, Audit audit, CancellationToken ct = default)
    {
        code = CheckCode(code, "code");
        kind = CheckKind(kind, "kind");
        var settingList = CheckSettings(settings, "settings");
        firstSpeciality = Optional(firstSpeciality, "firstSpeciality");
        secondSpeciality = Optional(secondSpeciality, "secondSpeciality");
        if (!string.Equals(code, unit.Code, StringComparison.OrdinalIgnoreCase))
        {
            var codes = await db.Units.Where(u => u.TrustId == unit.TrustId && u.Id != unit.Id).Select(u => u.Code).ToListAsync(ct);
            if (codes.Contains(code, StringComparer.OrdinalIgnoreCase))
                throw new UnitChangeException("code", $"Code '{code}' is already used by another unit in this trust");
        }
        var changes = new List<string>();
        if (code != unit.Code) changes.Add($"code '{unit.Code}' -> '{code}'");
        if (kind != unit.Kind) changes.Add($"kind {unit.Kind} -> {kind}");
        if (settingList != unit.Settings) changes.Add($"settings '{unit.Settings}' -> '{settingList}'");
        if (firstSpeciality != unit.FirstSpeciality) changes.Add($"first speciality '{unit.FirstSpeciality}' -> '{firstSpeciality}'");
        if (secondSpeciality != unit.SecondSpeciality) changes.Add($"second speciality '{unit.SecondSpeciality}' -> '{secondSpeciality}'");
        if (changes.Count == 0) return;
        unit.Code = code;
        unit.Kind = kind;
        unit.Settings = settingList;
        unit.FirstSpeciality = firstSpeciality;
        unit.SecondSpeciality = secondSpeciality;
        audit.Record(Audit.Actions.Update, "unit", unit.Id, string.Join("; ", changes));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Renames the unit from <paramref name="effectiveFrom"/>. The old name stays in the unit's history and becomes an
    /// alias at its site, so files still using the old name map to the unit.
    /// </summary>
    public static async Task RenameAsync(HeardDbContext db, Unit unit, string newName, DateOnly effectiveFrom, Audit audit, CancellationToken ct = default)
    {
        newName = CheckName(newName, "name");
        CheckOpen(unit, "rename");
        if (newName == unit.Name)
            throw new UnitChangeException("name", $"The unit is already called '{newName}'");
        var open = await OpenVersionAsync(db, unit, ct);
        CheckEffectiveFrom(open, effectiveFrom, "effectiveFrom");
        await CheckNameFreeAsync(db, unit.SiteId, newName, unit.Id, "name", ct);

        var oldName = unit.Name;
        unit.Name = newName;
        NextVersion(db, unit, open, effectiveFrom);
        if (NameKey(oldName) != NameKey(newName))
            await AddAliasIfFreeAsync(db, unit.Id, unit.SiteId, oldName, ct);
        audit.Record(Audit.Actions.Update, "unit", unit.Id, $"renamed '{oldName}' -> '{newName}' from {effectiveFrom:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Moves the unit to another site, division or directorate of its trust from <paramref name="effectiveFrom"/>.
    /// Its feedback stays with it; months before the move still count under the old placement through its versions.
    /// </summary>
    public static async Task MoveAsync(HeardDbContext db, Unit unit, int siteId, int? divisionId, int? directorateId, DateOnly effectiveFrom,
        Audit audit, CancellationToken ct = default)
    {
        CheckOpen(unit, "move");
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is null || site.TrustId != unit.TrustId)
            throw new UnitChangeException("siteId", "Choose a site of the unit's own trust");
        (divisionId, directorateId) = await CheckPlacementAsync(db, unit.TrustId, divisionId, directorateId, ct);
        if (siteId == unit.SiteId && divisionId == unit.DivisionId && directorateId == unit.DirectorateId)
            throw new UnitChangeException("siteId", "The unit is already at that site, division and directorate");
        var open = await OpenVersionAsync(db, unit, ct);
        CheckEffectiveFrom(open, effectiveFrom, "effectiveFrom");
        if (siteId != unit.SiteId)
            await CheckNameFreeAsync(db, siteId, unit.Name, unit.Id, "siteId", ct);

        var from = $"site {unit.SiteId}, division {unit.DivisionId?.ToString() ?? "none"}, directorate {unit.DirectorateId?.ToString() ?? "none"}";
        unit.SiteId = siteId;
        unit.DivisionId = divisionId;
        unit.DirectorateId = directorateId;
        NextVersion(db, unit, open, effectiveFrom);
        audit.Record(Audit.Actions.Update, "unit", unit.Id,
            $"moved from {from} to site {siteId}, division {divisionId?.ToString() ?? "none"}, directorate {directorateId?.ToString() ?? "none"} from {effectiveFrom:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Merges <paramref name="source"/> into <paramref name="target"/> from <paramref name="effectiveFrom"/>: the source
    /// closes and points at its successor. Its feedback stays its own; its name becomes an alias of the target at the
    /// target's site so that later files using the old name land on the successor.
    /// </summary>
    public static async Task MergeAsync(HeardDbContext db, Unit source, Unit target, DateOnly effectiveFrom, Audit audit, CancellationToken ct = default)
    {
        if (source.Id == target.Id)
            throw new UnitChangeException("targetUnitId", "A unit cannot be merged into itself");
        if (target.TrustId != source.TrustId)
            throw new UnitChangeException("targetUnitId", "A unit can only be merged into a unit of the same trust");
        if (target.ClosedOn is not null)
            throw new UnitChangeException("targetUnitId", $"'{target.Name}' is closed; choose an open unit to merge into");
        CheckOpen(source, "merge");
        var open = await OpenVersionAsync(db, source, ct);
        CheckEndDate(open, effectiveFrom, "effectiveFrom");

        source.ClosedOn = effectiveFrom;
        source.MergedIntoUnitId = target.Id;
        open.ValidTo = effectiveFrom;
        if (NameKey(source.Name) != NameKey(target.Name) || source.SiteId != target.SiteId)
        {
            var key = NameKey(source.Name);
            var existing = (await db.UnitAliases.Where(a => a.SiteId == target.SiteId).ToListAsync(ct))
                .FirstOrDefault(a => NameKey(a.Alias) == key);
            if (existing is null)
                db.UnitAliases.Add(new UnitAlias { UnitId = target.Id, SiteId = target.SiteId, Alias = source.Name });
            else if (existing.UnitId == source.Id)
                existing.UnitId = target.Id;
        }
        audit.Record(Audit.Actions.Update, "unit", source.Id, $"merged '{source.Name}' into unit {target.Id} '{target.Name}' from {effectiveFrom:yyyy-MM-dd}");
        audit.Record(Audit.Actions.Update, "unit", target.Id, $"took over unit {source.Id} '{source.Name}' from {effectiveFrom:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Closes the unit on <paramref name="closedOn"/> (the first day it no longer exists). Its history and feedback stay.</summary>
    public static async Task CloseAsync(HeardDbContext db, Unit unit, DateOnly closedOn, Audit audit, CancellationToken ct = default)
    {
        CheckOpen(unit, "close");
        var open = await OpenVersionAsync(db, unit, ct);
        CheckEndDate(open, closedOn, "closedOn");
        unit.ClosedOn = closedOn;
        open.ValidTo = closedOn;
        audit.Record(Audit.Actions.Update, "unit", unit.Id, $"closed '{unit.Name}' on {closedOn:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Reopens a closed or merged unit from <paramref name="reopenedOn"/>. Reopening on the day it closed undoes the
    /// closure (no gap in its history); a later date leaves the gap. A merge's alias on the successor is removed.
    /// </summary>
    public static async Task ReopenAsync(HeardDbContext db, Unit unit, DateOnly reopenedOn, Audit audit, CancellationToken ct = default)
    {
        if (unit.ClosedOn is not DateOnly closedOn)
            throw new UnitChangeException("reopenedOn", $"'{unit.Name}' is open");
        if (reopenedOn < closedOn)
            throw new UnitChangeException("reopenedOn", $"Reopen on or after {closedOn:d MMMM yyyy}, when the unit closed");
        var key = NameKey(unit.Name);
        var mergeAliases = new List<UnitAlias>();
        if (unit.MergedIntoUnitId is int successorId && await db.Units.FirstOrDefaultAsync(u => u.Id == successorId, ct) is { } successor)
        {
            mergeAliases = (await db.UnitAliases.Where(a => a.UnitId == successorId && a.SiteId == successor.SiteId).ToListAsync(ct))
                .Where(a => NameKey(a.Alias) == key).ToList();
        }
        var sameName = (await db.Units.Where(u => u.SiteId == unit.SiteId && u.ClosedOn == null && u.Id != unit.Id).ToListAsync(ct))
            .FirstOrDefault(u => NameKey(u.Name) == key);
        if (sameName is not null)
            throw new UnitChangeException("reopenedOn", $"Another open unit at this site is now called '{sameName.Name}' ({sameName.Code}); rename one of them first");
        var aliasClash = (await db.UnitAliases.Where(a => a.SiteId == unit.SiteId && a.UnitId != unit.Id).ToListAsync(ct))
            .FirstOrDefault(a => NameKey(a.Alias) == key && !mergeAliases.Contains(a));
        if (aliasClash is not null)
            throw new UnitChangeException("reopenedOn", $"'{aliasClash.Alias}' is now an alias of unit {await UnitLabelAsync(db, aliasClash.UnitId, ct)} at this site; remove the alias there first");

        var versions = await db.UnitVersions.Where(v => v.UnitId == unit.Id).ToListAsync(ct);
        var last = versions.OrderByDescending(v => v.ValidFrom).FirstOrDefault();
        if (last is not null && last.ValidTo == reopenedOn && SamePlacement(last, unit))
            last.ValidTo = null;
        else
        {
            if (last is { ValidTo: null }) last.ValidTo = closedOn;
            db.UnitVersions.Add(NewVersion(unit, reopenedOn));
        }
        db.UnitAliases.RemoveRange(mergeAliases);
        var detail = unit.MergedIntoUnitId is null ? "" : $" (had been merged into unit {unit.MergedIntoUnitId})";
        unit.ClosedOn = null;
        unit.MergedIntoUnitId = null;
        audit.Record(Audit.Actions.Update, "unit", unit.Id, $"reopened '{unit.Name}' from {reopenedOn:yyyy-MM-dd}{detail}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Maps another name a source system uses to this unit, at a site of the unit's trust.</summary>
    public static async Task<UnitAlias> AddAliasAsync(HeardDbContext db, Unit unit, int siteId, string alias, Audit audit, CancellationToken ct = default)
    {
        alias = CheckName(alias, "alias");
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is null || site.TrustId != unit.TrustId)
            throw new UnitChangeException("aliasSiteId", "Choose a site of the unit's own trust");
        var key = NameKey(alias);
        var clash = (await db.UnitAliases.Where(a => a.SiteId == siteId).ToListAsync(ct)).FirstOrDefault(a => NameKey(a.Alias) == key);
        if (clash is not null)
        {
            throw new UnitChangeException("alias", clash.UnitId == unit.Id
                ? $"'{alias}' is already an alias of this unit at {site.Name}"
                : $"'{alias}' already maps to unit {await UnitLabelAsync(db, clash.UnitId, ct)} at {site.Name}; remove it there first");
        }
        var named = (await db.Units.Where(u => u.SiteId == siteId && u.Id != unit.Id && u.ClosedOn == null).ToListAsync(ct))
            .FirstOrDefault(u => NameKey(u.Name) == key);
        if (named is not null)
            throw new UnitChangeException("alias", $"'{alias}' is the name of another open unit at {site.Name} ({named.Code})");
        var entity = new UnitAlias { UnitId = unit.Id, SiteId = siteId, Alias = alias };
        db.UnitAliases.Add(entity);
        audit.Record(Audit.Actions.Create, "unit_alias", unit.Id, $"'{alias}' at site {site.Code} maps to '{unit.Name}'");
        await db.SaveChangesAsync(ct);
        return entity;
    }

    public static async Task RemoveAliasAsync(HeardDbContext db, UnitAlias alias, Audit audit, CancellationToken ct = default)
    {
        db.UnitAliases.Remove(alias);
        audit.Record(Audit.Actions.Delete, "unit_alias", alias.UnitId, $"'{alias.Alias}' at site {alias.SiteId} no longer maps to unit {alias.UnitId}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The form a name is compared in: spaces collapsed, case ignored (as the feedback importer matches).</summary>
    public static string NameKey(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant();

    // ---- rules, shared with the CSV import so its preview agrees with what applying does ----

    internal static string CheckName(string? name, string field)
    {
        var trimmed = string.Join(' ', (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (trimmed.Length == 0) throw new UnitChangeException(field, "Enter a name");
        if (trimmed.Length > MaxNameLength) throw new UnitChangeException(field, $"Name must be {MaxNameLength} characters or fewer");
        if (trimmed.Any(char.IsControl)) throw new UnitChangeException(field, "Name must not contain line breaks or tabs");
        return trimmed;
    }

    internal static string CheckCode(string? code, string field)
    {
        var trimmed = (code ?? "").Trim();
        if (trimmed.Length == 0) throw new UnitChangeException(field, "Enter a unit code");
        if (trimmed.Length > MaxCodeLength || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new UnitChangeException(field, $"Unit code must be up to {MaxCodeLength} letters, numbers, hyphens, underscores or full stops");
        return trimmed;
    }

    internal static string CheckKind(string? kind, string field)
    {
        var k = (kind ?? "").Trim().ToLowerInvariant();
        if (k.Length == 0) return UnitKinds.Ward;
        return UnitKinds.All.Contains(k) ? k : throw new UnitChangeException(field, $"'{kind}' is not a kind of unit (ward, team or service)");
    }

    internal static string CheckSettings(IEnumerable<string> settings, string field)
    {
        var result = new List<string>();
        foreach (var s in settings)
        {
            if (string.IsNullOrWhiteSpace(s)) continue;
            if (!FftSettings.IsKnown(s)) throw new UnitChangeException(field, $"'{s.Trim()}' is not an FFT setting");
            var code = FftSettings.Normalise(s);
            if (!result.Contains(code)) result.Add(code);
        }
        return string.Join(',', result);
    }

    internal static string? Optional(string? text, string field)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        return t.Length <= MaxNameLength ? t : throw new UnitChangeException(field, $"Must be {MaxNameLength} characters or fewer");
    }

    internal static void CheckOpen(Unit unit, string what)
    {
        if (unit.ClosedOn is DateOnly closed)
            throw new UnitChangeException("unit", $"'{unit.Name}' closed on {closed:d MMMM yyyy}; reopen it before you {what} it");
    }

    internal static void CheckEffectiveFrom(UnitVersion open, DateOnly effectiveFrom, string field)
    {
        if (effectiveFrom < open.ValidFrom)
            throw new UnitChangeException(field, $"The date must be on or after {open.ValidFrom:d MMMM yyyy}, when the current name and placement took effect");
    }

    internal static void CheckEndDate(UnitVersion open, DateOnly end, string field)
    {
        if (end <= open.ValidFrom)
            throw new UnitChangeException(field, $"The date must be after {open.ValidFrom:d MMMM yyyy}, when the current name and placement took effect");
    }

    private static async Task<(int? DivisionId, int? DirectorateId)> CheckPlacementAsync(HeardDbContext db, int trustId, int? divisionId, int? directorateId,
        CancellationToken ct)
    {
        if (directorateId is int dirId)
        {
            var directorate = await db.Directorates.Include(d => d.Division).FirstOrDefaultAsync(d => d.Id == dirId, ct);
            if (directorate?.Division is null || directorate.Division.TrustId != trustId)
                throw new UnitChangeException("directorateId", "Choose a directorate of the unit's own trust");
            if (divisionId is not null && divisionId != directorate.DivisionId)
                throw new UnitChangeException("directorateId", $"Directorate '{directorate.Name}' is not in the chosen division");
            return (directorate.DivisionId, dirId);
        }
        if (divisionId is int divId && !await db.Divisions.AnyAsync(d => d.Id == divId && d.TrustId == trustId, ct))
            throw new UnitChangeException("divisionId", "Choose a division of the unit's own trust");
        return (divisionId, null);
    }

    /// <summary>Two open units (or a unit and another unit's alias) with one name at one site would make imports ambiguous.</summary>
    private static async Task CheckNameFreeAsync(HeardDbContext db, int siteId, string name, int? unitId, string field, CancellationToken ct)
    {
        var key = NameKey(name);
        var other = (await db.Units.Where(u => u.SiteId == siteId && u.ClosedOn == null && u.Id != (unitId ?? 0)).ToListAsync(ct))
            .FirstOrDefault(u => NameKey(u.Name) == key);
        if (other is not null)
            throw new UnitChangeException(field, $"Another open unit at this site is called '{other.Name}' ({other.Code})");
        var alias = (await db.UnitAliases.Where(a => a.SiteId == siteId && a.UnitId != (unitId ?? 0)).ToListAsync(ct))
            .FirstOrDefault(a => NameKey(a.Alias) == key);
        if (alias is not null)
            throw new UnitChangeException(field,
                $"'{alias.Alias}' is an alias of unit {await UnitLabelAsync(db, alias.UnitId, ct)} at this site; remove the alias there first");
    }

    private static async Task<string> UnitLabelAsync(HeardDbContext db, int unitId, CancellationToken ct) =>
        await db.Units.Where(u => u.Id == unitId).Select(u => u.Name + " (" + u.Code + ")").FirstOrDefaultAsync(ct) ?? unitId.ToString();

    private static async Task AddAliasIfFreeAsync(HeardDbContext db, int unitId, int siteId, string alias, CancellationToken ct)
    {
        var key = NameKey(alias);
        var taken = (await db.UnitAliases.Where(a => a.SiteId == siteId).ToListAsync(ct)).Any(a => NameKey(a.Alias) == key)
            || db.UnitAliases.Local.Any(a => a.SiteId == siteId && NameKey(a.Alias) == key);
        if (!taken) db.UnitAliases.Add(new UnitAlias { UnitId = unitId, SiteId = siteId, Alias = alias });
    }

    /// <summary>The version in force now, creating one from the unit's current state for units that predate versioning.</summary>
    private static async Task<UnitVersion> OpenVersionAsync(HeardDbContext db, Unit unit, CancellationToken ct)
    {
        var versions = await db.UnitVersions.Where(v => v.UnitId == unit.Id).ToListAsync(ct);
        var open = versions.Where(v => v.ValidTo is null).OrderByDescending(v => v.ValidFrom).FirstOrDefault();
        if (open is not null) return open;
        var from = versions.Count == 0 ? Beginning : versions.Max(v => v.ValidTo ?? v.ValidFrom);
        open = NewVersion(unit, from);
        db.UnitVersions.Add(open);
        return open;
    }

    /// <summary>Ends the open version where the change starts; a change dated the day the open version began corrects it instead.</summary>
    private static void NextVersion(HeardDbContext db, Unit unit, UnitVersion open, DateOnly effectiveFrom)
    {
        if (effectiveFrom == open.ValidFrom)
        {
            open.Name = unit.Name;
            open.SiteId = unit.SiteId;
            open.DivisionId = unit.DivisionId;
            open.DirectorateId = unit.DirectorateId;
            return;
        }
        open.ValidTo = effectiveFrom;
        db.UnitVersions.Add(NewVersion(unit, effectiveFrom));
    }

    private static UnitVersion NewVersion(Unit unit, DateOnly from) => new()
    {
        UnitId = unit.Id, Name = unit.Name, SiteId = unit.SiteId, DivisionId = unit.DivisionId, DirectorateId = unit.DirectorateId, ValidFrom = from,
    };

    private static bool SamePlacement(UnitVersion v, Unit u) =>
        v.Name == u.Name && v.SiteId == u.SiteId && v.DivisionId == u.DivisionId && v.DirectorateId == u.DirectorateId;

    /// <summary>Starts a transaction unless the caller already has one (the CSV import runs everything in one).</summary>
    internal static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginAsync(HeardDbContext db, CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
}
