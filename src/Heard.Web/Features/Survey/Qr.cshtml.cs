using System.Text;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>The QR code alone, as an SVG file, for leaflets, appointment letters and screens.</summary>
[Authorize(Policy = Policies.ManageSurveys)]
public sealed class QrModel(HeardDbContext db, CurrentUser user, IConfiguration config) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int assignmentId, CancellationToken ct)
    {
        var printed = await PrintedSurvey.LoadAsync(db, user, assignmentId, ct);
        if (printed is null) return NotFound();
        var svg = SurveyLinks.QrSvg(SurveyLinks.Url(Request, config, printed.Code));
        var name = new string($"heard-{printed.UnitCode}-{printed.Code}".Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray());
        return File(Encoding.UTF8.GetBytes(svg), "image/svg+xml", name + ".svg");
    }
}
