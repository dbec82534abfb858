using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Partners;

/// <summary>
/// One partner: consent, needs and their record of involvement (events attended, projects joined, hours) for recognition
/// and expenses. Withdrawing consent stops invitations and keeps the history.
/// </summary>
[Authorize(Policy = Policies.InvolvePartners)]
public sealed class PartnerModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public sealed record Involvement(DateOnly On, string What, string Kind, string Response, bool Attended, double? Hours, string? Href);

    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public PatientPartner Partner { get; private set; } = null!;
    public bool Identifiable => user.CanReadIdentifiable;
    public List<Involvement> Record { get; private set; } = [];
    public double TotalHours { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        await PartnerRegister.AuditViewAsync(audit, user, "partner", [Id], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string? note, CancellationToken ct)
    {
        if (!Identifiable) return Forbid();
        if (await LoadAsync(ct) is { } stop) return stop;
        var p = await db.PatientPartners.SingleAsync(x => x.Id == Id, ct);
        if (p.WithdrawnOn is not null) return Redirect($"/Partners/Partner?id={Id}");
        p.WithdrawnOn = DateOnly.FromDateTime(DateTime.UtcNow);
        p.WithdrawalNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        // Past invitations and attendance stay as they were: they are the record of what the person gave.
        audit.Record(Audit.Actions.Update, "patient_partner", Id, "consent withdrawn");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Consent withdrawn. They will not be invited again; their record of involvement is kept.";
        return Redirect($"/Partners/Partner?id={Id}");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var p = await (await PartnerRegister.InScopeAsync(db, user, ct)).AsNoTracking().FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (p is null) return NotFound();
        Partner = p;
        var events = await db.InvolvementInvitations.AsNoTracking().Where(i => i.PatientPartnerId == Id)
            .Join(db.InvolvementEvents, i => i.InvolvementEventId, e => e.Id, (i, e) => new { i, e }).ToListAsync(ct);
        var projects = await db.ImprovementParticipants.AsNoTracking().Where(x => x.PatientPartnerId == Id)
            .Join(db.ImprovementProjects, x => x.ImprovementProjectId, pr => pr.Id, (x, pr) => new { x, pr }).ToListAsync(ct);
        Record = events.Select(x => new Involvement(x.e.HeldOn, x.e.Title, x.e.Kind == "panel" ? "Panel" : "Focus group", InvitationResponses.Label(x.i.Response),
                x.i.Attended, x.i.Hours, $"/Partners/Event?id={x.e.Id}"))
            .Concat(projects.Select(x => new Involvement(x.x.JoinedOn, x.pr.Title, "Improvement project", x.x.Role, true, x.x.Hours, $"/Improvement/Project?id={x.pr.Id}")))
            .OrderByDescending(x => x.On).ToList();
        TotalHours = Record.Where(r => r.Attended).Sum(r => r.Hours ?? 0);
        return null;
    }
}
