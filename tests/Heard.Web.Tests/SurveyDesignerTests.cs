using System.Net;
using System.Text.Json;
using Heard.Analysis.Fft;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Features.Surveys;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Heard.Web.Tests;

public sealed class SurveyDesignerTests
{
    private static async Task<(WebHost Host, CollectionFixtures.Organisation Org, HttpClient Client)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        var org = await CollectionFixtures.OrganisationAsync(host.Database);
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.Trust, org.TrustId));
        return (host, org, await host.SignedInAsync("px"));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string post, params (string Key, string Value)[] fields) =>
        CollectionFixtures.PostFormAsync(client, page, post, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Creating_a_survey_starts_version_one_as_a_draft_with_the_starter_questions(string provider)
    {
        var (host, org, client) = await StartAsync(provider);
        await using var _ = host;

        var missing = await PostAsync(client, "/Surveys/Create", "/Surveys/Create", ("Input.TrustId", org.TrustId.ToString()));
        var missingHtml = await missing.Content.ReadAsStringAsync();
        var created = await PostAsync(client, "/Surveys/Create", "/Surveys/Create",
            ("Input.Name", "Discharge survey"), ("Input.TrustId", org.TrustId.ToString()), ("Input.Owner", "Matron, Ward 1"),
            ("Input.StartsOn.Day", "1"), ("Input.StartsOn.Month", "4"), ("Input.StartsOn.Year", "2026"));

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Enter the survey&#x27;s name", missingHtml);
        Assert.Contains("href=\"#Input_Name\"", missingHtml);
        Assert.Contains("Enter the person or team who owns the survey", missingHtml);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var db = host.Database.Context();
        var survey = await db.Surveys.Include(s => s.Versions).SingleAsync();
        Assert.Equal("Discharge survey", survey.Name);
        Assert.Equal(new DateOnly(2026, 4, 1), survey.StartsOn);
        Assert.Equal($"/Surveys/{survey.Id}", created.Headers.Location!.OriginalString);
        var version = Assert.Single(survey.Versions);
        Assert.Equal((1, SurveyStatuses.Draft), (version.Number, version.Status));
        Assert.Equal(["fft", "why", "better", "consent_to_publish", "consent_to_contact"],
            SurveyDefinition.FromJson(version.DefinitionJson).Questions.Select(q => q.Key));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName == "px" && a.Entity == "survey" && a.Action == "create"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Changing_a_live_survey_creates_a_new_version_and_old_answers_keep_theirs(string provider)
    {
        var (host, org, client) = await StartAsync(provider);
        await using var _ = host;
        var live = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward1);
        var writer = host.App.Services.GetRequiredService<ResponseWriter>();
        await writer.SubmitAsync(new CollectedResponse
        {
            UnitId = org.Ward1, Setting = "inpatient", Date = DateOnly.FromDateTime(DateTime.UtcNow), Mode = FftMode.Online,
            Channel = CollectionChannels.Web, ResponseId = "web:test-1", RawText = "{}", Answer = FftAnswer.Good, SurveyVersionId = live.VersionId,
        });
        var edit = $"/Surveys/{live.SurveyId}/Edit";

        var page = await (await client.GetAsync(edit)).Content.ReadAsStringAsync();
        var first = await PostAsync(client, edit, edit + "?handler=Library",
            ("LibraryKeys", "why"), ("LibraryKeys", "better"), ("LibraryKeys", "respect"), ("LibraryKeys", "consent_to_publish"), ("LibraryKeys", "consent_to_contact"));
        var firstMessage = await (await client.GetAsync(edit)).Content.ReadAsStringAsync();
        var second = await PostAsync(client, edit, edit + "?handler=Move", ("key", "respect"), ("direction", "up"));

        Assert.Contains("version 2 will be created as a draft; patients keep seeing version 1 until you publish version 2", page);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("Version 2 has been created as a draft with your change. Patients keep seeing version 1 until you publish version 2.", firstMessage);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        await using (var db = host.Database.Context())
        {
            var versions = await db.SurveyVersions.Where(v => v.SurveyId == live.SurveyId).OrderBy(v => v.Number).ToListAsync();
            Assert.Equal(2, versions.Count);
            Assert.Equal(SurveyStatuses.Live, versions[0].Status);
            Assert.Equal(["fft", "why", "better", "consent_to_publish", "consent_to_contact"], SurveyDefinition.FromJson(versions[0].DefinitionJson).Questions.Select(q => q.Key));
            Assert.Equal(SurveyStatuses.Draft, versions[1].Status);
            Assert.Equal(["fft", "why", "respect", "better", "consent_to_publish", "consent_to_contact"], SurveyDefinition.FromJson(versions[1].DefinitionJson).Questions.Select(q => q.Key));
        }

        var publish = await PostAsync(client, $"/Surveys/{live.SurveyId}", $"/Surveys/{live.SurveyId}?handler=Publish");
        var details = await WebHost.ParseAsync(await client.GetAsync($"/Surveys/{live.SurveyId}"));

        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        await using (var db = host.Database.Context())
        {
            var versions = await db.SurveyVersions.Where(v => v.SurveyId == live.SurveyId).OrderBy(v => v.Number).ToListAsync();
            Assert.Equal([SurveyStatuses.Retired, SurveyStatuses.Live], versions.Select(v => v.Status));
            Assert.NotNull(versions[1].PublishedAt);
            Assert.Equal(live.VersionId, (await db.Feedback.SingleAsync()).SurveyVersionId);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "survey_version" && a.Detail!.Contains("version 2 published")));
        }
        Assert.Equal("1", details.QuerySelector("[data-version='1'] [data-responses]")!.TextContent.Trim());
        Assert.Equal("0", details.QuerySelector("[data-version='2'] [data-responses]")!.TextContent.Trim());
        Assert.Equal("1", details.QuerySelector("dd[data-responses]")!.TextContent.Trim());
        var point = await SurveyPoints.FindAsync(host.Database.Context(), live.Code, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        Assert.Equal(2, point!.VersionNumber);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_draft_is_edited_in_place_and_the_fft_question_cannot_be_removed(string provider)
    {
        var (host, org, client) = await StartAsync(provider);
        await using var _ = host;
        var draft = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward1, status: SurveyStatuses.Draft);
        var edit = $"/Surveys/{draft.SurveyId}/Edit";

        var removeFft = await PostAsync(client, edit, edit + "?handler=Remove", ("key", "fft"));
        var removeWhy = await PostAsync(client, edit, edit + "?handler=Remove", ("key", "better"));

        Assert.Equal(HttpStatusCode.OK, removeFft.StatusCode);
        Assert.Contains("The Friends and Family Test question cannot be removed", await removeFft.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, removeWhy.StatusCode);
        await using var db = host.Database.Context();
        var version = await db.SurveyVersions.SingleAsync(v => v.SurveyId == draft.SurveyId);
        Assert.Equal(SurveyStatuses.Draft, version.Status);
        Assert.Equal(["fft", "why", "consent_to_publish", "consent_to_contact"], SurveyDefinition.FromJson(version.DefinitionJson).Questions.Select(q => q.Key));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_question_of_your_own_is_checked_and_added_with_its_own_key(string provider)
    {
        var (host, org, client) = await StartAsync(provider);
        await using var _ = host;
        var draft = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward1, status: SurveyStatuses.Draft);
        var edit = $"/Surveys/{draft.SurveyId}/Edit";

        var bad = await PostAsync(client, edit, edit + "?handler=Custom", ("Custom.Kind", "choice"), ("Custom.Text", ""), ("Custom.Options", "Only one"));
        var badHtml = await bad.Content.ReadAsStringAsync();
        var tooLong = await PostAsync(client, edit, edit + "?handler=Custom", ("Custom.Kind", "text"), ("Custom.Text", new string('x', 301)));
        var good = await PostAsync(client, edit, edit + "?handler=Custom",
            ("Custom.Kind", "choice"), ("Custom.Text", "How clean was the ward?"), ("Custom.Options", "Very clean\nFairly clean\nNot clean"));
        var second = await PostAsync(client, edit, edit + "?handler=Custom", ("Custom.Kind", "text"), ("Custom.Text", "Anything else?"));

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Enter the question", badHtml);
        Assert.Contains("href=\"#Custom_Text\"", badHtml);
        Assert.Contains("Enter between 2 and 10 answers, one on each line. You entered 1.", badHtml);
        Assert.Contains("Only one</textarea>", badHtml);
        Assert.Contains("The question must be 300 characters or fewer", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        await using var db = host.Database.Context();
        var questions = SurveyDefinition.FromJson((await db.SurveyVersions.SingleAsync(v => v.SurveyId == draft.SurveyId)).DefinitionJson).Questions;
        var custom = questions.Single(q => q.Key == "custom_1");
        Assert.Equal(QuestionKinds.Choice, custom.Kind);
        Assert.Equal(["very-clean", "fairly-clean", "not-clean"], custom.Options.Select(o => o.Value));
        Assert.Equal(QuestionKinds.Text, questions.Single(q => q.Key == "custom_2").Kind);
        // Own questions sit with their kind: free text with the follow-ups, choices before consent.
        Assert.Equal(["fft", "why", "better", "custom_2", "custom_1", "consent_to_publish", "consent_to_contact"], questions.Select(q => q.Key));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Register_warns_when_two_surveys_target_the_same_unit_and_period(string provider)
    {
        var (host, org, client) = await StartAsync(provider);
        await using var _ = host;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward1, name: "Ward survey", startsOn: today.AddMonths(-1));
        var second = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward1, name: "Dementia audit",
            startsOn: today.AddDays(10), endsOn: today.AddDays(40));
        var elsewhere = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward2, name: "Clinic survey", setting: "outpatient");
        var past = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward1, name: "Last year's audit",
            startsOn: today.AddYears(-1), endsOn: today.AddYears(-1).AddDays(30));

        var doc = await WebHost.ParseAsync(await client.GetAsync("/Surveys"));
        var api = JsonDocument.Parse(await client.GetStringAsync("/api/surveys")).RootElement;

        string RowText(int id) => doc.QuerySelector($"tr[data-survey='{id}']")!.TextContent;
        Assert.NotNull(doc.QuerySelector($"tr[data-survey='{first.SurveyId}'] [data-overlap]"));
        Assert.NotNull(doc.QuerySelector($"tr[data-survey='{second.SurveyId}'] [data-overlap]"));
        Assert.Contains($"Dementia audit also runs on Ward 1 (Inpatient) from {SurveyDates.Date(today.AddDays(10))} to {SurveyDates.Date(today.AddDays(40))}", RowText(first.SurveyId));
        Assert.Null(doc.QuerySelector($"tr[data-survey='{elsewhere.SurveyId}'] [data-overlap]"));
        // Last year's audit overlapped the ward survey only in the past: history, not a warning.
        Assert.Null(doc.QuerySelector($"tr[data-survey='{past.SurveyId}'] [data-overlap]"));
        Assert.Contains("Surveys overlap", doc.Body!.TextContent);
        Assert.Equal("PX team", doc.QuerySelector($"tr[data-survey='{first.SurveyId}'] td")!.TextContent.Trim());
        var apiFirst = api.EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == first.SurveyId);
        Assert.Equal(second.SurveyId, apiFirst.GetProperty("overlaps")[0].GetProperty("otherSurveyId").GetInt32());
        Assert.Equal("live", apiFirst.GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Assigning_warns_before_a_second_survey_asks_the_same_patients_and_goes_ahead_when_confirmed(string provider)
    {
        var (host, org, client) = await StartAsync(provider);
        await using var _ = host;
        await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward1, name: "Ward survey");
        var draft = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward2, name: "Dementia audit", setting: "outpatient", status: SurveyStatuses.Draft);
        var assign = $"/Surveys/{draft.SurveyId}/Assign";
        var ward1 = $"{org.Ward1}:inpatient";

        var page = await WebHost.ParseAsync(await client.GetAsync(assign));
        var nothing = await PostAsync(client, assign, assign);
        var warned = await PostAsync(client, assign, assign, ("Input.Selected", ward1));
        var warnedHtml = await warned.Content.ReadAsStringAsync();
        var confirmed = await PostAsync(client, assign, assign, ("Input.Selected", ward1), ("Input.ConfirmOverlap", "true"));
        var again = await PostAsync(client, assign, assign, ("Input.Selected", ward1), ("Input.ConfirmOverlap", "true"));

        Assert.NotNull(page.QuerySelector($"input[value='{org.Ward2}:inpatient']"));
        Assert.NotNull(page.QuerySelector($"input[value='{org.Ward2}:outpatient']"));
        Assert.Null(page.QuerySelector($"input[value='{org.Ward9}:inpatient']"));
        Assert.Contains("Choose at least one unit and setting", await nothing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        Assert.Contains("Ward survey also runs on Ward 1 (Inpatient)", warnedHtml);
        Assert.Contains("href=\"#Input_ConfirmOverlap\"", warnedHtml);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("This survey already runs on Ward 1 (Inpatient)", await again.Content.ReadAsStringAsync());
        await using var db = host.Database.Context();
        var added = await db.SurveyAssignments.SingleAsync(a => a.SurveyId == draft.SurveyId && a.UnitId == org.Ward1);
        Assert.True(SurveyPoints.IsWellFormed(added.Code));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "survey_assignment" && a.Detail!.Contains("overlap with another survey confirmed")));

        var removed = await PostAsync(client, assign, assign + "?handler=Remove", ("assignmentId", added.Id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await db.SurveyAssignments.AnyAsync(a => a.Id == added.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Analyst_outside_scope_cannot_see_another_trusts_survey(string provider)
    {
        var (host, org, _) = await StartAsync(provider);
        await using var __ = host;
        var theirs = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward1, name: "Test Trust survey");
        var mine = await CollectionFixtures.LiveSurveyAsync(host.Database, org.OtherTrustId, org.Ward9, name: "Other Trust survey");
        await host.CreateUserAsync("other", Roles.PxAnalyst, (ScopeLevels.Trust, org.OtherTrustId));
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, org.Ward1));
        var client = await host.SignedInAsync("other");
        var manager = await host.SignedInAsync("manager");

        var register = await (await client.GetAsync("/Surveys")).Content.ReadAsStringAsync();
        var api = await client.GetStringAsync("/api/surveys");

        Assert.Contains("Other Trust survey", register);
        Assert.DoesNotContain("Test Trust survey", register);
        Assert.DoesNotContain("Test Trust survey", api);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Surveys/{theirs.SurveyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Surveys/{theirs.SurveyId}/Edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Surveys/{theirs.SurveyId}/Assign")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/surveys/{theirs.SurveyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/surveys/{mine.SurveyId}")).StatusCode);
        var edit = $"/Surveys/{mine.SurveyId}/Edit";
        var token = await WebHost.AntiforgeryAsync(await client.GetAsync(edit));
        var post = await client.PostAsync($"/Surveys/{theirs.SurveyId}/Edit?handler=Remove",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "why", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        // Ward managers enter paper cards but do not design surveys.
        var denied = await manager.GetAsync("/Surveys");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/Denied", denied.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/surveys")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Register_has_an_empty_state_and_publishing_needs_a_follow_up_question(string provider)
    {
        var (host, org, client) = await StartAsync(provider);
        await using var _ = host;

        var empty = await (await client.GetAsync("/Surveys")).Content.ReadAsStringAsync();
        var draft = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward1, status: SurveyStatuses.Draft,
            keys: ["fft", "respect", "consent_to_publish"]);
        var publish = await PostAsync(client, $"/Surveys/{draft.SurveyId}", $"/Surveys/{draft.SurveyId}?handler=Publish");

        Assert.Contains("No surveys yet", empty);
        Assert.Contains("Create a survey", empty);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        Assert.Contains("Add at least one free-text follow-up question before publishing", await publish.Content.ReadAsStringAsync());
        await using var db = host.Database.Context();
        Assert.Equal(SurveyStatuses.Draft, (await db.SurveyVersions.SingleAsync(v => v.SurveyId == draft.SurveyId)).Status);
    }
}
