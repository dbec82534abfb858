using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Features.Routing;
using Heard.Web.Infrastructure;
using Heard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Heard.Web.Tests;

/// <summary>Routing feedback in headless Chromium against the real app on Kestrel, with axe-core on each routing page.</summary>
[Collection("console")]
public sealed class RoutingBrowserTests
{
    private const string Header = "response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n";
    private const string Food = "The food was cold and the meals were tasteless every day";

    [Fact]
    public async Task A_food_comment_is_routed_to_Catering_and_a_Catering_member_acknowledges_it()
    {
        Assert.SkipUnless(File.Exists(BrowserTests.Chromium), "Chromium is not installed (apt-get install chromium)");
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        await new FeedbackImporter(db.Target).ImportAsync(files.Write("seed.csv", Header + "1,2026-09-01,RZZ,RZZ01,Ward 1,inpatient,1,sms,Lovely ward\n"), new ImportOptions());
        var app = HeardApp.Build(["--urls", "http://127.0.0.1:0"], db.Target);
        await FirstRun.EnsureRolesAndAdministratorAsync(app.Services, TextWriter.Null);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HeardUser>>();
            var context = scope.ServiceProvider.GetRequiredService<HeardDbContext>();
            var trustId = await context.Trusts.Select(t => t.Id).SingleAsync();
            await FirstRun.CreateUserAsync(users, context, "px", WebHost.Password, "PX administrator", [Roles.PxAdministrator], [(ScopeLevels.All, null)]);
            await FirstRun.CreateUserAsync(users, context, "cook", WebHost.Password, "Head cook", [Roles.WardManager], [(ScopeLevels.Trust, trustId)]);
        }
        await app.StartAsync();
        try
        {
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var router = app.Services.GetRequiredService<FeedbackRouter>();
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserTests.LaunchAsync(playwright);

            // A PX administrator sets up Catering, with the cook as a member, and the food rule.
            var admin = await SignInAsync(browser, url, "px");
            await admin.GotoAsync(url + "/Routing/Teams");
            await BrowserTests.AssertAccessibleAsync(admin);
            await admin.GetByLabel("Team name").FillAsync("Catering");
            await admin.GetByLabel("Team email address (optional)").FillAsync("catering@example.nhs.uk");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Add team", Exact = true }).ClickAsync();
            await admin.GetByLabel("Add a member to Catering (user name)").FillAsync("cook");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Add member to Catering" }).ClickAsync();
            Assert.Contains("cook added to Catering", await admin.Locator("main").InnerTextAsync());
            await BrowserTests.AssertAccessibleAsync(admin);

            await admin.GotoAsync(url + "/Routing/Rules");
            await BrowserTests.AssertAccessibleAsync(admin);
            await admin.GetByLabel("Name of the rule").FillAsync("Food to Catering");
            await admin.GetByLabel("Theme (optional)").FillAsync("Food & drink provision & facilities");
            await admin.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Catering (RZZ)" });
            await admin.GetByLabel("The unit's ward manager").CheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
            var rules = await admin.Locator("table").InnerTextAsync();
            Assert.Contains("theme is Food & drink provision & facilities", rules);
            Assert.Contains("Catering and the unit's ward manager", rules);
            await BrowserTests.AssertAccessibleAsync(admin);

            // A food comment arrives and the routing pass (run every minute and after each import) sends it on.
            await new FeedbackImporter(db.Target).ImportAsync(files.Write("today.csv", Header + $"2,2026-09-02,RZZ,RZZ01,Ward 1,inpatient,5,sms,{Food}\n"), new ImportOptions());
            await router.RunOnceAsync(catchUp: false, CancellationToken.None);

            var cook = await SignInAsync(browser, url, "cook");
            // The header now holds more links than fit, so "Routed to me" may sit under "More": go straight to the inbox.
            await cook.GotoAsync(url + "/Routing");
            Assert.Equal("Feedback routed to me", (await cook.Locator("h1").InnerTextAsync()).Trim());
            var card = cook.Locator("li.nhsuk-card");
            Assert.Equal(1, await card.CountAsync());
            var text = await card.InnerTextAsync();
            Assert.Contains(Food, text);
            Assert.Contains("sent to Catering by the rule \"Food to Catering\"", text);
            await BrowserTests.AssertAccessibleAsync(cook);
            await card.GetByLabel("Note (optional)").FillAsync("Kitchen told; hot trolleys checked");
            await card.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
            Assert.Contains("Comment acknowledged", await cook.Locator("main").InnerTextAsync());
            Assert.Contains("Acknowledged by cook", await cook.Locator("li.nhsuk-card").InnerTextAsync());

            await cook.GetByRole(AriaRole.Link, new() { Name = "Routing history" }).ClickAsync();
            var history = await cook.Locator("table").InnerTextAsync();
            Assert.Contains("By cook", history);
            Assert.Contains("Kitchen told; hot trolleys checked", history);
            await BrowserTests.AssertAccessibleAsync(cook);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<IPage> SignInAsync(IBrowser browser, string url, string userName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url + "/Account/SignIn");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.Locator("#Input_Password").FillAsync(WebHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("SignIn"));
        return page;
    }
}
