using System.Globalization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Surveys;

/// <summary>Where a survey runs: one unit and setting, with the short code on its link, QR code, posters and cards.</summary>
public sealed record SurveyPlace(
    int AssignmentId, int UnitId, string UnitCode, string UnitName, string SiteName, string Setting, string Code,
    DateOnly? StartsOn, DateOnly? EndsOn);

public sealed record SurveyVersionSummary(
    int Id, int Number, string Status, DateTime CreatedAt, string? CreatedBy, DateTime? PublishedAt, long Responses);

/// <summary>Two surveys asking the same patients: the same unit and setting in overlapping periods.</summary>
public sealed record SurveyOverlap(
    int SurveyId, int OtherSurveyId, string OtherSurveyName, int UnitId, string UnitName, string Setting, DateOnly? From, DateOnly? To)
{
    public string Describe() =>
        $"{OtherSurveyName} also runs on {UnitName} ({OrganisationText.SettingLabel(Setting)}) {SurveyDates.Period(From, To)}";
}

/// <summary>One line of the trust's survey register.</summary>
public sealed record SurveyRegisterRow(
    int Id, int TrustId, string TrustName, string Name, string? Purpose, string? Owner, DateOnly? StartsOn, DateOnly? EndsOn,
    string Status, string LatestStatus, int LatestVersion, int? LiveVersion, long Responses,
    IReadOnlyList<SurveyVersionSummary> Versions, IReadOnlyList<SurveyPlace> Places, IReadOnlyList<SurveyOverlap> Overlaps);

public static class SurveyDates
{
    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Period(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        (null, null) => "with no start or end date",
        ({ } f, null) => $"from {Date(f)} with no end date",
        (null, { } t) => $"until {Date(t)}",
        ({ } f, { } t) => $"from {Date(f)} to {Date(t)}",
    };

    /// <summary>Inclusive periods; a missing start or end is open, so it overlaps everything on that side.</summary>
    public static bool Overlap(DateOnly? aFrom, DateOnly? aTo, DateOnly? bFrom, DateOnly? bTo) =>
        (aFrom ?? DateOnly.MinValue) <= (bTo ?? DateOnly.MaxValue) && (bFrom ?? DateOnly.MinValue) <= (aTo ?? DateOnly.MaxValue);

    public static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
    public static DateOnly? Earlier(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    public static string StatusLabel(string status) => status switch
    {
        SurveyStatuses.Draft => "Draft",
        SurveyStatuses.Live => "Live",
        SurveyStatuses.Retired => "Retired",
        _ => status,
    };

    public static string StatusTag(string status) => status switch
    {
        SurveyStatuses.Live => "nhsuk-tag--green",
        SurveyStatuses.Draft => "nhsuk-tag--blue",
        _ => "nhsuk-tag--grey",
    };
}

/// <summary>
/// The survey register: every survey of the trusts a user may see, where it runs, who owns it and how many answers it
/// has, with a warning wherever two surveys ask the same patients. Pages and the API read it from here.
/// </summary>
public static class SurveyRegister
{
    /// <summary>Surveys of <paramref name="trustIds"/> (null: every trust), newest first.</summary>
    public static async Task<List<SurveyRegisterRow>> LoadAsync(HeardDbContext db, HashSet<int>? trustIds, DateOnly today, CancellationToken ct)
    {
        var query = db.Surveys.AsNoTracking();
        if (trustIds is not null) query = query.Where(s => trustIds.Contains(s.TrustId));
        var surveys = await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).ToListAsync(ct);
        if (surveys.Count == 0) return [];
        var surveyIds = surveys.Select(s => s.Id).ToList();

        var versions = await db.SurveyVersions.AsNoTracking().Where(v => surveyIds.Contains(v.SurveyId))
            .Select(v => new { v.Id, v.SurveyId, v.Number, v.Status, v.CreatedAt, v.CreatedBy, v.PublishedAt })
            .ToListAsync(ct);
        var versionIds = versions.Select(v => v.Id).ToList();
        var responses = versionIds.Count == 0
            ? []
            : (await db.Feedback.AsNoTracking()
                .Where(f => f.SurveyVersionId != null && versionIds.Contains(f.SurveyVersionId.Value))
                .GroupBy(f => f.SurveyVersionId!.Value)
                .Select(g => new { VersionId = g.Key, Count = g.LongCount() })
                .ToListAsync(ct)).ToDictionary(x => x.VersionId, x => x.Count);

