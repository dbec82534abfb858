using Heard.Data;
using Heard.Web;
using Heard.Web.Features.Demo;
using Heard.Web.Features.Fft;
using Heard.Web.Infrastructure;

namespace Heard.Cli;

public static class ServeCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        var urls = o.Get("--urls") ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://localhost:5080";
        var noDemo = o.Flag("--no-demo");
        o.EnsureNoUnknown();
        await Startup.PrepareAsync(db, Console.Error);
        var app = HeardApp.Build(["--urls", urls], db);
        await Startup.SeedAsync(app.Services, db, loadDemo: !noDemo, Console.Error);
        Console.Error.WriteLine($"Heard is running at {urls} on {db}. Press Ctrl+C to stop.");
        await app.RunAsync();
        return 0;
    }
}

public static class MigrateCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        o.EnsureNoUnknown();
        var applied = await Migrator.MigrateAsync(db);
        Console.Out.WriteLine(applied.Count == 0 ? "migrations: up to date" : $"migrations applied: {string.Join(", ", applied)}");
        return 0;
    }
}

public static class DemoCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        o.EnsureNoUnknown();
        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        if (context.Trusts.Any()) throw new UsageException("the database already holds an organisation; the demo loads only into an empty database");
        await DemoLoader.LoadAsync(db, Console.Error);
        return 0;
    }
}

public static class RebuildCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        o.EnsureNoUnknown();
        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        var (fft, sources, themes) = await Aggregates.RebuildAsync(context);
        Console.Out.WriteLine($"rebuilt: {fft} FFT unit-months, {sources} other-source unit-months, {themes} theme rows");
        return 0;
    }
}
