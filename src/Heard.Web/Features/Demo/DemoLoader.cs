using Heard.Data;
using Heard.Web.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Demo;

/// <summary>
/// Loads the demo trust into an empty database through the same import path as real files, so the demo also
/// exercises the importer and the aggregates.
/// </summary>
public static class DemoLoader
{
    public const string EndMonthVariable = "HEARD_DEMO_END";

    /// <summary>The last demo month: HEARD_DEMO_END (yyyy-mm) when set, otherwise the last complete month.</summary>
    public static DateOnly LastMonth()
    {
        if (Environment.GetEnvironmentVariable(EndMonthVariable) is { Length: > 0 } text &&
            DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", out var fixedMonth))
            return fixedMonth;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }

    /// <summary>The safeguarding examples, on inpatient wards late in the last month, as FFT rows.</summary>
    private static void WriteSafeguardingCsv(TextWriter w, DemoManifest manifest, DateOnly lastMonth)
    {
        w.Write(DemoOrganisation.FftHeader);
        w.Write('\n');
        var wards = manifest.Units.Where(u => u.Settings.Contains(Heard.Analysis.Fft.FftSettings.Inpatient)).ToList();
        for (var i = 0; i < DemoComments.SafeguardingExamples.Length; i++)
        {
            var (answer, text) = DemoComments.SafeguardingExamples[i];
            var unit = wards[i * 3 % wards.Count];
            var site = manifest.Site(unit.SiteCode);
            var date = lastMonth.AddDays(18 + i * 3);
            string[] fields = [$"DEMO-SAFEGUARDING-{i + 1}", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                manifest.IcbCode, manifest.TrustCode, manifest.TrustName, site.Code, site.Name, unit.Name, unit.FirstSpeciality ?? "", unit.SecondSpeciality ?? "",
                Heard.Analysis.Fft.FftSettings.Inpatient, answer.ToString(System.Globalization.CultureInfo.InvariantCulture), "sms", text];
            w.Write(string.Join(',', fields.Select(f => f.Contains(',') || f.Contains('"') ? "\"" + f.Replace("\"", "\"\"") + "\"" : f)));
            w.Write('\n');
        }
    }

    /// <summary>
    /// Alerts on the demo's earlier months are closed as if reviewed at the time, so the list opens on the last month's
    /// alerts rather than two years of them.
    /// </summary>
    private static async Task CloseEarlierAlertsAsync(HeardDbContext db, DateOnly lastMonth, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        await db.SafeguardingAlerts
            .Where(a => a.ClosedAt == null && db.Feedback.Any(f => f.Id == a.FeedbackRecordId && f.ReceivedOn < lastMonth))
            .ExecuteUpdateAsync(u => u
                .SetProperty(a => a.AcknowledgedAt, now).SetProperty(a => a.AcknowledgedBy, "demo")
                .SetProperty(a => a.ClosedAt, now).SetProperty(a => a.ClosedBy, "demo")
                .SetProperty(a => a.Outcome, Safeguarding.SafeguardingAlerts.Outcomes[2])
                .SetProperty(a => a.Note, "Closed when the demo was loaded, so that only the last month's alerts are open"), ct);
    }

    public static async Task LoadAsync(DatabaseTarget target, TextWriter log, CancellationToken ct = default, int seed = DemoOrganisation.DefaultSeed)
    {
        var lastMonth = LastMonth();
        log.WriteLine($"Empty database: loading the demo trust (24 months to {lastMonth:MMM yyyy}, seed {seed})...");
        await using var db = target.CreateContext();
        var manifest = await DemoOrganisation.CreateOrganisationAsync(db, ct);
        var folder = Path.Combine(Path.GetTempPath(), "heard-demo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var fft = Path.Combine(folder, "demo-fft.csv");
            await using (var w = new StreamWriter(fft)) DemoOrganisation.WriteFftCsv(w, manifest, lastMonth, seed);
            var eligible = Path.Combine(folder, "demo-eligible.csv");
            await using (var w = new StreamWriter(eligible)) DemoOrganisation.WriteEligibleCsv(w, manifest, lastMonth, seed);
            var importer = new FeedbackImporter(target);
            var r = await importer.ImportAsync(fft, new ImportOptions { StartedBy = "demo", ChunkSize = 10000 }, ct);
            await importer.ImportAsync(eligible, new ImportOptions { Kind = ImportKinds.Eligible, StartedBy = "demo" }, ct);
            var safeguarding = Path.Combine(folder, "demo-safeguarding.csv");
            await using (var w = new StreamWriter(safeguarding)) WriteSafeguardingCsv(w, manifest, lastMonth);
            await importer.ImportAsync(safeguarding, new ImportOptions { StartedBy = "demo" }, ct);
            await CloseEarlierAlertsAsync(db, lastMonth, ct);
            await DemoOrganisation.AddOtherSourcesAsync(db, manifest, lastMonth, seed, ct);
            await DemoSurveys.AddAsync(db, manifest, seed, ct);
            await DemoQuality.AddAsync(db, seed, ct);
            log.WriteLine($"Demo trust loaded: {r.Imported:N0} FFT responses, plus eligible counts, complaints, PALS concerns, compliments, three surveys and the wards' quality measures.");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
