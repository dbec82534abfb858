using Microsoft.AspNetCore.Html;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>
/// Faces for the FFT answers on the easy read and young people's pages. The shape of the mouth carries the meaning,
/// not colour, and the words always sit beside them, so the faces are hidden from screen readers.
/// </summary>
public static class FaceSymbols
{
    private const string Eyes = """<circle cx="23" cy="26" r="3.5" fill="currentColor"/><circle cx="41" cy="26" r="3.5" fill="currentColor"/>""";

    public static IHtmlContent For(string fftValue) => new HtmlString(fftValue switch
    {
        "1" => Face("""<path d="M17 37 Q32 58 47 37 Z" fill="currentColor"/>"""),
        "2" => Face("""<path d="M19 39 Q32 51 45 39" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round"/>"""),
        "3" => Face("""<path d="M21 43 H43" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round"/>"""),
        "4" => Face("""<path d="M20 47 Q32 38 44 47" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round"/>"""),
        "5" => Face("""<path d="M17 51 Q32 33 47 51 Z" fill="currentColor"/><path d="M16 18 L27 22 M48 18 L37 22" stroke="currentColor" stroke-width="3" stroke-linecap="round"/>"""),
        _ => """<svg class="survey-face" viewBox="0 0 64 64" width="64" height="64" aria-hidden="true" focusable="false"><circle cx="32" cy="32" r="29" fill="#e8edee" stroke="currentColor" stroke-width="3"/><path d="M23 24 Q23 14 32 14 Q41 14 41 23 Q41 29 32 32 V38" fill="none" stroke="currentColor" stroke-width="5" stroke-linecap="round"/><circle cx="32" cy="48" r="3.5" fill="currentColor"/></svg>""",
    });

    private static string Face(string mouth) =>
        $"""<svg class="survey-face" viewBox="0 0 64 64" width="64" height="64" aria-hidden="true" focusable="false"><circle cx="32" cy="32" r="29" fill="#ffeb3b" stroke="currentColor" stroke-width="3"/>{Eyes}{mouth}</svg>""";
}
