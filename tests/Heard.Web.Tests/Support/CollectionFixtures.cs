using System.Net;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests.Support;

/// <summary>Two trusts with a few units, surveys and API keys, for the collection tests.</summary>
public static class CollectionFixtures
{
    /// <summary>Trust RZZ with Ward 1 (W01, inpatient) and Ward 2 (W02, inpatient and outpatient); trust RYY with Ward 9 (W09).</summary>
    public sealed record Organisation(int TrustId, int OtherTrustId, int Ward1, int Ward2, int Ward9);

    public static async Task<Organisation> OrganisationAsync(TestDatabase database)
    {
        await using var db = database.Context();
        var now = DateTime.UtcNow;
        var trust = new Trust { OdsCode = "RZZ", Name = "Test Trust" };
        var other = new Trust { OdsCode = "RYY", Name = "Other Trust" };
        db.Trusts.AddRange(trust, other);
        await db.SaveChangesAsync();
        var site = new Site { TrustId = trust.Id, Code = "RZZ01", Name = "General" };
        var otherSite = new Site { TrustId = other.Id, Code = "RYY01", Name = "Other General" };
        db.Sites.AddRange(site, otherSite);
        await db.SaveChangesAsync();
        var ward1 = new Unit { TrustId = trust.Id, SiteId = site.Id, Code = "W01", Name = "Ward 1", Settings = "inpatient", CreatedAt = now };
        var ward2 = new Unit { TrustId = trust.Id, SiteId = site.Id, Code = "W02", Name = "Ward 2", Settings = "inpatient,outpatient", CreatedAt = now };
        var ward9 = new Unit { TrustId = other.Id, SiteId = otherSite.Id, Code = "W09", Name = "Ward 9", Settings = "inpatient", CreatedAt = now };
        db.Units.AddRange(ward1, ward2, ward9);
        await db.SaveChangesAsync();
        return new Organisation(trust.Id, other.Id, ward1.Id, ward2.Id, ward9.Id);
    }

    public sealed record LiveSurvey(int SurveyId, int VersionId, int AssignmentId, string Code);

    /// <summary>A survey with version 1 live, assigned to one unit and setting.</summary>
    public static async Task<LiveSurvey> LiveSurveyAsync(TestDatabase database, int trustId, int unitId, string setting = "inpatient",
        string name = "Ward survey", string[]? keys = null, DateOnly? startsOn = null, DateOnly? endsOn = null, string status = SurveyStatuses.Live)
    {
        await using var db = database.Context();
        var now = DateTime.UtcNow;
        var definition = keys is null ? QuestionLibrary.Starter() : new SurveyDefinition([.. keys.Select(k => QuestionLibrary.Find(k)!)]);
        var survey = new Survey { TrustId = trustId, Name = name, Owner = "PX team", StartsOn = startsOn, EndsOn = endsOn, CreatedAt = now, CreatedBy = "fixture" };
        survey.Versions.Add(new SurveyVersion
        {
            Number = 1, Status = status, DefinitionJson = definition.ToJson(), CreatedAt = now, PublishedAt = status == SurveyStatuses.Live ? now : null,
        });
        var code = SurveyPoints.NewCode();
        survey.Assignments.Add(new SurveyAssignment { UnitId = unitId, Setting = setting, Code = code, CreatedAt = now });
        db.Surveys.Add(survey);
        await db.SaveChangesAsync();
        return new LiveSurvey(survey.Id, survey.Versions[0].Id, survey.Assignments[0].Id, code);
    }

    /// <summary>An API key for the trust, as the API clients page would make it.</summary>
    public static async Task<(int ClientId, string Key)> ApiKeyAsync(TestDatabase database, int trustId, string name = "Text provider")
    {
        await using var db = database.Context();
        var (key, prefix, hash) = ApiKeys.Create();
        var client = new ApiClient { TrustId = trustId, Name = name, KeyPrefix = prefix, KeyHash = hash, CreatedAt = DateTime.UtcNow, CreatedBy = "fixture" };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync();
        return (client.Id, key);
    }

    /// <summary>Posts a form with the page's antiforgery token, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = await WebHost.AntiforgeryAsync(page);
        return await client.PostAsync(postUrl, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }

    /// <summary>The monthly counts as kept, and as a rebuild from the raw records makes them: they must match.</summary>
    public static async Task<(string Kept, string Rebuilt)> AggregatesAsync(TestDatabase database)
    {
        await using var db = database.Context();
        static string Snapshot(List<FftMonthly> rows) => System.Text.Json.JsonSerializer.Serialize(
            rows.OrderBy(m => m.UnitId).ThenBy(m => m.Month).ThenBy(m => m.Setting, StringComparer.Ordinal));
        var kept = Snapshot(await db.FftMonthly.AsNoTracking().ToListAsync());
        await Heard.Web.Features.Fft.Aggregates.RebuildAsync(db);
        var rebuilt = Snapshot(await db.FftMonthly.AsNoTracking().ToListAsync());
        return (kept, rebuilt);
    }
}
