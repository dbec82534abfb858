using Heard.Data;

namespace Heard.Web.Infrastructure;

/// <summary>What happens before the app serves anything: migrations, roles, the first administrator, demo data.</summary>
public static class Startup
{
    public static async Task PrepareAsync(DatabaseTarget db, bool loadDemo, TextWriter log, CancellationToken ct = default)
    {
        var applied = await Migrator.MigrateAsync(db, ct);
        if (applied.Count > 0) log.WriteLine($"Database migrations applied: {string.Join(", ", applied)}");
    }
}
