using Heard.Data;
using Heard.Web.Features.Collection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>After a response: thanks, what happens next, and on a kiosk a short wait before the screen is cleared.</summary>
[AllowAnonymous]
[EnableRateLimiting("public")]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ThanksModel(HeardDbContext db, SurveyText text) : SurveyPageModel(text)
{
    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Code = code;
        Point = await SurveyPoints.FindAsync(db, code, Today, ct);
        return Point is null ? NotWorking() : Page();
    }
}
