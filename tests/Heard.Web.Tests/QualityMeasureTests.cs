using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class QualityMeasureTests
{
    private const string Fft = "response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n" +
        "1,2026-08-03,RZZ,RZZ01,Ward 1,inpatient,1,sms,\n" +
        "2,2026-08-04,RZZ,RZZ01,Ward 1,inpatient,2,sms,\n" +
        "3,2026-08-05,RZZ,RZZ01,Ward 1,inpatient,4,sms,\n" +
        "4,2026-08-06,RZZ,RZZ01,Ward 1,inpatient,1,sms,\n" +
        "5,2026-09-06,RZZ,RZZ01,Ward 1,inpatient,5,sms,\n" +
        "6,2026-08-07,RZZ,RZZ01,Ward 2,inpatient,1,sms,\n" +
        "7,2026-08-08,RYY,RYY01,Ward 9,inpatient,1,sms,\n";

    private sealed record Units(int Ward1, string Ward1Code, int Ward2, string Ward2Code, int Ward9, string Ward9Code);

    private static async Task<(WebHost Host, Units Units)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        using var files = new TempFiles();
        await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", Fft), new ImportOptions());
        await using var db = host.Database.Context();
        var units = await db.Units.ToDictionaryAsync(u => u.Name);
        return (host, new Units(units["Ward 1"].Id, units["Ward 1"].Code, units["Ward 2"].Id, units["Ward 2"].Code, units["Ward 9"].Id, units["Ward 9"].Code));
    }

    private static async Task<JsonElement> PostValuesAsync(HttpClient client, object values, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync("/api/quality-measures", values);
        Assert.Equal(expected, response.StatusCode);
        return expected == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Csv_import_previews_first_then_stores_good_rows_and_names_each_bad_row_by_row_and_field(string provider)
    {
        var (host, u) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        var csv = "Unit Code,Month,Measure,Value\n" +
            $"{u.Ward1Code},2026-08,falls,3\n" +                // row 2
            $"{u.Ward1Code},2026-08,staffing_fill_rate,96.5%\n" + // row 3
            $"{u.Ward1Code},2026-13,falls,2\n" +                // row 4: no such month
            "NOPE,2026-08,falls,1\n" +                          // row 5: no such unit
            $"{u.Ward1Code},2026-08,staff_fft_work,120\n" +     // row 6: a percentage over 100
            $"{u.Ward1Code},2026-08,height,4\n" +               // row 7: no such measure
            $"{u.Ward2Code},2026-08,falls,abc\n";               // row 8: not a number

        var token = await WebHost.AntiforgeryAsync(await client.GetAsync("/Quality/Import"));
        var upload = await client.PostAsync("/Quality/Import", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Upload", "quality.csv" },
        });
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await client.GetAsync(previewUrl);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var doc = await WebHost.ParseAsync(preview);
        Assert.Equal("7", doc.QuerySelector("[data-figure=rows]")!.TextContent.Trim());
        Assert.Equal("5", doc.QuerySelector("[data-figure=would-reject]")!.TextContent.Trim());
        Assert.Contains("unit code, as on the unit's posters", doc.Body!.TextContent);
        await using (var db = host.Database.Context())
            Assert.Equal(0, await db.QualityValues.CountAsync()); // nothing written by the preview

        var imported = await client.PostAsync(previewUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(preview),
        }));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        doc = await WebHost.ParseAsync(imported);
        Assert.Equal("2", doc.QuerySelector("[data-figure=stored]")!.TextContent.Trim());
        Assert.Equal("5", doc.QuerySelector("[data-figure=rejected]")!.TextContent.Trim());
        var problems = doc.QuerySelectorAll("#rejected tbody tr")
            .Select(tr => (Row: tr.Children[0].TextContent, Field: tr.Children[1].TextContent, Reason: tr.Children[2].TextContent)).ToList();
        Assert.Equal([("4", "month"), ("5", "unit_code"), ("6", "value"), ("7", "measure"), ("8", "value")], problems.Select(p => (p.Row, p.Field)).ToList());
        Assert.Contains("'2026-13' is not a month", problems[0].Reason);
        Assert.Contains("above 100%", problems[2].Reason);

        await using (var db = host.Database.Context())
        {
            var values = await db.QualityValues.Join(db.QualityMeasures, v => v.QualityMeasureId, m => m.Id, (v, m) => new { m.Key, v.Value, v.UnitId, v.Month, v.ImportedRowId })
                .OrderBy(x => x.Key).ToListAsync();
            Assert.Equal([("falls", 3.0), ("staffing_fill_rate", 96.5)], values.Select(v => (v.Key, v.Value)).ToList());
            Assert.All(values, v => Assert.Equal((u.Ward1, 202608), (v.UnitId, v.Month)));
            // Every row is kept as it arrived; rejected ones wait in the quarantine with their reasons.
            var rows = await db.ImportedRows.Where(r => r.ImportBatchId == db.ImportBatches.Where(b => b.Kind == "quality-measures").Select(b => b.Id).Single())
                .OrderBy(r => r.RowNumber).ToListAsync();
            Assert.Equal(7, rows.Count);
            Assert.Equal($"{u.Ward1Code},2026-08,falls,3", rows[0].RawText);
            Assert.Equal(5, rows.Count(r => r.Status == RowStatuses.Rejected));
            Assert.StartsWith("month:", rows.Single(r => r.RowNumber == 4).Reason);
            Assert.Contains(values, v => v.ImportedRowId == rows[0].Id);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_import_is_idempotent_and_the_newest_value_wins_with_history_kept(string provider)
    {
        var (host, u) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        object[] batch =
        [
            new { unit_code = u.Ward1Code, month = "2026-08", measure = "falls", value = 2 },
            new { unit_code = u.Ward1Code, trust_code = "RZZ", month = "2026-08", measure = "staff_fft_care", value = "81.5" },
            new { unit_code = u.Ward2Code, month = "2026-08", measure = "vacancy_rate", value = 150 },
        ];

        var first = await PostValuesAsync(client, batch);
        Assert.Equal(2, first.GetProperty("stored").GetInt32());
        Assert.Equal(1, first.GetProperty("rejected").GetInt32());
        var rejected = first.GetProperty("rows")[2];
        Assert.Equal(3, rejected.GetProperty("row").GetInt32());
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("value", rejected.GetProperty("problems")[0].GetProperty("field").GetString());

        var again = await PostValuesAsync(client, batch);
        Assert.Equal(0, again.GetProperty("stored").GetInt32());
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());

        var changed = await PostValuesAsync(client, new object[] { new { unit_code = u.Ward1Code, month = "2026-08", measure = "falls", value = 4 } });
        Assert.Equal(1, changed.GetProperty("replaced").GetInt32());

        await using var db = host.Database.Context();
        var falls = await db.QualityMeasures.Where(m => m.Key == "falls").Select(m => m.Id).SingleAsync();
        var history = await db.QualityValues.Where(v => v.UnitId == u.Ward1 && v.QualityMeasureId == falls).OrderBy(v => v.Id).ToListAsync();
        Assert.Equal([2.0, 4.0], history.Select(v => v.Value).ToList());
        Assert.NotNull(history[0].SupersededAt);
        Assert.Null(history[1].SupersededAt);
        Assert.Equal(2, await db.QualityValues.CountAsync(v => v.SupersededAt == null));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/quality-measures", new { unit_code = u.Ward1Code })).StatusCode);
        var definitions = await client.GetFromJsonAsync<JsonElement>("/api/quality-measures/definitions");
        Assert.Equal(9, definitions.GetArrayLength());
        Assert.All(history, v => Assert.Equal(QualityChannels.Api, v.Channel));
        var raw = await db.ImportedRows.SingleAsync(r => r.Id == history[1].ImportedRowId);
        Assert.Contains("\"value\":4", raw.RawText);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ward_quality_page_shows_each_measure_beside_patient_experience_month_by_month(string provider)
    {
        var (host, u) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        await PostValuesAsync(client, new object[]
        {
            new { unit_code = u.Ward1Code, month = "2026-08", measure = "falls", value = 3 },
            new { unit_code = u.Ward1Code, month = "2026-09", measure = "falls", value = 1 },
            new { unit_code = u.Ward1Code, month = "2026-09", measure = "staffing_fill_rate", value = 92.5 },
        });

        var page = await client.GetAsync($"/Quality/Unit/{u.Ward1}?from=2026-08&to=2026-09");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var doc = await WebHost.ParseAsync(page);
        var august = doc.QuerySelector("tr[data-month='2026-08']")!;
        // Four responses in August: very good, good, poor, very good: 75% positive, 25% negative.
        Assert.Equal(["Aug 2026", "4", "75%", "25%", "0", "3", "–"], august.Children.Select(c => c.TextContent.Trim()).ToArray());
        var september = doc.QuerySelector("tr[data-month='2026-09']")!;
        Assert.Equal("92.5%", september.QuerySelector("[data-measure=staffing_fill_rate]")!.TextContent.Trim());
        Assert.Equal("1", doc.QuerySelector("tr[data-measure=falls] [data-figure=latest]")!.TextContent.Trim());
        var spark = doc.QuerySelector("tr[data-measure=falls] svg")!;
        Assert.Equal("img", spark.GetAttribute("role"));
        Assert.Contains("lowest 1, highest 3", spark.QuerySelector("desc")!.TextContent);
        // Two months are too few for a correlation: it says so rather than showing a number.
        Assert.Contains("Not shown: only 2 months have both figures", doc.QuerySelector("tr[data-measure=falls]")!.TextContent);
        Assert.Contains("No values for these months.", doc.QuerySelector("tr[data-measure=pressure_ulcers]")!.TextContent);

        var empty = await WebHost.ParseAsync(await client.GetAsync($"/Quality/Unit/{u.Ward2}?from=2026-08&to=2026-09"));
        Assert.Contains("No quality measures for these months", empty.Body!.TextContent);

        var across = await WebHost.ParseAsync(await client.GetAsync($"/Quality?trust={await TrustIdAsync(host, "RZZ")}&from=2026-08&to=2026-09"));
        Assert.Contains("Not shown: no units have both figures", across.QuerySelector("tr[data-measure=falls]")!.TextContent);
        Assert.Contains("correlation", across.Body!.TextContent);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Quality_pages_and_import_keep_to_each_users_role_and_scope(string provider)
    {
        var (host, u) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, u.Ward2));
        await host.CreateUserAsync("other-trust", Roles.PxAnalyst, (ScopeLevels.Trust, await TrustIdAsync(host, "RYY")));
        var manager = await host.SignedInAsync("manager");
        var analyst = await host.SignedInAsync("other-trust");

        // A ward manager sees their own ward's page, not another's, and may not import.
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Quality/Unit/{u.Ward2}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/Quality/Unit/{u.Ward1}")).StatusCode);
        var overview = await WebHost.ParseAsync(await manager.GetAsync("/Quality"));
        Assert.Contains("Ward 2", overview.Body!.TextContent);
        Assert.DoesNotContain("Ward 1", overview.Body.TextContent);
        Assert.NotEqual(HttpStatusCode.OK, (await manager.GetAsync("/Quality/Import")).StatusCode);
        await PostValuesAsync(manager, new object[] { new { unit_code = u.Ward2Code, month = "2026-08", measure = "falls", value = 1 } }, HttpStatusCode.Forbidden);

        // An analyst of one trust cannot write another trust's figures.
        var result = await PostValuesAsync(analyst, new object[]
        {
            new { unit_code = u.Ward1Code, month = "2026-08", measure = "falls", value = 1 },
            new { unit_code = u.Ward9Code, month = "2026-08", measure = "falls", value = 1 },
        });
        Assert.Equal(1, result.GetProperty("stored").GetInt32());
        var refused = result.GetProperty("rows")[0].GetProperty("problems")[0];
        Assert.Equal("unit_code", refused.GetProperty("field").GetString());
        Assert.Contains("not in the part of the organisation you may import for", refused.GetProperty("reason").GetString());
        await using var db = host.Database.Context();
        Assert.Equal(u.Ward9, (await db.QualityValues.SingleAsync()).UnitId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rejected_quality_row_corrected_in_the_quarantine_is_stored(string provider)
    {
        var (host, u) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        var file = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes($"unit_code,month,measure,value\n{u.Ward1Code},2026-08,falls,three\n")), "file", "q.csv" } };
        var response = await client.PostAsync("/api/quality-measures/file", file);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejected").GetInt32());

        long rowId;
        await using (var db = host.Database.Context())
            rowId = await db.ImportedRows.Where(r => r.Status == RowStatuses.Rejected).Select(r => r.Id).SingleAsync();
        var quarantine = new Quarantine(host.Database.Target);
        Assert.Contains("value:", await quarantine.ResubmitAsync(rowId, [u.Ward1Code, "2026-08", "falls", "many"], "px"));
        Assert.Null(await quarantine.ResubmitAsync(rowId, [u.Ward1Code, "2026-08", "falls", "3"], "px"));

        await using (var db = host.Database.Context())
        {
            Assert.Equal(3.0, (await db.QualityValues.SingleAsync()).Value);
            Assert.Equal(RowStatuses.Resubmitted, (await db.ImportedRows.SingleAsync(r => r.Id == rowId)).Status);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cross_unit_view_ranks_units_with_enough_responses_and_gives_spearman_with_its_n(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        // Ten wards of 20 responses each: ward i has 10 + i answering "very good" and the rest "very poor", so 50% + 5i positive.
        // An eleventh has only 5 responses: too few to rank, so it is left out of n.
        var fft = new StringBuilder("response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n");
        var id = 0;
        for (var i = 0; i < 10; i++)
            for (var r = 0; r < 20; r++)
                fft.Append($"{++id},2026-08-10,RZZ,RZZ01,Ward {(char)('A' + i)},inpatient,{(r < 10 + i ? 1 : 5)},sms,\n");
        for (var r = 0; r < 5; r++) fft.Append($"{++id},2026-08-10,RZZ,RZZ01,Ward K,inpatient,1,sms,\n");
        using (var files = new TempFiles())
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", fft.ToString()), new ImportOptions());
        Dictionary<string, string> codes;
        await using (var db = host.Database.Context())
            codes = await db.Units.ToDictionaryAsync(u => u.Name, u => u.Code);
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        // Falls 3 3 3 2 2 2 1 1 1 0 for wards A to J, and 9 for Ward K.
        double[] falls = [3, 3, 3, 2, 2, 2, 1, 1, 1, 0];
        var values = falls.Select((f, i) => (object)new { unit_code = codes[$"Ward {(char)('A' + i)}"], month = "2026-08", measure = "falls", value = f }).ToList();
        values.Add(new { unit_code = codes["Ward K"], month = "2026-08", measure = "falls", value = 9 });
        Assert.Equal(11, (await PostValuesAsync(client, values)).GetProperty("stored").GetInt32());

        var doc = await WebHost.ParseAsync(await client.GetAsync("/Quality?from=2026-08&to=2026-08"));
        var row = doc.QuerySelector("tr[data-measure=falls]")!;
        // Mid-ranks of falls: 9 9 9 6 6 6 3 3 3 1 against 1..10; Σdxdy = -76.5, Σdx² = 76.5, Σdy² = 82.5;
        // rho = -76.5 / √(76.5 · 82.5) = -0.96.
        Assert.Equal(["Falls", "11", "10", "−0.96"], row.Children.Take(4).Select(c => c.TextContent.Trim()).ToArray());
        Assert.StartsWith("Strong negative link over 10 units", row.Children[4].TextContent.Trim());
        Assert.Contains("No values for these units and months.", doc.QuerySelector("tr[data-measure=pressure_ulcers]")!.TextContent);
        Assert.Contains("(too few to compare)", doc.Body!.TextContent);
    }

    private static async Task<int> TrustIdAsync(WebHost host, string ods)
    {
        await using var db = host.Database.Context();
        return await db.Trusts.Where(t => t.OdsCode == ods).Select(t => t.Id).SingleAsync();
    }
}
