using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

/// <summary>The SPC page and API on seeded months, scope, and change points, on both databases.</summary>
public sealed class SpcPageTests
{
    private sealed record Ids(int Trust, int Ward1, int Ward2);

    /// <summary>
    /// Ward 1: ten FFT answers a month from January 2025 to January 2026. Eight or nine of them very good in turn for twelve
    /// months (80%, 90%, ...), then two (20%). By hand: mean 1040 / 13 = 80; moving ranges eleven of 10 and one of 70, so
    /// mR_bar 15; lower limit 80 − 39.9 = 40.1. The 80s sit on the mean (no shift), 90 is far from the upper band
    /// (106.6), so only January 2026 is special cause, a concern because up is better. Ward 2 has one month.
    /// </summary>
    private static async Task<(WebHost Host, Ids Ids)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        var csv = new StringBuilder(Seeding.FftHeader);
        var id = 0;
        Seeding.AppendDeterioratingMonths(csv, "Ward 1", ref id);
        for (var i = 0; i < 5; i++) csv.Append($"{++id},2026-01-12,RZZ,RZZ01,Ward 2,inpatient,1,sms\n");
        await host.ImportCsvAsync(csv.ToString());
        var trustId = await host.TrustIdAsync();
        var units = await host.UnitIdsAsync(trustId);
        return (host, new Ids(trustId, units["Ward 1"], units["Ward 2"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_page_charts_the_months_with_the_point_types_worked_by_hand(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        var response = await client.GetAsync($"/Spc?unit={ids.Ward1}&metric=fft-positive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebHost.ParseAsync(response);
        var svg = page.QuerySelector("svg.heard-spc-chart")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.NotNull(svg.QuerySelector("title"));
        Assert.Contains("1 special-cause point", svg.QuerySelector("desc")!.TextContent);
        var rows = page.QuerySelectorAll("#spc-table tbody tr").ToList();
        Assert.Equal(13, rows.Count);
        Assert.All(rows.Take(12), r => Assert.Equal("common_cause", r.GetAttribute("data-point-type")));
        Assert.Equal("special_cause_concern", rows[12].GetAttribute("data-point-type"));
        Assert.Equal("Special cause: concern", rows[12].QuerySelectorAll("td").Last().TextContent.Trim());
        Assert.Equal("special_cause_concern", page.QuerySelector("[data-variation]")!.GetAttribute("data-variation"));
        Assert.Equal(13, svg.QuerySelectorAll("circle[data-point-type]").Length);
        Assert.Equal("#e46c0a", svg.QuerySelectorAll("circle[data-point-type]").Last().GetAttribute("fill"));
        Assert.NotNull(page.QuerySelector("#spc-table caption"));
        Assert.All(page.QuerySelectorAll("#spc-table thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));

        var json = await client.GetOkJsonAsync($"/api/spc?unit={ids.Ward1}&metric=fft-positive&target=30");
        var points = json.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(13, points.Count);
        Assert.Equal("2025-01", points[0].GetProperty("month").GetString());
        Assert.Equal(80.0, points[0].GetProperty("mean").GetDouble(), 9);
        Assert.Equal(40.1, points[0].GetProperty("lowerProcessLimit").GetDouble(), 9);
        Assert.Equal(119.9, points[0].GetProperty("upperProcessLimit").GetDouble(), 9);
        Assert.Equal("special_cause_concern", points[12].GetProperty("pointType").GetString());
        Assert.Equal("special_cause_concern", json.GetProperty("variation").GetString());
        // A target of 30% lies below the lower limit (40.1): with up better, the process will consistently meet it.
        Assert.Equal("pass", json.GetProperty("assurance").GetString());
        Assert.Equal("increase", json.GetProperty("improvement").GetString());

        // The p-chart of the same share: p̄ = 104/130 = 0.8, σ = √(0.8 × 0.2 / 10) = 0.1265, lower limit 0.8 − 0.3795 = 42.05%.
        var p = await client.GetOkJsonAsync($"/api/spc?unit={ids.Ward1}&metric=fft-positive&chart=p");
        Assert.Equal("p", p.GetProperty("chart").GetString());
        var first = p.GetProperty("points")[0];
        Assert.Equal(100 * (0.8 - 3 * Math.Sqrt(0.016)), first.GetProperty("lowerProcessLimit").GetDouble(), 9);
        Assert.Equal(10, first.GetProperty("denominator").GetInt64());
        Assert.Equal("special_cause_concern", p.GetProperty("variation").GetString());
        var pPage = await client.GetAsync($"/Spc?unit={ids.Ward1}&metric=fft-positive&chart=p");
        Assert.Equal(HttpStatusCode.OK, pPage.StatusCode);

        // Every measure renders, with or without data.
        foreach (var metric in new[] { "fft-negative", "fft-response-rate", "complaints", "pals", "theme-share", "sentiment" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Spc?unit={ids.Ward1}&metric={metric}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Spc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/spc?unit={ids.Ward1}&metric=waiting-times")).StatusCode);

        // The endpoint is described with its typed result.
        var openApi = await host.Client().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"SpcChart\"", openApi);
        Assert.Contains("pointType", openApi);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ward_manager_cannot_see_another_wards_chart(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("manager2", Roles.WardManager, (ScopeLevels.Unit, ids.Ward2));
        var client = await host.SignedInAsync("manager2");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Spc?unit={ids.Ward1}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/spc?unit={ids.Ward1}")).StatusCode);
        // Their own ward, and the trust as far as they can see it (Ward 2 alone: one month, trial limits).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Spc?unit={ids.Ward2}")).StatusCode);
        var trust = await client.GetOkJsonAsync($"/api/spc?trust={ids.Trust}");
        var point = Assert.Single(trust.GetProperty("points").EnumerateArray());
        Assert.True(point.GetProperty("trialLimits").GetBoolean());
        Assert.Equal(100.0, point.GetProperty("value").GetDouble(), 9);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_change_point_starts_new_limits_and_can_be_removed(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        await host.CreateUserAsync("manager2", Roles.WardManager, (ScopeLevels.Unit, ids.Ward2));
        await host.CreateUserAsync("partner", Roles.PatientPartner, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        var url = $"/Spc?unit={ids.Ward1}&metric=fft-positive";

        var page = await client.GetAsync(url);
        var token = await WebHost.AntiforgeryAsync(page);
        var added = await client.PostAsync(url + "&handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ChangeDate"] = "2025-07-01", ["ChangeNote"] = "New discharge lounge opened", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        // July 2025 starts a second segment: Jan-Jun 2025 (80/90 in turn, mean 85) and Jul 2025-Jan 2026 (mean 530/7).
        var json = await client.GetOkJsonAsync($"/api/spc?unit={ids.Ward1}&metric=fft-positive");
        var points = json.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(85.0, points[0].GetProperty("mean").GetDouble(), 9);
        Assert.Equal(530.0 / 7, points[6].GetProperty("mean").GetDouble(), 9);
        Assert.Equal(1, points[6].GetProperty("segment").GetInt32());
        Assert.True(points[6].GetProperty("trialLimits").GetBoolean());
        var changePoint = Assert.Single(json.GetProperty("changePoints").EnumerateArray());
        Assert.Equal("2025-07", changePoint.GetProperty("newLimitsFrom").GetString());
        Assert.Equal("New discharge lounge opened", changePoint.GetProperty("note").GetString());
        var html = await WebHost.ParseAsync(await client.GetAsync(url));
        Assert.Contains("New discharge lounge opened", html.QuerySelector("#change-points")!.TextContent);
        Assert.Contains("Change: New discharge lounge", html.QuerySelector("svg .heard-spc-change")!.TextContent);
        Assert.NotNull(html.QuerySelector("svg .heard-spc-limits--trial"));
        // The change point belongs to Ward 1's chart of this measure only.
        var other = await client.GetOkJsonAsync($"/api/spc?unit={ids.Ward1}&metric=fft-negative");
        Assert.Empty(other.GetProperty("changePoints").EnumerateArray());

        // A ward manager of another ward cannot add one here; a patient partner sees the chart but may not mark it.
        var manager = await host.SignedInAsync("manager2");
        var managerPage = await manager.GetAsync($"/Spc?unit={ids.Ward2}");
        var denied = await manager.PostAsync(url + "&handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ChangeDate"] = "2025-09-01", ["ChangeNote"] = "Not mine", ["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(managerPage),
        }));
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        var partner = await host.SignedInAsync("partner");
        var partnerPage = await partner.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, partnerPage.StatusCode);
        var partnerHtml = await partnerPage.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Add change point", partnerHtml);
        var forbidden = await partner.PostAsync(url + "&handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ChangeDate"] = "2025-09-01", ["ChangeNote"] = "Not allowed", ["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(await partner.GetAsync($"/Spc?unit={ids.Ward2}")),
        }));
        Assert.False(forbidden.StatusCode == HttpStatusCode.Redirect && forbidden.Headers.Location?.OriginalString.StartsWith("/Spc", StringComparison.Ordinal) == true,
            $"{forbidden.StatusCode} {forbidden.Headers.Location}");
        await using (var db = host.Database.Context())
            Assert.Equal(1, await db.SpcChangePoints.CountAsync());

        // Remove (undo) it: the chart is one segment again.
        var removeForm = html.QuerySelector("#change-points form")!;
        var removed = await client.PostAsync(removeForm.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = removeForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var after = await client.GetOkJsonAsync($"/api/spc?unit={ids.Ward1}&metric=fft-positive");
        Assert.Empty(after.GetProperty("changePoints").EnumerateArray());
        Assert.Equal(80.0, after.GetProperty("points")[6].GetProperty("mean").GetDouble(), 9);
    }
}
