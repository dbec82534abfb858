using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web;
using Heard.Web.Features.Collection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Heard.Bench;

/// <summary>
/// Loopback load test of the public submission endpoint (issue 3): a steady RATE submissions a second for SECONDS
/// seconds against the embedded database over real HTTP, one in twenty sent twice as a kiosk retry would, then checks
/// every distinct response is stored exactly once (feedback rows, original rows, and the monthly aggregate).
/// Run: dotnet run -c Release --project bench/Heard.Bench -- load [--rate 200] [--seconds 60]
/// </summary>
public static class SubmissionLoadTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Option(args, "--rate", 200);
        var seconds = Option(args, "--seconds", 60);
        var path = Path.Combine(Path.GetTempPath(), $"heard-load-{Guid.NewGuid():N}.db");
        var target = DatabaseTarget.Parse("sqlite:" + path);
        await Migrator.MigrateAsync(target);
        var (code, unitId) = await CreateSurveyAsync(target);

        var app = HeardApp.Build(["--urls", "http://127.0.0.1:0"], target, b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            // One machine stands in for a whole hospital of phones here; the per-address limit is for floods from one.
            b.Configuration["Heard:PublicRequestsPerMinute"] = "10000000";
        });
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };

        Console.Error.WriteLine($"load test: {rate}/s for {seconds} s against {baseUrl} (SQLite {path})");
        var total = rate * seconds;
        var latencies = new double[total];
        var statuses = new HttpStatusCode[total];
        var ids = new Guid[total];
        var random = new Random(42);
        for (var i = 0; i < total; i++)
            ids[i] = i >= 20 && random.Next(20) == 0 ? ids[random.Next(i)] : Guid.NewGuid();
        var answers = Enumerable.Range(0, total).Select(_ => random.Next(1, 7).ToString()).ToArray();

        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                var started = clock.Elapsed;
                try
                {
                    using var response = await http.PostAsJsonAsync($"/api/public/s/{code}/responses", new
                    {
                        id = ids[n].ToString(),
                        answers = new Dictionary<string, string> { ["fft"] = answers[n], ["why"] = $"Load test comment {n}: the staff were kind." },
                    });
                    statuses[n] = response.StatusCode;
                }
                catch (Exception)
                {
                    statuses[n] = 0;
                }
                latencies[n] = (clock.Elapsed - started).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalSeconds;
        await app.StopAsync();
        await app.DisposeAsync();

        await using var db = target.CreateContext();
        var distinct = ids.Distinct().Count();
        var stored = await db.Feedback.CountAsync(f => f.UnitId == unitId);
        var rows = await db.ImportedRows.CountAsync(r => r.FeedbackRecordId != null);
        var counted = await db.FftMonthly.Where(m => m.UnitId == unitId)
            .SumAsync(m => m.VeryGood + m.Good + m.Neither + m.Poor + m.VeryPoor + m.DontKnow + m.NoRating);
        var created = statuses.Count(s => s == HttpStatusCode.Created);
        var duplicates = statuses.Count(s => s == HttpStatusCode.OK);
        var failed = statuses.Count(s => s is not HttpStatusCode.Created and not HttpStatusCode.OK);
        Array.Sort(latencies);
        double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];

        Console.WriteLine($"sent={total} seconds={elapsed:F1} achieved_per_second={total / elapsed:F0}");
        Console.WriteLine($"created={created} duplicate_answers={duplicates} failed={failed}");
        Console.WriteLine($"latency_ms p50={P(0.5):F1} p95={P(0.95):F1} p99={P(0.99):F1} max={latencies[^1]:F1}");
        Console.WriteLine($"distinct_responses={distinct} stored={stored} original_rows={rows} fft_monthly_total={counted}");
        var exactlyOnce = stored == distinct && rows == distinct && counted == distinct && created == distinct && failed == 0;
        Console.WriteLine(exactlyOnce ? "result=pass: every response stored exactly once" : "result=FAIL");
        File.Delete(path);
        return exactlyOnce ? 0 : 1;
    }

    private static async Task<(string Code, int UnitId)> CreateSurveyAsync(DatabaseTarget target)
    {
        await using var db = target.CreateContext();
        var now = DateTime.UtcNow;
        var trust = new Trust { OdsCode = "RLT", Name = "Load Test Trust" };
        db.Trusts.Add(trust);
        await db.SaveChangesAsync();
        var site = new Site { TrustId = trust.Id, Code = "RLT01", Name = "Load Test Hospital" };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        var unit = new Unit { TrustId = trust.Id, SiteId = site.Id, Code = "W1", Name = "Ward 1", Settings = "inpatient", CreatedAt = now };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        var survey = new Survey { TrustId = trust.Id, Name = "Load test survey", CreatedAt = now };
        survey.Versions.Add(new SurveyVersion
        {
            Number = 1, Status = SurveyStatuses.Live, CreatedAt = now, PublishedAt = now, DefinitionJson = QuestionLibrary.Starter().ToJson(),
        });
        var code = SurveyPoints.NewCode();
        survey.Assignments.Add(new SurveyAssignment { UnitId = unit.Id, Setting = "inpatient", Code = code, CreatedAt = now });
        db.Surveys.Add(survey);
        await db.SaveChangesAsync();
        return (code, unit.Id);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
