using Heard.Web.Features.Collection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>
/// What every patient page shares: the options from the query string, the words in the chosen language and format,
/// and (when the page is for one unit) the survey point. The layout reads these from the model.
/// </summary>
public abstract class SurveyPageModel(SurveyText text) : PageModel
{
    public SurveyText Text { get; } = text;
    public SurveyOptions Options { get; private set; } = new();
    public SurveyWording Words { get; private set; } = null!;
    /// <summary>The survey at the code in the link; null on a page for no unit, or when the link is not working.</summary>
    public SurveyPoint? Point { get; protected set; }
    /// <summary>The code from the link, as typed, for the "not working" page and links back to the survey.</summary>
    public string? Code { get; protected set; }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        Options = SurveyOptions.From(Request.Query, Text);
        Words = Text.For(Options.Language, Options.Format);
    }

    /// <summary>The survey's own page for this code, with the patient's options.</summary>
    public string SurveyLink(SurveyOptions? options = null) =>
        (options ?? Options).Link("/s/" + Uri.EscapeDataString(Point?.Code ?? Code ?? ""));

    public string PrivacyLink()
    {
        var link = Options.Link("/s/privacy");
        var code = Point?.Code ?? (SurveyPoints.IsWellFormed(Code) ? Code : null);
        return code is null ? link : link + (link.Contains('?') ? "&" : "?") + "code=" + code;
    }

    /// <summary>The friendly page for a link that does not lead to a live survey, as a real 404.</summary>
    protected IActionResult NotWorking()
    {
        Point = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        // The patient page explains itself; the staff error page must not replace it.
        if (HttpContext.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        return Page();
    }
}
