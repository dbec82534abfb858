using System.Net;
using System.Net.Http.Json;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class StaffExperienceTests
{
    private const string Fft = "response_id,date,trust_code,site_code,unit,setting,answer,mode\n" +
        "1,2026-07-03,RZZ,RZZ01,Ward 1,inpatient,1,sms\n" +
        "2,2026-07-04,RZZ,RZZ01,Ward 1,inpatient,2,sms\n" +
        "3,2026-07-05,RZZ,RZZ01,Ward 1,inpatient,4,sms\n" +
        "4,2026-07-06,RZZ,RZZ01,Ward 2,inpatient,1,sms\n" +
        "5,2026-08-06,RZZ,RZZ01,Ward 1,inpatient,5,sms\n" +
        "6,2026-08-07,RZZ,RZZ01,Ward 2,inpatient,1,sms\n" +
        "7,2026-08-08,RYY,RYY01,Ward 9,inpatient,1,sms\n";

    private static async Task<(WebHost Host, Dictionary<string, Unit> Units)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        using var files = new TempFiles();
        await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", Fft), new ImportOptions());
        await using var db = host.Database.Context();
        return (host, await db.Units.ToDictionaryAsync(u => u.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Imported_staff_measures_are_shown_beside_patient_fft_by_month_and_by_unit(string provider)
    {
        var (host, units) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        var empty = await WebHost.ParseAsync(await client.GetAsync("/staff-experience?from=2026-07&to=2026-08"));
        Assert.Contains("No staff survey or staff FFT figures for these months", empty.Body!.TextContent);
        Assert.NotNull(empty.QuerySelector("a[href='/Quality/Import']"));

        var imported = await client.PostAsJsonAsync("/api/quality-measures", new object[]
        {
            new { unit_code = units["Ward 1"].Code, month = "2026-07", measure = "staff_survey_feedback_used", value = 60.0 },
            new { unit_code = units["Ward 2"].Code, month = "2026-07", measure = "staff_survey_feedback_used", value = 70.0 },
            new { unit_code = units["Ward 1"].Code, month = "2026-08", measure = "staff_fft_work", value = 55.5 },
            new { unit_code = units["Ward 9"].Code, month = "2026-08", measure = "staff_fft_work", value = 99.0 },
        });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var page = await client.GetAsync($"/staff-experience?trust={units["Ward 1"].TrustId}&from=2026-07&to=2026-08");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var doc = await WebHost.ParseAsync(page);
        Assert.DoesNotContain("No staff survey or staff FFT figures", doc.Body!.TextContent);
        var july = doc.QuerySelector("table[data-table=by-month] tr[data-month='2026-07']")!;
        // July, both wards: 4 responses, 3 positive = 75%; the survey item is the mean of the two units, 65%.
        Assert.Equal("4", july.QuerySelector("[data-figure=responses]")!.TextContent.Trim());
        Assert.Equal("75%", july.QuerySelector("[data-figure=positive]")!.TextContent.Trim());
        Assert.Equal("65% (2 units)", july.QuerySelector("[data-measure=staff_survey_feedback_used]")!.TextContent.Trim());
        var august = doc.QuerySelector("table[data-table=by-month] tr[data-month='2026-08']")!;
        Assert.Equal("50%", august.QuerySelector("[data-figure=positive]")!.TextContent.Trim());
        // Ward 9 belongs to the other trust: its 99% is not in RZZ's figures.
        Assert.Equal("55.5% (1 unit)", august.QuerySelector("[data-measure=staff_fft_work]")!.TextContent.Trim());

        var ward1 = doc.QuerySelector($"table[data-table=by-unit] tr[data-unit='{units["Ward 1"].Id}']")!;
        Assert.Equal("60% (Jul 2026)", ward1.QuerySelector("[data-measure=staff_survey_feedback_used]")!.TextContent.Trim());
        Assert.Equal("50%", ward1.QuerySelector("[data-figure=positive]")!.TextContent.Trim());
        Assert.Contains("does not say one causes the other", doc.Body.TextContent);
        // Two units, neither with 20 FFT responses: no correlation is worked out.
        Assert.Contains("Not shown", doc.QuerySelector("table[data-table=across] tr[data-measure=staff_survey_feedback_used]")!.TextContent);

        var unitPage = await WebHost.ParseAsync(await client.GetAsync($"/staff-experience?unit={units["Ward 1"].Id}&from=2026-07&to=2026-08"));
        Assert.Equal("60%", unitPage.QuerySelector("table[data-table=by-month] tr[data-month='2026-07'] [data-measure=staff_survey_feedback_used]")!.TextContent.Trim());
        Assert.Equal("67%", unitPage.QuerySelector("table[data-table=by-month] tr[data-month='2026-07'] [data-figure=positive]")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_experience_is_authorised_by_role_and_filtered_to_scope(string provider)
    {
        var (host, units) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("partner", Roles.PatientPartner, (ScopeLevels.All, null));
        await host.CreateUserAsync("ward2", Roles.WardManager, (ScopeLevels.Unit, units["Ward 2"].Id));

        var partner = await (await host.SignedInAsync("partner")).GetAsync("/staff-experience");
        Assert.Equal(HttpStatusCode.Redirect, partner.StatusCode);
        Assert.Contains("/Account/Denied", partner.Headers.Location!.OriginalString);

        var ward2 = await host.SignedInAsync("ward2");
        var own = await WebHost.ParseAsync(await ward2.GetAsync("/staff-experience?from=2026-07&to=2026-08"));
        Assert.NotNull(own.QuerySelector($"tr[data-unit='{units["Ward 2"].Id}']"));
        Assert.Null(own.QuerySelector($"tr[data-unit='{units["Ward 1"].Id}']"));
        Assert.Equal("1", own.QuerySelector("tr[data-month='2026-07'] [data-figure=responses]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await ward2.GetAsync($"/staff-experience?unit={units["Ward 1"].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ward2.GetAsync($"/staff-experience?trust={units["Ward 9"].TrustId}")).StatusCode);
    }
}
