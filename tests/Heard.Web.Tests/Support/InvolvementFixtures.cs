using System.Text;
using Heard.Web.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests.Support;

/// <summary>Trusts, units and months of FFT answers for the improvement and patient partner tests, and posting their forms.</summary>
public static class InvolvementFixtures
{
    public sealed record Ids(int Trust, int Ward1, int Ward2, int OtherTrust);

    /// <summary>
    /// As the SPC page tests: Ward 1 of RZZ has ten FFT answers a month from January 2025 to January 2026, 80% and 90%
    /// positive in turn for twelve months, then 20%. Ward 2 has one month; RYY's Ward 9 one answer.
    /// </summary>
    public static async Task<Ids> SeedAsync(WebHost host)
    {
        var csv = new StringBuilder("response_id,date,trust_code,site_code,unit,setting,answer,mode\n");
        var id = 0;
        for (var month = 0; month < 13; month++)
        {
            var date = new DateOnly(2025, 1, 10).AddMonths(month);
            var positive = month == 12 ? 2 : month % 2 == 0 ? 8 : 9;
            for (var i = 0; i < 10; i++) csv.Append($"{++id},{date:yyyy-MM-dd},RZZ,RZZ01,Ward 1,inpatient,{(i < positive ? 1 : 3)},sms\n");
        }
        for (var i = 0; i < 5; i++) csv.Append($"{++id},2026-01-12,RZZ,RZZ01,Ward 2,inpatient,1,sms\n");
        csv.Append($"{++id},2026-01-12,RYY,RYY01,Ward 9,inpatient,1,sms\n");
        using (var files = new TempFiles())
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", csv.ToString()), new ImportOptions());
        await using var db = host.Database.Context();
        var trusts = await db.Trusts.ToDictionaryAsync(t => t.OdsCode, t => t.Id);
        var units = await db.Units.ToDictionaryAsync(u => u.Name, u => u.Id);
        return new Ids(trusts["RZZ"], units["Ward 1"], units["Ward 2"], trusts["RYY"]);
    }

    /// <summary>Gets <paramref name="formPage"/> for its antiforgery token, then posts the fields to <paramref name="url"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string url, params (string Key, string Value)[] fields)
    {
        var page = await client.GetAsync(formPage);
        var token = await WebHost.AntiforgeryAsync(page);
        var body = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    /// <summary>Pages answer a signed-in user without the role by sending them to the access denied page.</summary>
    public static void AssertDenied(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/Account/Denied", StringComparison.Ordinal) == true,
            $"{(int)response.StatusCode} {response.Headers.Location}");

    public static long IdFromRedirect(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.ToString() ?? throw new InvalidOperationException($"no redirect: {(int)response.StatusCode}");
        var at = location.IndexOf("id=", StringComparison.Ordinal);
        var digits = new string(location[(at + 3)..].TakeWhile(char.IsDigit).ToArray());
        return long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
    }
}
