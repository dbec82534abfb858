using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features;

/// <summary>
/// The friendly page for failed requests. Status code pages re-execute here with ?code=N, keeping the original
/// method, so a failed POST arrives as a POST without a valid antiforgery token.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public IReadOnlyList<string> Paragraphs { get; private set; } = [];
    public string? Reference { get; private set; }
    /// <summary>The failed request was a patient's (survey pages): no staff wording, no link to the dashboard.</summary>
    public bool ForPatients { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Code = code ?? (Response.StatusCode >= 400 ? Response.StatusCode : 500);
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path;
        ForPatients = original is not null && original.StartsWith("/s/", StringComparison.OrdinalIgnoreCase);
        if (ForPatients)
        {
            (Heading, Paragraphs) = Code == 429
                ? ("Please wait a minute", (IReadOnlyList<string>)
                    ["A lot of feedback has been sent from this place in the last minute.", "Your answers have not been sent yet. Wait a minute, then go back and press the button again."])
                : ("Sorry, something went wrong", ["Your answers may not have been sent. Please go back and try again, or ask a member of staff for a paper form."]);
            return;
        }
        (Heading, Paragraphs) = Code switch
        {
            400 => ("Sorry, we could not use that request", (IReadOnlyList<string>)
                ["The form may have been open for too long, or sent twice.", "Go back, reload the page and try again."]),
            401 or 403 => ("You do not have permission to see this page",
                ["Your role or your part of the organisation does not include it.", "If you think you should have access, ask your PX administrator."]),
            404 => ("Page not found",
                ["If you typed the web address, check it is correct.", "If you followed a link, the page or record may have moved or been removed."]),
            405 => ("Sorry, that action is not available here",
                ["Go back and use the buttons on the page."]),
            413 => ("The file is too large",
                ["Split the file into smaller parts and try again."]),
            429 => ("Too many attempts",
                ["You have tried this too many times in a short time.", "Wait a minute, then try again."]),
            _ => ("Sorry, there is a problem with the service",
                ["Try again later.", "If you were saving a change, check whether it was saved before you make it again."]),
        };
        if (Code >= 500)
            Reference = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
