using Heard.Data.Model;
using Heard.Web.Features.Demo;
using Heard.Web.Infrastructure;
using Heard.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Heard.Web.Tests;

/// <summary>
/// Journeys people take, in headless Chromium (Debian's, at /usr/bin/chromium; CI installs it) against the real
/// app on Kestrel over the demo trust. HEARD_SCREENSHOTS=DIR saves what the browser saw.
/// </summary>
[Collection("console")]
public sealed class BrowserTests
{
    internal const string Chromium = "/usr/bin/chromium";

    /// <summary>The app on Kestrel over the demo trust (SQLite, months to October 2026), for every browser journey.</summary>
    /// <param name="beforeStart">Adds what a journey needs to the seeded database before the app serves it.</param>
    internal static async Task<(WebApplication App, TestDatabase Db, string Url)> StartAsync(Func<TestDatabase, Task>? beforeStart = null)
    {
        Assert.SkipUnless(File.Exists(Chromium), "Chromium is not installed (apt-get install chromium)");
        var db = await TestDatabase.CreateAsync("sqlite");
        Environment.SetEnvironmentVariable(DemoLoader.EndMonthVariable, "2026-10");
        Environment.SetEnvironmentVariable(FirstRun.AdministratorPasswordVariable, WebHost.Password);
        var app = HeardApp.Build(["--urls", "http://127.0.0.1:0"], db.Target);
        await Startup.SeedAsync(app.Services, db.Target, loadDemo: true, TextWriter.Null);
        if (beforeStart is not null) await beforeStart(db);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, db, url);
    }

    internal static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

    /// <summary>Runs axe-core's WCAG 2.x A and AA rules (2.2 included) on the page and lists every violation.</summary>
    /// <summary>A desktop-sized page signed in as the demo's administrator, on the home page.</summary>
    internal static async Task<IPage> AdministratorPageAsync(IBrowser browser, string url)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(url + "/Account/SignIn");
        await page.GetByLabel("User name").FillAsync(FirstRun.AdministratorUserName);
        await page.Locator("#Input_Password").FillAsync(WebHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("SignIn"));
        return page;
    }

    internal static async Task AssertAccessibleAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(AppContext.BaseDirectory, "Accessibility", "axe.min.js") });
        var violations = await page.EvaluateAsync<string[]>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ') + ')');
            }
            """);
        Assert.True(violations.Length == 0, $"{page.Url}:\n" + string.Join("\n", violations));
    }

    internal static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HEARD_SCREENSHOTS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = false });
        }
    }

    [Fact]
    public async Task Administrator_signs_in_and_drills_from_trust_to_division_to_ward()
    {
        var (app, db, url) = await StartAsync();
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

            await page.GotoAsync(url + "/");
            Assert.Contains("/Account/SignIn", page.Url);
            await AssertAccessibleAsync(page);
            await page.GetByLabel("User name").FillAsync(FirstRun.AdministratorUserName);
            await page.Locator("#Input_Password").FillAsync(WebHost.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await page.WaitForURLAsync(u => !u.Contains("SignIn"));
            Assert.Equal("Northfield Teaching Hospitals NHS Foundation Trust", (await page.Locator("h1").InnerTextAsync()).Trim());
            var responses = await page.Locator("[data-figure=responses]").InnerTextAsync();
            Assert.True(long.Parse(responses.Replace(",", "")) > 10_000, $"trust responses {responses}");
            await ScreenshotAsync(page, "dashboard");
            await AssertAccessibleAsync(page);

            await page.GetByRole(AriaRole.Link, new() { Name = "Medicine", Exact = true }).ClickAsync();
            Assert.Equal("Medicine", (await page.Locator("h1").InnerTextAsync()).Trim());
            await page.Locator("table.nhsuk-table tbody th a").First.ClickAsync();
            var ward = (await page.Locator("h1").InnerTextAsync()).Trim();
            await page.GetByRole(AriaRole.Link, new() { Name = $"Open the ward page for {ward}" }).ClickAsync();

            Assert.Matches(@"/ward/\d+$", page.Url);
            Assert.StartsWith(ward, (await page.Locator("h1").InnerTextAsync()).Trim());
            Assert.True(await page.Locator("svg.heard-chart").CountAsync() == 1);
            await ScreenshotAsync(page, "ward");
            await AssertAccessibleAsync(page);
            await page.Locator("a[href^='/feedback/']").First.ClickAsync();
            Assert.Matches(@"/feedback/\d+$", page.Url);
            await AssertAccessibleAsync(page);

            foreach (var path in new[]
                     {
                         "/Import", "/Import/Quarantine", "/Fft/Return", "/Organisation", "/Admin/Users", "/Admin/Audit", "/Admin/Users/Create",
                         "/Organisation/Icbs/Edit", "/Organisation/Trusts/Edit", "/Organisation/Sites/Edit", "/Organisation/Divisions/Edit",
                         "/Organisation/Directorates/Edit", "/Organisation/Units/Edit", "/Organisation/Import",
                         "/Comments", "/Comments?q=staff%20OR%20nurse", "/Comments/Review", "/Comments/Models", "/Surveys", "/Surveys/Create",
                     })
            {
                await page.GotoAsync(url + path);
                await AssertAccessibleAsync(page);
            }
            await page.GotoAsync(url + "/Organisation");
            await page.Locator("a[href*='/Organisation/Units/']").First.ClickAsync();
            await AssertAccessibleAsync(page);
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
