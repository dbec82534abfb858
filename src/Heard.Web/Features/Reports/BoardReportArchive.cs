using System.Text.Json;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Reports;

/// <summary>A section of the report with room for a narrative: the key it is stored under and its heading.</summary>
public sealed record ReportSection(string Key, string Heading, string Hint);

/// <summary>One archived version as the archive lists it.</summary>
public sealed record BoardReportVersionSummary(long Id, int TrustId, int? DivisionId, string Organisation, string Period, ReportPeriod ReportPeriod,
    int Version, DateTime GeneratedAt, string SavedBy, bool Scheduled);

/// <summary>Adds versions to the archive and reads them back. Versions are never changed: editing a narrative saves the next one.</summary>
public static class BoardReportArchive
{
    public const string Entity = "board-report";
    public const int NarrativeLength = 8000;

    public static readonly ReportSection[] Sections =
    [
        new("summary", "Summary", "What the board should take from this report"),
        new("patient-story", "Patient story", "One patient's or carer's experience, told with their consent"),
        new("spc", "FFT by setting", "Commentary on the SPC readings"),
        new("themes", "Themes that changed", "Why these themes moved, and what is being done"),
        new("sources", "Complaints and PALS", "Commentary on complaints, PALS and other feedback"),
        new("alerts", "Early warnings", "What was done about the alerts"),
        new("actions", "Actions and their impact", "Commentary on progress"),
        new("equality", "Equality", "Commentary on whose voices are heard, and whose are not"),
    ];

