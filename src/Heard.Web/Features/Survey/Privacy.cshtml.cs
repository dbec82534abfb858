using Heard.Data;
using Heard.Web.Features.Collection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>The privacy notice for patients, in plain words; it names the trust when reached from one unit's survey.</summary>
[AllowAnonymous]
[EnableRateLimiting("public")]
[IgnoreAntiforgeryToken]
public sealed class PrivacyModel(HeardDbContext db, SurveyText text) : SurveyPageModel(text)
{
    public async Task OnGetAsync(string? code, CancellationToken ct)
    {
        Code = SurveyPoints.IsWellFormed(code) ? code : null;
        if (Code is not null)
            Point = await SurveyPoints.FindAsync(db, Code, Today, ct);
    }
}
