using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Heard.Web.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests.Support;

/// <summary>The ways tests put feedback in and find what they put there, written once so that every suite seeds the same way.</summary>
public static class Seeding
{
    public const string FftHeader = "response_id,date,trust_code,site_code,unit,setting,answer,mode\n";

    /// <summary>Stores a CSV through the real importer, as `./heard import` would.</summary>
    public static async Task<ImportResult> ImportCsvAsync(this WebHost host, string csv, string fileName = "feedback.csv")
    {
        using var files = new TempFiles();
        return await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write(fileName, csv), new ImportOptions());
    }

    public static async Task<int> TrustIdAsync(this WebHost host, string odsCode = "RZZ")
    {
        await using var db = host.Database.Context();
        return await db.Trusts.Where(t => t.OdsCode == odsCode).Select(t => t.Id).SingleAsync();
    }

    /// <summary>The trust's units by name.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> UnitIdsAsync(this WebHost host, int trustId)
    {
        await using var db = host.Database.Context();
        return await db.Units.Where(u => u.TrustId == trustId).ToDictionaryAsync(u => u.Name, u => u.Id);
    }

    /// <summary>
    /// Thirteen months of ten inpatient FFT answers on one RZZ unit, January 2025 to January 2026: eight or nine very good
    /// in turn for twelve months, then two. Worked by hand: mean 1040 / 13 = 80%, moving ranges eleven of 10 and one of 70,
    /// so mR_bar 15 and the lower limit 80 − 39.9 = 40.1%; January 2026's 20% is the one special cause, a concern.
    /// </summary>
    public static void AppendDeterioratingMonths(StringBuilder csv, string unit, ref int responseId)
    {
        for (var month = 0; month < 13; month++)
        {
            var date = new DateOnly(2025, 1, 10).AddMonths(month);
            var positive = month == 12 ? 2 : month % 2 == 0 ? 8 : 9;
            for (var i = 0; i < 10; i++)
                csv.Append($"{++responseId},{date:yyyy-MM-dd},RZZ,RZZ01,{unit},inpatient,{(i < positive ? 1 : 3)},sms\n");
        }
    }

    /// <summary>GETs a JSON endpoint that must answer 200.</summary>
    public static async Task<JsonElement> GetOkJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
