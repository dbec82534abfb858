using Heard.Data;
using Heard.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Infrastructure;

/// <summary>What happens before the app serves anything: migrations, roles, the first administrator, demo data.</summary>
public static class Startup
{
    /// <summary>Applies pending migrations; every command calls this first.</summary>
    public static async Task PrepareAsync(DatabaseTarget db, TextWriter log, CancellationToken ct = default)
    {
        var applied = await Migrator.MigrateAsync(db, ct);
        if (applied.Count > 0) log.WriteLine($"Database migrations applied: {string.Join(", ", applied)}");
    }

    /// <summary>For <c>serve</c>: roles and the first administrator, and the demo trust when the database holds no organisation.</summary>
    public static async Task SeedAsync(IServiceProvider services, DatabaseTarget db, bool loadDemo, TextWriter log, CancellationToken ct = default)
    {
        if (loadDemo)
        {
            await using var context = db.CreateContext();
            if (!await context.Trusts.AnyAsync(ct))
                await DemoLoader.LoadAsync(db, log, ct);
        }
        await FirstRun.EnsureRolesAndAdministratorAsync(services, log);
    }
}
