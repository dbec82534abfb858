using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>An A4 poster for one unit: the QR code, the short link in words, and the unit code.</summary>
[Authorize(Policy = Policies.ManageSurveys)]
public sealed class PosterModel(HeardDbContext db, CurrentUser user, SurveyText text, IConfiguration config) : PageModel
{
    public PrintedSurvey Printed { get; private set; } = null!;
    public SurveyWording Words { get; private set; } = null!;
    public SurveyText Text => text;
    public string Link { get; private set; } = "";
    public IHtmlContent Qr { get; private set; } = HtmlString.Empty;

    public async Task<IActionResult> OnGetAsync(int assignmentId, string? lang, CancellationToken ct)
    {
        var printed = await PrintedSurvey.LoadAsync(db, user, assignmentId, ct);
        if (printed is null) return NotFound();
        Printed = printed;
        Words = text.For(lang?.ToLowerInvariant(), SurveyOptions.Standard);
        Link = SurveyLinks.Url(Request, config, printed.Code);
        Qr = SurveyLinks.QrInline(Link, "survey-poster__qr", $"QR code for {SurveyLinks.Typed(Link)}");
        return Page();
    }
}