        var assignments = await db.SurveyAssignments.AsNoTracking().Where(a => surveyIds.Contains(a.SurveyId)).ToListAsync(ct);
        var unitIds = assignments.Select(a => a.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Code, u.Name, u.SiteId }).ToDictionaryAsync(u => u.Id, ct);
        var siteIds = units.Values.Select(u => u.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var trustIdsUsed = surveys.Select(s => s.TrustId).Distinct().ToList();
        var trusts = await db.Trusts.AsNoTracking().Where(t => trustIdsUsed.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        var byId = surveys.ToDictionary(s => s.Id);
        var versionsBySurvey = versions.GroupBy(v => v.SurveyId).ToDictionary(g => g.Key,
            g => g.OrderByDescending(v => v.Number)
                .Select(v => new SurveyVersionSummary(v.Id, v.Number, v.Status, v.CreatedAt, v.CreatedBy, v.PublishedAt, responses.GetValueOrDefault(v.Id)))
                .ToList());
        var placesBySurvey = assignments.GroupBy(a => a.SurveyId).ToDictionary(g => g.Key,
            g => g.Select(a =>
                {
                    var unit = units.GetValueOrDefault(a.UnitId);
                    return new SurveyPlace(a.Id, a.UnitId, unit?.Code ?? "?", unit?.Name ?? "(unit removed)",
                        unit is null ? "" : sites.GetValueOrDefault(unit.SiteId, ""), a.Setting, a.Code, a.StartsOn, a.EndsOn);
                })
                .OrderBy(p => p.SiteName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.UnitName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Setting, StringComparer.Ordinal)
                .ToList());

        string Effective(List<SurveyVersionSummary> vs) =>
            vs.Any(v => v.Status == SurveyStatuses.Live) ? SurveyStatuses.Live : vs.FirstOrDefault()?.Status ?? SurveyStatuses.Draft;

        var targets = new List<Target>();
        foreach (var s in surveys)
        {
            var vs = versionsBySurvey.GetValueOrDefault(s.Id, []);
            // A retired survey asks nobody, so it cannot clash.
            if (Effective(vs) == SurveyStatuses.Retired) continue;
            foreach (var p in placesBySurvey.GetValueOrDefault(s.Id, []))
                targets.Add(new Target(s.Id, s.Name, p.UnitId, p.UnitName, p.Setting, p.StartsOn ?? s.StartsOn, p.EndsOn ?? s.EndsOn));
        }
        var overlaps = FindOverlaps(targets, today).ToLookup(o => o.SurveyId);

        return surveys.Select(s =>
        {
            var vs = versionsBySurvey.GetValueOrDefault(s.Id, []);
            var live = vs.FirstOrDefault(v => v.Status == SurveyStatuses.Live);
            return new SurveyRegisterRow(s.Id, s.TrustId, trusts.GetValueOrDefault(s.TrustId, ""), s.Name, s.Purpose, s.Owner, s.StartsOn, s.EndsOn,
                Effective(vs), vs.FirstOrDefault()?.Status ?? SurveyStatuses.Draft, vs.FirstOrDefault()?.Number ?? 0, live?.Number,
                vs.Sum(v => v.Responses), vs, placesBySurvey.GetValueOrDefault(s.Id, []), overlaps[s.Id].ToList());
        }).ToList();
    }

    /// <summary>One survey asking at one unit and setting over a period (dates already resolved from the survey's own).</summary>
    public sealed record Target(int SurveyId, string SurveyName, int UnitId, string UnitName, string Setting, DateOnly? From, DateOnly? To);

    /// <summary>
    /// Every pair of different surveys at the same unit and setting whose periods overlap, once from each side. Overlaps
    /// wholly in the past are history, not a warning.
    /// </summary>
    public static IEnumerable<SurveyOverlap> FindOverlaps(IEnumerable<Target> targets, DateOnly today)
    {
        foreach (var group in targets.GroupBy(t => (t.UnitId, t.Setting)))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
            for (var j = 0; j < list.Count; j++)
            {
                var (a, b) = (list[i], list[j]);
                if (a.SurveyId == b.SurveyId || !SurveyDates.Overlap(a.From, a.To, b.From, b.To)) continue;
                var from = SurveyDates.Later(a.From, b.From);
                var to = SurveyDates.Earlier(a.To, b.To);
                if (to is { } end && end < today) continue;
                yield return new SurveyOverlap(a.SurveyId, b.SurveyId, b.SurveyName, a.UnitId, a.UnitName, a.Setting, from, to);
            }
        }
    }

    /// <summary>Targets of every survey other than <paramref name="exceptSurveyId"/> at these units that still asks patients.</summary>
    public static async Task<List<Target>> OtherTargetsAsync(HeardDbContext db, int exceptSurveyId, IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        var rows = await (
            from a in db.SurveyAssignments.AsNoTracking()
            join s in db.Surveys.AsNoTracking() on a.SurveyId equals s.Id
            join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
            where unitIds.Contains(a.UnitId) && a.SurveyId != exceptSurveyId
            select new { a.SurveyId, SurveyName = s.Name, a.UnitId, UnitName = u.Name, a.Setting, From = a.StartsOn ?? s.StartsOn, To = a.EndsOn ?? s.EndsOn })
            .ToListAsync(ct);
        var surveyIds = rows.Select(r => r.SurveyId).Distinct().ToList();
        var statuses = await db.SurveyVersions.AsNoTracking().Where(v => surveyIds.Contains(v.SurveyId))
            .Select(v => new { v.SurveyId, v.Number, v.Status }).ToListAsync(ct);
        var stillAsking = statuses.GroupBy(v => v.SurveyId)
            .Where(g => g.Any(v => v.Status == SurveyStatuses.Live) || g.MaxBy(v => v.Number)!.Status == SurveyStatuses.Draft)
            .Select(g => g.Key).ToHashSet();
        return rows.Where(r => stillAsking.Contains(r.SurveyId))
            .Select(r => new Target(r.SurveyId, r.SurveyName, r.UnitId, r.UnitName, r.Setting, r.From, r.To)).ToList();
    }
}
