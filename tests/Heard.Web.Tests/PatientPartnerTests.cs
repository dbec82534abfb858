using System.Globalization;
using System.Net;
using Heard.Data.Model;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Heard.Web.Tests.Support.InvolvementFixtures;

namespace Heard.Web.Tests;

/// <summary>The patient partner register, invitations and panel reviews: identity, audit, consent and scope, on both databases.</summary>
public sealed class PatientPartnerTests
{
    private static async Task<long> AddPartnerAsync(HttpClient client, Ids ids, string name, string email, params string[] interests)
    {
        var fields = new List<(string, string)>
        {
            ("Input.TrustId", ids.Trust.ToString(CultureInfo.InvariantCulture)), ("Input.FullName", name), ("Input.Email", email), ("Input.Kind", "patient"),
            ("Input.Availability", "Weekday evenings, online"), ("Input.AccessibilityNeeds", "Large print"),
            ("Input.ConsentGiven", "To be invited to panels and focus groups"), ("Input.ConsentedOn", "2025-11-02"),
        };
        fields.AddRange(interests.Select(i => ("Input.Interests", i)));
        var response = await PostFormAsync(client, "/Partners/Edit", "/Partners/Edit", fields.ToArray());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdFromRedirect(response);
    }

    private static async Task<long> AddEventAsync(HttpClient client, Ids ids, string title, string kind = "panel")
    {
        var response = await PostFormAsync(client, "/Partners/Events", "/Partners/Events",
            ("TrustId", ids.Trust.ToString(CultureInfo.InvariantCulture)), ("Title", title), ("Kind", kind), ("HeldOn", "2026-02-10"), ("Purpose", "Read and score complaint responses"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdFromRedirect(response);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Names_and_contact_show_only_to_cleared_roles_and_each_view_is_audited(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var ids = await SeedAsync(host);
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, ids.Ward1));
        await host.CreateUserAsync("board", Roles.BoardMember, (ScopeLevels.Trust, ids.Trust));
        await host.CreateUserAsync("other", Roles.PxAnalyst, (ScopeLevels.Trust, ids.OtherTrust));
        var px = await host.SignedInAsync("px");
        var id = await AddPartnerAsync(px, ids, "Grace Hopper", "grace@example.com", "maternity", "food");

        var manager = await host.SignedInAsync("manager");
        var register = await WebHost.ParseAsync(await manager.GetAsync("/Partners"));
        Assert.Equal("G.H.", register.QuerySelector($"#partners tr[data-partner='{id}'] a")!.TextContent);
        var managerPartner = await manager.GetStringAsync($"/Partners/Partner?id={id}");
        Assert.DoesNotContain("Grace", managerPartner);
        Assert.DoesNotContain("grace@example.com", managerPartner);
        Assert.Contains("Maternity, Food and drink", managerPartner);
        AssertDenied(await manager.GetAsync($"/Partners/Edit?id={id}"));

        var before = DateTime.UtcNow.AddSeconds(-1);
        Assert.Contains("Grace Hopper", await px.GetStringAsync("/Partners"));
        var pxPartner = await WebHost.ParseAsync(await px.GetAsync($"/Partners/Partner?id={id}"));
        Assert.Equal("Grace Hopper", pxPartner.QuerySelector("#partner-name")!.TextContent);
        Assert.Equal("grace@example.com", pxPartner.QuerySelector("#partner-email")!.TextContent);

        AssertDenied(await (await host.SignedInAsync("board")).GetAsync("/Partners"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await host.SignedInAsync("other")).GetAsync($"/Partners/Partner?id={id}")).StatusCode);

        await using var db = host.Database.Context();
        var reads = await db.AuditEntries.Where(a => a.Action == "read-identifiable" && a.Entity == "patient_partner").ToListAsync();
        Assert.All(reads, r => Assert.Equal("px", r.UserName));
        Assert.Contains(reads, r => r.At >= before && r.Detail == $"register: {id}");
        Assert.Contains(reads, r => r.At >= before && r.EntityId == id.ToString(CultureInfo.InvariantCulture) && r.Detail == $"partner: {id}");
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.Detail ?? "").ToListAsync(), d => d.Contains("Grace", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Withdrawing_consent_stops_invitations_and_keeps_the_record_of_involvement(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var ids = await SeedAsync(host);
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var px = await host.SignedInAsync("px");
        var grace = await AddPartnerAsync(px, ids, "Grace Hopper", "grace@example.com", "maternity");
        var alan = await AddPartnerAsync(px, ids, "Alan Turing", "alan@example.com", "maternity", "food");
        var mary = await AddPartnerAsync(px, ids, "Mary Seacole", "mary@example.com", "food");

        var first = await AddEventAsync(px, ids, "Maternity panel");
        var firstUrl = $"/Partners/Event?id={first}";
        var candidates = (await WebHost.ParseAsync(await px.GetAsync(firstUrl + "&interest=maternity"))).QuerySelectorAll("[data-candidate]")
            .Select(c => long.Parse(c.GetAttribute("data-candidate")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([grace, alan], candidates);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(px, firstUrl, firstUrl + "&handler=Invite", ("partnerIds", grace.ToString(CultureInfo.InvariantCulture)))).StatusCode);
        var invitationId = await InvitationIdAsync(host, first, grace);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(px, firstUrl, $"{firstUrl}&handler=Record&invitationId={invitationId}",
            ("response", "accepted"), ("attended", "true"), ("hours", "2.5"))).StatusCode);

