using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Routing;

/// <summary>
/// "Routed to me": comments the routing rules sent to the user, their teams and the units they manage, unacknowledged
/// first. Each is acknowledged by one member of its target (with an optional note), and an acknowledgement can be
/// undone. Full comments only for roles cleared for identifiable data, and each such view is audited.
/// </summary>
[Authorize(Policy = Policies.ReadComments)]
public sealed class IndexModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public List<RoutedView> Items { get; private set; } = [];
    public bool Redacted => !user.CanReadIdentifiable;
    public bool CanManage => user.IsAdministrator;
    public int Waiting => Items.Count(i => i.AcknowledgedAt is null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await RoutedInbox.ListAsync(db, user, ct);
        if (!Redacted && Items.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "routed-item", null, $"routed to me: {Items.Count} unredacted comments", ct);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(long id, string? note, CancellationToken ct)
    {
        if (note is { Length: > 2000 })
        {
            ModelState.AddModelError($"Note-{id}", "The note must be 2,000 characters or fewer");
            await OnGetAsync(ct);
            return Page();
        }
        var result = await RoutedInbox.AcknowledgeAsync(db, user, audit, id, note, ct);
        if (result == RoutedInbox.Change.NotFound) return NotFound();
        TempData["Success"] = result == RoutedInbox.Change.Done ? "Comment acknowledged" : "That comment was already acknowledged";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUndoAsync(long id, CancellationToken ct)
    {
        var result = await RoutedInbox.UndoAcknowledgeAsync(db, user, audit, id, ct);
        if (result == RoutedInbox.Change.NotFound) return NotFound();
        TempData["Success"] = result == RoutedInbox.Change.Done ? "Acknowledgement undone: the comment is waiting again" : "That comment was not acknowledged";
        return RedirectToPage();
    }
}
