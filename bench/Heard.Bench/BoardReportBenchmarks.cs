using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web;
using Heard.Web.Features.Import;
using Heard.Web.Features.Organisation;
using Heard.Web.Features.Reports;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Heard.Bench;

/// <summary>
/// A quarterly board report for a 40-unit trust with 24 months of data (targets: HTML under 2 s, PDF under 10 s), asked
/// of the running web app over HTTP as a signed-in PX analyst, so the time is the whole request: every query, the Razor
/// page or the PDF, and the response. The database is built once through the real importer and kept in the temp folder;
/// HEARD_BENCH_REPORT_RESPONSES sets its size (default 200,000 responses, about 200 for each unit and month).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class BoardReportBenchmarks
{
    private const int Units = 40;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private HeardDbContext _db = null!;
    private string _report = "";
    private BoardReportRequest _request = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var responses = int.TryParse(Environment.GetEnvironmentVariable("HEARD_BENCH_REPORT_RESPONSES"), out var n) ? n : 200_000;
        var path = Path.Combine(Path.GetTempPath(), $"heard-bench-report-{responses}.db");
        var target = DatabaseTarget.Parse("sqlite:" + path);
        if (!File.Exists(path))
        {
            await Migrator.MigrateAsync(target);
            await using (var db = target.CreateContext())
                await OrganisationCsv.ApplyAsync(db, Organisation(), new Audit(db, new CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor(), db)), CancellationToken.None);
            await new FeedbackImporter(target).ImportAsync(WriteFeedback(responses), new ImportOptions { ChunkSize = 20000 });
        }
        _db = target.CreateContext();
        var trust = await _db.Trusts.SingleAsync(t => t.OdsCode == "RBR");
        var last = await _db.FftMonthly.MaxAsync(m => m.Month);
        // The last whole quarter: the data runs to October 2026, so July to September 2026.
        _request = new BoardReportRequest(trust.Id, null, ReportPeriod.Containing(BoardReportPeriods.Quarterly, last).Previous());
        _report = BoardReportQuery.Link(_request);

        const string port = "5917";
        _app = HeardApp.Build(["--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning"], target);
        await FirstRun.EnsureRolesAndAdministratorAsync(_app.Services, TextWriter.Null);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HeardUser>>();
            if (await users.FindByNameAsync("bench-analyst") is null)
                await FirstRun.CreateUserAsync(users, scope.ServiceProvider.GetRequiredService<HeardDbContext>(), "bench-analyst", "Correct-Horse-42",
                    "Bench analyst", [Roles.PxAnalyst], [(ScopeLevels.All, null)]);
        }
        await _app.StartAsync();
        _client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromMinutes(5),
        };
        var signIn = await _client.GetStringAsync("/Account/SignIn");
        var token = Regex.Match(signIn, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signedIn = await _client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "bench-analyst", ["Input.Password"] = "Correct-Horse-42", ["__RequestVerificationToken"] = token,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException("bench sign-in failed: " + signedIn.StatusCode);
        Console.WriteLine($"board report benchmark: {await _db.Feedback.CountAsync():N0} responses, {Units} units, {_request.Period.Label}");
    }

    private static OrganisationCsvPlan Organisation()
    {
        var csv = new StringBuilder("trust_code,trust_name,site_code,site_name,division,unit_code,unit_name,unit_kind,settings\n");
        for (var u = 0; u < Units; u++)
            csv.Append(CultureInfo.InvariantCulture, $"RBR,Report Bench Trust,RBR0{u % 2},Site {u % 2},Division {u % 4},U{u},Unit {u},ward,inpatient\n");
        var plan = OrganisationCsv.Parse(new StringReader(csv.ToString()));
        plan.EffectiveFrom = new DateOnly(2000, 1, 1);
        return plan;
    }

    /// <summary>24 months to October 2026 over the 40 units and four settings, half the rows with a comment the built-in model codes.</summary>
    private static string WriteFeedback(int rows)
    {
        string[] comments = ["Staff were kind and explained everything", "The food was cold and the portions were small", "Waited four hours to be seen",
            "Clean ward, lovely nurses", "Noisy at night, could not sleep", "Parking was impossible and expensive"];
        string[] settings = ["inpatient", "inpatient", "outpatient", "ae", "maternity-birth"];
        var path = Path.Combine(Path.GetTempPath(), $"heard-bench-report-{rows}.csv");
        var random = new Random(7);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.WriteLine("response_id,date,trust_code,site_code,unit,setting,answer,mode,comment");
        for (var i = 0; i < rows; i++)
        {
            var unit = random.Next(Units);
            var month = new DateOnly(2024, 11, 1).AddMonths(i % 24);
            var comment = random.Next(2) == 0 ? comments[random.Next(comments.Length)] : "";
            w.WriteLine($"B{i},{month.AddDays(i % 28):yyyy-MM-dd},RBR,RBR0{unit % 2},Unit {unit},{settings[random.Next(settings.Length)]},{1 + random.Next(6)},sms,\"{comment}\"");
        }
        return path;
    }

    [Benchmark(Description = "board report figures, quarter, 40-unit trust (queries only)")]
    public BoardReportFigures? Figures() => BoardReportQuery.GenerateAsync(_db, _request, 10).GetAwaiter().GetResult();

    [Benchmark(Description = "board report as HTML, quarter, 40-unit trust (whole request)")]
    public int Html() => Get(_report);

    [Benchmark(Description = "board report as PDF, quarter, 40-unit trust (whole request)")]
    public int Pdf() => Get(_report + "&handler=pdf");

    private int Get(string url)
    {
        using var response = _client.GetAsync(url).GetAwaiter().GetResult();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {response.StatusCode}");
        return response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult().Length;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _db.Dispose();
    }
}
