using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Ward;

/// <summary>
/// "My ward this week": the page a ward manager opens on Monday. The seven days to today unless a week is chosen; the same
/// query as the weekly digest email.
/// </summary>
public sealed class WeekModel(Heard.Data.HeardDbContext db, CurrentUser user, Audit audit, TimeProvider clock) : PageModel
{
    /// <summary>The week's first day, yyyy-mm-dd.</summary>
    [BindProperty(SupportsGet = true)] public string? Week { get; set; }

    public WardWeekView View { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await user.CanSeeUnitAsync(id, ct)) return NotFound();
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var week = WardWeek.TryParse(Week, out var chosen) ? chosen : WardWeek.EndingOn(Today);
        var view = await WardWeekQuery.LoadAsync(db, id, week, user.CanReadComments, user.CanReadIdentifiable, ct);
        if (view is null) return NotFound();
        View = view;
        if (!view.CommentsRedacted && view.Comments.Count + view.Praise.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "comments", id,
                $"ward week {week.Key}: {view.Comments.Count} unredacted comments", ct);
        return Page();
    }

    public string WeekLink(WardWeek w) => $"/ward/{View.UnitId}/week?week={w.Key}";
}
