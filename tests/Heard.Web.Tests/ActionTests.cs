using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

/// <summary>Improvement actions: creating, listing, scope, closing with an impact review, and "did it work?" on seeded months.</summary>
public sealed class ActionTests
{
    private sealed record Ids(int Trust, int Ward1, int Ward2, int Division, long CommentAnswer);

    /// <summary>
    /// Ward 1 (division Medicine): ten FFT answers a month from January 2025 to July 2026. In 2025 six or seven of them
    /// very good in turn (60%, 70%, ...); from January 2026 nine, ten, nine, nine, ten, nine, nine (90%, 100%, ...).
    /// By hand, for a change on 1 January 2026: mean before 780 / 12 = 65%, moving ranges all 10 so limits
    /// 65 ± 26.6 = 38.4% to 91.6%; mean after 650 / 7 = 92.857%, difference +27.857 points; 100% lies above 91.6%
    /// and all seven months after sit above 65% (a shift), so special cause improvement. Ward 2 (no division) has one
    /// month, with a comment.
    /// </summary>
    private static async Task<(WebHost Host, Ids Ids)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        var csv = new StringBuilder("response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n");
        var id = 0;
        int[] after = [9, 10, 9, 9, 10, 9, 9];
        for (var month = 0; month < 19; month++)
        {
            var date = new DateOnly(2025, 1, 10).AddMonths(month);
            var positive = month < 12 ? (month % 2 == 0 ? 6 : 7) : after[month - 12];
            for (var i = 0; i < 10; i++) csv.Append($"{++id},{date:yyyy-MM-dd},RZZ,RZZ01,Ward 1,inpatient,{(i < positive ? 1 : 3)},sms,\n");
        }
        csv.Append($"{++id},2026-07-12,RZZ,RZZ01,Ward 2,inpatient,4,sms,The food was cold every evening\n");
        using (var files = new TempFiles())
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", csv.ToString()), new ImportOptions());
        await using var db = host.Database.Context();
        var trustId = await db.Trusts.Where(t => t.OdsCode == "RZZ").Select(t => t.Id).SingleAsync();
        var division = new Division { TrustId = trustId, Name = "Medicine" };
        db.Divisions.Add(division);
        await db.SaveChangesAsync();
        var units = await db.Units.Where(u => u.TrustId == trustId).ToListAsync();
        units.Single(u => u.Name == "Ward 1").DivisionId = division.Id;
        await db.SaveChangesAsync();
        var answer = await db.FeedbackAnswers.Where(a => a.Text == "The food was cold every evening").Select(a => a.Id).SingleAsync();
        return (host, new Ids(trustId, units.Single(u => u.Name == "Ward 1").Id, units.Single(u => u.Name == "Ward 2").Id, division.Id, answer));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string query = "") =>
        (await JsonAsync(await client.GetAsync("/api/actions" + query), HttpStatusCode.OK)).EnumerateArray().ToList();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        fields["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(page);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ward_manager_creates_and_lists_actions_on_their_own_ward_only_and_creation_is_audited(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        var manager1 = await host.CreateUserAsync("manager1", Roles.WardManager, (ScopeLevels.Unit, ids.Ward1), (ScopeLevels.Unit, ids.Ward2));
        var manager2 = await host.CreateUserAsync("manager2", Roles.WardManager, (ScopeLevels.Unit, ids.Ward2));
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        await host.CreateUserAsync("lead", Roles.DivisionLead, (ScopeLevels.Division, ids.Division));
        await host.CreateUserAsync("board", Roles.BoardMember, (ScopeLevels.Trust, ids.Trust));
        var client = await host.SignedInAsync("manager1");

        var created = await JsonAsync(await client.PostAsJsonAsync("/api/actions", new
        {
            title = "Hot meals at 5pm", description = "Move the evening meal round", unitId = ids.Ward2, ownerUserId = manager2.Id, dueOn = "2030-03-31",
            evidence = new[] { new { kind = "comment", reference = ids.CommentAnswer.ToString(), label = "ignored: Heard writes comment labels" } },
        }), HttpStatusCode.Created);
        var onWard1 = await JsonAsync(await client.PostAsJsonAsync("/api/actions", new
        {
            title = "Call bells answered within 2 minutes", unitId = ids.Ward1, ownerUserId = manager1.Id, dueOn = "2020-01-31", metric = "fft-positive", changedOn = "2026-01-01",
        }), HttpStatusCode.Created);
        Assert.Equal("open", created.GetProperty("status").GetString());
        Assert.Equal("manager2", created.GetProperty("ownerName").GetString());
        Assert.True(onWard1.GetProperty("overdue").GetBoolean());
        var id = created.GetProperty("id").GetInt64();

        // Lists by unit, division and owner; overdue; status.
        Assert.Equal(2, (await ListAsync(client)).Count);
        Assert.Equal(new[] { id }, (await ListAsync(client, $"?unit={ids.Ward2}")).Select(a => a.GetProperty("id").GetInt64()));
        Assert.Equal("Call bells answered within 2 minutes", Assert.Single(await ListAsync(client, $"?division={ids.Division}")).GetProperty("title").GetString());
        Assert.Equal("Call bells answered within 2 minutes", Assert.Single(await ListAsync(client, "?mine=true")).GetProperty("title").GetString());
        Assert.Equal("Call bells answered within 2 minutes", Assert.Single(await ListAsync(client, "?overdue=true")).GetProperty("title").GetString());
        Assert.Empty(await ListAsync(client, "?status=done"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/actions?status=finished")).StatusCode);

        // The owner must manage the unit; the unit must be in the creator's scope; the title and due date are needed.
        var bad = await JsonAsync(await client.PostAsJsonAsync("/api/actions", new { title = "", unitId = ids.Ward2, ownerUserId = "nobody", dueOn = "31/03/2030" }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out var _) && errors.TryGetProperty("ownerUserId", out var _) && errors.TryGetProperty("dueOn", out var _));
        var manager2Client = await host.SignedInAsync("manager2");
        var outOfScope = await JsonAsync(await manager2Client.PostAsJsonAsync("/api/actions", new { title = "X", unitId = ids.Ward1, ownerUserId = manager2.Id, dueOn = "2030-01-01" }), HttpStatusCode.BadRequest);
        Assert.True(outOfScope.GetProperty("errors").TryGetProperty("unitId", out var _));

        // Scope: manager2 sees only Ward 2's action; the division lead only Ward 1's; another ward's action is not found.
        var ward1Action = onWard1.GetProperty("id").GetInt64();
        Assert.Equal(new[] { id }, (await ListAsync(manager2Client)).Select(a => a.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await manager2Client.GetAsync($"/Actions/{ward1Action}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager2Client.PatchAsJsonAsync($"/api/actions/{ward1Action}", new { note = "x" })).StatusCode);
        var lead = await host.SignedInAsync("lead");
        Assert.Equal(new[] { ward1Action }, (await ListAsync(lead)).Select(a => a.GetProperty("id").GetInt64()));
        Assert.Equal(2, (await ListAsync(await host.SignedInAsync("px"))).Count);
        // A board member may read actions but not change them.
        var board = await host.SignedInAsync("board");
        Assert.Equal(2, (await ListAsync(board)).Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await board.PostAsJsonAsync("/api/actions", new { title = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await board.PatchAsJsonAsync($"/api/actions/{id}", new { note = "x" })).StatusCode);

        // The page shows the evidence with a label Heard wrote (not the comment) and a link to the response.
        var page = await WebHost.ParseAsync(await client.GetAsync($"/Actions/{id}"));
        var evidence = page.QuerySelector("[data-evidence-kind=comment]")!;
        Assert.Contains("Comment from Ward 2, 12 Jul 2026", evidence.TextContent);
        Assert.DoesNotContain("food was cold", page.Body!.TextContent);
        Assert.StartsWith("/feedback/", evidence.QuerySelector("a")!.GetAttribute("href"));
        var list = await WebHost.ParseAsync(await client.GetAsync("/Actions?overdue=true"));
        Assert.Single(list.QuerySelectorAll("#actions-table tbody tr"));
        var empty = await WebHost.ParseAsync(await client.GetAsync("/Actions?status=cancelled"));
        Assert.Equal("No actions match", empty.QuerySelector(".heard-empty-state h2")!.TextContent.Trim());

        // A progress note and a status through the API.
        var patched = await JsonAsync(await client.PatchAsJsonAsync($"/api/actions/{id}", new { status = "in-progress", note = "Catering agreed the new time" }), HttpStatusCode.OK);
        Assert.Equal("in-progress", patched.GetProperty("status").GetString());
        await using var db = host.Database.Context();
        Assert.Equal("Catering agreed the new time", (await db.ActionNotes.SingleAsync(n => n.ImprovementActionId == id)).Text);
        var audit = await db.AuditEntries.Where(a => a.Entity == "improvement-action").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(new[] { "create", "create", "update" }, audit.Select(a => a.Action));
        Assert.Equal("manager1", audit[0].UserName);

        // The endpoints are described with their typed results.
        var openApi = await host.Client().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"ActionSummary\"", openApi);
        Assert.Contains("/api/actions/{id}", openApi);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Did_it_work_compares_before_and_after_the_change_as_worked_by_hand(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        var manager = await host.CreateUserAsync("manager1", Roles.WardManager, (ScopeLevels.Unit, ids.Ward1));
        var client = await host.SignedInAsync("manager1");
        var january = (await JsonAsync(await client.PostAsJsonAsync("/api/actions", new
        {
            title = "Named nurse on every shift", unitId = ids.Ward1, ownerUserId = manager.Id, dueOn = "2030-01-31", metric = "fft-positive", changedOn = "2026-01-01",
        }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        // A change mid-April counts from May: 3 months after (May to July), not yet 6.
        var april = (await JsonAsync(await client.PostAsJsonAsync("/api/actions", new
        {
            title = "Quiet hours", unitId = ids.Ward1, ownerUserId = manager.Id, dueOn = "2030-01-31", metric = "fft-positive", changedOn = "2026-04-15",
        }), HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var page = await WebHost.ParseAsync(await client.GetAsync($"/Actions/{january}"));
        string Figure(string name) => page.QuerySelector($"[data-figure={name}]")!.TextContent.Trim();
        Assert.Equal("65.0%", Figure("mean-before"));
        Assert.Equal("92.9%", Figure("mean-after"));
        Assert.Equal("+27.9%", Figure("difference"));
        Assert.Equal("38.4% to 91.6%", Figure("limits-before"));
        Assert.Equal("The mean moved the better way", page.QuerySelector("#impact-verdict")!.TextContent.Trim());
        Assert.Equal("Special cause improvement against the limits before the change", page.QuerySelector("#impact-spc")!.TextContent.Trim());
        Assert.Equal("held", page.QuerySelector("#impact-held-3")!.GetAttribute("data-held"));
        Assert.Equal("held", page.QuerySelector("#impact-held-6")!.GetAttribute("data-held"));
        // The chart is rebased at the change: two segments, the second starting January 2026.
        var rows = page.QuerySelectorAll("svg.heard-spc-chart circle[data-point-type]");
        Assert.Equal(19, rows.Length);
        Assert.Contains("rebased at the change on 1 Jan 2026", page.QuerySelector("svg.heard-spc-chart desc")!.TextContent);

        var later = await WebHost.ParseAsync(await client.GetAsync($"/Actions/{april}"));
        // Before: twelve months of 2025 (780) and January to April 2026 (90+100+90+90 = 370), 1150 / 16 = 71.875%.
        Assert.Equal("71.9%", later.QuerySelector("[data-figure=mean-before]")!.TextContent.Trim());
        Assert.Equal("3 months after: held — still on the better side of the mean before, with no special cause concern", later.QuerySelector("#impact-held-3")!.TextContent.Trim());
        Assert.Equal("6 months after: not yet — 3 months of data", later.QuerySelector("#impact-held-6")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Closing_as_done_asks_for_an_impact_review_and_stores_it_with_the_reading_of_that_moment(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        var manager = await host.CreateUserAsync("manager1", Roles.WardManager, (ScopeLevels.Unit, ids.Ward1));
        var client = await host.SignedInAsync("manager1");
        var id = (await JsonAsync(await client.PostAsJsonAsync("/api/actions", new
        {
            title = "Named nurse on every shift", unitId = ids.Ward1, ownerUserId = manager.Id, dueOn = "2030-01-31", metric = "fft-positive", changedOn = "2026-01-01",
        }), HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var closePage = await WebHost.ParseAsync(await client.GetAsync($"/Actions/{id}/Close"));
        Assert.Equal("+27.9%", closePage.QuerySelector("[data-figure=difference]")!.TextContent.Trim());
        var missing = await PostFormAsync(client, $"/Actions/{id}/Close", new() { ["ImpactReview"] = " " });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Write an impact review", (await WebHost.ParseAsync(missing)).QuerySelector(".nhsuk-error-summary")!.TextContent);
        // Done through the API also needs the review.
        var apiMissing = await JsonAsync(await client.PatchAsJsonAsync($"/api/actions/{id}", new { status = "done" }), HttpStatusCode.BadRequest);
        Assert.True(apiMissing.GetProperty("errors").TryGetProperty("impactReview", out var _));

        var closed = await PostFormAsync(client, $"/Actions/{id}/Close", new() { ["ImpactReview"] = "Patients now know who their nurse is; FFT up and held." });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var page = await WebHost.ParseAsync(await client.GetAsync($"/Actions/{id}"));
        Assert.Equal("Done", page.QuerySelector("#action-status")!.TextContent.Trim());
        Assert.Equal("Patients now know who their nurse is; FFT up and held.", page.QuerySelector("#impact-review")!.TextContent.Trim());
        await using var db = host.Database.Context();
        var action = await db.ImprovementActions.SingleAsync(a => a.Id == id);
        Assert.Equal("done", action.Status);
        Assert.Equal("manager1", action.ClosedBy);
        Assert.Contains("Mean before: 65.0% (12 months). Mean after: 92.9% (7 months). Difference: +27.9%.", action.ImpactSummary);
        Assert.Contains("Special cause improvement", action.ImpactSummary);
        var close = await db.AuditEntries.SingleAsync(a => a.Entity == "improvement-action" && a.Action == "close");
        Assert.Contains("Impact review: Patients now know", close.Detail);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_action_created_from_evidence_links_back_to_it_and_attachments_are_checked_and_served_only_to_those_who_may_read(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        var manager = await host.CreateUserAsync("manager1", Roles.WardManager, (ScopeLevels.Unit, ids.Ward1));
        await host.CreateUserAsync("commissioner", Roles.Commissioner, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("manager1");

        // An alert (the alerts page links here this way) and an SPC chart as evidence.
        var url = $"/Actions/Create?evidenceKind=alert&evidenceId=42&evidenceLabel={Uri.EscapeDataString("Early warning: food on Ward 1")}&unit={ids.Ward1}";
        var form = await WebHost.ParseAsync(await client.GetAsync(url));
        Assert.Contains("Early warning: food on Ward 1", form.QuerySelector("#evidence")!.TextContent);
        var created = await PostFormAsync(client, url, new()
        {
            ["Title"] = "Menu review", ["UnitId"] = ids.Ward1.ToString(), ["OwnerUserId"] = manager.Id, ["DueOn"] = "2030-02-28",
            ["EvidenceKind"] = "alert", ["EvidenceId"] = "42", ["EvidenceLabel"] = "Early warning: food on Ward 1",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var link = created.Headers.Location!.OriginalString;
        var page = await WebHost.ParseAsync(await client.GetAsync(link));
        Assert.Equal("/Alerts/42", page.QuerySelector("[data-evidence-kind=alert] a")!.GetAttribute("href"));
        // A comment the user cannot see is not evidence they can use.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Actions/Create?evidenceKind=comment&evidenceId={ids.CommentAnswer}")).StatusCode);

        // Attachments: a PDF is kept, a program under a PDF name is refused.
        async Task<HttpResponseMessage> AttachAsync(string name, byte[] content)
        {
            var detail = await client.GetAsync(link);
            var body = new MultipartFormDataContent
            {
                { new StringContent(await WebHost.AntiforgeryAsync(detail)), "__RequestVerificationToken" },
                { new ByteArrayContent(content), "Upload", name },
            };
            return await client.PostAsync(link + "?handler=Attach", body);
        }
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% minutes of the ward meeting\n");
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync("minutes.pdf", pdf)).StatusCode);
        var refused = await AttachAsync("virus.pdf", [0x4D, 0x5A, 0x90, 0x00]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("not a PDF file", (await WebHost.ParseAsync(refused)).QuerySelector(".nhsuk-error-summary")!.TextContent);
        var exe = await AttachAsync("tool.exe", [0x4D, 0x5A]);
        Assert.Contains("must be one of", (await WebHost.ParseAsync(exe)).QuerySelector(".nhsuk-error-summary")!.TextContent);

        page = await WebHost.ParseAsync(await client.GetAsync(link));
        var download = page.QuerySelector("#attachments ~ ul a[download]")!.GetAttribute("href")!;
        var file = await client.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
        // Aggregates-only roles see the action but not its files; other units' staff not even the action.
        var commissioner = await host.SignedInAsync("commissioner");
        var denied = await commissioner.GetAsync(download);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Account/Denied", denied.Headers.Location!.OriginalString);
        await host.CreateUserAsync("manager2", Roles.WardManager, (ScopeLevels.Unit, ids.Ward2));
        Assert.Equal(HttpStatusCode.NotFound, (await (await host.SignedInAsync("manager2")).GetAsync(download)).StatusCode);
    }
}
