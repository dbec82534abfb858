using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Features.PatientSurvey;
using Heard.Web.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Heard.Web.Tests;

/// <summary>A trust, a ward and a live survey with every library question, reached by a fresh short code.</summary>
internal static class SurveyFixtures
{
    public sealed record LiveSurvey(string Code, int TrustId, int UnitId, int SurveyId, int VersionId, int AssignmentId);

    public static async Task<LiveSurvey> CreateAsync(TestDatabase database, DateOnly? endsOn = null, string trustCode = "RZZ")
    {
        await using var db = database.Context();
        var now = DateTime.UtcNow;
        var trust = new Trust { OdsCode = trustCode, Name = $"Test Trust {trustCode}" };
        db.Trusts.Add(trust);
        await db.SaveChangesAsync();
        var site = new Site { TrustId = trust.Id, Code = trustCode + "01", Name = "General Hospital" };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        var unit = new Unit { TrustId = trust.Id, SiteId = site.Id, Code = "W7", Name = "Ward 7", Settings = "inpatient", CreatedAt = now };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        var survey = new Survey { TrustId = trust.Id, Name = "Ward experience survey", CreatedAt = now, EndsOn = endsOn };
        var version = new SurveyVersion
        {
            Number = 1, Status = SurveyStatuses.Live, CreatedAt = now, PublishedAt = now, DefinitionJson = QuestionLibrary.Full().ToJson(),
        };
        survey.Versions.Add(version);
        var assignment = new SurveyAssignment { UnitId = unit.Id, Setting = "inpatient", Code = SurveyPoints.NewCode(), CreatedAt = now };
        survey.Assignments.Add(assignment);
        db.Surveys.Add(survey);
        await db.SaveChangesAsync();
        return new LiveSurvey(assignment.Code, trust.Id, unit.Id, survey.Id, version.Id, assignment.Id);
    }
}

public sealed class SurveyPageTests
{
    /// <summary>A client with no cookie jar, as a patient's phone arriving from a QR code; redirects are not followed.</summary>
    private static HttpClient Patient(WebHost host) => host.App.GetTestServer().CreateClient();

    private static async Task<Guid> SubmissionIdAsync(HttpClient client, string path)
    {
        var doc = await WebHost.ParseAsync(await client.GetAsync(path));
        return Guid.Parse(doc.QuerySelector("input[name=submission]")!.GetAttribute("value")!);
    }

