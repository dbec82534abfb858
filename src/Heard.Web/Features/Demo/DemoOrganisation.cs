using System.Globalization;
using System.Text;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Demo;

/// <summary>
/// The fictional trust a newcomer sees on first run: one ICB, one trust with three sites, five divisions and about
/// forty wards, teams and services, and two years of FFT responses, eligible counts, complaints, PALS concerns,
/// compliments, patient stories and online reviews. Everything is generated from a seed, so the same seed gives the
/// same files byte for byte. Nothing here is real data, and no text is copied from any real source.
/// </summary>
public static class DemoOrganisation
{
    public const int DefaultSeed = 20260401;
    public const int Months = 24;

    public const string FftHeader =
        "response_id,date,icb_code,trust_code,trust_name,site_code,site_name,unit,first_speciality,second_speciality,setting,answer,mode,comment";
    public const string EligibleHeader = "month,setting,trust_code,site_code,unit,count";

    /// <summary>The demo organisation as planned; <see cref="CreateOrganisationAsync(HeardDbContext, CancellationToken)"/> adds exactly this.</summary>
    public static DemoManifest Manifest { get; } = Plan();

    /// <summary>The first month of the 24 that end with <paramref name="lastMonth"/>.</summary>
    public static DateOnly FirstMonth(DateOnly lastMonth) => new DateOnly(lastMonth.Year, lastMonth.Month, 1).AddMonths(1 - Months);

    /// <summary>Adds the demo ICB, trust, sites, divisions, directorates and units, with their first unit versions.</summary>
    public static Task<DemoManifest> CreateOrganisationAsync(HeardDbContext db, CancellationToken ct = default) =>
        CreateOrganisationAsync(db, DemoLoader.LastMonth(), ct);

