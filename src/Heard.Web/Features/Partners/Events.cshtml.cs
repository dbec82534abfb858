using System.Globalization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Themes;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Partners;

/// <summary>Panels and focus groups in the user's trusts, and a form to arrange one.</summary>
[Authorize(Policy = Policies.InvolvePartners)]
public sealed class EventsModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public sealed record Row(long Id, string Title, string Kind, DateOnly HeldOn, int Invited, int Accepted);

    public List<Row> Rows { get; private set; } = [];
    public List<Choice> Trusts { get; private set; } = [];
    [BindProperty] public int? TrustId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? HeldOn { get; set; }
    [BindProperty] public string? Purpose { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var trustId = TrustId ?? Trusts.FirstOrDefault()?.Id ?? 0;
        if (Trusts.All(t => t.Id != trustId)) ModelState.AddModelError(nameof(TrustId), "Choose the trust");
        var title = Title?.Trim() ?? "";
        if (title.Length == 0) ModelState.AddModelError(nameof(Title), "Enter a title, for example \"Complaint responses panel\"");
        if (Kind is not ("panel" or "focus-group")) ModelState.AddModelError(nameof(Kind), "Choose a panel or a focus group");
        if (!DateOnly.TryParseExact(HeldOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var heldOn))
            ModelState.AddModelError(nameof(HeldOn), "Enter the date as year, month and day, for example 2026-03-01");
        var purpose = Purpose?.Trim() ?? "";
        if (purpose.Length == 0) ModelState.AddModelError(nameof(Purpose), "Say what it is for, so people can decide whether to come");
        if (!ModelState.IsValid) return Page();
        var e = new InvolvementEvent { TrustId = trustId, Title = title, Kind = Kind!, HeldOn = heldOn, Purpose = purpose, CreatedBy = user.Name, CreatedAt = DateTime.UtcNow };
        db.InvolvementEvents.Add(e);
        await db.SaveChangesAsync(ct);
        await audit.RecordNowAsync(Audit.Actions.Create, "involvement_event", e.Id, title, ct);
        TempData["Success"] = $"{title} arranged. Now invite partners.";
        return Redirect($"/Partners/Event?id={e.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var trusts = await user.TrustIdsAsync(ct);
        Trusts = (await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct))
            .Where(t => trusts is null || trusts.Contains(t.Id)).ToList();
        var events = (await db.InvolvementEvents.AsNoTracking().OrderByDescending(e => e.HeldOn).ToListAsync(ct))
            .Where(e => trusts is null || trusts.Contains(e.TrustId)).ToList();
        var ids = events.Select(e => e.Id).ToList();
        var invitations = await db.InvolvementInvitations.AsNoTracking().Where(i => ids.Contains(i.InvolvementEventId))
            .Select(i => new { i.InvolvementEventId, i.Response }).ToListAsync(ct);
        Rows = events.Select(e => new Row(e.Id, e.Title, e.Kind == "panel" ? "Panel" : "Focus group", e.HeldOn,
            invitations.Count(i => i.InvolvementEventId == e.Id), invitations.Count(i => i.InvolvementEventId == e.Id && i.Response == InvitationResponses.Accepted))).ToList();
    }
}
