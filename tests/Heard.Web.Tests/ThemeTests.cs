using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class ThemeTests
{
    private const string Food = "Food & drink provision & facilities";
    private const string Staff = "Staff manner & personal attributes";
    private const string Waiting = "Timeliness of care";

    // Each comment with the themes and sentiment it is given after import: codes are written here rather than left to the
    // model, so the figures are exact. Ward 1's food comments are about temperature, Ward 2's about portions.
    private static readonly (string Date, string Unit, string Text, string[] Themes, int? Sentiment)[] Comments =
    [
        ("2026-08-05", "Ward 1", "The food was cold", [Food], 4),
        ("2026-08-20", "Ward 1", "Cold food, again", [Food, Staff], 3),
        ("2026-09-03", "Ward 1", "Dinner was cold and the temperature was wrong", [Food], 5),
        ("2026-09-10", "Ward 1", "Temperature of the food was poor", [Food], 4),
        ("2026-09-12", "Ward 1", "Lovely kind nurses", [Staff], 1),
        ("2026-09-15", "Ward 1", "Waited hours for a bed", [Waiting], 4),
        ("2026-09-16", "Ward 1", "Nothing more to add", [], 3),
        ("2026-08-07", "Ward 2", "The portion was small", [Food], 4),
        ("2026-09-02", "Ward 2", "Small portion of food", [Food], 4),
        ("2026-09-04", "Ward 2", "Portion size was small", [Food], 5),
        ("2026-09-06", "Ward 2", "Food was fine", [Food], 3),
        ("2026-09-08", "Ward 2", "Staff were rude", [Staff], 5),
        ("2026-09-09", "Ward 2", "Friendly staff and a quick service", [Staff, Waiting], 1),
        ("2026-09-11", "Ward 2", "Great care from the team", [Staff], 1),
        ("2026-09-13", "Ward 2", "Kind team", [Staff], 2),
        .. Enumerable.Range(1, 12).Select(i => ($"2026-09-{i + 10:00}", "Ward 3", $"Nurses were lovely on day {i}", new[] { Staff }, (int?)(i % 2 == 0 ? 1 : 2))),
        ("2026-09-14", "Ward 9", "The food was cold at the other trust", [Food], 5),
    ];

    private sealed record Ids(int Trust, int Ward1, int Ward2, int Ward3, int Division);

    private static async Task<(WebHost Host, Ids Ids)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        var csv = new StringBuilder("response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n");
        for (var i = 0; i < Comments.Length; i++)
        {
            var c = Comments[i];
            var trust = c.Unit == "Ward 9" ? "RYY" : "RZZ";
            csv.Append($"{i + 1},{c.Date},{trust},{trust}01,{c.Unit},inpatient,2,sms,\"{c.Text}\"\n");
        }
        using (var files = new TempFiles())
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", csv.ToString()), new ImportOptions());

        await using var db = host.Database.Context();
        await db.CommentCodes.ExecuteDeleteAsync();
        var answers = await db.FeedbackAnswers.Where(a => a.Text != null).ToListAsync();
        foreach (var a in answers)
        {
            var c = Comments.Single(x => x.Text == a.Text);
            a.Sentiment = c.Sentiment;
            foreach (var theme in c.Themes)
                db.CommentCodes.Add(new CommentCode
                {
                    FeedbackAnswerId = a.Id, FeedbackRecordId = a.FeedbackRecordId, Label = theme,
                    Category = theme == Food ? "Environment, equipment & catering" : theme == Staff ? "Staff" : "Access to medical care & support",
                    Confidence = 0.9f, SetAt = DateTime.UtcNow,
                });
        }
        // A code someone removed counts nowhere.
        db.CommentCodes.Add(new CommentCode
        {
            FeedbackAnswerId = answers.Single(a => a.Text == "Kind team").Id, FeedbackRecordId = answers.Single(a => a.Text == "Kind team").FeedbackRecordId,
            Label = Food, Category = "Environment, equipment & catering", SetAt = DateTime.UtcNow, RemovedAt = DateTime.UtcNow, RemovedBy = "px",
        });
        var trustId = await db.Trusts.Where(t => t.OdsCode == "RZZ").Select(t => t.Id).SingleAsync();
        var division = new Division { TrustId = trustId, Name = "Medicine" };
        db.Divisions.Add(division);
        await db.SaveChangesAsync();
        var units = await db.Units.Where(u => u.TrustId == trustId).ToListAsync();
        foreach (var u in units.Where(u => u.Name is "Ward 1" or "Ward 2")) u.DivisionId = division.Id;
        await db.SaveChangesAsync();
        // The codes were written straight into the table, so recompute the derived figures as `heard rebuild` does.
        await Heard.Web.Features.Fft.Aggregates.RebuildAsync(db);
        return (host, new Ids(trustId, units.Single(u => u.Name == "Ward 1").Id, units.Single(u => u.Name == "Ward 2").Id,
            units.Single(u => u.Name == "Ward 3").Id, division.Id));
    }


    private static JsonElement Theme(JsonElement view, string theme) =>
        view.GetProperty("themes").EnumerateArray().Single(t => t.GetProperty("theme").GetString() == theme);

    /// <summary>How many comments the comment search finds for a drill-down link from the page.</summary>
    private static async Task<long> CommentsBehindAsync(HttpClient client, string href)
    {
        Assert.StartsWith("/Comments?", href);
        var json = await client.GetOkJsonAsync("/api/comments?" + WebUtility.HtmlDecode(href)["/Comments?".Length..]);
        return json.GetProperty("total").GetInt64();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_wards_themes_are_counted_with_their_sentiment_against_the_trust_and_by_month(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        var view = await client.GetOkJsonAsync($"/api/themes?unit={ids.Ward1}&from=2026-08&to=2026-09");

        // Ward 1 has 7 comments, 6 of them coded; the trust 26 coded (the other trust's comment is not in it).
        Assert.Equal(6, view.GetProperty("codedHere").GetInt64());
        Assert.Equal(26, view.GetProperty("codedTrust").GetInt64());
        Assert.True(view.GetProperty("comparedWithTrust").GetBoolean());
        var food = Theme(view, Food);
        Assert.Equal("Environment, equipment & catering", food.GetProperty("category").GetString());
        var here = food.GetProperty("here");
        Assert.Equal(4, here.GetProperty("comments").GetInt64());
        Assert.Equal(4.0 / 6, here.GetProperty("share").GetDouble(), 9);
        Assert.Equal(4.0, here.GetProperty("meanSentiment").GetDouble(), 9);   // (4 + 3 + 5 + 4) / 4
        Assert.Equal(75.0, here.GetProperty("percentNegative").GetDouble(), 9); // 4, 5, 4 of 4
        Assert.Equal(0.0, here.GetProperty("percentPositive").GetDouble(), 9);
        var trust = food.GetProperty("trust");
        Assert.Equal(8, trust.GetProperty("comments").GetInt64());
        Assert.Equal(8.0 / 26, trust.GetProperty("share").GetDouble(), 9);
        Assert.Equal(4.0, trust.GetProperty("meanSentiment").GetDouble(), 9);   // (16 + 4 + 4 + 5 + 3) / 8
        // 4 of 6 against the rest of the trust's 4 of 20: pooled 8/26, z = 2.172 >= 1.96.
        Assert.Equal(2.172215, food.GetProperty("z").GetDouble(), 5);
        Assert.True(food.GetProperty("notablyHigher").GetBoolean());
        var staff = Theme(view, Staff);
        Assert.Equal(2, staff.GetProperty("here").GetProperty("comments").GetInt64());
        Assert.Equal(2.0, staff.GetProperty("here").GetProperty("meanSentiment").GetDouble(), 9);
        Assert.Equal(50.0, staff.GetProperty("here").GetProperty("percentPositive").GetDouble(), 9);
        // The removed Food code on "Kind team" counts nowhere: 18 staff comments in the trust (2 + 4 + 12), and no extra food one.
        Assert.Equal(18, staff.GetProperty("trust").GetProperty("comments").GetInt64());
        Assert.False(staff.GetProperty("notablyHigher").GetBoolean());

        // Month by month: Ward 1's food comments were 2 in August (4 and 3) and 2 in September (5 and 4).
        var months = food.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal([202608, 202609], months.Select(m => m.GetProperty("month").GetInt32()));
        Assert.Equal([2L, 2L], months.Select(m => m.GetProperty("comments").GetInt64()));
        Assert.Equal([3.5, 4.5], months.Select(m => m.GetProperty("meanSentiment").GetDouble()));

        // A division (Wards 1 and 2) is compared with the trust as well.
        var division = await client.GetOkJsonAsync($"/api/themes?division={ids.Division}&from=2026-08&to=2026-09");
        Assert.Equal(14, division.GetProperty("codedHere").GetInt64());
        Assert.Equal(8, Theme(division, Food).GetProperty("here").GetProperty("comments").GetInt64());
        // The trust alone has nothing to be compared with.
        var whole = await client.GetOkJsonAsync($"/api/themes?trust={ids.Trust}&from=2026-08&to=2026-09");
        Assert.False(whole.GetProperty("comparedWithTrust").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Theme(whole, Food).GetProperty("trust").ValueKind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_figure_on_the_page_links_to_exactly_the_comments_behind_it(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        foreach (var scope in new[] { $"unit={ids.Ward1}", $"division={ids.Division}" })
        {
            var response = await client.GetAsync($"/Themes?{scope}&from=2026-08&to=2026-09");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await WebHost.ParseAsync(response);
            Assert.NotNull(page.QuerySelector("table caption"));
            var rows = page.QuerySelectorAll("tr[data-theme]").ToList();
            Assert.NotEmpty(rows);
            var checkedLinks = 0;
            foreach (var row in rows)
            {
                foreach (var cell in row.QuerySelectorAll("td[data-figure='comments'], td[data-figure='trust-comments'], td[data-month]"))
                {
                    var link = cell.QuerySelector("a");
                    if (link is null) { Assert.Equal("0", cell.TextContent.Trim()); continue; }
                    var figure = long.Parse(link.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    Assert.Equal(figure, await CommentsBehindAsync(client, link.GetAttribute("href")!));
                    checkedLinks++;
                }
            }
            Assert.True(checkedLinks >= 10, $"{checkedLinks} links checked for {scope}");
        }

        // The negative share links to the negative comments: 3 of Ward 1's 4 food comments.
        var unitPage = await WebHost.ParseAsync(await client.GetAsync($"/Themes?unit={ids.Ward1}&from=2026-08&to=2026-09"));
        var food = unitPage.QuerySelectorAll("tr[data-theme]").First(r => r.GetAttribute("data-theme") == Food);
        Assert.Equal("75%", food.QuerySelector("td[data-figure='negative']")!.TextContent.Trim());
        Assert.Equal(3, await CommentsBehindAsync(client, food.QuerySelector("td[data-figure='negative'] a")!.GetAttribute("href")!));
        Assert.NotNull(food.QuerySelector("[data-flag='higher']"));
        // The comment search names the filters its form does not show.
        var search = await WebHost.ParseAsync(await client.GetAsync(food.QuerySelector("td[data-figure='negative'] a")!.GetAttribute("href")!));
        Assert.Contains("negative or very negative", search.QuerySelector(".nhsuk-inset-text")!.TextContent);
        Assert.Null(search.QuerySelector(".nhsuk-error-summary")?.TextContent.Replace("\n", " ").Replace("  ", ""));
        Assert.Equal("3 comments", search.QuerySelector("h2#results")?.TextContent.Trim());
        // Paging still reads "page" from the query (the route's own "page" value once made every search an error).
        var second = await WebHost.ParseAsync(await client.GetAsync($"/Comments?trust={ids.Trust}&page=2"));
        Assert.Equal("26", second.QuerySelector("ol.heard-comments")!.GetAttribute("start"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_wards_key_phrases_set_its_comments_on_a_theme_apart_from_the_trusts(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Trust, ids.Trust));
        var client = await host.SignedInAsync("manager");
        var theme = Uri.EscapeDataString(Food);

        var ward1 = await client.GetOkJsonAsync($"/api/themes/key-phrases?unit={ids.Ward1}&theme={theme}&from=2026-08&to=2026-09");
        var ward2 = await client.GetOkJsonAsync($"/api/themes/key-phrases?unit={ids.Ward2}&theme={theme}&from=2026-08&to=2026-09");

        // The same figures as the hand-checked unit test: Ward 1 against Ward 2 (Ward 3 has no food comments).
        var phrases = ward1.GetProperty("phrases").EnumerateArray().ToList();
        Assert.Equal(["cold", "temperature", "food"], phrases.Select(p => p.GetProperty("phrase").GetString()));
        Assert.Equal(1.115047, phrases[0].GetProperty("z").GetDouble(), 6);
        Assert.Equal(3, phrases[0].GetProperty("countHere").GetInt32());
        Assert.Equal(0, phrases[0].GetProperty("countElsewhere").GetInt32());
        Assert.Equal(["portion", "small"], ward2.GetProperty("phrases").EnumerateArray().Select(p => p.GetProperty("phrase").GetString()));
        Assert.Equal(4, ward1.GetProperty("commentsHere").GetInt32());
        Assert.Equal(4, ward1.GetProperty("commentsElsewhere").GetInt32());
        // Examples are the ward's newest, and a ward manager reads them redacted.
        Assert.Equal("Temperature of the food was poor", ward1.GetProperty("examples")[0].GetProperty("text").GetString());
        Assert.True(ward1.GetProperty("redacted").GetBoolean());

        // On the page, each phrase links to the ward's comments on the theme that contain it.
        var page = await WebHost.ParseAsync(await client.GetAsync($"/Themes/Theme?unit={ids.Ward1}&theme={theme}&from=2026-08&to=2026-09"));
        var cold = page.QuerySelectorAll("#key-phrases tbody tr").First();
        Assert.StartsWith("cold", cold.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal(3, await CommentsBehindAsync(client, cold.QuerySelector("th a")!.GetAttribute("href")!));
        Assert.Equal("Key phrases in Ward 1's comments on " + Food, page.QuerySelector("#key-phrases caption")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ward_manager_of_another_unit_sees_nothing_of_this_one(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, ids.Ward2));
        var client = await host.SignedInAsync("manager");
        var theme = Uri.EscapeDataString(Food);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/themes?unit={ids.Ward1}&from=2026-08&to=2026-09")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Themes?unit={ids.Ward1}&from=2026-08&to=2026-09")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/themes/key-phrases?unit={ids.Ward1}&theme={theme}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Themes/Theme?unit={ids.Ward1}&theme={theme}")).StatusCode);

        // Their own ward's figures, and the "trust" is only what they can see: no comparison, and nothing of Ward 1's.
        var own = await client.GetOkJsonAsync($"/api/themes?unit={ids.Ward2}&from=2026-08&to=2026-09");
        Assert.False(own.GetProperty("comparedWithTrust").GetBoolean());
        Assert.Equal(8, own.GetProperty("codedTrust").GetInt64());
        var trustView = await client.GetOkJsonAsync("/api/themes?from=2026-08&to=2026-09");
        Assert.Equal(8, trustView.GetProperty("codedHere").GetInt64());
        Assert.Equal(["Ward 2"], trustView.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("name").GetString()));
        var phrases = await client.GetOkJsonAsync($"/api/themes/key-phrases?unit={ids.Ward2}&theme={theme}&from=2026-08&to=2026-09");
        Assert.Equal(0, phrases.GetProperty("commentsElsewhere").GetInt32());
        Assert.Empty(phrases.GetProperty("phrases").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Commissioners_see_the_figures_but_no_way_to_the_comments(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("commissioner", Roles.Commissioner, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("commissioner");

        var response = await client.GetAsync($"/Themes?unit={ids.Ward1}&from=2026-08&to=2026-09");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebHost.ParseAsync(response);
        var food = page.QuerySelectorAll("tr[data-theme]").First(r => r.GetAttribute("data-theme") == Food);
        Assert.Equal("4", food.QuerySelector("td[data-figure='comments']")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("main a[href^='/Comments'], main a[href^='/Themes/Theme']"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/Themes/Theme?unit={ids.Ward1}&theme=x")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/themes")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_range_without_coded_comments_shows_an_empty_state_and_bad_input_is_explained(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        var response = await client.GetAsync($"/Themes?unit={ids.Ward1}&from=2025-01&to=2025-03");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebHost.ParseAsync(response);
        Assert.Contains("No coded comments match these filters", page.QuerySelector(".heard-empty-state")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("tr[data-theme]"));
        Assert.Equal("Ward 1", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("nav.nhsuk-breadcrumb"));
        Assert.NotNull(page.QuerySelector("label[for='From']"));

        var bad = await (await client.GetAsync("/Themes?from=2026-13&to=2026-09")).Content.ReadAsStringAsync();
        Assert.Contains("Enter the start month as a year and month", bad);
        var api = await client.GetAsync("/api/themes?from=2026-09&to=2026-01&source=fax");
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var body = await api.Content.ReadAsStringAsync();
        Assert.Contains("start month must be on or before", body);
        Assert.Contains("Choose a source", body);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/themes/key-phrases?theme=x")).StatusCode);

        // The ward page links to its themes, and the navigation to the page.
        var ward = await (await client.GetAsync($"/ward/{ids.Ward1}")).Content.ReadAsStringAsync();
        Assert.Contains($"/Themes?unit={ids.Ward1}", ward);
        Assert.Contains("href=\"/understand\"", ward);
        Assert.Contains("href=\"/Themes\"", await (await client.GetAsync("/understand")).Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_review_correction_changes_the_theme_figures_at_once(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        long answerId;
        await using (var db = host.Database.Context())
            answerId = await db.FeedbackAnswers.Where(a => a.Text == "The food was cold").Select(a => a.Id).SingleAsync();

        // "The food was cold" (Ward 1, sentiment 4) loses Food, gains Staff and becomes positive (2).
        var response = await CollectionFixtures.PostFormAsync(client, "/Comments/Review", "/Comments/Review",
            [new("answerId", answerId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("add", Staff), new("sentiment", "2")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var view = await client.GetOkJsonAsync($"/api/themes?unit={ids.Ward1}&from=2026-08&to=2026-09");
        Assert.Equal(6, view.GetProperty("codedHere").GetInt64());
        var food = Theme(view, Food).GetProperty("here");
        Assert.Equal(3, food.GetProperty("comments").GetInt64());
        Assert.Equal(4.0, food.GetProperty("meanSentiment").GetDouble(), 9);   // (3 + 5 + 4) / 3
        var staff = Theme(view, Staff).GetProperty("here");
        Assert.Equal(3, staff.GetProperty("comments").GetInt64());
        Assert.Equal(2.0, staff.GetProperty("meanSentiment").GetDouble(), 9);  // (3 + 1 + 2) / 3
        Assert.Equal(2.0 / 3 * 100, staff.GetProperty("percentPositive").GetDouble(), 9);
        Assert.Equal([1L, 2L], Theme(view, Food).GetProperty("months").EnumerateArray().Select(m => m.GetProperty("comments").GetInt64()));

        // Removing a comment's only code takes it out of the coded comments too.
        await using (var db = host.Database.Context())
            answerId = await db.FeedbackAnswers.Where(a => a.Text == "Waited hours for a bed").Select(a => a.Id).SingleAsync();
        response = await CollectionFixtures.PostFormAsync(client, "/Comments/Review", "/Comments/Review",
            [new("answerId", answerId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        view = await client.GetOkJsonAsync($"/api/themes?unit={ids.Ward1}&from=2026-08&to=2026-09");
        Assert.Equal(5, view.GetProperty("codedHere").GetInt64());
        Assert.Equal(25, view.GetProperty("codedTrust").GetInt64());
        Assert.DoesNotContain(view.GetProperty("themes").EnumerateArray(),
            t => t.GetProperty("theme").GetString() == Waiting && t.GetProperty("here").GetProperty("comments").GetInt64() > 0);
    }
}
