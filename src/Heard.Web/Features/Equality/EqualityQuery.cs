using System.Text.Json;
using Heard.Analysis.Equality;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Themes;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Equality;

/// <summary>
/// Whose FFT responses: a trust, one of its divisions or one unit, over the last few whole months: those to
/// <paramref name="EndMonth"/> (yyyymm) when given, as a board report for a past period asks, otherwise to the latest.
/// </summary>
public sealed record EqualityFilter(int? TrustId, int? DivisionId, int? UnitId, int Months, string? Setting, int? EndMonth = null)
{
    public static readonly int[] Periods = [3, 6, 12];
}

public sealed record GroupTheme(string Theme, long Respondents, double Share);

/// <summary>
/// One group's figures. Everything but the name is null when <see cref="Suppressed"/>: the group is too small to show,
/// or was hidden so that a small one cannot be worked out from the total.
/// </summary>
/// <param name="Group">As the answers store it (e.g. asian); null for "not stated".</param>
/// <param name="PopulationShare">Of the population served, when a profile was imported; shown even when the group is hidden.</param>
/// <param name="SeldomHeard">Respondents well below the population share (see <see cref="Representation"/>).</param>
public sealed record GroupFigures(string? Group, string Label, bool Suppressed, long? Responses, double? PercentPositive, double? PercentNegative,
    IReadOnlyList<GroupTheme>? TopThemes, double? RespondentShare, double? PopulationShare, double? Ratio, bool SeldomHeard);

public sealed record CharacteristicBreakdown(string Characteristic, string Label, IReadOnlyList<GroupFigures> Groups, bool HasPopulation);

public sealed record EqualityView(
    string Title, string Level, int TrustId, string TrustName, int? DivisionId, int? UnitId, int Months, int FromMonth, int ToMonth, string? Setting,
    int MinimumGroupSize, long Responses, double? PercentPositive, double? PercentNegative, bool TooFewToBreakDown,
    string? PopulationProfileOf, IReadOnlyList<CharacteristicBreakdown> Characteristics,
    IReadOnlyList<Choice> Trusts, IReadOnlyList<Choice> Divisions, IReadOnlyList<Choice> Units);

/// <summary>
/// FFT results and themes broken down by the demographics respondents gave (age band, sex, ethnicity, disability, first
/// language), with small groups suppressed, and set against the population served where a profile was imported.
/// </summary>
/// <remarks>
/// Demographics live in each response's <c>demographics_json</c>, which neither database can group by in the same SQL, so
/// the period's FFT responses are read (id, answer, demographics) and grouped here; theme codes are read for the same
/// responses. A respondent counts once per theme however many of their comments carry it.
/// </remarks>
public static class EqualityQuery
{
    public const int TopThemeCount = 3;
    public const string NotStated = "Not stated";

    private static readonly Dictionary<string, string> CharacteristicLabels = new()
    {
        ["age_band"] = "Age", ["sex"] = "Sex", ["ethnicity"] = "Ethnic group", ["disability"] = "Disability or long-term condition",
        ["first_language"] = "English as first language",
    };

