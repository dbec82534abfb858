using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>
/// The live survey on paper: tick boxes and space to write, with the unit code, survey version and link code printed
/// at the top and bottom so whoever types a card in knows exactly where it came from and what it asked.
/// </summary>
[Authorize(Policy = Policies.ManageSurveys)]
public sealed class PaperModel(HeardDbContext db, CurrentUser user, SurveyText text) : PageModel
{
    public PrintedSurvey Printed { get; private set; } = null!;
    public SurveyWording Words { get; private set; } = null!;
    public SurveyText Text => text;

    public async Task<IActionResult> OnGetAsync(int assignmentId, string? lang, CancellationToken ct)
    {
        var printed = await PrintedSurvey.LoadAsync(db, user, assignmentId, ct);
        if (printed is null) return NotFound();
        Printed = printed;
        Words = text.For(lang?.ToLowerInvariant(), SurveyOptions.Standard);
        return Page();
    }
}
