using Heard.Data;
using Heard.Web;
using Heard.Web.Infrastructure;

namespace Heard.Cli;

public static class ServeCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        var urls = o.Get("--urls") ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://localhost:5080";
        o.EnsureNoUnknown();
        await Startup.PrepareAsync(db, loadDemo: true, Console.Error);
        var app = HeardApp.Build(["--urls", urls], db);
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
