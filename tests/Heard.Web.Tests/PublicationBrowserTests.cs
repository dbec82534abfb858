using Heard.Web.Infrastructure;
using Heard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Heard.Web.Tests;

/// <summary>The transparency page, staff experience and the Quality Account draft in headless Chromium over the demo trust.</summary>
[Collection("console")]
public sealed class PublicationBrowserTests
{
    [Fact]
    public async Task Transparency_staff_experience_and_quality_account_pages_pass_the_accessibility_checks()
    {
        var ods = "";
        var (app, db, url) = await BrowserTests.StartAsync(async seeded =>
        {
            await using var ctx = seeded.Context();
            var trust = await ctx.Trusts.FirstAsync();
            trust.TransparencyPublic = true;
            ods = trust.OdsCode;
            await ctx.SaveChangesAsync();
        });
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserTests.LaunchAsync(playwright);

            // A member of the public: no sign-in, no cookies.
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{url}/transparency/{ods}");
            Assert.Equal("Patient feedback results", (await page.Locator("h1").InnerTextAsync()).Trim());
            Assert.True(await page.Locator("table[data-setting] tr[data-level=unit]").CountAsync() > 10);
            await BrowserTests.ScreenshotAsync(page, "transparency");
            await BrowserTests.AssertAccessibleAsync(page);
            await page.GetByLabel("Ward or service").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.GetByRole(AriaRole.Button, new() { Name = "Show results" }).ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("Unit="));
            await BrowserTests.AssertAccessibleAsync(page);
            Assert.Empty(await context.CookiesAsync());

            page = await BrowserTests.AdministratorPageAsync(browser, url);

            await page.GotoAsync(url + "/staff-experience");
            Assert.True(await page.Locator("table[data-table=by-unit] tbody tr").CountAsync() > 10);
            await BrowserTests.ScreenshotAsync(page, "staff-experience");
            await BrowserTests.AssertAccessibleAsync(page);
            await page.Locator("table[data-table=by-unit] tbody tr a").First.ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("unit="));
            await BrowserTests.AssertAccessibleAsync(page);

            await page.GotoAsync(url + "/quality-account");
            Assert.Contains("Patient experience", await page.Locator("#draft-title").InnerTextAsync());
            await BrowserTests.ScreenshotAsync(page, "quality-account");
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
