using Heard.Web.Infrastructure;
using Heard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Heard.Web.Tests;

/// <summary>The report builder's journey in headless Chromium over the demo trust, checked with axe.</summary>
[Collection("console")]
public sealed class ReportBuilderBrowserTests
{
    [Fact]
    public async Task An_administrator_builds_a_report_on_two_units_over_a_range_of_months_saves_it_and_opens_its_link()
    {
        var (app, db, url) = await BrowserTests.StartAsync();
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserTests.LaunchAsync(playwright);
            var page = await BrowserTests.AdministratorPageAsync(browser, url);

            await page.GotoAsync(url + "/Reports/Builder");
            await BrowserTests.AssertAccessibleAsync(page);
            await page.GetByLabel("Trust, division or chosen units").SelectOptionAsync("units");
            var units = page.Locator("input[name=Units]");
            await units.Nth(0).CheckAsync();
            await units.Nth(1).CheckAsync();
            await page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync("range");
            await page.GetByLabel("From", new() { Exact = true }).SelectOptionAsync("2026-05");
            await page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync("2026-09");
            await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
            // The demo trust's report is generated from two years of months: give a loaded machine time.
            await page.Locator("#report-title, .nhsuk-error-summary").First.WaitForAsync(new() { Timeout = 180_000 });
            Assert.Equal("", string.Join(" ", await page.Locator(".nhsuk-error-summary li").AllInnerTextsAsync()));
            Assert.Contains("May to September 2026", await page.Locator("#report-title").InnerTextAsync());
            Assert.Equal(1, await page.Locator("h1").CountAsync());
            await BrowserTests.ScreenshotAsync(page, "report-builder-preview");
            await BrowserTests.AssertAccessibleAsync(page);

            await page.GetByLabel("Template name").FillAsync("Two wards, May to September");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save as a template" }).ClickAsync();
            await page.WaitForURLAsync(u => u.EndsWith("/Reports/Templates"), new() { Timeout = 60_000 });
            await BrowserTests.AssertAccessibleAsync(page);
            var link = await page.Locator("a[data-share-link]").First.GetAttributeAsync("href");
            Assert.StartsWith("/Reports/Template/", link);

            await page.GotoAsync(url + link, new() { Timeout = 180_000 });
            Assert.Contains("May to September 2026", await page.Locator("h1#report-title").InnerTextAsync());
            Assert.Equal(1, await page.Locator("h1").CountAsync());
            Assert.Contains("2 units", await page.Locator("[data-figure=generated]").InnerTextAsync());
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