        var partnerUrl = $"/Partners/Partner?id={grace}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(px, partnerUrl, partnerUrl + "&handler=Withdraw", ("note", "Moving away"))).StatusCode);

        var second = await AddEventAsync(px, ids, "Maternity focus group", "focus-group");
        var secondUrl = $"/Partners/Event?id={second}";
        var remaining = (await WebHost.ParseAsync(await px.GetAsync(secondUrl + "&interest=maternity"))).QuerySelectorAll("[data-candidate]")
            .Select(c => long.Parse(c.GetAttribute("data-candidate")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([alan], remaining);
        // Even a form that still lists her cannot invite her.
        await PostFormAsync(px, secondUrl, secondUrl + "&handler=Invite", ("partnerIds", grace.ToString(CultureInfo.InvariantCulture)), ("partnerIds", mary.ToString(CultureInfo.InvariantCulture)));

        await using (var db = host.Database.Context())
        {
            Assert.Equal([mary], await db.InvolvementInvitations.Where(i => i.InvolvementEventId == second).Select(i => i.PatientPartnerId).ToListAsync());
            var kept = await db.InvolvementInvitations.SingleAsync(i => i.InvolvementEventId == first);
            Assert.Equal((grace, "accepted", true, 2.5), (kept.PatientPartnerId, kept.Response, kept.Attended, kept.Hours));
            Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), (await db.PatientPartners.SingleAsync(p => p.Id == grace)).WithdrawnOn);
        }
        var page = await WebHost.ParseAsync(await px.GetAsync(partnerUrl));
        Assert.NotNull(page.QuerySelector("#withdrawn"));
        Assert.Contains("Maternity panel", page.QuerySelector("#involvement")!.TextContent);
        Assert.Contains("2.5 hours given in all", page.QuerySelector("#involvement caption")!.TextContent);
        Assert.DoesNotContain("Grace", (await WebHost.ParseAsync(await px.GetAsync("/Partners"))).QuerySelector("#partners")!.TextContent);
    }

    private static async Task<long> InvitationIdAsync(WebHost host, long eventId, long partnerId)
    {
        await using var db = host.Database.Context();
        return await db.InvolvementInvitations.Where(i => i.InvolvementEventId == eventId && i.PatientPartnerId == partnerId).Select(i => i.Id).SingleAsync();
    }

    /// <summary>
    /// Two panel members score three criteria: apology 2 and 1 (mean 1.5, low), plain English 4 and 5 (4.5), what will
    /// change 3 and 4 (3.5). Only the apology criterion links to creating an action.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_panel_review_is_redacted_before_the_panel_sees_it_and_scores_are_summarised_per_criterion(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var ids = await SeedAsync(host);
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        await host.CreateUserAsync("complaints", Roles.ComplaintsOfficer, (ScopeLevels.Trust, ids.Trust));
        await host.CreateUserAsync("other", Roles.ComplaintsOfficer, (ScopeLevels.Trust, ids.OtherTrust));
        var px = await host.SignedInAsync("px");
        var grace = await AddPartnerAsync(px, ids, "Grace Hopper", "grace@example.com", "complaints");
        var alan = await AddPartnerAsync(px, ids, "Alan Turing", "alan@example.com", "complaints");

        var client = await host.SignedInAsync("complaints");
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, "/Partners/Reviews", "/Partners/Reviews?handler=Proforma", ("TrustId", ids.Trust.ToString(CultureInfo.InvariantCulture)),
            ("ProformaName", "Complaint response standards"),
            ("Criteria", "The response apologised where appropriate\nPlain English\nExplained what will change"))).StatusCode);
        long proformaId;
        await using (var db = host.Database.Context()) proformaId = await db.ReviewProformas.Select(p => p.Id).SingleAsync();

        const string Original = "Dear Mrs Smith, thank you for your letter. Please ring me on 07700 900123 or email j.smith@example.com. We have reviewed your care.";
        var preview = await PostFormAsync(client, "/Partners/Reviews", "/Partners/Reviews?handler=Preview",
            ("Title", "Response to a maternity complaint"), ("Kind", "complaint-response"), ("ProformaId", proformaId.ToString(CultureInfo.InvariantCulture)), ("EventId", ""), ("Text", Original));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var shown = (await WebHost.ParseAsync(preview)).QuerySelector("textarea[name=confirmed]")!.TextContent;
        Assert.Contains("[phone removed]", shown);
        Assert.Contains("[email removed]", shown);
        Assert.DoesNotContain("07700 900123", shown);
        await using (var db = host.Database.Context()) Assert.Empty(await db.PanelReviews.ToListAsync());

        // Staff may edit before confirming; anything identifying typed back in is removed again.
        var confirm = await PostFormAsync(client, "/Partners/Reviews", "/Partners/Reviews?handler=Confirm",
            ("Title", "Response to a maternity complaint"), ("Kind", "complaint-response"), ("ProformaId", proformaId.ToString(CultureInfo.InvariantCulture)), ("EventId", ""),
            ("confirmed", shown + " Call 07700 900456."));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var reviewId = IdFromRedirect(confirm);
        await using (var db = host.Database.Context())
        {
            var stored = (await db.PanelReviews.SingleAsync()).RedactedText;
            Assert.DoesNotContain("07700", stored);
            Assert.DoesNotContain("j.smith@example.com", stored);
            Assert.Contains("We have reviewed your care.", stored);
        }

        var url = $"/Partners/Review?id={reviewId}";
        foreach (var (member, scores) in new[] { (grace, new[] { 2, 4, 3 }), (alan, new[] { 1, 5, 4 }) })
        {
            var fields = new List<(string, string)> { ("member", member.ToString(CultureInfo.InvariantCulture)) };
            for (var i = 0; i < scores.Length; i++) { fields.Add(($"score[{i}]", scores[i].ToString(CultureInfo.InvariantCulture))); fields.Add(($"comment[{i}]", "")); }
            Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, url, url + "&handler=Score", fields.ToArray())).StatusCode);
        }
        var missing = await PostFormAsync(client, url, url + "&handler=Score", ("member", ""), ("score[0]", "6"));
        Assert.Contains("from 1 to 5", await missing.Content.ReadAsStringAsync());

        var page = await WebHost.ParseAsync(await client.GetAsync(url));
        Assert.DoesNotContain("07700", page.QuerySelector("#review-text")!.TextContent);
        var rows = page.QuerySelectorAll("#criteria-summary tbody tr").ToList();
        Assert.Equal([("1.5", "2"), ("4.5", "2"), ("3.5", "2")], rows.Select(r => (r.QuerySelectorAll("td")[0].TextContent, r.QuerySelectorAll("td")[1].TextContent)));
        Assert.Equal(["true", "false", "false"], rows.Select(r => r.GetAttribute("data-low")));
        var link = rows[0].QuerySelector("a")!.GetAttribute("href")!;
        Assert.StartsWith("/Actions/Create?evidenceKind=review&evidenceLabel=", link);
        Assert.Contains("apologised", Uri.UnescapeDataString(link));
        Assert.Null(rows[1].QuerySelector("a"));

        Assert.Equal(HttpStatusCode.NotFound, (await (await host.SignedInAsync("other")).GetAsync(url)).StatusCode);
    }
}
