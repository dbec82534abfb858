using Heard.Data;
using Heard.Web.Features.Import;

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
            await DemoOrganisation.AddOtherSourcesAsync(db, manifest, lastMonth, seed, ct);
            await DemoSurveys.AddAsync(db, manifest, seed, ct);
            log.WriteLine($"Demo trust loaded: {r.Imported:N0} FFT responses, plus eligible counts, complaints, PALS concerns, compliments and three surveys.");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
