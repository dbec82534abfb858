using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>One survey assignment as staff print it: the poster with its QR code, and the paper survey.</summary>
public sealed record PrintedSurvey(
    int AssignmentId, string Code, string Setting, int SurveyId, string SurveyName,
    int UnitId, string UnitName, string UnitCode, string TrustName,
    int? VersionId, int? VersionNumber, SurveyDefinition? Definition)
{
    /// <summary>The assignment when the user's scope includes its unit; null otherwise, so others' units read as not found.</summary>
    public static async Task<PrintedSurvey?> LoadAsync(HeardDbContext db, CurrentUser user, int assignmentId, CancellationToken ct)
    {
        var found = await (
            from a in db.SurveyAssignments.AsNoTracking()
            join s in db.Surveys.AsNoTracking() on a.SurveyId equals s.Id
            join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
            join t in db.Trusts.AsNoTracking() on u.TrustId equals t.Id
            where a.Id == assignmentId
            select new { a.Id, a.Code, a.Setting, a.SurveyId, SurveyName = s.Name, UnitId = u.Id, UnitName = u.Name, UnitCode = u.Code, TrustName = t.Name })
            .SingleOrDefaultAsync(ct);
        if (found is null || !await user.CanSeeUnitAsync(found.UnitId, ct)) return null;
        var live = await db.SurveyVersions.AsNoTracking()
            .Where(v => v.SurveyId == found.SurveyId && v.Status == SurveyStatuses.Live)
            .OrderByDescending(v => v.Number)
            .Select(v => new { v.Id, v.Number, v.DefinitionJson })
            .FirstOrDefaultAsync(ct);
        return new PrintedSurvey(found.Id, found.Code, found.Setting, found.SurveyId, found.SurveyName,
            found.UnitId, found.UnitName, found.UnitCode, found.TrustName,
            live?.Id, live?.Number, live is null ? null : SurveyDefinition.FromJson(live.DefinitionJson));
    }
}

/// <summary>The address patients use and its QR code.</summary>
public static class SurveyLinks
{
    /// <summary>Set when staff print from an address patients cannot reach (e.g. an intranet name): the public address.</summary>
    public const string PublicUrlSetting = "Heard:PublicUrl";

    public static string Url(HttpRequest request, IConfiguration config, string code)
    {
        var configured = config[PublicUrlSetting];
        var origin = string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured.TrimEnd('/');
        return $"{origin}/s/{code}";
    }

    /// <summary>The link as people type it: no scheme.</summary>
    public static string Typed(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url[8..]
        : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? url[7..]
        : url;

    /// <summary>The QR code as a scalable SVG document.</summary>
    public static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        // Level M survives a scuffed or partly covered poster and keeps the code coarse enough to scan from a distance.
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(10, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    /// <summary>The QR code inside a page, named for screen readers by what it opens.</summary>
    public static IHtmlContent QrInline(string url, string cssClass, string label) =>
        new HtmlString(QrSvg(url).Replace("<svg ", $"<svg class=\"{cssClass}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\" focusable=\"false\" ", StringComparison.Ordinal));
}
