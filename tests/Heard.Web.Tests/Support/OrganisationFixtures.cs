using System.Security.Claims;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Features.Organisation;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests.Support;

/// <summary>Feedback files, an audit trail outside a request, and organisation CSV runs for the organisation tests.</summary>
public static class OrganisationFixtures
{
    public const string FeedbackHeader = "response_id,date,trust_code,trust_name,site_code,site_name,unit,setting,answer,mode";

    /// <summary>One FFT response; trust RZZ, site RZZ01 unless told otherwise.</summary>
    public static string Response(string id, string date, string unit, string trust = "RZZ", string site = "RZZ01", int answer = 1) =>
        $"{id},{date},{trust},Test Trust {trust},{site},Site {site},{unit},inpatient,{answer},sms";

    public static async Task<ImportResult> ImportFeedbackAsync(TestDatabase db, TempFiles files, params string[] rows)
    {
        var path = files.Write($"feedback-{Guid.NewGuid():N}.csv", FeedbackHeader + "\n" + string.Join("\n", rows) + "\n");
        return await new FeedbackImporter(db.Target).ImportAsync(path, new ImportOptions());
    }

    /// <summary>An audit trail for changes made outside a request, in the name of <paramref name="userName"/>.</summary>
    public static Audit Audit(HeardDbContext db, string userName = "organisation-tests")
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], "test"));
        return new Audit(db, new CurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } }, db));
    }

    public static Task<Unit> UnitAsync(HeardDbContext db, string name) => db.Units.SingleAsync(u => u.Name == name);

    public static OrganisationCsvPlan Plan(string csv, DateOnly? effectiveFrom = null)
    {
        var plan = OrganisationCsv.Parse(new StringReader(csv));
        if (effectiveFrom is DateOnly d) plan.EffectiveFrom = d;
        return plan;
    }

    public static async Task<OrganisationCsvResult> ApplyCsvAsync(TestDatabase db, string csv, DateOnly? effectiveFrom = null)
    {
        await using var ctx = db.Context();
        return await OrganisationCsv.ApplyAsync(ctx, Plan(csv, effectiveFrom), Audit(ctx), CancellationToken.None);
    }

    public static async Task<string> ExportCsvAsync(TestDatabase db)
    {
        await using var ctx = db.Context();
        var writer = new StringWriter();
        await OrganisationCsv.WriteAsync(ctx, writer, CancellationToken.None);
        return writer.ToString();
    }

    /// <summary>Everything derived from or pointing at feedback, as text, so a test can show a change left it alone.</summary>
    public static async Task<string> FeedbackSnapshotAsync(TestDatabase db)
    {
        await using var ctx = db.Context();
        var feedback = await ctx.Feedback.AsNoTracking().OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.TrustId, f.SiteId, f.UnitId, f.Month, f.FftAnswer }).ToListAsync();
        var monthly = (await ctx.FftMonthly.AsNoTracking().ToListAsync())
            .OrderBy(m => m.UnitId).ThenBy(m => m.Month).ThenBy(m => m.Setting, StringComparer.Ordinal);
        return System.Text.Json.JsonSerializer.Serialize(new { feedback, monthly });
    }
}
