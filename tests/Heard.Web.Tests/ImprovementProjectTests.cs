using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Heard.Web.Tests.Support.InvolvementFixtures;

namespace Heard.Web.Tests;

/// <summary>Quality improvement projects: PDSA cycles, measures on SPC charts, participants, Always Events and scope, on both databases.</summary>
public sealed class ImprovementProjectTests
{
    private static async Task<long> CreateProjectAsync(HttpClient client, Ids ids, params int[] units)
    {
        var fields = new List<(string, string)>
        {
            ("Input.TrustId", ids.Trust.ToString()), ("Input.Title", "Know your nurse"),
            ("Input.Aim", "Raise FFT percentage positive on Ward 1 from 85% to 92% by March 2026"), ("Input.Lead", "Sister Ward 1"),
            ("Input.Status", "active"), ("Input.StartedOn", "2025-10-01"), ("Input.IsAlwaysEvent", "true"),
            ("Input.AlwaysEventStatement", "I am always told the name of the nurse looking after me"),
            ("Input.AlwaysEventMeasure", "Patients answering yes to: were you told your nurse's name?"),
        };
        fields.AddRange(units.Select(u => ("Input.UnitIds", u.ToString())));
        var response = await PostFormAsync(client, "/Improvement/Edit", "/Improvement/Edit", fields.ToArray());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdFromRedirect(response);
    }

    /// <summary>
    /// Ward 1's months alternate 80% and 90% for a year (mean 85, moving ranges 10, limits 85 ± 26.6) and fall to 20% in
    /// January 2026. On the SPC page that month is special cause. A cycle marked as a change from 1 January 2026 starts
    /// new limits there, so the year is common cause about 85 and January stands alone: no special cause point.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cycle_marked_as_a_change_starts_new_limits_on_the_projects_SPC_chart(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var ids = await SeedAsync(host);
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        var id = await CreateProjectAsync(client, ids, ids.Ward1);
        var projectUrl = $"/Improvement/Project?id={id}";

        var cycle = await PostFormAsync(client, $"/Improvement/Cycle?project={id}", $"/Improvement/Cycle?project={id}",
            ("Input.Plan", "Nurses introduce themselves by name at each shift change"), ("Input.Prediction", "8 of 10 patients will know their nurse's name"),
            ("Input.Done", "Tried on bay A for two weeks"), ("Input.Study", "9 of 10 knew; night shift forgot"), ("Input.Act", "adapt"),
            ("Input.StartedOn", "2026-01-01"), ("Input.EndedOn", "2026-01-14"), ("Input.IsChange", "true"));
        Assert.Equal(HttpStatusCode.Redirect, cycle.StatusCode);
        var measure = await PostFormAsync(client, projectUrl, projectUrl + "&handler=AddMeasure", ("metric", "fft-positive"), ("place", $"unit-{ids.Ward1}"), ("theme", ""));
        Assert.Equal(HttpStatusCode.Redirect, measure.StatusCode);
        var check = await PostFormAsync(client, projectUrl, projectUrl + "&handler=AlwaysEvent", ("month", "2026-01"), ("asked", "10"), ("yes", "9"));
        Assert.Equal(HttpStatusCode.Redirect, check.StatusCode);

        var page = await WebHost.ParseAsync(await client.GetAsync(projectUrl));
        var timeline = page.QuerySelectorAll("#cycle-timeline li").ToList();
        Assert.Equal("adapt", Assert.Single(timeline).GetAttribute("data-act"));
        Assert.Contains("Nurses introduce themselves", timeline[0].TextContent);
        Assert.Contains("9 of 10 knew", timeline[0].TextContent);
        var svg = page.QuerySelector("[data-measure] svg.heard-spc-chart")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        var desc = svg.QuerySelector("desc")!.TextContent;
        Assert.Contains("13 months, with new limits from 1 change. 0 special-cause points", desc);
        Assert.Equal(13, svg.QuerySelectorAll("circle[data-point-type]").Length);
        Assert.All(svg.QuerySelectorAll("circle[data-point-type]"), c => Assert.Equal("common_cause", c.GetAttribute("data-point-type")));
        Assert.Contains("Change: PDSA cycle 1", svg.QuerySelector("g.heard-spc-change")!.TextContent);
        Assert.Contains("I am always told the name of the nurse looking after me", page.QuerySelector("#always-event")!.TextContent);
        Assert.Equal("90.0%", page.QuerySelectorAll("#always-event-table td").Last().TextContent.Trim());

        // The same chart on the SPC page, without the project's cycle, still flags January.
        var spc = await WebHost.ParseAsync(await client.GetAsync($"/Spc?unit={ids.Ward1}&metric=fft-positive"));
        Assert.Contains("1 special-cause point", spc.QuerySelector("svg.heard-spc-chart desc")!.TextContent);

