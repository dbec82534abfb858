using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.SelfAssessment;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class SelfAssessmentTests
{
    private sealed record Org(int Trust, int Medicine, int Surgery);

    private static async Task<(WebHost Host, Org Org)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        await using var db = host.Database.Context();
        var trust = new Trust { OdsCode = "RSA", Name = "Test Trust" };
        db.Trusts.Add(trust);
        await db.SaveChangesAsync();
        var site = new Site { TrustId = trust.Id, Code = "RSA01", Name = "Main site" };
        var medicine = new Division { TrustId = trust.Id, Name = "Medicine" };
        var surgery = new Division { TrustId = trust.Id, Name = "Surgery" };
        db.AddRange(site, medicine, surgery);
        await db.SaveChangesAsync();
        db.Units.AddRange(
            new Unit { TrustId = trust.Id, SiteId = site.Id, DivisionId = medicine.Id, Code = "MED1", Name = "Ward M" },
            new Unit { TrustId = trust.Id, SiteId = site.Id, DivisionId = surgery.Id, Code = "SUR1", Name = "Ward S" });
        await db.SaveChangesAsync();
        return (host, new Org(trust.Id, medicine.Id, surgery.Id));
    }

    private static async Task<int> CreateRoundAsync(HttpClient client, string organisation, string title, string start, string end)
    {
        var token = await WebHost.AntiforgeryAsync(await client.GetAsync("/SelfAssessment"));
        var response = await client.PostAsync("/SelfAssessment", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Organisation"] = organisation, ["Title"] = title, ["PeriodStart"] = start, ["PeriodEnd"] = end,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static async Task<HttpResponseMessage> ScoreAsync(HttpClient client, int round, string requirement, int? score,
        string? current = null, string? planned = null, string? good = null)
    {
        var page = await client.GetAsync($"/SelfAssessment/Round/{round}/Requirement/{requirement}");
        if (page.StatusCode != HttpStatusCode.OK) return page;
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(page),
            ["CurrentPosition"] = current ?? "", ["PlannedAction"] = planned ?? "", ["WhatGoodLooksLike"] = good ?? "",
        };
        if (score is not null) form["Score"] = score.Value.ToString();
        return await client.PostAsync($"/SelfAssessment/Round/{round}/Requirement/{requirement}", new FormUrlEncodedContent(form));
    }

    private static async Task ScoreOkAsync(HttpClient client, int round, string requirement, int score, string? current = null, string? planned = null, string? good = null) =>
        Assert.Equal(HttpStatusCode.Redirect, (await ScoreAsync(client, round, requirement, score, current, planned, good)).StatusCode);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Round_created_scored_exported_to_Word_and_reopened_gives_the_same_scores_and_text(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        var empty = await WebHost.ParseAsync(await client.GetAsync("/SelfAssessment"));
        Assert.Contains("No self-assessment rounds yet", empty.Body!.TextContent);

        var id = await CreateRoundAsync(client, $"trust-{org.Trust}", "Annual self-assessment 2026", "2025-04-01", "2026-03-31");
        await ScoreOkAsync(client, id, "1A", 3, "Strategy signed off in 2024.\nRefresh due with patient partners.", "Co-produce the refresh", "A strategy patients recognise");
        await ScoreOkAsync(client, id, "10B", 5, "Two clicks from the home page");
        await ScoreOkAsync(client, id, "23A", 0, planned: "Start an EBCD project on two wards");

        var round = await WebHost.ParseAsync(await client.GetAsync($"/SelfAssessment/Round/{id}"));
        Assert.Equal("3 of 57", round.QuerySelector("[data-figure=progress]")!.TextContent.Trim());
        Assert.Equal("1 of 10", round.QuerySelector("[data-section-progress='1']")!.TextContent.Trim());

        var docx = await client.GetAsync($"/SelfAssessment/Round/{id}?handler=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]); // a zip package

        var reopenPage = await client.GetAsync("/SelfAssessment/Reopen");
        var reopened = await client.PostAsync("/SelfAssessment/Reopen", new MultipartFormDataContent
        {
            { new StringContent(await WebHost.AntiforgeryAsync(reopenPage)), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "Upload", "round.docx" },
        });
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var copyId = int.Parse(reopened.Headers.Location!.OriginalString.Split('/')[^1]);
        Assert.NotEqual(id, copyId);

        var original = await client.GetFromJsonAsync<RoundDetail>($"/api/self-assessment/rounds/{id}");
        var copy = await client.GetFromJsonAsync<RoundDetail>($"/api/self-assessment/rounds/{copyId}");
        Assert.Equal(57, copy!.Requirements.Count());
        Assert.Equal(original!.Requirements.Select(r => (r.RequirementId, r.Score, r.CurrentPosition, r.PlannedAction, r.WhatGoodLooksLike)),
            copy.Requirements.Select(r => (r.RequirementId, r.Score, r.CurrentPosition, r.PlannedAction, r.WhatGoodLooksLike)));
        Assert.Equal("Strategy signed off in 2024.\nRefresh due with patient partners.", copy.Requirements.Single(r => r.RequirementId == "1A").CurrentPosition);
        Assert.Equal((original.Round.PeriodStart, original.Round.PeriodEnd, original.Round.Title, original.Round.TrustId, original.Round.DivisionId),
            (copy.Round.PeriodStart, copy.Round.PeriodEnd, copy.Round.Title, copy.Round.TrustId, copy.Round.DivisionId));
        Assert.Equal(3, copy.Round.Scored);

        // Re-opening into the original round, from its page, updates it rather than adding one.
        var intoPage = await client.GetAsync($"/SelfAssessment/Reopen?round={id}");
        var into = await client.PostAsync($"/SelfAssessment/Reopen?round={id}", new MultipartFormDataContent
        {
            { new StringContent(await WebHost.AntiforgeryAsync(intoPage)), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "Upload", "round.docx" },
        });
        Assert.Equal($"/SelfAssessment/Round/{id}", into.Headers.Location!.OriginalString);
        var list = await client.GetFromJsonAsync<List<RoundSummary>>("/api/self-assessment/rounds");
        Assert.Equal(2, list!.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evidence_links_stay_within_Heard_and_actions_are_kept_by_id_and_label(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        var id = await CreateRoundAsync(client, $"trust-{org.Trust}", "Trust 2026", "2025-04-01", "2026-03-31");
        async Task<HttpResponseMessage> LinkAsync(Dictionary<string, string> form)
        {
            var page = await client.GetAsync($"/SelfAssessment/Round/{id}/Requirement/16A");
            form["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(page);
            return await client.PostAsync($"/SelfAssessment/Round/{id}/Requirement/16A?handler=Evidence", new FormUrlEncodedContent(form));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(new() { ["EvidenceKind"] = "action", ["EvidenceActionId"] = "12", ["EvidenceLabel"] = "Weekly feedback huddles" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(new() { ["EvidenceKind"] = "survey", ["EvidenceHref"] = "/Surveys/3", ["EvidenceLabel"] = "Outpatient survey" })).StatusCode);
        var outside = await LinkAsync(new() { ["EvidenceKind"] = "link", ["EvidenceHref"] = "https://example.org/x", ["EvidenceLabel"] = "Elsewhere" });
        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        Assert.Equal("#EvidenceHref", (await WebHost.ParseAsync(outside)).QuerySelector(".nhsuk-error-summary a")!.GetAttribute("href"));
        var protocolRelative = await LinkAsync(new() { ["EvidenceKind"] = "report", ["EvidenceHref"] = "//example.org", ["EvidenceLabel"] = "Elsewhere" });
        Assert.Equal(HttpStatusCode.OK, protocolRelative.StatusCode);

        var detail = await client.GetFromJsonAsync<RoundDetail>($"/api/self-assessment/rounds/{id}");
        var evidence = detail!.Requirements.Single(r => r.RequirementId == "16A").Evidence;
        Assert.Equal([("action", (int?)12, "Weekly feedback huddles", "/Actions/12"), ("survey", null, "Outpatient survey", "/Surveys/3")],
            evidence.Select(e => (e.Kind, e.TargetId, e.Label, e.Href)));
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/self-assessment/rounds/{id}", openApi);
    }

    [Fact]
    public void Word_reader_names_unknown_refs_and_bad_scores_instead_of_guessing()
    {
        var answers = Heard.Analysis.SelfAssessment.ImprovementFramework.Sections.Select(s => new SectionAnswers(s.Number, s.Title, null, 0, 0,
            s.Characteristics.Select(c => new CharacteristicAnswers(c.Number, c.Text, null,
                c.Requirements.Select(q => new RequirementAnswer(q.Id, q.Text, q.Id == "4C" ? 2 : null, q.Id == "4C" ? "Medical director leads" : null, null, null, [])).ToList())).ToList())).ToList();
        var detail = new RoundDetail(new RoundSummary(9, "Q1", 1, null, "Trust", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), "draft", 1, 57, 2), null, null, answers);
        var read = RoundDocument.Read(new MemoryStream(RoundDocument.Write(detail)));
        Assert.Equal(9, read.RoundId);
        Assert.Equal(new DateOnly(2026, 3, 31), read.PeriodEnd);
        Assert.Equal(57, read.Answers.Count);
        Assert.Equal(new ImportedAnswer(2, "Medical director leads", null, null), read.Answers["4C"]);
        Assert.Empty(read.Problems);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pdf_export_is_a_pdf_of_more_than_one_page(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        var id = await CreateRoundAsync(client, $"trust-{org.Trust}", "Board round", "2026-01-01", "2026-03-31");
        await ScoreOkAsync(client, id, "6E", 4, string.Join(" ", Enumerable.Repeat("Compassionate care is seen on every ward round.", 20)));

        var response = await client.GetAsync($"/SelfAssessment/Round/{id}?handler=pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        using var read = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.True(read.PageCount > 6, $"expected a cover and a page or more per section, got {read.PageCount}");

        var pdftoppm = FindOnPath("pdftoppm");
        Assert.SkipWhen(pdftoppm is null, $"pdftoppm (poppler-utils) is not installed, so page 1 was not rendered to PNG (the PDF itself checked: %PDF, {read.PageCount} pages)");
        using var files = new TempFiles();
        var input = files.WriteBytes("round.pdf", pdf);
        var outPrefix = files.Path_("page");
        using (var p = Process.Start(new ProcessStartInfo(pdftoppm!, $"-png -r 40 -f 1 -l 1 \"{input}\" \"{outPrefix}\"") { RedirectStandardError = true })!)
        {
            await p.WaitForExitAsync();
            Assert.Equal(0, p.ExitCode);
        }
        var png = Directory.GetFiles(Path.GetDirectoryName(outPrefix)!, "page*.png").Single();
        var pngBytes = await File.ReadAllBytesAsync(png);
        Assert.True(pngBytes.Length > 2000, "page 1 rendered blank"); // a blank A4 page at 40 dpi compresses to a few hundred bytes
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Division_leads_edit_only_their_own_division_and_board_members_only_read(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.Trust, org.Trust));
        await host.CreateUserAsync("medlead", Roles.DivisionLead, (ScopeLevels.Division, org.Medicine));
        await host.CreateUserAsync("board", Roles.BoardMember, (ScopeLevels.Trust, org.Trust));
        var px = await host.SignedInAsync("px");
        var trustRound = await CreateRoundAsync(px, $"trust-{org.Trust}", "Trust 2026", "2025-04-01", "2026-03-31");
        var surgeryRound = await CreateRoundAsync(px, $"division-{org.Surgery}", "Surgery 2026", "2025-04-01", "2026-03-31");

        var lead = await host.SignedInAsync("medlead");
        var medicineRound = await CreateRoundAsync(lead, $"division-{org.Medicine}", "Medicine 2026", "2025-04-01", "2026-03-31");
        await ScoreOkAsync(lead, medicineRound, "1A", 2);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/SelfAssessment/Round/{surgeryRound}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/api/self-assessment/rounds/{surgeryRound}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/SelfAssessment/Round/{trustRound}")).StatusCode); // reads the trust's
        Assert.Equal(HttpStatusCode.Forbidden, (await ScoreAsync(lead, trustRound, "1A", 5)).StatusCode);
        var leadList = await lead.GetFromJsonAsync<List<RoundSummary>>("/api/self-assessment/rounds");
        Assert.Equal(new[] { medicineRound, trustRound }.Order(), leadList!.Select(r => r.Id).Order());
        var leadIndex = await WebHost.ParseAsync(await lead.GetAsync("/SelfAssessment"));
        Assert.Equal([$"division-{org.Medicine}"], leadIndex.QuerySelectorAll("#Organisation option[value^=d], #Organisation option[value^=t]").Select(o => o.GetAttribute("value")));

        var board = await host.SignedInAsync("board");
        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync($"/SelfAssessment/Round/{surgeryRound}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ScoreAsync(board, surgeryRound, "1A", 5)).StatusCode);
        Assert.Equal(3, (await board.GetFromJsonAsync<List<RoundSummary>>("/api/self-assessment/rounds"))!.Count);
        var boardIndex = await WebHost.ParseAsync(await board.GetAsync("/SelfAssessment"));
        Assert.Null(boardIndex.QuerySelector("#Organisation"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_complete_round_is_read_only_until_an_administrator_reopens_it_and_both_are_audited(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        await host.CreateUserAsync("admin2", Roles.PxAdministrator, (ScopeLevels.All, null));
        var px = await host.SignedInAsync("px");
        var id = await CreateRoundAsync(px, $"trust-{org.Trust}", "Trust 2026", "2025-04-01", "2026-03-31");
        await ScoreOkAsync(px, id, "2A", 4);

        var missing = await ScoreAsync(px, id, "2B", null);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var form = await WebHost.ParseAsync(missing);
        Assert.Equal("#Score", form.QuerySelector(".nhsuk-error-summary a")!.GetAttribute("href"));
        Assert.NotNull(form.QuerySelector("fieldset legend"));
        Assert.Equal(6, form.QuerySelectorAll("fieldset input[type=radio][name=Score]").Length);

        var page = await px.GetAsync($"/SelfAssessment/Round/{id}");
        var complete = await px.PostAsync($"/SelfAssessment/Round/{id}?handler=Complete", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(page) }));
        Assert.Equal(HttpStatusCode.Redirect, complete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ScoreAsync(px, id, "2A", 1)).StatusCode);
        var readOnly = await WebHost.ParseAsync(await px.GetAsync($"/SelfAssessment/Round/{id}"));
        Assert.Null(readOnly.QuerySelector("form[action*=Reopen]"));

        var admin = await host.SignedInAsync("admin2");
        var adminPage = await admin.GetAsync($"/SelfAssessment/Round/{id}");
        var reopen = await admin.PostAsync($"/SelfAssessment/Round/{id}?handler=Reopen", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(adminPage) }));
        Assert.Equal(HttpStatusCode.Redirect, reopen.StatusCode);
        await ScoreOkAsync(px, id, "2A", 1);

        await using var db = host.Database.Context();
        var audit = await db.AuditEntries.Where(a => a.Entity == SelfAssessmentRounds.Entity && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Contains(audit, a => a.UserName == "px" && a.Detail!.StartsWith("completed"));
        Assert.Contains(audit, a => a.UserName == "admin2" && a.Detail!.StartsWith("reopened"));
        Assert.Equal(1, (await db.SelfAssessmentAnswers.SingleAsync(a => a.RoundId == id && a.RequirementId == "2A")).Score);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roll_up_shows_the_trusts_score_beside_the_divisions_mean_min_max_and_n(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var px = await host.SignedInAsync("px");
        var trust = await CreateRoundAsync(px, $"trust-{org.Trust}", "Trust 2026", "2025-04-01", "2026-03-31");
        var medicine = await CreateRoundAsync(px, $"division-{org.Medicine}", "Medicine 2026", "2025-04-01", "2026-03-31");
        var surgery = await CreateRoundAsync(px, $"division-{org.Surgery}", "Surgery 2026", "2025-04-01", "2026-02-28");
        var surgeryOld = await CreateRoundAsync(px, $"division-{org.Surgery}", "Surgery 2025", "2024-04-01", "2025-03-31"); // outside the period
        await ScoreOkAsync(px, trust, "1A", 3);
        await ScoreOkAsync(px, medicine, "1A", 1);
        await ScoreOkAsync(px, medicine, "1B", 3);
        await ScoreOkAsync(px, surgery, "1A", 4);
        await ScoreOkAsync(px, surgeryOld, "1A", 0);

        var doc = await WebHost.ParseAsync(await px.GetAsync($"/SelfAssessment/RollUp?trust={org.Trust}&from=2025-04-01&to=2026-03-31"));
        string Cell(string row, string col) => doc.QuerySelector($"tr[data-row='{row}'] td[data-col={col}]")!.TextContent.Trim();
        // 1A: trust 3; divisions 1 and 4 -> mean 2.5, min 1, max 4, n 2 (Surgery 2025 ends before the period).
        Assert.Equal(["3.0", "2.5", "1.0", "4.0", "2"], new[] { "trust", "mean", "min", "max", "n" }.Select(c => Cell("requirement-1A", c)));
        // Characteristic 1: Medicine (1 + 3) / 2 = 2, Surgery 4 -> mean 3, n 2; the trust's own is 3.
        Assert.Equal(["3.0", "3.0", "2.0", "4.0", "2"], new[] { "trust", "mean", "min", "max", "n" }.Select(c => Cell("characteristic-1", c)));
        Assert.Equal(["–", "3.0", "3.0", "3.0", "1"], new[] { "trust", "mean", "min", "max", "n" }.Select(c => Cell("requirement-1B", c)));
        Assert.Equal("0", Cell("requirement-23A", "n"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Trend_follows_one_organisations_rounds_in_period_order_with_an_accessible_chart(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var px = await host.SignedInAsync("px");
        var later = await CreateRoundAsync(px, $"trust-{org.Trust}", "Trust 2026", "2025-04-01", "2026-03-31");
        var earlier = await CreateRoundAsync(px, $"trust-{org.Trust}", "Trust 2025", "2024-04-01", "2025-03-31");
        var other = await CreateRoundAsync(px, $"division-{org.Medicine}", "Medicine 2026", "2025-04-01", "2026-03-31");
        await ScoreOkAsync(px, earlier, "1A", 1);
        await ScoreOkAsync(px, earlier, "1B", 2);
        await ScoreOkAsync(px, later, "1A", 4);
        await ScoreOkAsync(px, other, "1A", 5);

        var doc = await WebHost.ParseAsync(await px.GetAsync($"/SelfAssessment/Trend?trust={org.Trust}"));
        var svg = doc.QuerySelector("svg.heard-trend-chart")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("trend-title trend-desc", svg.GetAttribute("aria-labelledby"));
        Assert.Contains("mean score by section", doc.GetElementById("trend-title")!.TextContent);
        Assert.Contains("1. Leadership (for patient focus): 1.5, 4.0", doc.GetElementById("trend-desc")!.TextContent);
        var cells = doc.QuerySelectorAll("tr[data-row=section-1] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["1.5", "4.0"], cells); // (1 + 2) / 2 then 4; Medicine's 5 never appears
        Assert.Contains("not a league table", doc.Body!.TextContent);
    }
}