    /// <param name="lastMonth">The last demo month; unit versions start at the first of the 24 months.</param>
    /// <exception cref="InvalidOperationException">The demo trust is already in the database.</exception>
    public static async Task<DemoManifest> CreateOrganisationAsync(HeardDbContext db, DateOnly lastMonth, CancellationToken ct = default)
    {
        var plan = Manifest;
        if (await db.Trusts.AnyAsync(t => t.OdsCode == plan.TrustCode, ct))
            throw new InvalidOperationException($"The demo trust {plan.TrustCode} is already in the database; load the demo only into an empty one.");

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var now = DateTime.UtcNow;
        var icb = await db.Icbs.FirstOrDefaultAsync(i => i.Code == plan.IcbCode, ct) ?? new Icb { Code = plan.IcbCode, Name = plan.IcbName };
        var trust = new Trust { OdsCode = plan.TrustCode, Name = plan.TrustName, Icb = icb };
        var sites = plan.Sites.ToDictionary(s => s.Code, s => new Site { Trust = trust, Code = s.Code, Name = s.Name });
        var divisions = plan.Divisions.ToDictionary(d => d.Name, d => new Division { Trust = trust, Name = d.Name });
        var directorates = plan.Divisions
            .SelectMany(d => d.Directorates.Select(name => (Division: d.Name, Name: name)))
            .ToDictionary(x => x, x => new Directorate { Division = divisions[x.Division], Name = x.Name });
        var units = plan.Units.Select(u => new Unit
        {
            Trust = trust,
            Site = sites[u.SiteCode],
            Division = divisions[u.Division],
            Directorate = directorates[(u.Division, u.Directorate)],
            Code = u.Code,
            Name = u.Name,
            Kind = u.Kind,
            Settings = u.SettingsText,
            FirstSpeciality = u.FirstSpeciality,
            SecondSpeciality = u.SecondSpeciality,
            CreatedAt = now,
        }).ToList();
        db.Trusts.Add(trust);
        db.Sites.AddRange(sites.Values);
        db.Divisions.AddRange(divisions.Values);
        db.Directorates.AddRange(directorates.Values);
        db.Units.AddRange(units);
        await db.SaveChangesAsync(ct);

        var validFrom = FirstMonth(lastMonth);
        foreach (var unit in units)
        {
            db.UnitVersions.Add(new UnitVersion
            {
                UnitId = unit.Id, Name = unit.Name, SiteId = unit.SiteId, DivisionId = unit.DivisionId,
                DirectorateId = unit.DirectorateId, ValidFrom = validFrom,
            });
            // The short names people write on paper cards and in other systems, so those map to the right unit.
            foreach (var alias in Aliases(unit.Name))
                db.UnitAliases.Add(new UnitAlias { UnitId = unit.Id, SiteId = unit.SiteId, Alias = alias });
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, UserName = "system", Action = "create", Entity = "demo-organisation", EntityId = plan.TrustCode,
            Detail = $"Demo organisation loaded: {plan.Sites.Count} sites, {plan.Divisions.Count} divisions, {units.Count} units.",
        });
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return plan;
    }

    private static IEnumerable<string> Aliases(string name)
    {
        if (name.StartsWith("Ward ", StringComparison.Ordinal) && name.Split(' ') is { Length: > 2 } words)
            yield return words[0] + " " + words[1];
        if (name == "Emergency Department") yield return "A&E";
    }

    // ---- FFT file -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Writes 24 months of FFT responses ending with <paramref name="lastMonth"/> in the import format of
    /// cli-contract.md, month by month and by date within a month. The same seed writes the same bytes.
    /// </summary>
    public static void WriteFftCsv(TextWriter writer, DemoManifest manifest, DateOnly lastMonth, int seed = DefaultSeed)
    {
        var first = FirstMonth(lastMonth);
        writer.Write(FftHeader);
        writer.Write('\n');
        var rows = new List<(DateOnly Date, int Unit, int N, string Line)>(4096);
        var line = new StringBuilder(256);
        for (var m = 0; m < Months; m++)
        {
            var month = first.AddMonths(m);
            var yyyymm = month.Year * 100 + month.Month;
            var everyDay = DaysOf(month, weekdaysOnly: false);
            var weekdays = DaysOf(month, weekdaysOnly: true);
            rows.Clear();
            for (var u = 0; u < manifest.Units.Count; u++)
            {
                var unit = manifest.Units[u];
                var site = manifest.Site(unit.SiteCode);
                var model = MonthModel(unit, m, month, seed);
                var rng = new Random(Mix(seed, unit.Code, m, 2));
                var answers = AnswerWeights(model.PercentPositive);
                var comment = CommentFocus(unit, model, month);
                for (var n = 1; n <= model.Responses; n++)
                {
                    var setting = PickSetting(rng, unit);
                    var days = WeekdaysOnly(setting) ? weekdays : everyDay;
                    var date = days[rng.Next(days.Length)];
                    int? answer = rng.NextDouble() < 0.03 ? null : 1 + PickIndex(rng, answers);
                    var mode = PickMode(rng, setting);
                    string? text = null;
                    if (rng.NextDouble() < CommentChance(answer))
                    {
                        var tone = ToneFor(rng, answer, model.PercentPositive);
                        text = DemoComments.Compose(rng, new CommentContext(setting, tone, unit.ForChildren,
                            unit.FirstSpeciality == "Neonatology", unit.Name, comment.Theme, comment.GripeChance, comment.PraiseChance));
                    }

                    line.Clear();
                    line.Append("DEMO-").Append(unit.Code).Append('-').Append(yyyymm.ToString(CultureInfo.InvariantCulture))
                        .Append('-').Append(n.ToString("0000", CultureInfo.InvariantCulture)).Append(',');
                    line.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
                    AppendField(line, manifest.IcbCode).Append(',');
                    AppendField(line, manifest.TrustCode).Append(',');
                    AppendField(line, manifest.TrustName).Append(',');
                    AppendField(line, site.Code).Append(',');
                    AppendField(line, site.Name).Append(',');
                    AppendField(line, unit.Name).Append(',');
                    AppendField(line, unit.FirstSpeciality).Append(',');
                    AppendField(line, unit.SecondSpeciality).Append(',');
                    line.Append(setting).Append(',');
                    if (answer is int a) line.Append((char)('0' + a));
                    line.Append(',').Append(mode).Append(',');
                    AppendField(line, text);
                    rows.Add((date, u, n, line.ToString()));
                }
            }
            rows.Sort(static (x, y) =>
                x.Date != y.Date ? x.Date.CompareTo(y.Date) : x.Unit != y.Unit ? x.Unit.CompareTo(y.Unit) : x.N.CompareTo(y.N));
            foreach (var row in rows)
            {
                writer.Write(row.Line);
                writer.Write('\n');
            }
        }
        writer.Flush();
    }

    /// <summary>Writes eligible patient counts for the inpatient and A&amp;E units, per unit and month, in the import format.</summary>
    public static void WriteEligibleCsv(TextWriter writer, DemoManifest manifest, DateOnly lastMonth, int seed = DefaultSeed)
    {
        var first = FirstMonth(lastMonth);
        writer.Write(EligibleHeader);
        writer.Write('\n');
        var line = new StringBuilder(128);
        for (var m = 0; m < Months; m++)
        {
            var month = first.AddMonths(m);
            foreach (var unit in manifest.Units)
            {
                for (var s = 0; s < unit.Settings.Count; s++)
                {
                    var setting = unit.Settings[s];
                    if (setting is not (FftSettings.Inpatient or FftSettings.AccidentAndEmergency)) continue;
                    var responses = MonthModel(unit, m, month, seed).Responses * SettingShare(unit, s);
                    var rng = new Random(Mix(seed, unit.Code, m, 3));
                    // Response rates differ by ward and drift a little month to month, as they do in the published data.
                    var typical = setting == FftSettings.Inpatient ? 0.15 + 0.20 * Unit01(seed, unit.Code) : 0.10 + 0.05 * Unit01(seed, unit.Code);
                    var rate = typical * (0.9 + 0.2 * rng.NextDouble());
                    var count = (long)Math.Round(responses / rate);

                    line.Clear();
                    line.Append(month.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Append(',').Append(setting).Append(',');
                    AppendField(line, manifest.TrustCode).Append(',');
                    AppendField(line, unit.SiteCode).Append(',');
                    AppendField(line, unit.Name).Append(',');
                    line.Append(count.ToString(CultureInfo.InvariantCulture));
                    writer.Write(line.ToString());
                    writer.Write('\n');
                }
            }
        }
        writer.Flush();
    }

    // ---- Other sources --------------------------------------------------------------------------------------------

    /// <summary>
    /// Adds complaints, PALS concerns, compliments, patient stories and online reviews for the demo trust, and counts
    /// them into <see cref="SourceMonthly"/> (the FFT import keeps its own aggregates; these records do not pass through
    /// it). Records already present (same dedupe key) are skipped, so running it twice adds nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The demo organisation has not been created.</exception>
    public static async Task AddOtherSourcesAsync(HeardDbContext db, DemoManifest manifest, DateOnly lastMonth, int seed = DefaultSeed,
        CancellationToken ct = default)
    {
        var trust = await db.Trusts.AsNoTracking().FirstOrDefaultAsync(t => t.OdsCode == manifest.TrustCode, ct)
            ?? throw new InvalidOperationException($"The demo trust {manifest.TrustCode} is not in the database; create the demo organisation first.");
        var units = await db.Units.AsNoTracking().Where(u => u.TrustId == trust.Id)
            .Select(u => new { u.Id, u.Code, u.SiteId }).ToDictionaryAsync(u => u.Code, ct);
        var held = (await db.Feedback.AsNoTracking()
                .Where(f => f.TrustId == trust.Id && f.DedupeKey.StartsWith("demo-"))
                .Select(f => f.DedupeKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var now = DateTime.UtcNow;
        var added = new List<FeedbackRecord>();
        foreach (var c in DemoCases.Plan(manifest, lastMonth, seed))
        {
            if (held.Contains(c.DedupeKey) || !units.TryGetValue(c.Unit.Code, out var unit)) continue;
            added.Add(new FeedbackRecord
            {
                TrustId = trust.Id,
                SiteId = unit.SiteId,
                UnitId = unit.Id,
                Source = c.Source,
                Setting = c.Unit.Settings[0],
                ReceivedOn = c.ReceivedOn,
                Month = c.ReceivedOn.Year * 100 + c.ReceivedOn.Month,
                ExternalId = c.Reference,
                DedupeKey = c.DedupeKey,
                ConsentToPublish = c.ConsentToPublish,
                DetailsJson = c.DetailsJson,
                CreatedAt = now,
                Answers = [new FeedbackAnswer { QuestionKey = "description", Text = c.Text }],
            });
        }
        if (added.Count == 0) return;
        db.Feedback.AddRange(added);

        var sources = added.Select(r => r.Source).Distinct().ToList();
        var monthly = await db.SourceMonthly.Where(s => s.TrustId == trust.Id && sources.Contains(s.Source)).ToListAsync(ct);
        var byKey = monthly.ToDictionary(s => (s.UnitId, s.Month, s.Source));
        foreach (var g in added.GroupBy(r => (r.UnitId, r.Month, r.Source)))
        {
            if (!byKey.TryGetValue(g.Key, out var row))
            {
                row = new SourceMonthly { UnitId = g.Key.UnitId, Month = g.Key.Month, Source = g.Key.Source, TrustId = trust.Id };
                db.SourceMonthly.Add(row);
                byKey[g.Key] = row;
            }
            row.Records += g.Count();
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, UserName = "system", Action = "create", Entity = "demo-feedback", EntityId = manifest.TrustCode,
            Detail = "Demo feedback added: " + string.Join(", ",
                added.GroupBy(r => r.Source).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {FeedbackSources.Label(g.Key)}")),
        });
        await db.SaveChangesAsync(ct);
    }

    // ---- The monthly model behind every file ----------------------------------------------------------------------

    /// <summary>A unit's FFT month: how many responses, what share positive, and whether its known concern is showing.</summary>
    internal readonly record struct UnitMonth(int Responses, double PercentPositive, bool Troubled, bool Recovered);

    internal static UnitMonth MonthModel(DemoUnit unit, int m, DateOnly month, int seed)
    {
        var rng = new Random(Mix(seed, unit.Code, m, 1));
        var setting = unit.Settings[0];
        var volume = unit.MonthlyResponses * VolumeSeason(setting, month.Month) * (0.9 + 0.2 * rng.NextDouble()) * (1 + 0.004 * m);
        var p = unit.PercentPositive + (rng.NextDouble() - 0.5) * 0.02 - unit.WinterPressure * Winter(month.Month);
        var troubled = false;
        var recovered = false;
        switch (unit.Trend)
        {
            case DemoTrend.Deteriorating when m >= Months - 8:
                // From the usual level down to about 75% positive over the last eight months.
                p += (0.75 - unit.PercentPositive) * (m - (Months - 9)) / 8.0;
                troubled = m >= Months - 7;
                break;
            case DemoTrend.Improving:
                if (m < 7) { p -= 0.13; troubled = true; }
                else if (m < 16) { p -= 0.13 * (16 - m) / 9.0; troubled = m < 10; recovered = m >= 13; }
                else recovered = true;
                break;
            case DemoTrend.StepDown when m >= 14:
                p -= 0.13;
                troubled = true;
                break;
        }
        return new UnitMonth(Math.Max(5, (int)Math.Round(volume)), Math.Clamp(p, 0.4, 0.995), troubled, recovered);
    }

    private static double Winter(int calendarMonth) => calendarMonth switch
    {
        12 or 1 => 1.0,
        2 => 0.8,
        11 => 0.4,
        3 => 0.3,
        _ => 0,
    };

    private static double VolumeSeason(string setting, int calendarMonth) => setting switch
    {
        FftSettings.AccidentAndEmergency => calendarMonth switch { 1 => 1.2, 12 or 2 => 1.12, 11 or 3 or 7 => 1.05, 6 or 8 => 1.02, 4 or 9 => 0.95, _ => 1.0 },
        FftSettings.Inpatient => calendarMonth switch { 1 => 1.08, 2 => 1.05, 12 => 0.95, 8 => 0.92, _ => 1.0 },
        FftSettings.Outpatient => calendarMonth switch { 12 => 0.78, 8 => 0.85, 4 => 0.92, 1 => 1.05, _ => 1.0 },
        FftSettings.Community => calendarMonth switch { 12 => 0.9, 8 => 0.92, _ => 1.0 },
        _ => calendarMonth is 9 or 10 ? 1.05 : 1.0,
    };

    private readonly record struct Focus(string? Theme, double GripeChance, double PraiseChance);

    private static Focus CommentFocus(DemoUnit unit, UnitMonth model, DateOnly month)
    {
        if (unit.ConcernTheme is not null && model.Troubled) return new(unit.ConcernTheme, 0.7, 0);
        if (unit.ConcernTheme is not null && model.Recovered) return new(unit.ConcernTheme, 0.1, 0.3);
        // Winter pressure shows in the front door's comments as waits.
        if (unit.WinterPressure >= 0.04 && Winter(month.Month) >= 0.8) return new("waiting", 0.45, 0);
        return default;
    }

    private static double[] AnswerWeights(double positive)
    {
        var veryGoodShare = Math.Clamp(0.70 + (positive - 0.85) * 1.2, 0.5, 0.88);
        var rest = 1 - positive;
        return [positive * veryGoodShare, positive * (1 - veryGoodShare), 0.36 * rest, 0.24 * rest, 0.28 * rest, 0.12 * rest];
    }

    private static double CommentChance(int? answer) => answer switch
    {
        1 => 0.37,
        2 => 0.41,
        3 => 0.55,
        4 => 0.65,
        5 => 0.72,
        6 => 0.25,
        _ => 0.5,
    };

    private static CommentTone ToneFor(Random rng, int? answer, double positive)
    {
        var x = rng.NextDouble();
        return answer switch
        {
            1 => CommentTone.Positive,
            2 => x < 0.3 ? CommentTone.Positive : CommentTone.MildlyPositive,
            3 => CommentTone.Mixed,
            4 => x < 0.2 ? CommentTone.Mixed : CommentTone.Negative,
            5 => x < 0.3 ? CommentTone.Negative : CommentTone.VeryNegative,
            6 => CommentTone.Unsure,
            // No rating given: the comment still says how it went.
            _ => x < positive ? CommentTone.Positive : x < positive + (1 - positive) / 2 ? CommentTone.Mixed : CommentTone.Negative,
        };
    }

    private static string PickSetting(Random rng, DemoUnit unit)
    {
        if (unit.Settings.Count == 1) return unit.Settings[0];
        var x = rng.NextDouble();
        if (x < 0.6) return unit.Settings[0];
        return unit.Settings[1 + (int)((x - 0.6) / 0.4 * (unit.Settings.Count - 1))];
    }

    private static double SettingShare(DemoUnit unit, int index) =>
        unit.Settings.Count == 1 ? 1 : index == 0 ? 0.6 : 0.4 / (unit.Settings.Count - 1);

    private static bool WeekdaysOnly(string setting) =>
        setting is FftSettings.Outpatient or FftSettings.Community or FftSettings.MaternityAntenatal;

    private static DateOnly[] DaysOf(DateOnly month, bool weekdaysOnly)
    {
        var days = new List<DateOnly>(31);
        for (var d = month; d.Month == month.Month; d = d.AddDays(1))
            if (!weekdaysOnly || d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Add(d);
        return [.. days];
    }

    private static readonly Dictionary<string, (string[] Modes, double[] Weights)> ModeMix = new(StringComparer.Ordinal)
    {
        [FftSettings.AccidentAndEmergency] = (["sms", "paper-discharge", "electronic-discharge", "online", "telephone", "other"], [72, 8, 7, 6, 3, 4]),
        [FftSettings.Outpatient] = (["sms", "electronic-discharge", "paper-discharge", "online", "telephone", "other"], [70, 9, 8, 8, 3, 2]),
        [FftSettings.Inpatient] = (["paper-discharge", "electronic-discharge", "sms", "online", "telephone", "other"], [42, 30, 16, 6, 2, 4]),
        [FftSettings.MaternityAntenatal] = (["sms", "electronic-discharge", "paper-discharge", "online", "other"], [52, 18, 18, 10, 2]),
        [FftSettings.MaternityBirth] = (["paper-discharge", "sms", "electronic-discharge", "online", "other"], [34, 30, 26, 7, 3]),
        [FftSettings.MaternityPostnatalWard] = (["paper-discharge", "sms", "electronic-discharge", "online", "other"], [34, 30, 26, 7, 3]),
        [FftSettings.MaternityPostnatalCommunity] = (["sms", "paper-home", "electronic-home", "online", "telephone"], [35, 30, 20, 10, 5]),
        [FftSettings.Community] = (["paper-home", "sms", "electronic-home", "telephone", "online", "other"], [40, 25, 15, 12, 5, 3]),
    };

    private static string PickMode(Random rng, string setting)
    {
        var (modes, weights) = ModeMix.TryGetValue(setting, out var mix) ? mix : ModeMix[FftSettings.Inpatient];
        return modes[PickIndex(rng, weights)];
    }

    internal static int PickIndex(Random rng, IReadOnlyList<double> weights)
    {
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++) total += weights[i];
        var x = rng.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Count - 1;
    }

    private static StringBuilder AppendField(StringBuilder sb, string? value)
    {
        if (string.IsNullOrEmpty(value)) return sb;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) return sb.Append(value);
        return sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>
    /// A seed for one stream of one unit and month, so each unit's data stays the same when another unit is added.
    /// FNV-1a over the key, then a SplitMix64 finish: stable across runs and platforms, unlike string.GetHashCode.
    /// </summary>
    internal static int Mix(int seed, string key, int index, int stream)
    {
        var h = 14695981039346656037UL;
        foreach (var c in key)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        h ^= (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        h ^= ((ulong)(uint)index << 32) | (uint)stream;
        h += 0x9E3779B97F4A7C15UL;
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (int)(h & 0x7FFFFFFF);
    }

    private static double Unit01(int seed, string key) => new Random(Mix(seed, key, 0, 4)).NextDouble();

    // ---- The organisation --------------------------------------------------------------------------------------------

    private const string Northfield = "RZZ01", Riverside = "RZZ02", Dales = "RZZ03";
    private const string Medicine = "Medicine", Surgery = "Surgery", WomenAndChildren = "Women and Children",
        UrgentCare = "Urgent and Emergency Care", CommunityAndOutpatients = "Community and Outpatients";

    private static DemoManifest Plan()
    {
        const string ward = UnitKinds.Ward, team = UnitKinds.Team, service = UnitKinds.Service;
        const string ip = FftSettings.Inpatient, ae = FftSettings.AccidentAndEmergency, op = FftSettings.Outpatient,
            cm = FftSettings.Community, anc = FftSettings.MaternityAntenatal, birth = FftSettings.MaternityBirth,
            pnw = FftSettings.MaternityPostnatalWard, pnc = FftSettings.MaternityPostnatalCommunity;

        DemoUnit[] units =
        [
            // Northfield General Hospital: the acute site.
            new("NGH-AMU", "Acute Medical Unit", Northfield, Medicine, "Acute Medicine", ward, [ip], "General Medicine", "Acute Internal Medicine", 70, 0.88, WinterPressure: 0.05),
            new("NGH-W10", "Ward 10 Cardiology", Northfield, Medicine, "Cardiology", ward, [ip], "Cardiology", "General Medicine", 45, 0.94, WinterPressure: 0.02),
            new("NGH-CCU", "Coronary Care Unit", Northfield, Medicine, "Cardiology", ward, [ip], "Cardiology", null, 22, 0.97),
            new("NGH-W14", "Ward 14 Respiratory", Northfield, Medicine, "Respiratory Medicine", ward, [ip], "Respiratory Medicine", "General Medicine", 48, 0.95,
                WinterPressure: 0.03, Trend: DemoTrend.Deteriorating, ConcernTheme: "staffing"),
            new("NGH-W16", "Ward 16 Elderly Care", Northfield, Medicine, "Elderly Care and Stroke", ward, [ip], "Geriatric Medicine", "General Medicine", 40, 0.93,
                WinterPressure: 0.03, Trend: DemoTrend.Improving, ConcernTheme: "food"),
            new("NGH-W18", "Ward 18 Gastroenterology", Northfield, Medicine, "Gastroenterology", ward, [ip], "Gastroenterology", "General Medicine", 42, 0.91, WinterPressure: 0.02),
            new("NGH-HER", "Heron Ward Stroke Unit", Northfield, Medicine, "Elderly Care and Stroke", ward, [ip], "Stroke Medicine", "Geriatric Medicine", 30, 0.92, WinterPressure: 0.02),
            new("NGH-CDU", "Chemotherapy Day Unit", Northfield, Medicine, "Cancer Services", service, [op], "Clinical Oncology", "Clinical Haematology", 80, 0.98),
            new("NGH-W20", "Ward 20 General Surgery", Northfield, Surgery, "General Surgery", ward, [ip], "General Surgery", "Colorectal Surgery", 50, 0.92, WinterPressure: 0.02),
            new("NGH-W22", "Ward 22 Trauma and Orthopaedics", Northfield, Surgery, "Trauma and Orthopaedics", ward, [ip], "Trauma & Orthopaedics", null, 46, 0.95,
                WinterPressure: 0.02, Trend: DemoTrend.Deteriorating, ConcernTheme: "pain"),
            new("NGH-W24", "Ward 24 Urology", Northfield, Surgery, "Urology", ward, [ip], "Urology", "General Surgery", 36, 0.93),
            new("NGH-SAU", "Surgical Assessment Unit", Northfield, Surgery, "General Surgery", ward, [ip], "General Surgery", null, 55, 0.89, WinterPressure: 0.03),
            new("NGH-DSU", "Day Surgery Unit", Northfield, Surgery, "Theatres and Day Surgery", ward, [ip], "General Surgery", "Ophthalmology", 110, 0.97),
            new("NGH-ICU", "Critical Care Unit", Northfield, Surgery, "Critical Care", ward, [ip], "Critical Care Medicine", null, 22, 0.96),
            new("NGH-EYE", "Eye Clinic", Northfield, Surgery, "Ophthalmology", service, [op], "Ophthalmology", null, 120, 0.95,
                Trend: DemoTrend.Deteriorating, ConcernTheme: "waiting"),
            new("NGH-FRC", "Fracture Clinic", Northfield, Surgery, "Trauma and Orthopaedics", service, [op], "Trauma & Orthopaedics", null, 100, 0.90),
            new("NGH-ED", "Emergency Department", Northfield, UrgentCare, "Emergency Medicine", service, [ae], "Emergency Medicine", null, 230, 0.84, WinterPressure: 0.08),
            new("NGH-CED", "Children's Emergency Department", Northfield, UrgentCare, "Emergency Medicine", service, [ae], "Emergency Medicine", "Paediatrics", 85, 0.91,
                WinterPressure: 0.04, ForChildren: true),
            new("NGH-UTC", "Urgent Treatment Centre", Northfield, UrgentCare, "Urgent Treatment and Minor Injuries", service, [ae], null, null, 150, 0.90, WinterPressure: 0.04),
            new("NGH-OPD", "Main Outpatients Department", Northfield, CommunityAndOutpatients, "Outpatient Services", service, [op], null, null, 220, 0.94),

            // Riverside Community Hospital: rehabilitation beds, minor injuries, outpatients and the community teams.
            new("RCH-MIU", "Minor Injuries Unit", Riverside, UrgentCare, "Urgent Treatment and Minor Injuries", service, [ae], null, null, 75, 0.95, WinterPressure: 0.02),
            new("RCH-OAK", "Oak Ward Rehabilitation", Riverside, CommunityAndOutpatients, "Community Hospitals", ward, [ip], "Rehabilitation Medicine", "Geriatric Medicine", 22, 0.93,
                Trend: DemoTrend.Improving, ConcernTheme: "discharge"),
            new("RCH-ASH", "Ash Ward Intermediate Care", Riverside, CommunityAndOutpatients, "Community Hospitals", ward, [ip], "Geriatric Medicine", "Rehabilitation Medicine", 20, 0.94,
                Trend: DemoTrend.StepDown, ConcernTheme: "decant"),
            new("RCH-OPD", "Riverside Outpatients", Riverside, CommunityAndOutpatients, "Outpatient Services", service, [op], null, null, 90, 0.95),
            new("RCH-PHY", "Physiotherapy Outpatients", Riverside, CommunityAndOutpatients, "Therapies", service, [op], "Physiotherapy", null, 70, 0.96),
            new("RCH-POD", "Podiatry Service", Riverside, CommunityAndOutpatients, "Therapies", service, [cm], "Podiatry", null, 35, 0.95),
            new("RCH-DNN", "District Nursing Team North", Riverside, CommunityAndOutpatients, "Community Nursing", team, [cm], "District Nursing", null, 30, 0.96),
            new("RCH-DNS", "District Nursing Team South", Riverside, CommunityAndOutpatients, "Community Nursing", team, [cm], "District Nursing", null, 28, 0.93),
            new("RCH-CRT", "Community Rehabilitation Team", Riverside, CommunityAndOutpatients, "Therapies", team, [cm], "Rehabilitation Medicine", null, 25, 0.95),
            new("RCH-PAL", "Community Palliative Care Team", Riverside, CommunityAndOutpatients, "Community Nursing", team, [cm], "Palliative Medicine", null, 20, 0.98),
            new("RCH-DIA", "Community Diabetes Team", Riverside, CommunityAndOutpatients, "Community Nursing", team, [cm], "Diabetic Medicine", null, 25, 0.94),

            // Dales Women's and Children's Centre.
            new("DWC-ANC", "Antenatal Clinic", Dales, WomenAndChildren, "Maternity", service, [anc], "Obstetrics", null, 75, 0.94),
            new("DWC-MAU", "Maternity Assessment Unit", Dales, WomenAndChildren, "Maternity", service, [anc], "Obstetrics", null, 45, 0.88),
            new("DWC-DS", "Delivery Suite", Dales, WomenAndChildren, "Maternity", ward, [birth], "Obstetrics", null, 45, 0.93),
            new("DWC-BC", "Birth Centre", Dales, WomenAndChildren, "Maternity", ward, [birth, pnw], "Midwifery", null, 30, 0.97),
            new("DWC-WIL", "Willow Ward Postnatal", Dales, WomenAndChildren, "Maternity", ward, [pnw], "Obstetrics", null, 50, 0.90),
            new("DWC-CMW", "Community Midwifery Team", Dales, WomenAndChildren, "Maternity", team, [pnc, anc], "Midwifery", null, 55, 0.96),
            new("DWC-W30", "Ward 30 Gynaecology", Dales, WomenAndChildren, "Gynaecology", ward, [ip], "Gynaecology", null, 30, 0.93),
            new("DWC-PUF", "Puffin Ward Children's Ward", Dales, WomenAndChildren, "Paediatrics", ward, [ip], "Paediatrics", null, 40, 0.94,
                WinterPressure: 0.02, ForChildren: true),
            new("DWC-NNU", "Neonatal Unit", Dales, WomenAndChildren, "Neonatal Care", ward, [ip], "Neonatology", null, 20, 0.97),
            new("DWC-COP", "Children's Outpatients", Dales, WomenAndChildren, "Paediatrics", service, [op], "Paediatrics", null, 80, 0.95, ForChildren: true),
            new("DWC-CCN", "Children's Community Nursing Team", Dales, WomenAndChildren, "Paediatrics", team, [cm], "Paediatrics", null, 20, 0.97, ForChildren: true),
        ];

        var divisions = units.GroupBy(u => u.Division)
            .Select(g => new DemoDivision(g.Key, g.Select(u => u.Directorate).Distinct().ToList()))
            .ToList();
        return new DemoManifest(
            "QZZ", "NHS Northfield and Dales Integrated Care Board",
            "RZZ", "Northfield Teaching Hospitals NHS Foundation Trust",
            [
                new DemoSite(Northfield, "Northfield General Hospital"),
                new DemoSite(Riverside, "Riverside Community Hospital"),
                new DemoSite(Dales, "Dales Women's and Children's Centre"),
            ],
            divisions,
            units);
    }
}