        var api = await client.GetFromJsonAsync<JsonElement>("/api/improvement-projects?status=active");
        var project = Assert.Single(api.EnumerateArray().ToList());
        Assert.Equal("Know your nurse", project.GetProperty("title").GetString());
        Assert.Equal([ids.Ward1], project.GetProperty("unitIds").EnumerateArray().Select(u => u.GetInt32()));
        var apiCycle = Assert.Single(project.GetProperty("cycles").EnumerateArray().ToList());
        Assert.Equal(("adapt", true), (apiCycle.GetProperty("act").GetString(), apiCycle.GetProperty("isChange").GetBoolean()));
        Assert.Equal("fft-positive", Assert.Single(project.GetProperty("measures").EnumerateArray().ToList()).GetProperty("metric").GetString());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/improvement-projects?status=closed")).EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/improvement-projects?status=finished")).StatusCode);

        // The endpoint is described with its typed result.
        var openApi = await host.Client().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"ImprovementProjects\"", openApi);
        Assert.Contains("ImprovementCycleSummary", openApi);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_and_patient_partners_take_part_with_their_role_and_partners_show_by_initials(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var ids = await SeedAsync(host);
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var nurse = await host.CreateUserAsync("nurse", Roles.WardManager, (ScopeLevels.Unit, ids.Ward1));
        long partnerId;
        await using (var db = host.Database.Context())
        {
            var partner = new PatientPartner { TrustId = ids.Trust, FullName = "Ada Lovelace", Email = "ada@example.com", Kind = "carer", ConsentGiven = "Panels and projects", ConsentedOn = new DateOnly(2025, 6, 1), CreatedBy = "test" };
            db.PatientPartners.Add(partner);
            await db.SaveChangesAsync();
            partnerId = partner.Id;
        }
        var client = await host.SignedInAsync("px");
        var id = await CreateProjectAsync(client, ids, ids.Ward1);
        var url = $"/Improvement/Project?id={id}";

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, url, url + "&handler=AddParticipant", ("person", $"user-{nurse.Id}"), ("role", "Project lead"), ("hours", ""))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, url, url + "&handler=AddParticipant", ("person", $"partner-{partnerId}"), ("role", "Co-designer"), ("hours", "3.5"))).StatusCode);

        var html = await client.GetStringAsync(url);
        var rows = (await WebHost.ParseAsync(await client.GetAsync(url))).QuerySelectorAll("#participants tbody tr").ToList();
        Assert.Equal(["staff", "partner"], rows.Select(r => r.GetAttribute("data-kind")));
        Assert.Contains("Co-designer", rows[1].TextContent);
        Assert.Contains("A.L.", rows[1].TextContent);
        Assert.DoesNotContain("Lovelace", html);
        var partnerPage = await client.GetStringAsync($"/Partners/Partner?id={partnerId}");
        Assert.Contains("Know your nurse", partnerPage);
        Assert.Contains("3.5 hours given in all", partnerPage);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Projects_are_seen_within_scope_and_changed_only_by_managers_who_cover_every_unit(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var ids = await SeedAsync(host);
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        await host.CreateUserAsync("ward1", Roles.WardManager, (ScopeLevels.Unit, ids.Ward1));
        await host.CreateUserAsync("ward2", Roles.WardManager, (ScopeLevels.Unit, ids.Ward2));
        await host.CreateUserAsync("board", Roles.BoardMember, (ScopeLevels.Trust, ids.Trust));
        await host.CreateUserAsync("other", Roles.PxAnalyst, (ScopeLevels.Trust, ids.OtherTrust));
        var px = await host.SignedInAsync("px");
        var ward1Project = await CreateProjectAsync(px, ids, ids.Ward1);
        var trustWide = await CreateProjectAsync(px, ids);

        Assert.Equal(2, (await WebHost.ParseAsync(await px.GetAsync("/Improvement?status=active"))).QuerySelectorAll("#projects tbody tr").Length);
        var ward2 = await host.SignedInAsync("ward2");
        var ward2List = await WebHost.ParseAsync(await ward2.GetAsync("/Improvement"));
        Assert.Equal([trustWide.ToString()], ward2List.QuerySelectorAll("#projects tbody tr").Select(r => r.GetAttribute("data-project")));
        Assert.Equal(HttpStatusCode.NotFound, (await ward2.GetAsync($"/Improvement/Project?id={ward1Project}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ward2.GetAsync($"/Improvement/Project?id={trustWide}")).StatusCode);
        Assert.Equal([trustWide], (await ward2.GetFromJsonAsync<JsonElement>("/api/improvement-projects")).EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        // A ward manager may not start (or change) a trust-wide project: it covers units they cannot see.
        AssertDenied(await ward2.GetAsync($"/Improvement/Edit?id={trustWide}"));
        var refused = await PostFormAsync(ward2, "/Improvement/Edit", "/Improvement/Edit", ("Input.TrustId", ids.Trust.ToString()), ("Input.Title", "Mine"),
            ("Input.Aim", "Aim"), ("Input.Lead", "Me"), ("Input.Status", "proposed"), ("Input.StartedOn", "2026-01-01"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Only someone who can see the whole trust", await refused.Content.ReadAsStringAsync());

        var ward1 = await host.SignedInAsync("ward1");
        Assert.Equal(HttpStatusCode.OK, (await ward1.GetAsync($"/Improvement/Cycle?project={ward1Project}")).StatusCode);

        var board = await host.SignedInAsync("board");
        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync($"/Improvement/Project?id={ward1Project}")).StatusCode);
        AssertDenied(await board.GetAsync($"/Improvement/Cycle?project={ward1Project}"));

        var other = await host.SignedInAsync("other");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Improvement/Project?id={trustWide}")).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/improvement-projects")).EnumerateArray());
        Assert.Contains("No improvement projects yet", await other.GetStringAsync("/Improvement"));
    }
}