    public static async Task<EqualityView?> LoadAsync(HeardDbContext db, EqualityFilter f, HashSet<int>? scope, int minimum, CancellationToken ct = default)
    {
        var units = (await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.TrustId, u.DivisionId, u.SiteId }).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).ToList();
        var trusts = (await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Where(t => units.Any(u => u.TrustId == t.Id)).Select(t => new Choice(t.Id, t.Name)).ToList();
        if (trusts.Count == 0) return null;
        var trustId = f.TrustId ?? (f.UnitId is int uid ? units.FirstOrDefault(u => u.Id == uid)?.TrustId : null)
            ?? (f.DivisionId is int did ? units.FirstOrDefault(u => u.DivisionId == did)?.TrustId : null) ?? trusts[0].Id;
        var trust = trusts.FirstOrDefault(t => t.Id == trustId);
        if (trust is null) return null;
        var trustUnits = units.Where(u => u.TrustId == trustId).ToList();
        var divisionId = f.UnitId is null ? f.DivisionId : null;
        var here = trustUnits.Where(u => (f.UnitId is null || u.Id == f.UnitId) && (divisionId is null || u.DivisionId == divisionId)).ToList();
        if (here.Count == 0) return null;
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.TrustId == trustId).OrderBy(d => d.Name).ToListAsync(ct);

        var latest = f.EndMonth ?? await db.FftMonthly.AsNoTracking().Where(m => m.TrustId == trustId).MaxAsync(m => (int?)m.Month, ct)
            ?? DashboardFilter.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow));
        var fromMonth = DashboardFilter.MonthOf(DashboardFilter.StartOf(latest).AddMonths(1 - f.Months));
        var from = DashboardFilter.StartOf(fromMonth);
        var to = DashboardFilter.StartOf(latest).AddMonths(1);

        var responses = db.Feedback.AsNoTracking().Where(r => r.TrustId == trustId && r.ReceivedOn >= from && r.ReceivedOn < to
            && r.Source == FeedbackSources.Fft && r.FftAnswer != null);
        if (f.Setting is not null) responses = responses.Where(r => r.Setting == f.Setting);
        // The whole trust for an administrator: no need to list every unit in the SQL.
        if (scope is not null || f.UnitId is not null || divisionId is not null)
        {
            var ids = here.Select(u => u.Id).ToList();
            responses = responses.Where(r => ids.Contains(r.UnitId));
        }
        var records = await responses.Select(r => new { r.Id, Answer = r.FftAnswer!.Value, r.DemographicsJson }).ToListAsync(ct);
        // From the responses through their answers to the codes, each by its index: joining the codes to the responses
        // directly let SQLite scan the period's responses once for every code (minutes over 200,000 responses).
        var themes = (await (from r in responses
                             join a in db.FeedbackAnswers on r.Id equals a.FeedbackRecordId
                             join c in db.CommentCodes on a.Id equals c.FeedbackAnswerId
                             where c.RemovedAt == null
                             select new { c.FeedbackRecordId, c.Label }).ToListAsync(ct))
            .Distinct().ToLookup(x => x.FeedbackRecordId, x => x.Label);

        var characteristicKeys = CharacteristicLabels.Keys.ToArray();
        var normalised = new Dictionary<(string, string), string>();
        // Responses share a few hundred combinations of answers, so each distinct text is parsed once.
        var parsed = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        var none = new string?[characteristicKeys.Length];
        var demographics = records.ToDictionary(r => r.Id, r =>
        {
            if (r.DemographicsJson is null) return none;
            if (!parsed.TryGetValue(r.DemographicsJson, out var answers))
                parsed[r.DemographicsJson] = answers = Parse(r.DemographicsJson, characteristicKeys, normalised);
            return answers;
        });
        var total = new FftCounts();
        foreach (var r in records) total.Add((FftAnswer)r.Answer, FftMode.Other);
        var tooFew = records.Count < minimum;

        // The most specific profile there is: the unit's, then its site's, then the trust's.
        var unit = f.UnitId is int u1 ? here.Single(u => u.Id == u1) : null;
        var profiles = await db.PopulationProfiles.AsNoTracking().Where(p => p.TrustId == trustId).ToListAsync(ct);
        List<PopulationProfile> profile = [];
        string? profileOf = null;
        if (unit is not null && profiles.Any(p => p.Level == PopulationLevels.Unit && p.ScopeId == unit.Id))
            (profile, profileOf) = (profiles.Where(p => p.Level == PopulationLevels.Unit && p.ScopeId == unit.Id).ToList(), unit.Name);
        else if (unit is not null && profiles.Any(p => p.Level == PopulationLevels.Site && p.ScopeId == unit.SiteId))
            (profile, profileOf) = (profiles.Where(p => p.Level == PopulationLevels.Site && p.ScopeId == unit.SiteId).ToList(),
                await db.Sites.Where(s => s.Id == unit.SiteId).Select(s => s.Name).SingleAsync(ct));
        else if (profiles.Any(p => p.Level == PopulationLevels.Trust && p.ScopeId == trustId))
            (profile, profileOf) = (profiles.Where(p => p.Level == PopulationLevels.Trust && p.ScopeId == trustId).ToList(), trust.Name);

        var breakdowns = new List<CharacteristicBreakdown>();
        foreach (var (key, label) in CharacteristicLabels)
        {
            var population = profile.Where(p => p.Characteristic == key).ToList();
            var index = Array.IndexOf(characteristicKeys, key);
            if (!demographics.Values.Any(d => d[index] is not null) && population.Count == 0) continue;
            var options = QuestionLibrary.Find(key)?.Options ?? [];
            var byGroup = records.GroupBy(r => demographics[r.Id][index]).ToDictionary(g => g.Key ?? "", g => g.ToList());
            // Library order first, then other answers alphabetically, then population groups nobody gave, "not stated" last.
            var groups = options.Select(o => o.Value).Where(byGroup.ContainsKey)
                .Concat(byGroup.Keys.Where(k => k.Length > 0 && options.All(o => o.Value != k)).Order(StringComparer.OrdinalIgnoreCase))
                .Concat(population.Select(p => p.GroupName).Where(g => !byGroup.ContainsKey(g)))
                .Distinct().ToList();
            var hasNotStated = byGroup.ContainsKey("");
            var groupKeys = groups.Concat(hasNotStated ? [""] : []).ToList();
            var counts = groupKeys.Select(k => (long)(byGroup.TryGetValue(k, out var l) ? l.Count : 0)).ToList();
            var hidden = tooFew ? counts.Select(_ => true).ToArray() : SmallGroupSuppression.Suppress(counts, minimum);

            var stated = groups.Where(g => g != QuestionLibrary.PreferNotToSay)
                .ToDictionary(g => g, g => (long)(byGroup.TryGetValue(g, out var l) ? l.Count : 0));
            var representation = Representation.Compare(stated, population.Select(p => (p.GroupName, p.Share)).ToList()).ToDictionary(x => x.Group);

            var rows = groupKeys.Select((k, i) =>
            {
                var name = k.Length == 0 ? NotStated : options.FirstOrDefault(o => o.Value == k)?.Text ?? k;
                representation.TryGetValue(k, out var rep);
                var populationShare = rep?.PopulationShare;
                if (hidden[i])
                    return new GroupFigures(k.Length == 0 ? null : k, name, true, null, null, null, null, null, populationShare, null, rep?.SeldomHeard ?? false);
                var members = byGroup.TryGetValue(k, out var l) ? l : [];
                var counts = new FftCounts();
                foreach (var m in members) counts.Add((FftAnswer)m.Answer, FftMode.Other);
                var top = members.SelectMany(m => themes[m.Id]).GroupBy(t => t)
                    .Select(g => new GroupTheme(g.Key, g.Count(), (double)g.Count() / members.Count))
                    .OrderByDescending(t => t.Respondents).ThenBy(t => t.Theme, StringComparer.Ordinal).Take(TopThemeCount).ToList();
                return new GroupFigures(k.Length == 0 ? null : k, name, false, members.Count, counts.PercentagePositive, counts.PercentageNegative, top,
                    rep?.RespondentShare, populationShare, rep?.Ratio, rep?.SeldomHeard ?? false);
            }).ToList();
            breakdowns.Add(new CharacteristicBreakdown(key, label, rows, population.Count > 0));
        }

        var level = f.UnitId is not null ? "unit" : divisionId is not null ? "division" : "trust";
        var title = unit?.Name ?? (divisionId is int d ? divisions.FirstOrDefault(x => x.Id == d)?.Name ?? "Division" : trust.Name);
        return new EqualityView(title, level, trustId, trust.Name, divisionId, f.UnitId, f.Months, fromMonth, latest, f.Setting, minimum,
            records.Count, total.PercentagePositive, total.PercentageNegative, tooFew, profileOf, breakdowns, trusts,
            divisions.Where(x => trustUnits.Any(u => u.DivisionId == x.Id)).Select(x => new Choice(x.Id, x.Name)).ToList(),
            trustUnits.OrderBy(u => u.Name).Select(u => new Choice(u.Id, u.Name)).ToList());
    }

    /// <summary>The answers to <paramref name="keys"/>, in that order (null: not stated), each read as the library's value.</summary>
    /// <param name="normalised">Answers already read: a period's responses repeat a few dozen answers many thousand times.</param>
    private static string?[] Parse(string? json, string[] keys, Dictionary<(string, string), string> normalised)
    {
        var result = new string?[keys.Length];
        if (string.IsNullOrWhiteSpace(json)) return result;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return result;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var i = Array.IndexOf(keys, p.Name);
                if (i < 0 || p.Value.ValueKind != JsonValueKind.String || p.Value.GetString() is not { Length: > 0 } v) continue;
                if (!normalised.TryGetValue((p.Name, v), out var group))
                    normalised[(p.Name, v)] = group = PopulationImport.NormaliseGroup(p.Name, v);
                result[i] = group;
            }
        }
        catch (JsonException)
        {
            // Stored by Heard's own writers as an object; anything else is treated as no answers rather than failing the page.
        }
        return result;
    }

    public static string Link(EqualityFilter f) =>
        $"/Equality?trust={f.TrustId}" + (f.DivisionId is int d ? $"&division={d}" : "") + (f.UnitId is int u ? $"&unit={u}" : "")
        + $"&months={f.Months}" + (f.Setting is null ? "" : "&setting=" + Uri.EscapeDataString(f.Setting));
}
