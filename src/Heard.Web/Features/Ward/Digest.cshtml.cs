using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Ward;

/// <summary>
/// The weekly ward digest exactly as it is emailed (redacted), for staff to check before it goes out or to print. Without
/// a week, the last whole Monday-to-Sunday week: what this Monday's email holds.
/// </summary>
[Authorize(Policy = Policies.ReadComments)]
public sealed class DigestModel(Heard.Data.HeardDbContext db, CurrentUser user, IConfiguration config, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Week { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await user.CanSeeUnitAsync(id, ct)) return NotFound();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var week = WardWeek.TryParse(Week, out var chosen) ? chosen : WardWeek.LastWholeWeekBefore(today);
        var view = await WardDigest.LoadAsync(db, id, week, ct);
        if (view is null) return NotFound();
        return Content(WardDigest.Html(view, (config["Heard:PublicUrl"] ?? "").TrimEnd('/')), "text/html; charset=utf-8");
    }
}
