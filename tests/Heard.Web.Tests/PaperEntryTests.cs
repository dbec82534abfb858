using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class PaperEntryTests
{
    private static readonly string[] WardQuestions = ["fft", "why", "better", "respect", "age_band", "consent_to_publish", "consent_to_contact"];

    private sealed record Setup(WebHost Host, CollectionFixtures.Organisation Org, CollectionFixtures.LiveSurvey Survey, HttpClient Client);

    private static async Task<Setup> StartAsync(string provider, string role = Roles.PatientPartner)
    {
        var host = await WebHost.StartAsync(provider);
        var org = await CollectionFixtures.OrganisationAsync(host.Database);
        var survey = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward1, keys: WardQuestions);
        await host.CreateUserAsync("volunteer", role, (ScopeLevels.Unit, org.Ward1));
        return new Setup(host, org, survey, await host.SignedInAsync("volunteer"));
    }

    private static async Task<HttpResponseMessage> StartRunAsync(HttpClient client, params (string Key, string Value)[] fields)
    {
        var today = CollectionDates.TodayInEngland();
        var defaults = new Dictionary<string, string>
        {
            ["Setup.Date.Day"] = today.Day.ToString(), ["Setup.Date.Month"] = today.Month.ToString(), ["Setup.Date.Year"] = today.Year.ToString(),
            ["Setup.Mode"] = "paper-discharge",
        };
        foreach (var (k, v) in fields) defaults[k] = v;
        return await CollectionFixtures.PostFormAsync(client, "/Collection/PaperEntry", "/Collection/PaperEntry?handler=Start", defaults);
    }

    private static async Task<string> RunUrlAsync(HttpClient client, int assignmentId)
    {
        var started = await StartRunAsync(client, ("Setup.AssignmentId", assignmentId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return started.Headers.Location!.OriginalString;
    }

    /// <summary>The card form's hidden fields (context, card id, antiforgery token) from a fresh page, as the browser would send them.</summary>
    private static async Task<(IHtmlDocument Page, Dictionary<string, string> Hidden)> CardAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebHost.ParseAsync(response);
        var form = page.QuerySelector("form[data-paper-card]") ?? throw new InvalidOperationException("no card form on " + url);
        var hidden = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        hidden["__action"] = form.GetAttribute("action")!;
        return (page, hidden);
    }

    private static Task<HttpResponseMessage> PostCardAsync(HttpClient client, Dictionary<string, string> hidden, params (string Key, string Value)[] fields)
    {
        var form = hidden.Where(h => h.Key != "__action").ToList();
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        return client.PostAsync(hidden["__action"], new FormUrlEncodedContent(form));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Paper_entry_rejects_answer_7_naming_the_field_and_keeps_the_typed_values(string provider)
    {
        var s = await StartAsync(provider);
        await using var _ = s.Host;
        var url = await RunUrlAsync(s.Client, s.Survey.AssignmentId);
        var (first, hidden) = await CardAsync(s.Client, url);

        var response = await PostCardAsync(s.Client, hidden, ("q.fft", "7"), ("q.why", "The nurse was kind"), ("q.respect", "9"), ("q.consent_to_publish", "y"));
        var page = await WebHost.ParseAsync(response);

        Assert.NotNull(first.QuerySelector("#q_fft[autofocus]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = page.QuerySelector(".nhsuk-error-summary")!;
        var fftLink = summary.QuerySelector("a[href='#q_fft']")!;
        Assert.Equal("FFT answer must be a number from 1 to 6, or 0 or blank if no box is ticked. You typed \"7\".", fftLink.TextContent.Trim());
        Assert.Contains("\"Were you treated with respect and dignity?\" must be a number from 1 to 4", summary.QuerySelector("a[href='#q_respect']")!.TextContent);
        Assert.Equal("7", page.QuerySelector("#q_fft")!.GetAttribute("value"));
        Assert.Equal("9", page.QuerySelector("#q_respect")!.GetAttribute("value"));
        Assert.Equal("y", page.QuerySelector("#q_consent_to_publish")!.GetAttribute("value"));
        Assert.Equal("The nurse was kind", page.QuerySelector("#q_why")!.TextContent);
        Assert.Contains("nhsuk-input--error", page.QuerySelector("#q_fft")!.ClassName);
        // The same card id is kept, so correcting and saving it still stores it once.
        Assert.Equal(hidden["cardId"], page.QuerySelector("input[name=cardId]")!.GetAttribute("value"));
        await using var db = s.Host.Database.Context();
        Assert.Equal(0, await db.Feedback.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_card_is_stored_with_its_version_channel_and_who_entered_it(string provider)
    {
        var s = await StartAsync(provider);
        await using var _ = s.Host;
        var url = await RunUrlAsync(s.Client, s.Survey.AssignmentId);
        var (_, hidden) = await CardAsync(s.Client, url);

        var saved = await PostCardAsync(s.Client, hidden, ("q.fft", "2"), ("q.why", "Kind staff"), ("q.better", ""), ("q.respect", "1"),
            ("q.age_band", "3"), ("q.consent_to_publish", "y"), ("q.consent_to_contact", "y"), ("contact.name", "Sam Patient"), ("contact.email", "sam@example.com"));
        var again = await PostCardAsync(s.Client, hidden, ("q.fft", "2"), ("q.why", "Kind staff"));
        var next = await WebHost.ParseAsync(await s.Client.GetAsync(url));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(url, saved.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("That card was already saved", next.QuerySelector("[data-saved]")!.TextContent);
        await using var db = s.Host.Database.Context();
        var f = await db.Feedback.Include(x => x.Answers).SingleAsync();
        Assert.Equal((2, "paper-discharge", s.Survey.VersionId, true, true), (f.FftAnswer!.Value, f.Mode!, f.SurveyVersionId!.Value, f.ConsentToPublish!.Value, f.ConsentToContact!.Value));
        Assert.Equal("Kind staff", f.Answers.Single(a => a.QuestionKey == "why").Text);
        Assert.Equal(1, f.Answers.Single(a => a.QuestionKey == "respect").Rating);
        Assert.Contains("\"age_band\":\"25-34\"", f.DemographicsJson);
        Assert.Contains("\"entered_by\":\"volunteer\"", f.DetailsJson);
        Assert.StartsWith("id:paper:", f.DedupeKey);
        Assert.Equal("sam@example.com", (await db.ContactDetails.SingleAsync()).Email);
        var row = await db.ImportedRows.SingleAsync(r => r.FeedbackRecordId == f.Id);
        Assert.Contains("\"why\":\"Kind staff\"", row.RawText);
        Assert.DoesNotContain("sam@example.com", row.RawText);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName == "volunteer" && a.Entity == "feedback" && a.Action == "create"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hundred_paper_cards_are_entered_well_within_ten_minutes(string provider)
    {
        var s = await StartAsync(provider);
        await using var _ = s.Host;
        var url = await RunUrlAsync(s.Client, s.Survey.AssignmentId);
        string[] comments = ["Staff were kind", "", "Food was cold", "Clean ward, quick discharge", ""];

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            // Each card: the page after the last save (new card id), then the card itself, as a person working through a pile would.
            var (_, hidden) = await CardAsync(s.Client, url);
            var saved = await PostCardAsync(s.Client, hidden, ("q.fft", (i % 7).ToString()), ("q.why", comments[i % comments.Length]),
                ("q.respect", (i % 5).ToString()), ("q.consent_to_publish", i % 2 == 0 ? "y" : "n"));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var final = await WebHost.ParseAsync(await s.Client.GetAsync(url));
        clock.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine($"{provider}: 100 paper cards (page load + save each) in {clock.Elapsed.TotalSeconds:F1} s, {clock.Elapsed.TotalMilliseconds / 100:F0} ms a card");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"100 cards took {clock.Elapsed}");
        Assert.Equal("Card 100 saved", final.QuerySelector("[data-saved]")!.TextContent.Trim());
        Assert.Equal("100", final.QuerySelector("[data-cards-in-run]")!.TextContent.Trim());
        Assert.Equal(10, final.QuerySelectorAll("table[data-cards] tbody tr").Length);
        Assert.Equal("100", final.QuerySelector("table[data-cards] tbody tr")!.GetAttribute("data-card"));
        await using var db = s.Host.Database.Context();
        Assert.Equal(100, await db.Feedback.CountAsync());
        var monthly = await db.FftMonthly.SingleAsync();
        // Answers cycle 0..6: 0 is "no box ticked", kept as no rating.
        Assert.Equal(100 - 15, monthly.VeryGood + monthly.Good + monthly.Neither + monthly.Poor + monthly.VeryPoor + monthly.DontKnow);
        Assert.Equal(15, monthly.NoRating);
        Assert.Equal(85, monthly.ModePaperDischarge);
        var (kept, rebuilt) = await CollectionFixtures.AggregatesAsync(s.Host.Database);
        Assert.Equal(rebuilt, kept);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Undo_removes_the_last_card_and_its_count(string provider)
    {
        var s = await StartAsync(provider);
        await using var _ = s.Host;
        var url = await RunUrlAsync(s.Client, s.Survey.AssignmentId);
        var (_, first) = await CardAsync(s.Client, url);
        await PostCardAsync(s.Client, first, ("q.fft", "4"), ("q.why", "Long wait"));
        var (_, second) = await CardAsync(s.Client, url);
        await PostCardAsync(s.Client, second, ("q.fft", "1"), ("q.why", "Brilliant"), ("q.respect", "1"), ("q.consent_to_contact", "y"), ("contact.phone", "07700 900982"));
        var (page, _) = await CardAsync(s.Client, url);
        var undo = page.QuerySelector("tr[data-card='2'] form")!;
        var fields = undo.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var feedbackId = long.Parse(fields["feedbackId"]);

        var undone = await s.Client.PostAsync(undo.GetAttribute("action"), new FormUrlEncodedContent(fields));
        var after = await WebHost.ParseAsync(await s.Client.GetAsync(url));

        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Equal("Card 2 removed. Enter it again if it was wrong.", after.QuerySelector("[data-saved]")!.TextContent.Trim());
        Assert.Equal("1", after.QuerySelector("[data-cards-in-run]")!.TextContent.Trim());
        await using var db = s.Host.Database.Context();
        var left = await db.Feedback.SingleAsync();
        Assert.Equal(4, left.FftAnswer);
        Assert.False(await db.FeedbackAnswers.AnyAsync(a => a.FeedbackRecordId == feedbackId));
        Assert.False(await db.ContactDetails.AnyAsync());
        var monthly = await db.FftMonthly.SingleAsync();
        Assert.Equal((0L, 1L, 1L, 1L), (monthly.VeryGood, monthly.Poor, monthly.ModePaperDischarge, monthly.Comments));
        var row = await db.ImportedRows.SingleAsync(r => r.Status == RowStatuses.Dismissed);
        Assert.Contains("Undo by volunteer", row.Reason);
        Assert.Null(row.FeedbackRecordId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "delete" && a.Entity == "feedback" && a.EntityId == feedbackId.ToString()));
        var (kept, rebuilt) = await CollectionFixtures.AggregatesAsync(s.Host.Database);
        Assert.Equal(rebuilt, kept);

        // Undoing the only card of a month leaves no empty aggregate row behind, as a rebuild would not make one.
        var (page2, _) = await CardAsync(s.Client, url);
        var undoFirst = page2.QuerySelector("tr[data-card='1'] form")!;
        await s.Client.PostAsync(undoFirst.GetAttribute("action"),
            new FormUrlEncodedContent(undoFirst.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "")));
        Assert.False(await db.Feedback.AnyAsync());
        Assert.False(await db.FftMonthly.AnyAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Another_persons_card_cannot_be_undone(string provider)
    {
        var s = await StartAsync(provider);
        await using var _ = s.Host;
        await s.Host.CreateUserAsync("other", Roles.PatientPartner, (ScopeLevels.Unit, s.Org.Ward1));
        var other = await s.Host.SignedInAsync("other");
        var url = await RunUrlAsync(s.Client, s.Survey.AssignmentId);
        var (_, card) = await CardAsync(s.Client, url);
        await PostCardAsync(s.Client, card, ("q.fft", "1"));
        var (page, _) = await CardAsync(s.Client, url);
        var fields = page.QuerySelector("tr[data-card='1'] form")!.QuerySelectorAll("input[type=hidden]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(await other.GetAsync("/Collection/PaperEntry"));

        var response = await other.PostAsync("/Collection/PaperEntry?handler=Undo", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = s.Host.Database.Context();
        Assert.Equal(1, await db.Feedback.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_code_on_the_card_chooses_the_survey_within_scope(string provider)
    {
        var s = await StartAsync(provider, Roles.WardManager);
        await using var _ = s.Host;
        var ward2 = await CollectionFixtures.LiveSurveyAsync(s.Host.Database, s.Org.TrustId, s.Org.Ward2, name: "Ward 2 survey");

        var byCode = await StartRunAsync(s.Client, ("Setup.Code", s.Survey.Code.ToUpperInvariant()));
        var byUnit = await StartRunAsync(s.Client, ("Setup.Code", "w01"));
        var outside = await StartRunAsync(s.Client, ("Setup.Code", ward2.Code));
        var unknown = await StartRunAsync(s.Client, ("Setup.Code", "zzzzzz"));
        var future = CollectionDates.TodayInEngland().AddDays(2);
        var tomorrow = await StartRunAsync(s.Client, ("Setup.Code", s.Survey.Code),
            ("Setup.Date.Day", future.Day.ToString()), ("Setup.Date.Month", future.Month.ToString()), ("Setup.Date.Year", future.Year.ToString()));
        var setup = await WebHost.ParseAsync(await s.Client.GetAsync("/Collection/PaperEntry"));
        var otherUnit = await WebHost.ParseAsync(await s.Client.GetAsync(
            $"/Collection/PaperEntry?assignment={ward2.AssignmentId}&date={CollectionDates.TodayInEngland():yyyy-MM-dd}&mode=paper-home&run=abcdef123456"));

        Assert.Equal(HttpStatusCode.Redirect, byCode.StatusCode);
        Assert.Contains($"assignment={s.Survey.AssignmentId}&", byCode.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, byUnit.StatusCode);
        Assert.Contains($"assignment={s.Survey.AssignmentId}&", byUnit.Headers.Location!.OriginalString);
        Assert.Contains("outside your part of the organisation", await outside.Content.ReadAsStringAsync());
        Assert.Contains("No live survey has the code zzzzzz", await unknown.Content.ReadAsStringAsync());
        Assert.Contains("The date on the cards cannot be in the future", await tomorrow.Content.ReadAsStringAsync());
        Assert.Single(setup.QuerySelectorAll("#Setup_AssignmentId option[value]:not([value=''])"));
        Assert.Null(otherUnit.QuerySelector("form[data-paper-card]"));
    }

    [Fact]
    public async Task Typed_keys_mean_what_the_legend_says()
    {
        var respect = QuestionLibrary.Find("respect")!;
        var consent = QuestionLibrary.Find("consent_to_publish")!;
        var age = QuestionLibrary.Find("age_band")!;

        Assert.Equal("yes-definitely", PaperEntryModel.FromKeyboard(respect, "1"));
        Assert.Equal("dont-know", PaperEntryModel.FromKeyboard(respect, " 4 "));
        Assert.Equal("5", PaperEntryModel.FromKeyboard(respect, "5"));
        Assert.Null(PaperEntryModel.FromKeyboard(respect, ""));
        Assert.Null(PaperEntryModel.FromKeyboard(QuestionLibrary.Fft, "0"));
        Assert.Equal("yes", PaperEntryModel.FromKeyboard(consent, "Y"));
        Assert.Equal("no", PaperEntryModel.FromKeyboard(consent, "n"));
        Assert.Equal(QuestionLibrary.PreferNotToSay, PaperEntryModel.FromKeyboard(age, "10"));
        await Task.CompletedTask;
    }
}
