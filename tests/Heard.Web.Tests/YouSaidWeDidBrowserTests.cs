using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Heard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Heard.Web.Tests;

/// <summary>The "You said, we did" journey in headless Chromium over the demo trust, ending on the public page as a patient sees it.</summary>
[Collection("console")]
public sealed class YouSaidWeDidBrowserTests
{
    private const string Comment = "The night nurse Sarah Jones sat with my dad for hours, please thank her, my number is 07700 900123";

    [Fact]
    public async Task Staff_publish_a_You_said_we_did_record_and_the_public_page_shows_it_with_redaction_in_place()
    {
        // A comment whose author agreed to publication, naming a nurse and giving a phone number.
        Unit unit = null!;
        long feedbackId = 0;
        var (app, db, url) = await BrowserTests.StartAsync(async seeded =>
        {
            await using var context = seeded.Context();
            unit = await context.Units.Where(u => u.Kind == UnitKinds.Ward && u.ClosedOn == null).OrderBy(u => u.Id).FirstAsync();
            var record = new FeedbackRecord
            {
                TrustId = unit.TrustId, SiteId = unit.SiteId, UnitId = unit.Id, Source = FeedbackSources.Fft, Setting = "inpatient", Mode = "sms",
                ReceivedOn = new DateOnly(2026, 10, 20), Month = 202610, FftAnswer = 1, DedupeKey = "yswd-browser-1", ConsentToPublish = true, CreatedAt = DateTime.UtcNow,
                Answers = [new FeedbackAnswer { QuestionKey = "comment", Text = Comment }],
            };
            context.Feedback.Add(record);
            await context.SaveChangesAsync();
            feedbackId = record.Id;
        });
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserTests.LaunchAsync(playwright);
            var page = await BrowserTests.AdministratorPageAsync(browser, url);

            // From the ward page to the unit's records, then a new record.
            await page.GotoAsync($"{url}/ward/{unit.Id}");
            await page.Locator("#you-said-we-did-link").ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/YouSaidWeDid"));
            await BrowserTests.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Create a record" }).First.ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/YouSaidWeDid/Create"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
            Assert.Contains("Enter a title", await page.Locator("#Title-error").InnerTextAsync());
            await BrowserTests.AssertAccessibleAsync(page);
            await page.GetByLabel("Unit").SelectOptionAsync($"u{unit.Id}");
            await page.GetByLabel("Title").FillAsync("Someone to sit with you at night");
            await page.GetByLabel("You said").FillAsync("Nights on the ward felt long and lonely.");
            await page.GetByLabel("We did").FillAsync("Volunteers now visit every evening from 7pm.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
            await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, @"/YouSaidWeDid/\d+$"));
            Assert.Equal("Draft", (await page.Locator("#yswd-status").InnerTextAsync()).Trim());

            // Quote the patient; the preview already shows what will be removed.
            await page.GetByLabel("Quote a comment: its number").FillAsync(feedbackId.ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Quote the comment" }).ClickAsync();
            await page.WaitForURLAsync(u => u.EndsWith("#quotes"));
            var preview = await page.Locator("#yswd-preview").InnerTextAsync();
            Assert.Contains("[phone removed]", preview);
            Assert.DoesNotContain("07700", preview);
            await BrowserTests.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
            await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, @"/YouSaidWeDid/\d+$"));
            Assert.Equal("Published", (await page.Locator("#yswd-status").InnerTextAsync()).Trim());
            var publicPath = await page.Locator("#public-link").GetAttributeAsync("href");

            // A patient, with no account and nothing stored: the record, the quote redacted, no cookies.
            await using var patient = await browser.NewContextAsync();
            var publicPage = await patient.NewPageAsync();
            await publicPage.GotoAsync(url + publicPath);
            Assert.Equal("You said, we did", (await publicPage.Locator("h1").InnerTextAsync()).Trim());
            var shown = await publicPage.Locator("[data-yswd-record]").InnerTextAsync();
            Assert.Contains("Someone to sit with you at night", shown);
            Assert.Contains("[phone removed]", shown);
            Assert.DoesNotContain("07700", await publicPage.ContentAsync());
            Assert.Empty(await patient.CookiesAsync());
            await BrowserTests.ScreenshotAsync(publicPage, "you-said-we-did");
            await BrowserTests.AssertAccessibleAsync(publicPage);
            await publicPage.Locator(".nhsuk-breadcrumb a").First.ClickAsync();
            Assert.Contains("Someone to sit with you at night", await publicPage.Locator("main").InnerTextAsync());
            await BrowserTests.AssertAccessibleAsync(publicPage);
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
