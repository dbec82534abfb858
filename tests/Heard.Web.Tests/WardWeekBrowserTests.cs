using Heard.Data;
using Heard.Web.Infrastructure;
using Heard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Heard.Web.Tests;

/// <summary>"My ward this week" in headless Chromium over the demo trust, checked with axe.</summary>
[Collection("console")]
public sealed class WardWeekBrowserTests
{
    [Fact]
    public async Task A_ward_manager_opens_my_ward_this_week_from_the_ward_page_and_reaches_the_latest_week()
    {
        var (app, db, url) = await BrowserTests.StartAsync();
        try
        {
            int unit;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var context = scope.ServiceProvider.GetRequiredService<HeardDbContext>();
                unit = await context.FftMonthly.GroupBy(m => m.UnitId).OrderByDescending(g => g.Sum(m => m.Comments)).Select(g => g.Key).FirstAsync();
            }
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserTests.LaunchAsync(playwright);
            var page = await BrowserTests.AdministratorPageAsync(browser, url);

            await page.GotoAsync($"{url}/ward/{unit}");
            await page.Locator("#this-week").ClickAsync();
            await page.WaitForURLAsync(u => u.EndsWith($"/ward/{unit}/week"));
            Assert.Contains("this week", await page.Locator("h1").InnerTextAsync());
            foreach (var heading in new[] { "#score", "#comments", "#praise", "#alerts", "#actions" })
                Assert.Equal(1, await page.Locator(heading).CountAsync());
            await BrowserTests.AssertAccessibleAsync(page);

            // The demo ends in October, so these seven days are quiet and the page offers the latest week with feedback.
            await page.Locator("[data-empty=comments] a").ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("week="));
            Assert.True(await page.Locator("#week-comments li").CountAsync() > 0);
            Assert.Contains("usual range", await page.Locator("details").First.InnerTextAsync());
            await BrowserTests.ScreenshotAsync(page, "ward-week");
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
