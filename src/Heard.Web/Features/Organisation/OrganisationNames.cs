using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

/// <summary>One name a site, division or directorate had, for the history tables.</summary>
public sealed record OrganisationNameView(DateOnly ValidFrom, DateOnly? ValidTo, string Name, string? Code, string? ChangedBy);

/// <summary>
/// Renames sites, divisions and directorates with their earlier names kept. Units point at them by id, so a rename never
/// moves a unit's history; what changes is only the name a report for an earlier month should print. The first rename
/// writes two rows: the old name from <see cref="UnitLifecycle.Beginning"/> and the new one; each later rename closes the
/// open row and opens another.
/// </summary>
public static class OrganisationNames
{
    /// <summary>
    /// Records a change of name (and, for a site, of code) taking effect on <paramref name="effectiveFrom"/>. The caller
    /// sets the entity's current name and saves. Throws <see cref="UnitChangeException"/> on field "effectiveFrom".
    /// </summary>
    public static async Task RecordRenameAsync(HeardDbContext db, string level, int entityId, string oldName, string? oldCode,
        string newName, string? newCode, DateOnly effectiveFrom, DateOnly today, string changedBy, CancellationToken ct)
    {
        if (effectiveFrom > today)
            throw new UnitChangeException("effectiveFrom", "The date the new name took effect must be today or in the past");
        var now = DateTime.UtcNow;
        var rows = await db.OrganisationNames.Where(n => n.Level == level && n.EntityId == entityId).ToListAsync(ct);
        var open = rows.Where(n => n.ValidTo is null).OrderByDescending(n => n.ValidFrom).FirstOrDefault();
        if (open is null)
        {
            if (effectiveFrom <= UnitLifecycle.Beginning)
                throw new UnitChangeException("effectiveFrom", $"The date must be after {UnitLifecycle.Beginning:d MMMM yyyy}");
            open = new OrganisationName
            {
                Level = level, EntityId = entityId, Name = oldName, Code = oldCode, ValidFrom = UnitLifecycle.Beginning,
                ChangedAt = now,
            };
            db.OrganisationNames.Add(open);
        }
        else if (effectiveFrom < open.ValidFrom)
            throw new UnitChangeException("effectiveFrom",
                $"The date must be on or after {open.ValidFrom:d MMMM yyyy}, when the current name took effect");

        if (effectiveFrom == open.ValidFrom)
        {
            // Two changes on one day: the second corrects the first rather than adding a name nobody used.
            open.Name = newName;
            open.Code = newCode;
            open.ChangedBy = changedBy;
            open.ChangedAt = now;
            return;
        }
        open.ValidTo = effectiveFrom;
        db.OrganisationNames.Add(new OrganisationName
        {
            Level = level, EntityId = entityId, Name = newName, Code = newCode, ValidFrom = effectiveFrom, ChangedBy = changedBy,
            ChangedAt = now,
        });
    }

    /// <summary>
    /// The edit pages' part of a rename: reads the date typed into Input.EffectiveFrom and records the change, or adds
    /// the error to that field. The date, or null when the rename must not be saved.
    /// </summary>
    public static async Task<DateOnly?> TryRecordRenameAsync(HeardDbContext db, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state,
        DateParts? typed, string level, int entityId, string oldName, string? oldCode, string newName, string? newCode,
        string changedBy, CancellationToken ct)
    {
        var effectiveFrom = (typed ?? new DateParts()).Read("the date the new name took effect", out var error);
        if (effectiveFrom is not DateOnly from)
        {
            state.AddModelError("Input.EffectiveFrom", error!);
            return null;
        }
        try
        {
            await RecordRenameAsync(db, level, entityId, oldName, oldCode, newName, newCode, from,
                DateOnly.FromDateTime(DateTime.UtcNow), changedBy, ct);
            return from;
        }
        catch (UnitChangeException e)
        {
            state.AddModelError("Input.EffectiveFrom", e.Message);
            return null;
        }
    }

    /// <summary>The entity's names, latest first; empty when it has only ever had its current name.</summary>
    public static async Task<List<OrganisationNameView>> HistoryAsync(HeardDbContext db, string level, int entityId, CancellationToken ct) =>
        (await db.OrganisationNames.AsNoTracking().Where(n => n.Level == level && n.EntityId == entityId).ToListAsync(ct))
            .OrderByDescending(n => n.ValidFrom).ThenByDescending(n => n.Id)
            .Select(n => new OrganisationNameView(n.ValidFrom, n.ValidTo, n.Name, n.Code, n.ChangedBy)).ToList();

    /// <summary>Every recorded name of every entity, for looking up many names at many dates without a query each.</summary>
    public static async Task<NameBook> LoadAsync(HeardDbContext db, CancellationToken ct) =>
        new((await db.OrganisationNames.AsNoTracking().ToListAsync(ct))
            .GroupBy(n => (n.Level, n.EntityId))
            .ToDictionary(g => g.Key, g => g.OrderBy(n => n.ValidFrom).ToList()));

    public sealed class NameBook(Dictionary<(string Level, int EntityId), List<OrganisationName>> names)
    {
        /// <summary>The name on <paramref name="date"/>, or <paramref name="current"/> when no rename is recorded for then.</summary>
        public string NameAt(string level, int entityId, DateOnly date, string current) =>
            names.TryGetValue((level, entityId), out var rows)
                ? rows.LastOrDefault(n => n.ValidFrom <= date && (n.ValidTo is null || n.ValidTo > date))?.Name ?? current
                : current;
    }
}
