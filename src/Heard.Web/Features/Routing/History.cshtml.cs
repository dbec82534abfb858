using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Routing;

/// <summary>
/// Where a piece of feedback was routed: each target, when, by which rule, and who acknowledged it. For those who may
/// see the feedback's unit, and for the targets themselves.
/// </summary>
[Authorize(Policy = Policies.ReadComments)]
public sealed class HistoryModel(HeardDbContext db, CurrentUser user) : PageModel
{
    public long FeedbackId { get; private set; }
    public string UnitName { get; private set; } = "";
    public DateOnly ReceivedOn { get; private set; }
    public bool CanSeeFeedback { get; private set; }
    public List<RoutedView> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var record = await db.Feedback.AsNoTracking().Where(f => f.Id == id).Select(f => new { f.Id, f.UnitId, f.ReceivedOn }).FirstOrDefaultAsync(ct);
        if (record is null) return NotFound();
        CanSeeFeedback = await user.CanSeeUnitAsync(record.UnitId, ct);
        if (!CanSeeFeedback && !await RoutedInbox.IsTargetOfAsync(db, user, id, ct)) return NotFound();
        FeedbackId = id;
        ReceivedOn = record.ReceivedOn;
        UnitName = await db.Units.Where(u => u.Id == record.UnitId).Select(u => u.Name).FirstAsync(ct);
        Items = await RoutedInbox.HistoryAsync(db, user, id, ct);
        return Page();
    }
}
