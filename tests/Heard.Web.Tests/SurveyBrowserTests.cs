using Heard.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Heard.Web.Tests;

/// <summary>
/// Patients' journeys through the survey in headless Chromium against the real app on Kestrel: a phone from a QR code,
/// a ward kiosk (reset and network drop), easy read and a right-to-left language. Each page is checked with axe.
/// </summary>
[Collection("console")]
public sealed class SurveyBrowserTests
{
    private sealed record Server(WebApplication App, TestDatabase Db, string Url, SurveyFixtures.LiveSurvey Survey) : IAsyncDisposable
    {
        public async Task<int> StoredAsync()
        {
            await using var db = Db.Context();
            return await db.Feedback.CountAsync(f => f.UnitId == Survey.UnitId);
        }

        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
            await Db.DisposeAsync();
        }
    }

    private static async Task<Server> StartAsync()
    {
        Assert.SkipUnless(File.Exists(BrowserTests.Chromium), "Chromium is not installed (apt-get install chromium)");
        var db = await TestDatabase.CreateAsync("sqlite");
        var survey = await SurveyFixtures.CreateAsync(db);
        var app = HeardApp.Build(["--urls", "http://127.0.0.1:0"], db.Target);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Server(app, db, url, survey);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Patient_on_a_phone_answers_from_the_qr_code_link_and_sees_thanks()
    {
        await using var server = await StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true, DeviceScaleFactor = 3,
        });

        await page.GotoAsync($"{server.Url}/s/{server.Survey.Code}");
        await BrowserTests.AssertAccessibleAsync(page);
        // The page fits the phone: nothing scrolls sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        // Sending without the FFT answer explains it, and the error summary takes the focus.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send your answers" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Contains("Choose an answer", await page.Locator(".nhsuk-error-summary").InnerTextAsync());
        await BrowserTests.AssertAccessibleAsync(page);

        await page.GetByLabel("Good", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Please tell us why you gave your answer").FillAsync("Staff were lovely but the food was cold.");
        // Contact details appear only when asked for.
        Assert.False(await page.Locator("#contact_email").IsVisibleAsync());
        await page.Locator("input[name=consent_to_contact][value=yes]").CheckAsync();
        Assert.True(await page.Locator("#contact_email").IsVisibleAsync());
        await page.Locator("input[name=consent_to_contact][value=no]").CheckAsync();
        Assert.False(await page.Locator("#contact_email").IsVisibleAsync());
        await BrowserTests.ScreenshotAsync(page, "survey-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send your answers" }).ClickAsync();

        await page.WaitForURLAsync(u => u.EndsWith("/thanks"));
        Assert.Equal("Thank you for your feedback", (await page.Locator("h1").InnerTextAsync()).Trim());
        await BrowserTests.AssertAccessibleAsync(page);
        Assert.Equal(1, await server.StoredAsync());
        Assert.Empty(await page.Context.CookiesAsync());
    }

    [Fact]
    public async Task Survey_reflows_at_400_percent_zoom_and_can_be_answered_with_the_keyboard_alone()
    {
        await using var server = await StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        // 1280 x 1024 at 400% zoom is a 320 x 256 CSS pixel viewport (WCAG 1.4.10 reflow).
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 320, Height = 256 } });

        foreach (var options in new[] { "", "?text=large", "?contrast=high", "?lang=ar", "?format=easy-read" })
        {
            await page.GotoAsync($"{server.Url}/s/{server.Survey.Code}{options}");
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
                $"the page scrolls sideways at 400% zoom with '{options}'");
        }

        // Keyboard only: Tab to the first answer, arrow keys choose within the group, Tab on to the button, Enter sends.
        await page.GotoAsync($"{server.Url}/s/{server.Survey.Code}");
        for (var i = 0; i < 40 && await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('name')") != "fft"; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("fft", await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('name')"));
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("2", await page.EvaluateAsync<string?>("() => document.querySelector('input[name=fft]:checked')?.value"));
        for (var i = 0; i < 80 && await page.EvaluateAsync<string?>("() => document.activeElement?.tagName") != "BUTTON"; i++)
            await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(u => u.EndsWith("/thanks"));
        Assert.Equal(1, await server.StoredAsync());
    }

    [Fact]
    public async Task Kiosk_clears_the_screen_for_the_next_person_and_queues_answers_through_a_network_drop()
    {
        await using var server = await StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 }, HasTouch = true });
        var page = await context.NewPageAsync();
        var kiosk = $"{server.Url}/s/{server.Survey.Code}?kiosk=1";

        // Someone starts, types, and walks away: after the (shortened) inactivity time the screen is fresh again.
        await page.GotoAsync(kiosk + "&reset=3");
        await page.Locator("[data-kiosk-start]").WaitForAsync();
        await BrowserTests.AssertAccessibleAsync(page);
        await page.Locator("[data-kiosk-start]").ClickAsync();
        await page.GetByLabel("Very poor", new() { Exact = true }).CheckAsync();
        await page.Locator("#why").FillAsync("My private answer about my stay");
        await page.Locator("#survey-still-there").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
        await page.Locator("[data-kiosk-start]").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal("", await page.Locator("#why").InputValueAsync());
        Assert.False(await page.Locator("#fft-5").IsCheckedAsync());
        Assert.DoesNotContain("My private answer", await page.ContentAsync());
        var back = await page.GoBackAsync();
        Assert.True(back is null || !(await page.ContentAsync()).Contains("My private answer"));
        Assert.Equal(0, await server.StoredAsync());

        // The next person answers while the network is down: thanks at once, stored once the network is back.
        await page.GotoAsync(kiosk + "&reset=60");
        await page.Locator("[data-kiosk-start]").ClickAsync();
        await page.GetByLabel("Very good", new() { Exact = true }).CheckAsync();
        await page.Locator("#why").FillAsync("Sent after the network came back");
        await context.SetOfflineAsync(true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send your answers" }).ClickAsync();
        await page.Locator("#survey-kiosk-thanks").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await BrowserTests.AssertAccessibleAsync(page);
        Assert.Equal("", await page.Locator("#why").InputValueAsync());
        Assert.Equal(1, await page.EvaluateAsync<int>("() => JSON.parse(localStorage.getItem('heard-kiosk-queue')).length"));
        await Task.Delay(1000);
        Assert.Equal(0, await server.StoredAsync());

        await context.SetOfflineAsync(false);
        await EventuallyAsync(async () => await server.StoredAsync() == 1, "the queued response to be stored");
        await EventuallyAsync(async () => await page.EvaluateAsync<int>("() => JSON.parse(localStorage.getItem('heard-kiosk-queue') || '[]').length") == 0,
            "the queue to empty");
        // The thank-you screen gives way to a fresh form for the next person.
        await page.Locator("[data-kiosk-start]").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 20_000 });
        Assert.DoesNotContain("Sent after the network came back", await page.ContentAsync());
        await page.ReloadAsync();
        await Task.Delay(500);
        Assert.Equal(1, await server.StoredAsync());
        await using var db = server.Db.Context();
        var stored = await db.Feedback.SingleAsync(f => f.UnitId == server.Survey.UnitId);
        Assert.Equal("electronic-discharge", stored.Mode);
        Assert.StartsWith("kiosk:", stored.ExternalId);
    }

    [Fact]
    public async Task Easy_read_shows_faces_and_right_to_left_languages_read_right_to_left()
    {
        await using var server = await StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 900 } });
        var survey = $"{server.Url}/s/{server.Survey.Code}";

        await page.GotoAsync(survey + "?format=easy-read");
        Assert.Equal(6, await page.Locator("[data-question=fft] svg.survey-face").CountAsync());
        Assert.Equal("How was your care?", (await page.Locator("[data-question=fft] legend").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("[data-question=fft] svg.survey-face").First.IsVisibleAsync());
        await BrowserTests.ScreenshotAsync(page, "survey-easy-read");
        await BrowserTests.AssertAccessibleAsync(page);

        await page.GotoAsync(survey + "?format=young-people");
        Assert.Equal("How was your visit?", (await page.Locator("[data-question=fft] legend").InnerTextAsync()).Trim());
        await BrowserTests.AssertAccessibleAsync(page);

        foreach (var lang in new[] { "ar", "ur" })
        {
            await page.GotoAsync($"{survey}?lang={lang}");
            Assert.Equal("rtl", await page.EvaluateAsync<string>("() => document.documentElement.dir"));
            Assert.Equal("rtl", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#survey-form')).direction"));
            // The radio circle sits on the right of its words.
            var circle = await page.Locator("#fft").BoundingBoxAsync();
            var words = await page.Locator("label[for=fft]").BoundingBoxAsync();
            Assert.True(circle!.X > words!.X, $"{lang}: the radio should be right of its label");
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{lang}: the page scrolls sideways");
            await BrowserTests.ScreenshotAsync(page, $"survey-{lang}");
            await BrowserTests.AssertAccessibleAsync(page);
        }

        await page.GotoAsync($"{survey}?lang=bn&text=large&contrast=high");
        await BrowserTests.AssertAccessibleAsync(page);
        await page.GotoAsync($"{server.Url}/s/privacy?code={server.Survey.Code}&lang=pl");
        await BrowserTests.AssertAccessibleAsync(page);
        await page.GotoAsync($"{server.Url}/s/zzzzzz");
        await BrowserTests.AssertAccessibleAsync(page);
    }
}