    public static Dictionary<string, string> ReadNarratives(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    /// <summary>Keeps the known sections' text, trimmed; empty ones are left out.</summary>
    public static Dictionary<string, string> CleanNarratives(IReadOnlyDictionary<string, string?> narratives) =>
        Sections.Where(s => !string.IsNullOrWhiteSpace(narratives.GetValueOrDefault(s.Key)))
            .ToDictionary(s => s.Key, s => narratives[s.Key]!.Trim().Replace("\r\n", "\n"));

    public static async Task<BoardReportVersion> SaveAsync(HeardDbContext db, BoardReportFigures figures, IReadOnlyDictionary<string, string> narratives,
        DateTime generatedAt, string savedBy, long? scheduleId, CancellationToken ct)
    {
        var latest = await db.BoardReportVersions.Where(v => v.TrustId == figures.TrustId && v.DivisionId == figures.DivisionId
            && v.FromMonth == figures.FromMonth && v.ToMonth == figures.ToMonth).MaxAsync(v => (int?)v.Version, ct);
        var version = new BoardReportVersion
        {
            TrustId = figures.TrustId, DivisionId = figures.DivisionId, Period = figures.Period, FromMonth = figures.FromMonth, ToMonth = figures.ToMonth,
            Version = (latest ?? 0) + 1, NarrativesJson = JsonSerializer.Serialize(narratives), FiguresJson = figures.ToJson(),
            GeneratedAt = generatedAt, SavedBy = savedBy, ScheduleId = scheduleId,
        };
        db.BoardReportVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return version;
    }

    /// <summary>The latest version's narratives for a trust or division and period, to start the next version from.</summary>
    public static async Task<Dictionary<string, string>> LatestNarrativesAsync(HeardDbContext db, BoardReportRequest r, CancellationToken ct)
    {
        var json = await db.BoardReportVersions.AsNoTracking()
            .Where(v => v.TrustId == r.TrustId && v.DivisionId == r.DivisionId && v.FromMonth == r.Period.FromMonth && v.ToMonth == r.Period.ToMonth)
            .OrderByDescending(v => v.Version).Select(v => v.NarrativesJson).FirstOrDefaultAsync(ct);
        return json is null ? [] : ReadNarratives(json);
    }

    /// <summary>Versions of the reports the user may read (all of whose units they see), newest period first.</summary>
    public static async Task<List<BoardReportVersionSummary>> ListAsync(HeardDbContext db, HashSet<int>? scope, CancellationToken ct)
    {
        var rows = await db.BoardReportVersions.AsNoTracking()
            .OrderByDescending(v => v.ToMonth).ThenBy(v => v.TrustId).ThenBy(v => v.DivisionId).ThenByDescending(v => v.Version)
            .Select(v => new { v.Id, v.TrustId, v.DivisionId, v.Period, v.FromMonth, v.ToMonth, v.Version, v.GeneratedAt, v.SavedBy, v.ScheduleId })
            .Take(500).ToListAsync(ct);
        var names = await OrganisationNamesAsync(db, ct);
        var readable = await ReadableAsync(db, scope, ct);
        return rows.Where(r => readable(r.TrustId, r.DivisionId))
            .Select(r => new BoardReportVersionSummary(r.Id, r.TrustId, r.DivisionId, names(r.TrustId, r.DivisionId), r.Period,
                new ReportPeriod(r.Period, r.FromMonth, r.ToMonth), r.Version, r.GeneratedAt, r.SavedBy, r.ScheduleId is not null))
            .ToList();
    }

    /// <summary>Whether the scope sees every unit of a trust or division: what reading its report needs.</summary>
    public static async Task<Func<int, int?, bool>> ReadableAsync(HeardDbContext db, HashSet<int>? scope, CancellationToken ct)
    {
        if (scope is null) return (_, _) => true;
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.TrustId, u.DivisionId }).ToListAsync(ct);
        var trusts = units.GroupBy(u => u.TrustId).Where(g => g.All(u => scope.Contains(u.Id))).Select(g => g.Key).ToHashSet();
        var divisions = units.Where(u => u.DivisionId is not null).GroupBy(u => u.DivisionId!.Value)
            .Where(g => g.All(u => scope.Contains(u.Id))).Select(g => g.Key).ToHashSet();
        return (trust, division) => division is int d ? divisions.Contains(d) : trusts.Contains(trust);
    }

    /// <summary>"Trust name" or "Division name (trust name)".</summary>
    public static async Task<Func<int, int?, string>> OrganisationNamesAsync(HeardDbContext db, CancellationToken ct)
    {
        var trusts = await db.Trusts.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var divisions = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return (trust, division) => division is int d
            ? $"{divisions.GetValueOrDefault(d, "Division")} ({trusts.GetValueOrDefault(trust, "Trust")})"
            : trusts.GetValueOrDefault(trust, "Trust");
    }

    /// <summary>The trusts and divisions whose reports the user may read, as "trust-1" or "division-4" with a name.</summary>
    public static async Task<List<(string Value, string Name)>> OrganisationChoicesAsync(HeardDbContext db, HashSet<int>? scope, CancellationToken ct)
    {
        var readable = await ReadableAsync(db, scope, ct);
        var unitTrusts = await db.Units.AsNoTracking().Select(u => new { u.TrustId, u.DivisionId }).Distinct().ToListAsync(ct);
        var trusts = await db.Trusts.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var divisions = await db.Divisions.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        var result = new List<(string, string)>();
        foreach (var t in trusts)
        {
            if (unitTrusts.Any(u => u.TrustId == t.Id) && readable(t.Id, null)) result.Add(($"trust-{t.Id}", t.Name));
            foreach (var d in divisions.Where(d => d.TrustId == t.Id && unitTrusts.Any(u => u.DivisionId == d.Id) && readable(t.Id, d.Id)))
                result.Add(($"division-{d.Id}", $"{d.Name} ({t.Name})"));
        }
        return result;
    }

    /// <summary>Reads "trust-1" or "division-4" into a trust and division; null when it names neither.</summary>
    public static async Task<(int TrustId, int? DivisionId)?> ParseOrganisationAsync(HeardDbContext db, string? value, CancellationToken ct)
    {
        if (value?.StartsWith("trust-", StringComparison.Ordinal) == true && int.TryParse(value[6..], out var t))
            return await db.Trusts.AnyAsync(x => x.Id == t, ct) ? (t, null) : null;
        if (value?.StartsWith("division-", StringComparison.Ordinal) == true && int.TryParse(value[9..], out var d))
            return await db.Divisions.Where(x => x.Id == d).Select(x => (int?)x.TrustId).FirstOrDefaultAsync(ct) is int trust ? (trust, d) : null;
        return null;
    }

    public static string Link(long id) => $"/Reports/Version/{id}";

    public static void RecordSave(Audit audit, BoardReportVersion v) =>
        audit.Record(Audit.Actions.Create, Entity, v.Id, $"version {v.Version} of {v.Period} report {v.FromMonth}-{v.ToMonth} trust {v.TrustId} division {v.DivisionId}");
}
