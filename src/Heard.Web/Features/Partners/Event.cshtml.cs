using System.Globalization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Partners;

/// <summary>
/// A panel or focus group: invite partners chosen by interest and availability (never anyone who has withdrawn consent),
/// then record each reply, who came and for how long.
/// </summary>
[Authorize(Policy = Policies.InvolvePartners)]
public sealed class EventModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public sealed record Invited(long InvitationId, long PartnerId, string Name, string Response, bool Attended, double? Hours, bool Withdrawn, string? AccessibilityNeeds);

    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Interest { get; set; }
    [BindProperty(SupportsGet = true)] public string? Availability { get; set; }

    public InvolvementEvent Event { get; private set; } = null!;
    public List<Invited> Invitations { get; private set; } = [];
    public List<(long Id, string Name, string Interests, string? Availability)> Candidates { get; private set; } = [];
    public bool Identifiable => user.CanReadIdentifiable;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        await PartnerRegister.AuditViewAsync(audit, user, $"event {Id}", Invitations.Select(i => i.PartnerId).Concat(Candidates.Select(c => c.Id)).ToList(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(List<long> partnerIds, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        // Checked again here, not just on the form: consent may have been withdrawn since it was shown.
        var invitable = (await PartnerRegister.InvitableAsync(db, Event, null, null, ct)).Select(p => p.Id).ToHashSet();
        var refused = partnerIds.Count(id => !invitable.Contains(id));
        var now = DateTime.UtcNow;
        var added = 0;
        foreach (var id in partnerIds.Distinct().Where(invitable.Contains))
        {
            db.InvolvementInvitations.Add(new InvolvementInvitation { InvolvementEventId = Id, PatientPartnerId = id, InvitedAt = now, Response = InvitationResponses.NoReply });
            added++;
        }
        if (added == 0 && refused == 0)
        {
            ModelState.AddModelError("partnerIds", "Choose at least one person to invite");
            return Page();
        }
        audit.Record(Audit.Actions.Create, "involvement_invitation", Id, $"{added} invited{(refused > 0 ? $", {refused} not invitable" : "")}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"{added} invited" + (refused > 0 ? $"; {refused} could not be (consent withdrawn, already invited or another trust)" : "");
        return Redirect($"/Partners/Event?id={Id}");
    }

    public async Task<IActionResult> OnPostRecordAsync(long invitationId, string? response, bool attended, string? hours, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        var invitation = await db.InvolvementInvitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.InvolvementEventId == Id, ct);
        if (invitation is null) return NotFound();
        if (!InvitationResponses.All.Contains(response)) ModelState.AddModelError($"Response-{invitationId}", "Choose accepted, declined or no reply");
        double? h = null;
        if (!string.IsNullOrWhiteSpace(hours))
        {
            if (double.TryParse(hours.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && v < 1000) h = v;
            else ModelState.AddModelError($"Hours-{invitationId}", "Enter the hours as a number, for example 2.5");
        }
        if (!ModelState.IsValid) return Page();
        invitation.Response = response!;
        invitation.Attended = attended && response == InvitationResponses.Accepted;
        invitation.Hours = invitation.Attended ? h : null;
        audit.Record(Audit.Actions.Update, "involvement_invitation", invitation.Id, $"{invitation.Response}; attended {invitation.Attended}; hours {invitation.Hours}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Reply recorded";
        return Redirect($"/Partners/Event?id={Id}#invited");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var e = await db.InvolvementEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (e is null || !await PartnerRegister.CanSeeTrustAsync(user, e.TrustId, ct)) return NotFound();
        Event = e;
        var invitations = await db.InvolvementInvitations.AsNoTracking().Where(i => i.InvolvementEventId == Id)
            .Join(db.PatientPartners, i => i.PatientPartnerId, p => p.Id, (i, p) => new { i, p }).OrderBy(x => x.i.Id).ToListAsync(ct);
        Invitations = invitations.Select(x => new Invited(x.i.Id, x.p.Id, PartnerRegister.DisplayName(x.p, Identifiable), x.i.Response, x.i.Attended, x.i.Hours,
            x.p.WithdrawnOn is not null, x.p.AccessibilityNeeds)).ToList();
        Candidates = (await PartnerRegister.InvitableAsync(db, e, Interest, Availability, ct))
            .Select(p => (p.Id, PartnerRegister.DisplayName(p, Identifiable), PartnerInterests.Describe(p), p.Availability)).ToList();
        return null;
    }
}