    private static FormUrlEncodedContent Form(Guid submission, params (string Name, string Value)[] fields) =>
        new([new("submission", submission.ToString()), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    private static async Task<List<FeedbackRecord>> FeedbackAsync(WebHost host, int unitId)
    {
        await using var db = host.Database.Context();
        return await db.Feedback.AsNoTracking().Include(f => f.Answers).Where(f => f.UnitId == unitId).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Survey_page_needs_no_sign_in_and_sets_no_cookies(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var survey = await SurveyFixtures.CreateAsync(host.Database);
        var client = Patient(host);

        var page = await client.GetAsync($"/s/{survey.Code}");
        var html = await page.Content.ReadAsStringAsync();
        var doc = await WebHost.ParseAsync(page);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Set-Cookie"), "the survey page set a cookie");
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString());
        Assert.Null(doc.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.DoesNotContain("/Account/SignIn", html);
        Assert.Equal("Ward 7", doc.QuerySelector("h1 .nhsuk-caption-l")!.FirstChild!.TextContent.Trim());
        Assert.EndsWith("Tell us about your care", doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Test Trust RZZ", doc.QuerySelector(".nhsuk-header__service-name")!.TextContent.Trim());
        Assert.Equal(QuestionLibrary.All.Select(q => q.Key), doc.QuerySelectorAll("[data-question]").Select(e => e.GetAttribute("data-question")));
        Assert.NotNull(doc.QuerySelector("a[href^='/s/privacy']"));
        // A kiosk checks the server can be reached with HEAD before it clears the screen for the next person.
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/s/{survey.Code}?kiosk=1"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);

        var posted = await client.PostAsync($"/s/{survey.Code}", Form(Guid.NewGuid(), ("fft", "1")));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/s/{survey.Code}/thanks", posted.Headers.Location!.OriginalString);
        Assert.False(posted.Headers.Contains("Set-Cookie"), "posting the survey set a cookie");

        var thanks = await client.GetAsync(posted.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        Assert.False(thanks.Headers.Contains("Set-Cookie"));
        Assert.Contains("Thank you for your feedback", await thanks.Content.ReadAsStringAsync());

        var privacy = await client.GetAsync($"/s/privacy?code={survey.Code}");
        var privacyText = (await WebHost.ParseAsync(privacy)).Body!.TextContent;
        Assert.Equal(HttpStatusCode.OK, privacy.StatusCode);
        Assert.False(privacy.Headers.Contains("Set-Cookie"));
        Assert.Contains("does not use cookies", privacyText);
        Assert.Contains("Test Trust RZZ", privacyText);
        Assert.Contains("delete your contact details", privacyText);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_response_is_stored_once_even_when_posted_twice(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var survey = await SurveyFixtures.CreateAsync(host.Database);
        var client = Patient(host);
        var submission = await SubmissionIdAsync(client, $"/s/{survey.Code}");
        (string, string)[] answers =
        [
            ("fft", "2"), ("why", "The nurses were kind and explained everything."), ("respect", "yes-definitely"),
            ("information", "no"), ("age_band", "35-44"), ("consent_to_publish", "yes"),
        ];

        var first = await client.PostAsync($"/s/{survey.Code}", Form(submission, answers));
        var second = await client.PostAsync($"/s/{survey.Code}", Form(submission, answers));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.EndsWith("/thanks", second.Headers.Location!.OriginalString);
        var stored = Assert.Single(await FeedbackAsync(host, survey.UnitId));
        Assert.Equal(survey.VersionId, stored.SurveyVersionId);
        Assert.Equal(2, stored.FftAnswer);
        Assert.Equal("online", stored.Mode);
        Assert.Equal("inpatient", stored.Setting);
        Assert.Equal($"web:{submission}", stored.ExternalId);
        Assert.True(stored.ConsentToPublish);
        Assert.Contains("\"age_band\":\"35-44\"", stored.DemographicsJson);
        Assert.Contains("\"language\":\"en\"", stored.DetailsJson);
        Assert.Equal("The nurses were kind and explained everything.", stored.Answers.Single(a => a.QuestionKey == "why").Text);
        Assert.Equal(1, stored.Answers.Single(a => a.QuestionKey == "respect").Rating);
        Assert.Equal(3, stored.Answers.Single(a => a.QuestionKey == "information").Rating);

        await using var db = host.Database.Context();
        var original = await db.ImportedRows.SingleAsync(r => r.FeedbackRecordId == stored.Id);
        Assert.Equal(RowStatuses.Imported, original.Status);
        using var raw = JsonDocument.Parse(original.RawText);
        Assert.Equal(submission.ToString(), raw.RootElement.GetProperty("submission").GetString());
        Assert.Equal("The nurses were kind and explained everything.", raw.RootElement.GetProperty("why").GetString());
        var monthly = await db.FftMonthly.SingleAsync(m => m.UnitId == survey.UnitId);
        Assert.Equal(1, monthly.Good);
        Assert.Equal(1, monthly.VeryGood + monthly.Good + monthly.Neither + monthly.Poor + monthly.VeryPoor + monthly.DontKnow + monthly.NoRating);
        Assert.Equal(1, monthly.ModeOnline);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Missing_fft_answer_is_explained_next_to_the_question(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var survey = await SurveyFixtures.CreateAsync(host.Database);
        var client = Patient(host);

        var page = await client.PostAsync($"/s/{survey.Code}", Form(Guid.NewGuid(), ("why", "Waited a long time"), ("sex", "female")));
        var doc = await WebHost.ParseAsync(page);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("Error:", doc.Title);
        var summaryLink = doc.QuerySelector(".nhsuk-error-summary a[href='#fft']");
        Assert.Equal("Choose an answer to tell us how your experience was", summaryLink!.TextContent.Trim());
        var group = doc.QuerySelector("[data-question=fft]")!;
        Assert.Contains("nhsuk-form-group--error", group.ClassName);
        Assert.Contains("Choose an answer to tell us how your experience was", group.QuerySelector(".nhsuk-error-message")!.TextContent);
        Assert.Contains("fft-error", group.QuerySelector("fieldset")!.GetAttribute("aria-describedby"));
        Assert.NotNull(doc.GetElementById("fft"));
        Assert.Equal("Waited a long time", doc.QuerySelector("textarea#why")!.TextContent);
        Assert.True(doc.QuerySelector("input[name=sex][value=female]")!.HasAttribute("checked"));

        var polish = await WebHost.ParseAsync(await client.PostAsync($"/s/{survey.Code}?lang=pl", Form(Guid.NewGuid(), ("why", "x"))));
        Assert.Contains("Wybierz odpowiedź", polish.QuerySelector(".nhsuk-error-summary a[href='#fft']")!.TextContent);

        var tooLong = await WebHost.ParseAsync(await client.PostAsync($"/s/{survey.Code}",
            Form(Guid.NewGuid(), ("fft", "1"), ("better", new string('a', QuestionLibrary.TextMaxLength + 1)), ("respect", "sometimes"))));
        Assert.Equal("Your answer to “Is there anything we could have done better?” must be 2000 characters or fewer. It is 2001 characters.",
            tooLong.QuerySelector(".nhsuk-error-summary a[href='#better']")!.TextContent.Trim());
        Assert.Equal("Choose one of the answers to “Were you treated with respect and dignity?”",
            tooLong.QuerySelector(".nhsuk-error-summary a[href='#respect']")!.TextContent.Trim());
        Assert.Empty(await FeedbackAsync(host, survey.UnitId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Honeypot_submissions_are_not_stored(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var survey = await SurveyFixtures.CreateAsync(host.Database);
        var client = Patient(host);
        var doc = await WebHost.ParseAsync(await client.GetAsync($"/s/{survey.Code}"));
        var honeypot = doc.QuerySelector("input[name=website]")!;
        Assert.Equal("-1", honeypot.GetAttribute("tabindex"));
        Assert.Equal("off", honeypot.GetAttribute("autocomplete"));
        Assert.Equal("true", honeypot.Closest(".survey-honeypot")!.GetAttribute("aria-hidden"));

        var page = await client.PostAsync($"/s/{survey.Code}", Form(Guid.NewGuid(), ("fft", "1"), ("why", "Buy cheap watches"), ("website", "http://spam.example")));
        var api = await client.PostAsJsonAsync($"/api/public/s/{survey.Code}/responses",
            new { id = Guid.NewGuid(), answers = new { fft = "1" }, website = "http://spam.example" });

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.EndsWith("/thanks", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        Assert.Empty(await FeedbackAsync(host, survey.UnitId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contact_details_are_stored_apart_from_the_answers(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var survey = await SurveyFixtures.CreateAsync(host.Database);
        var client = Patient(host);

        var missing = await WebHost.ParseAsync(await client.PostAsync($"/s/{survey.Code}", Form(Guid.NewGuid(), ("fft", "4"), ("consent_to_contact", "yes"))));
        Assert.Contains("Give an email address or a phone number", missing.QuerySelector(".nhsuk-error-summary a[href='#contact_email']")!.TextContent);
        Assert.Equal("conditional-contact", missing.QuerySelector("input[name=consent_to_contact][value=yes]")!.GetAttribute("aria-controls"));
        Assert.DoesNotContain("nhsuk-radios__conditional--hidden", missing.GetElementById("conditional-contact")!.ClassName);

        var badEmail = await WebHost.ParseAsync(await client.PostAsync($"/s/{survey.Code}",
            Form(Guid.NewGuid(), ("fft", "4"), ("consent_to_contact", "yes"), ("contact_email", "jo at example"))));
        Assert.Contains("name@example.com", badEmail.QuerySelector("#contact_email-error")!.TextContent);

        var posted = await client.PostAsync($"/s/{survey.Code}", Form(Guid.NewGuid(),
            ("fft", "4"), ("why", "Nobody told me when I could go home."), ("consent_to_contact", "yes"),
            ("contact_name", "Jo Bloggs"), ("contact_email", "jo.bloggs@example.com"), ("contact_phone", "")));
        var notWanted = await client.PostAsync($"/s/{survey.Code}", Form(Guid.NewGuid(),
            ("fft", "1"), ("consent_to_contact", "no"), ("contact_email", "someone@example.com")));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, notWanted.StatusCode);
        await using var db = host.Database.Context();
        var feedback = await db.Feedback.AsNoTracking().Include(f => f.Answers).SingleAsync(f => f.FftAnswer == 4);
        var contact = await db.ContactDetails.SingleAsync();
        Assert.Equal(feedback.Id, contact.FeedbackRecordId);
        Assert.Equal("jo.bloggs@example.com", contact.Email);
        Assert.Equal("Jo Bloggs", contact.Name);
        Assert.Null(contact.Phone);
        Assert.True(feedback.ConsentToContact);
        Assert.DoesNotContain(feedback.Answers, a => a.Text?.Contains("example.com") == true || a.Text?.Contains("Bloggs") == true);
        Assert.DoesNotContain("example.com", feedback.DetailsJson ?? "");
        var original = await db.ImportedRows.SingleAsync(r => r.FeedbackRecordId == feedback.Id);
        Assert.DoesNotContain("jo.bloggs", original.RawText);
        Assert.DoesNotContain("Bloggs", original.RawText);
        Assert.Contains(SurveySubmission.HeldApart, original.RawText);
        Assert.Contains("Nobody told me when I could go home.", original.RawText);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_code_gets_a_friendly_404(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var ended = await SurveyFixtures.CreateAsync(host.Database, endsOn: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1));
        var client = Patient(host);

        foreach (var path in new[] { "/s/zzzzzz", "/s/not-a-code", $"/s/{ended.Code}", "/s/zzzzzz/thanks", "/s/zzzzzz?lang=pl" })
        {
            var page = await client.GetAsync(path);
            var doc = await WebHost.ParseAsync(page);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.False(page.Headers.Contains("Set-Cookie"));
            Assert.Null(doc.QuerySelector("form#survey-form"));
            var heading = doc.QuerySelector("h1")!.TextContent.Trim();
            Assert.Equal(path.EndsWith("lang=pl") ? "Ten link do ankiety nie działa" : "This survey link is not working", heading);
            if (!path.EndsWith("lang=pl"))
                Assert.Contains("Ask a member of staff for a paper feedback form", doc.Body!.TextContent);
        }
        var posted = await client.PostAsync("/s/zzzzzz", Form(Guid.NewGuid(), ("fft", "1")));
        var api = await client.PostAsJsonAsync("/api/public/s/zzzzzz/responses", new { id = Guid.NewGuid(), answers = new { fft = "1" } });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Polish_page_is_translated_and_urdu_page_is_right_to_left(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var survey = await SurveyFixtures.CreateAsync(host.Database);
        var client = Patient(host);

        var polish = await WebHost.ParseAsync(await client.GetAsync($"/s/{survey.Code}?lang=pl"));
        var urdu = await WebHost.ParseAsync(await client.GetAsync($"/s/{survey.Code}?lang=ur"));
        var easyPolish = await WebHost.ParseAsync(await client.GetAsync($"/s/{survey.Code}?lang=pl&format=easy-read"));
        var unknown = await WebHost.ParseAsync(await client.GetAsync($"/s/{survey.Code}?lang=xx"));

        Assert.Equal("pl", polish.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", polish.DocumentElement.GetAttribute("dir"));
        Assert.Equal("Jak ogólnie oceniasz swoje doświadczenia z naszymi usługami?", polish.QuerySelector("[data-question=fft] legend")!.TextContent.Trim());
        Assert.Equal("Bardzo dobrze", polish.QuerySelector("label[for=fft]")!.TextContent.Trim());
        Assert.Equal("Wyślij odpowiedzi", polish.QuerySelector("#survey-form button[type=submit]")!.TextContent.Trim());
        Assert.Contains("lang=pl", polish.QuerySelector("#survey-form")!.GetAttribute("action"));
        Assert.Contains("/s/privacy?lang=pl", polish.QuerySelector(".nhsuk-footer a")!.GetAttribute("href"));

        Assert.Equal("ur", urdu.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", urdu.DocumentElement.GetAttribute("dir"));
        Assert.Equal("مجموعی طور پر، ہماری سروس کے ساتھ آپ کا تجربہ کیسا رہا؟", urdu.QuerySelector("[data-question=fft] legend")!.TextContent.Trim());
        var easyLink = urdu.QuerySelectorAll(".survey-options a").Single(a => a.GetAttribute("href")!.Contains("format=easy-read"));
        Assert.Contains("lang=ur", easyLink.GetAttribute("href"));
        Assert.Equal("rtl", urdu.QuerySelector(".survey-options a[hreflang=ar]")!.GetAttribute("dir"));

        // A format with no Polish version falls back to Polish, not to English easy read; the faces still show.
        Assert.Equal("Bardzo dobrze", easyPolish.QuerySelector("label[for=fft] .survey-faces__words")!.TextContent.Trim());
        Assert.Equal(6, easyPolish.QuerySelectorAll("[data-question=fft] svg.survey-face").Length);
        Assert.Equal("en", unknown.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Kiosk_endpoint_accepts_a_queued_response_once(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var survey = await SurveyFixtures.CreateAsync(host.Database);
        var client = Patient(host);
        var url = $"/api/public/s/{survey.Code}/responses";
        var id = Guid.NewGuid();
        var queued = new
        {
            id = id.ToString(), answers = new Dictionary<string, object> { ["fft"] = "1", ["why"] = "Clean ward, friendly staff.", ["welcome"] = "yes-definitely" },
            website = "", lang = "pl", format = "standard", version = survey.VersionId,
        };

        var first = await client.PostAsJsonAsync(url, queued);
        var again = await client.PostAsJsonAsync(url, queued);
        var numeric = await client.PostAsJsonAsync(url, new { id = Guid.NewGuid(), answers = new { fft = 6 } });
        var invalid = await client.PostAsJsonAsync(url, new { id = "not-a-uuid", answers = new { fft = "7", why = new[] { "a" } } });
        var malformed = await client.PostAsync(url, new StringContent("{ \"id\": ", System.Text.Encoding.UTF8, "application/json"));
        var huge = await client.PostAsync(url, new StringContent(new string(' ', PublicSurveyEndpoints.MaxBodyBytes + 10), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal($"kiosk:{id}", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, numeric.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("id", out _));
        Assert.True(errors.TryGetProperty("why", out _));
        Assert.StartsWith("Choose one of the answers to", errors.GetProperty("fft")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        // A kiosk without JavaScript posts the form itself and is counted as a kiosk response all the same.
        var submission = Guid.NewGuid();
        var plainKiosk = await client.PostAsync($"/s/{survey.Code}?kiosk=1", Form(submission, ("fft", "3")));
        Assert.Equal($"/s/{survey.Code}/thanks?kiosk=1", plainKiosk.Headers.Location!.OriginalString);

        var stored = (await FeedbackAsync(host, survey.UnitId)).OrderBy(f => f.Id).ToList();
        Assert.Equal(3, stored.Count);
        Assert.Equal($"kiosk:{submission}", stored[2].ExternalId);
        Assert.Equal("electronic-discharge", stored[2].Mode);
        Assert.Equal($"kiosk:{id}", stored[0].ExternalId);
        Assert.Equal("electronic-discharge", stored[0].Mode);
        Assert.Equal(survey.VersionId, stored[0].SurveyVersionId);
        Assert.Contains("\"language\":\"pl\"", stored[0].DetailsJson);
        Assert.Equal(6, stored[1].FftAnswer);
        await using var db = host.Database.Context();
        Assert.Contains(id.ToString(), (await db.ImportedRows.SingleAsync(r => r.FeedbackRecordId == stored[0].Id)).RawText);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Poster_carries_a_qr_code_and_needs_sign_in(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var survey = await SurveyFixtures.CreateAsync(host.Database);
        var other = await SurveyFixtures.CreateAsync(host.Database, trustCode: "RYY");
        await host.CreateUserAsync("analyst", Roles.PxAnalyst, (ScopeLevels.Trust, survey.TrustId));
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, survey.UnitId));

        var anonymous = host.Client();
        foreach (var path in new[] { $"/Surveys/Poster/{survey.AssignmentId}", $"/Surveys/Paper/{survey.AssignmentId}", $"/Surveys/Qr/{survey.AssignmentId}.svg" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery);
        }
        var manager = await host.SignedInAsync("manager");
        var refused = await manager.GetAsync($"/Surveys/Poster/{survey.AssignmentId}");
        Assert.StartsWith("/Account/Denied", refused.Headers.Location!.PathAndQuery);

        var analyst = await host.SignedInAsync("analyst");
        var poster = await analyst.GetAsync($"/Surveys/Poster/{survey.AssignmentId}");
        var doc = await WebHost.ParseAsync(poster);
        var qr = await analyst.GetAsync($"/Surveys/Qr/{survey.AssignmentId}.svg");
        var paper = await WebHost.ParseAsync(await analyst.GetAsync($"/Surveys/Paper/{survey.AssignmentId}"));
        var otherTrust = await analyst.GetAsync($"/Surveys/Poster/{other.AssignmentId}");

        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        var svg = doc.QuerySelector("svg.survey-poster__qr")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains($"localhost/s/{survey.Code}", svg.GetAttribute("aria-label"));
        Assert.NotNull(svg.GetAttribute("viewBox"));
        Assert.Equal($"localhost/s/{survey.Code}", doc.QuerySelector(".survey-poster__link")!.TextContent.Trim());
        Assert.Contains("W7", doc.Body!.TextContent);
        Assert.Contains("Ask a member of staff for a paper form or help", doc.Body.TextContent);
        Assert.Contains("Test Trust RZZ", doc.Body.TextContent);

        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", (await qr.Content.ReadAsStringAsync()).TrimStart());
        Assert.Contains(".svg", qr.Content.Headers.ContentDisposition?.FileName);

        var meta = paper.QuerySelectorAll(".survey-paper__meta");
        Assert.Equal(2, meta.Length);
        Assert.All(meta, m => Assert.Contains("W7", m.TextContent));
        Assert.All(meta, m => Assert.Contains("version 1", m.TextContent));
        Assert.All(meta, m => Assert.Contains(survey.Code, m.TextContent));
        Assert.Equal(QuestionLibrary.All.Count, paper.QuerySelectorAll(".survey-paper__question").Length);
        Assert.Equal(6, paper.QuerySelector(".survey-paper__question")!.QuerySelectorAll(".survey-paper__box").Length);

        Assert.Equal(HttpStatusCode.NotFound, otherTrust.StatusCode);
    }

    [Fact]
    public void Every_built_in_translation_has_every_english_key_and_english_matches_the_library()
    {
        var folder = Path.Combine(HeardApp.ContentRoot(), SurveyText.BuiltInFolder);
        var text = new SurveyText(folder, null, NullLogger.Instance);
        var english = text.For("en", SurveyOptions.Standard);

        Assert.Equal(["en", "ar", "bn", "pl", "ro", "ur"], text.Languages.Select(l => l.Code));
        Assert.Equal(["ar", "ur"], text.Languages.Where(l => l.IsRightToLeft).Select(l => l.Code));
        var englishKeys = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "en.json"))).RootElement.GetProperty("strings")
            .EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            var keys = JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("strings").EnumerateObject().Select(p => p.Name).ToHashSet();
            var name = Path.GetFileName(file);
            Assert.True(keys.IsSubsetOf(englishKeys), $"{name} has keys English lacks: {string.Join(", ", keys.Except(englishKeys))}");
            if (!name.Contains(".easy-read") && !name.Contains(".young-people"))
                Assert.True(englishKeys.IsSubsetOf(keys), $"{name} lacks: {string.Join(", ", englishKeys.Except(keys))}");
        }
        foreach (var q in QuestionLibrary.All)
        {
            Assert.Equal(q.Text, english.Find($"q.{q.Key}.text"));
            Assert.Equal(q.Hint, english.Find($"q.{q.Key}.hint"));
            foreach (var o in q.Options)
                Assert.Equal(o.Text, english.Find($"q.{q.Key}.option.{o.Value}"));
        }
    }

    [Fact]
    public void Staff_translation_files_add_languages_and_change_wording_and_custom_questions_fall_back_to_their_own_words()
    {
        using var files = new TempFiles();
        files.Write("cy.json", """{ "language": "cy", "name": "Cymraeg", "direction": "ltr", "strings": { "respond.title": "Dywedwch wrthym am eich gofal" } }""");
        files.Write("en.json", """{ "language": "en", "strings": { "privacy.keep": "We keep answers for 2 years." } }""");
        files.Write("broken.json", "{ not json");
        var staff = Path.GetDirectoryName(files.Path_("cy.json"))!;
        var text = new SurveyText(Path.Combine(HeardApp.ContentRoot(), SurveyText.BuiltInFolder), staff, NullLogger.Instance);

        var welsh = text.For("cy", SurveyOptions.Standard);
        var english = text.For("en", SurveyOptions.Standard);
        var custom = new SurveyQuestion { Key = "parking", Kind = QuestionKinds.Text, Text = "Was it easy to park?" };
        var reworded = QuestionLibrary.Find("why")! with { Text = "Why did you choose that answer?" };

        Assert.Contains(text.Languages, l => l.Code == "cy" && l.Name == "Cymraeg");
        Assert.Equal("Dywedwch wrthym am eich gofal", welsh["respond.title"]);
        Assert.Equal("Send your answers", welsh["respond.submit"]);
        Assert.Equal("We keep answers for 2 years.", english["privacy.keep"]);
        Assert.Equal("Tell us about your care", english["respond.title"]);
        Assert.Equal("Was it easy to park?", text.For("pl", null).Question(custom));
        Assert.Equal("Why did you choose that answer?", text.For("pl", null).Question(reworded));
        Assert.Equal("Powiedz nam, dlaczego udzieliłeś(-aś) takiej odpowiedzi", text.For("pl", null).Question(QuestionLibrary.Find("why")!));
    }
}
