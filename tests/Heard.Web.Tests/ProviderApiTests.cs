using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class ProviderApiTests
{
    private static async Task<(WebHost Host, CollectionFixtures.Organisation Org, string Key, int ClientId)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        var org = await CollectionFixtures.OrganisationAsync(host.Database);
        var (clientId, key) = await CollectionFixtures.ApiKeyAsync(host.Database, org.TrustId);
        return (host, org, key, clientId);
    }

    private static HttpClient Provider(WebHost host, string key, bool header = false)
    {
        var client = host.Client();
        if (header) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        else client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Today => CollectionDates.TodayInEngland().ToString("yyyy-MM-dd");

    private static string Response(string reference, string answer = "\"1\"", string extra = "") =>
        $$"""{ "provider_reference": "{{reference}}", "unit_code": "W01", "date": "{{Today}}", "mode": "sms", "answer": {{answer}}, "comments": { "why": "Quick and kind" }{{extra}} }""";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Provider_api_needs_a_key(string provider)
    {
        var (host, _, key, _) = await StartAsync(provider);
        await using var __ = host;
        await host.CreateUserAsync("px", Roles.PxAdministrator, (ScopeLevels.All, null));
        var person = await host.SignedInAsync("px");

        var none = await host.Client().PostAsync("/api/collection/responses", Json(Response("A-1")));
        var wrong = await Provider(host, key[..^1] + (key[^1] == 'a' ? 'b' : 'a')).PostAsync("/api/collection/responses", Json(Response("A-1")));
        var garbled = await Provider(host, "not-a-key").PostAsync("/api/collection/responses", Json(Response("A-1")));
        var cookie = await person.PostAsync("/api/collection/responses", Json(Response("A-1")));
        var right = await Provider(host, key, header: true).PostAsync("/api/collection/responses", Json(Response("A-1")));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Unknown API key", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, garbled.StatusCode);
        // A signed-in person is not a provider system: the API takes keys only.
        Assert.Equal(HttpStatusCode.Unauthorized, cookie.StatusCode);
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        await using var db = host.Database.Context();
        Assert.Equal(1, await db.Feedback.CountAsync());
        Assert.NotNull((await db.ApiClients.SingleAsync()).LastUsedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Same_provider_reference_is_stored_once(string provider)
    {
        var (host, org, key, clientId) = await StartAsync(provider);
        await using var _ = host;
        var client = Provider(host, key);

        var first = await client.PostAsync("/api/collection/responses", Json(Response("SMS-123", "\"Very good\"")));
        var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var second = await client.PostAsync("/api/collection/responses", Json(Response("SMS-123", "\"Very good\"")));
        var secondBody = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("stored", firstBody.GetProperty("status").GetString());
        var id = firstBody.GetProperty("id").GetInt64();
        Assert.Equal($"/feedback/{id}", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("duplicate", secondBody.GetProperty("status").GetString());
        Assert.Equal(id, secondBody.GetProperty("id").GetInt64());
        await using var db = host.Database.Context();
        var f = await db.Feedback.Include(x => x.Answers).SingleAsync();
        Assert.Equal((org.Ward1, "inpatient", "sms", 1), (f.UnitId, f.Setting!, f.Mode!, f.FftAnswer!.Value));
        Assert.Equal($"id:api:{clientId}:SMS-123", f.DedupeKey);
        Assert.Equal("Quick and kind", f.Answers.Single().Text);
        Assert.Contains("\"provider_reference\":\"SMS-123\"", f.DetailsJson);
        var rows = await db.ImportedRows.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([RowStatuses.Imported, RowStatuses.Duplicate], rows.Select(r => r.Status));
        Assert.Equal(Response("SMS-123", "\"Very good\""), rows[0].RawText);
        // The API feeds the store as the file import does: the monthly counts match a rebuild from the raw records.
        var (kept, rebuilt) = await CollectionFixtures.AggregatesAsync(host.Database);
        Assert.Equal(rebuilt, kept);
        Assert.Equal(1L, (await db.FftMonthly.SingleAsync()).ModeSms);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_rejected_field_is_named(string provider)
    {
        var (host, _, key, _) = await StartAsync(provider);
        await using var _ = host;
        var tomorrow = CollectionDates.TodayInEngland().AddDays(1).ToString("yyyy-MM-dd");
        var body = $$"""
            {
              "provider_reference": "",
              "unit_code": "W99",
              "setting": "wards",
              "date": "{{tomorrow}}",
              "mode": "pigeon",
              "answer": "7",
              "comments": { "why": "{{new string('x', 2001)}}", "Bad Key": "x" },
              "consent_to_publish": "yes",
              "consent_to_contact": true,
              "contact": { "email": "not-an-email" },
              "demographics": { "age_band": "25-35", "shoe_size": "9" },
              "colour": "blue"
            }
            """;

        var response = await Provider(host, key).PostAsync("/api/collection/responses", Json(body));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var errors = problem.GetProperty("errors");
        string Error(string field) => string.Join(" | ", errors.GetProperty(field).EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("provider_reference is blank", Error("provider_reference"));
        Assert.Contains("There is no unit with code 'W99' in your trust", Error("unit_code"));
        Assert.Contains("'wards' is not an FFT setting", Error("setting"));
        Assert.Contains("is in the future", Error("date"));
        Assert.Contains("'pigeon' is not a mode", Error("mode"));
        Assert.Contains("'7' is not an FFT answer", Error("answer"));
        Assert.Contains("must be 2,000 characters or fewer; it is 2,001", Error("comments.why"));
        Assert.Contains("'Bad Key' is not a question key", Error("comments.Bad Key"));
        Assert.Contains("consent_to_publish must be true or false", Error("consent_to_publish"));
        Assert.Contains("Enter an email address in the right format", Error("contact.email"));
        Assert.Contains("'25-35' is not an answer to age_band", Error("demographics.age_band"));
        Assert.Contains("'shoe_size' is not an \"about you\" question", Error("demographics.shoe_size"));
        Assert.Contains("'colour' is not a field this API takes", Error("colour"));
        Assert.Equal(13, errors.EnumerateObject().Count());
        await using var db = host.Database.Context();
        Assert.False(await db.Feedback.AnyAsync());

        var notJson = await Provider(host, key).PostAsync("/api/collection/responses", Json("{ nope"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("The body is not valid JSON", await notJson.Content.ReadAsStringAsync());
        var old = await Provider(host, key).PostAsync("/api/collection/responses",
            Json($$"""{ "provider_reference": "OLD-1", "unit_code": "W02", "date": "{{CollectionDates.TodayInEngland().AddYears(-3):yyyy-MM-dd}}" }"""));
        var oldErrors = JsonDocument.Parse(await old.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("more than two years ago", oldErrors.GetProperty("date")[0].GetString());
        Assert.Contains("unit W02 collects for inpatient, outpatient", oldErrors.GetProperty("setting")[0].GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_batch_answers_for_each_item_and_one_bad_item_stops_nothing_else(string provider)
    {
        var (host, org, key, _) = await StartAsync(provider);
        await using var _ = host;
        var body = "[" + string.Join(",",
            Response("B-1"),
            """{ "provider_reference": "B-2", "unit_code": "W01", "date": "yesterday" }""",
            Response("B-1"),
            $$"""{ "provider_reference": "B-3", "unit_code": "w02", "setting": "outpatient", "date": "{{Today}}", "answer": null, "consent_to_publish": false }""",
            $$"""{ "provider_reference": "B-4", "unit_code": "W09", "date": "{{Today}}" }""") + "]";

        var response = await Provider(host, key).PostAsync("/api/collection/responses/batch", Json(body));
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var items = result.GetProperty("results").EnumerateArray().ToList();
        var tooMany = await Provider(host, key).PostAsync("/api/collection/responses/batch",
            Json("[" + string.Join(",", Enumerable.Range(0, 501).Select(i => Response($"M-{i}"))) + "]"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 1, 2), (result.GetProperty("stored").GetInt32(), result.GetProperty("duplicates").GetInt32(), result.GetProperty("rejected").GetInt32()));
        Assert.Equal(["stored", "rejected", "duplicate", "stored", "rejected"], items.Select(i => i.GetProperty("status").GetString()));
        Assert.Equal("B-2", items[1].GetProperty("provider_reference").GetString());
        Assert.Contains("is not a date in the form yyyy-mm-dd", items[1].GetProperty("errors").GetProperty("date")[0].GetString());
        // Another trust's unit is not found through this trust's key.
        Assert.Contains("no unit with code 'W09'", items[4].GetProperty("errors").GetProperty("unit_code")[0].GetString());
        Assert.Equal(items[0].GetProperty("id").GetInt64(), items[2].GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("at most 500", await tooMany.Content.ReadAsStringAsync());
        await using var db = host.Database.Context();
        Assert.Equal(2, await db.Feedback.CountAsync());
        var noRating = await db.Feedback.SingleAsync(f => f.UnitId == org.Ward2);
        Assert.Null(noRating.FftAnswer);
        Assert.Equal(("outpatient", "other"), (noRating.Setting!, noRating.Mode!));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Revoked_key_is_refused(string provider)
    {
        var (host, org, _, _) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("admin2", Roles.PxAdministrator, (ScopeLevels.Trust, org.TrustId));
        var admin = await host.SignedInAsync("admin2");

        var made = await CollectionFixtures.PostFormAsync(admin, "/Collection/ApiClients", "/Collection/ApiClients?handler=Create",
            [new("Input.Name", "Telephone survey line"), new("Input.TrustId", org.TrustId.ToString())]);
        var madePage = await WebHost.ParseAsync(made);
        var key = madePage.QuerySelector("#new-key")!.TextContent.Trim();
        var listed = await (await admin.GetAsync("/Collection/ApiClients")).Content.ReadAsStringAsync();
        var before = await Provider(host, key).PostAsync("/api/collection/responses", Json(Response("IVR-1")));
        await using var db = host.Database.Context();
        var client = await db.ApiClients.SingleAsync(c => c.Name == "Telephone survey line");
        var revoke = await CollectionFixtures.PostFormAsync(admin, "/Collection/ApiClients", "/Collection/ApiClients?handler=Revoke",
            [new("clientId", client.Id.ToString())]);
        var after = await Provider(host, key).PostAsync("/api/collection/responses", Json(Response("IVR-2")));

        Assert.Matches("^hk_[a-z0-9]{8}_[A-Za-z0-9]{32}$", key);
        Assert.Contains("no-store", made.Headers.CacheControl?.ToString());
        Assert.DoesNotContain(key, listed);
        Assert.Contains($"hk_{client.KeyPrefix}_", listed);
        Assert.DoesNotContain(key, JsonSerializer.Serialize(await db.AuditEntries.Select(a => a.Detail).ToListAsync()));
        Assert.NotEqual(key, client.KeyHash);
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", await after.Content.ReadAsStringAsync());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "api_client" && a.Detail!.Contains("revoked")));
        // Only administrators manage keys.
        await host.CreateUserAsync("analyst", Roles.PxAnalyst, (ScopeLevels.Trust, org.TrustId));
        var analyst = await host.SignedInAsync("analyst");
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.GetAsync("/Collection/ApiClients")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contact_details_can_be_deleted_on_request_and_the_deletion_is_audited(string provider)
    {
        var (host, org, key, _) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.Trust, org.TrustId));
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, org.Ward1));
        var px = await host.SignedInAsync("px");
        var manager = await host.SignedInAsync("manager");
        var contact = """, "consent_to_contact": true, "contact": { "name": "Alex Example", "email": "alex@example.com", "phone": "07700 900123" }""";
        var stored = await Provider(host, key).PostAsync("/api/collection/responses", Json(Response("SMS-9", extra: contact)));
        var id = JsonDocument.Parse(await stored.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var withConsentOff = await Provider(host, key).PostAsync("/api/collection/responses",
            Json(Response("SMS-10", extra: """, "contact": { "email": "alex@example.com" }""")));

        var shown = await (await px.GetAsync($"/feedback/{id}")).Content.ReadAsStringAsync();
        var managerDelete = await manager.GetAsync($"/Collection/DeleteContact/{id}");
        var deleted = await CollectionFixtures.PostFormAsync(px, $"/Collection/DeleteContact/{id}", $"/Collection/DeleteContact/{id}", []);
        var after = await (await px.GetAsync($"/feedback/{id}")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withConsentOff.StatusCode);
        Assert.Contains("kept only when the person agreed to be contacted", await withConsentOff.Content.ReadAsStringAsync());
        Assert.Contains("alex@example.com", shown);
        Assert.Contains($"/Collection/DeleteContact/{id}", shown);
        Assert.Equal(HttpStatusCode.Redirect, managerDelete.StatusCode);
        Assert.StartsWith("/Account/Denied", managerDelete.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.DoesNotContain("alex@example.com", after);
        Assert.DoesNotContain("Alex Example", after);
        await using var db = host.Database.Context();
        Assert.False(await db.ContactDetails.AnyAsync());
        var record = await db.Feedback.SingleAsync();
        Assert.Equal((id, true), (record.Id, record.ConsentToContact!.Value));
        var row = await db.ImportedRows.SingleAsync(r => r.FeedbackRecordId == id);
        Assert.DoesNotContain("alex@example.com", row.RawText);
        Assert.DoesNotContain("07700 900123", row.RawText);
        Assert.Contains("Quick and kind", row.RawText);
        var entry = await db.AuditEntries.SingleAsync(a => a.Entity == "contact_detail");
        Assert.Equal(("px", "delete", id.ToString()), (entry.UserName!, entry.Action, entry.EntityId!));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_survey_code_ties_the_response_to_the_live_version_and_its_unit(string provider)
    {
        var (host, org, key, _) = await StartAsync(provider);
        await using var _ = host;
        var survey = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward2, setting: "outpatient");
        var draft = await CollectionFixtures.LiveSurveyAsync(host.Database, org.TrustId, org.Ward1, status: SurveyStatuses.Draft);
        var other = await CollectionFixtures.LiveSurveyAsync(host.Database, org.OtherTrustId, org.Ward9);
        var client = Provider(host, key);

        var stored = await client.PostAsync("/api/collection/responses",
            Json($$"""{ "provider_reference": "IVR-7", "survey_code": "{{survey.Code.ToUpperInvariant()}}", "date": "{{Today}}", "mode": "telephone", "answer": 2 }"""));
        var mismatch = await client.PostAsync("/api/collection/responses",
            Json($$"""{ "provider_reference": "IVR-8", "survey_code": "{{survey.Code}}", "unit_code": "W01", "setting": "inpatient", "date": "{{Today}}" }"""));
        var notLive = await client.PostAsync("/api/collection/responses",
            Json($$"""{ "provider_reference": "IVR-9", "survey_code": "{{draft.Code}}", "date": "{{Today}}" }"""));
        var otherTrust = await client.PostAsync("/api/collection/responses",
            Json($$"""{ "provider_reference": "IVR-10", "survey_code": "{{other.Code}}", "date": "{{Today}}" }"""));

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var errors = JsonDocument.Parse(await mismatch.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("is not the unit of survey_code", errors.GetProperty("unit_code")[0].GetString());
        Assert.Contains("is not the setting of survey_code", errors.GetProperty("setting")[0].GetString());
        Assert.Contains("is not live", await notLive.Content.ReadAsStringAsync());
        Assert.Contains("There is no survey with code", await otherTrust.Content.ReadAsStringAsync());
        await using var db = host.Database.Context();
        var f = await db.Feedback.SingleAsync();
        Assert.Equal((org.Ward2, "outpatient", survey.VersionId, 2), (f.UnitId, f.Setting!, f.SurveyVersionId!.Value, f.FftAnswer!.Value));
    }

    [Fact]
    public async Task OpenApi_describes_the_collection_api()
    {
        await using var host = await WebHost.StartAsync("sqlite");
        var doc = await host.Client().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/collection/responses", doc);
        Assert.Contains("/api/collection/responses/batch", doc);
        Assert.Contains("Stores one response from an SMS, IVR or other survey provider", doc);
        Assert.Contains("provider_reference", doc);
        Assert.Contains("/api/surveys", doc);
    }

    [Fact]
    public void Keys_are_checked_by_hash_and_prefix()
    {
        var (key, prefix, hash) = ApiKeys.Create();

        Assert.Equal(prefix, ApiKeys.PrefixOf(key));
        Assert.True(ApiKeys.Matches(key, hash));
        Assert.False(ApiKeys.Matches(key + "x", hash));
        Assert.Null(ApiKeys.PrefixOf("hk_short_key"));
        Assert.Equal(64, hash.Length);
    }
}
