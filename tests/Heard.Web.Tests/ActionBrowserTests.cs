using Heard.Web.Infrastructure;
using Heard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Heard.Web.Tests;

/// <summary>The improvement action journey in headless Chromium over the demo trust.</summary>
[Collection("console")]
public sealed class ActionBrowserTests
{
    [Fact]
    public async Task Staff_create_an_action_from_an_alert_and_close_it_with_an_impact_review()
    {
        // An early warning as the evaluation raises it (EarlyWarningTests covers when it does).
        long alertId = 0;
        var unitId = 0;
        var (app, db, url) = await BrowserTests.StartAsync(async seeded =>
        {
            await using var context = seeded.Context();
            var unit = await context.Units.Where(u => u.Kind == Heard.Data.Model.UnitKinds.Ward && u.ClosedOn == null).OrderBy(u => u.Id).FirstAsync();
            unitId = unit.Id;
            var alert = new Heard.Data.Model.EarlyWarningAlert
            {
                TrustId = unit.TrustId, UnitId = unit.Id, Kind = "spc-concern", Metric = "fft-positive", Month = 202610,
                Explanation = $"FFT % positive on {unit.Name} fell below its lower limit in October 2026.", Evidence = "[]",
                Value = 61, Reference = 72.5, RaisedAt = new DateTime(2026, 11, 2, 6, 0, 0, DateTimeKind.Utc),
            };
            context.EarlyWarningAlerts.Add(alert);
            await context.SaveChangesAsync();
            alertId = alert.Id;
        });
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserTests.LaunchAsync(playwright);
            var page = await BrowserTests.AdministratorPageAsync(browser, url);

            await page.GotoAsync($"{url}/Alerts?unit={unitId}");
            await page.Locator($"a[href*='evidenceKind=alert'][href*='evidenceId={alertId}&']").ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/Actions/Create"));
            Assert.Contains("Alert", await page.Locator("#evidence").InnerTextAsync());
            await BrowserTests.AssertAccessibleAsync(page);
            await page.GetByLabel("Title").FillAsync("Daily huddle on patient feedback");
            await page.GetByLabel("Due date").FillAsync("2026-12-31");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the action" }).ClickAsync();

            await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, @"/Actions/\d+$"));
            Assert.Equal("Daily huddle on patient feedback", (await page.Locator("h1").InnerTextAsync()).Trim());
            var evidence = page.Locator("[data-evidence-kind=alert] a");
            Assert.Equal($"/Alerts/{alertId}", await evidence.GetAttributeAsync("href"));

            await page.Locator("#close-link").ClickAsync();
            await page.WaitForURLAsync(u => u.EndsWith("/Close"));
            await page.GetByLabel("Impact review").FillAsync("Huddles ran every day; no further alerts on this ward.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Close the action" }).ClickAsync();
            await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, @"/Actions/\d+$"));
            Assert.Equal("Done", (await page.Locator("#action-status").InnerTextAsync()).Trim());
            Assert.Contains("Huddles ran every day", await page.Locator("#impact-review").InnerTextAsync());
            await BrowserTests.AssertAccessibleAsync(page);
        }
        finally
        {
            Environment.SetEnvironmentVariable(FirstRun.AdministratorPasswordVariable, null);
            await app.StopAsync();
            await app.DisposeAsync();
            await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Staff_create_an_action_from_a_comment_and_close_it_with_an_impact_review()
    {
        var (app, db, url) = await BrowserTests.StartAsync();
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserTests.LaunchAsync(playwright);
            var page = await BrowserTests.AdministratorPageAsync(browser, url);

            // The evidence: a comment about food, found by search.
            await page.GotoAsync(url + "/Comments?q=food");
            await page.Locator("a[data-create-action]").First.ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/Actions/Create"));
            Assert.Contains("Comment from", await page.Locator("#evidence").InnerTextAsync());
            await BrowserTests.AssertAccessibleAsync(page);

            await page.GetByLabel("Title").FillAsync("Hot meals served at 5pm, not 4pm");
            await page.GetByLabel("Due date").FillAsync("2026-12-31");
            await page.GetByLabel("Measure").SelectOptionAsync("fft-positive");
            await page.GetByLabel("Date the change went live").FillAsync("2026-04-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the action" }).ClickAsync();

            await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, @"/Actions/\d+$"));
            Assert.Equal("Hot meals served at 5pm, not 4pm", (await page.Locator("h1").InnerTextAsync()).Trim());
            Assert.Contains("Comment from", await page.Locator("[data-evidence-kind=comment]").InnerTextAsync());
            Assert.Equal(1, await page.Locator("#did-it-work svg.heard-spc-chart").CountAsync());
            Assert.Contains("months after", await page.Locator("#impact-held-3").InnerTextAsync());
            await BrowserTests.ScreenshotAsync(page, "action");
            await BrowserTests.AssertAccessibleAsync(page);

            await page.GetByLabel("Add a progress note").FillAsync("Catering agreed the later meal time from April.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add the note" }).ClickAsync();
            Assert.Contains("Catering agreed", await page.Locator("#notes ~ ol").InnerTextAsync());

            await page.Locator("#close-link").ClickAsync();
            await page.WaitForURLAsync(u => u.EndsWith("/Close"));
            Assert.Equal(1, await page.Locator("#did-it-work").CountAsync());
            await BrowserTests.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Close the action" }).ClickAsync();
            Assert.Contains("Write an impact review", await page.Locator("#ImpactReview-error").InnerTextAsync());
            await BrowserTests.AssertAccessibleAsync(page);
            await page.GetByLabel("Impact review").FillAsync("Fewer comments about cold food; FFT positive held above the old mean.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Close the action" }).ClickAsync();

            await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, @"/Actions/\d+$"));
            Assert.Equal("Done", (await page.Locator("#action-status").InnerTextAsync()).Trim());
            Assert.Contains("Fewer comments about cold food", await page.Locator("#impact-review").InnerTextAsync());
            Assert.Contains("Mean before", await page.Locator("#impact-summary").InnerTextAsync());
            await BrowserTests.AssertAccessibleAsync(page);

            await page.GotoAsync(url + "/Actions?status=done");
            Assert.Equal(1, await page.Locator("#actions-table tbody tr").CountAsync());
            await BrowserTests.AssertAccessibleAsync(page);
        }
        finally
        {
            Environment.SetEnvironmentVariable(FirstRun.AdministratorPasswordVariable, null);
            await app.StopAsync();
            await app.DisposeAsync();
            await db.DisposeAsync();
        }
    }
}
