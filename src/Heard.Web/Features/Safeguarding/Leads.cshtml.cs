using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Organisation;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Safeguarding;

/// <summary>Names the person each trust's safeguarding alerts go to. Administrators, for the trusts in their scope.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class LeadsModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService auth) : PageModel
{
    public sealed record TrustLead(int Id, string Name, string OdsCode, string? LeadUserId);

    public List<TrustLead> Trusts { get; private set; } = [];
    public List<(string Id, string Label)> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(int trustId, string? leadUserId, CancellationToken ct)
    {
        if (!await OrganisationQueries.CanAdministerTrustAsync(auth, user, trustId, ct)) return Forbid();
        var trust = await db.Trusts.FirstOrDefaultAsync(t => t.Id == trustId, ct);
        if (trust is null) return NotFound();
        var lead = string.IsNullOrEmpty(leadUserId) ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == leadUserId, ct);
        if (!string.IsNullOrEmpty(leadUserId) && lead is null)
        {
            ModelState.AddModelError($"Lead-{trustId}", "Choose a person from the list");
            await LoadAsync(ct);
            return Page();
        }
        audit.Record(Audit.Actions.Update, "trust", trust.Id, $"safeguarding lead {trust.SafeguardingLeadUserId ?? "none"} -> {lead?.Id ?? "none"} ({lead?.UserName ?? "none"})");
        trust.SafeguardingLeadUserId = lead?.Id;
        // Open alerts nobody has picked up follow the trust's new lead, who is emailed about them on the next pass.
        await db.SafeguardingAlerts.Where(a => a.TrustId == trust.Id && a.AcknowledgedAt == null && a.ClosedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.LeadUserId, lead == null ? null : lead.Id).SetProperty(a => a.NotifiedAt, (DateTime?)null), ct);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = lead is null ? $"{trust.Name} has no safeguarding lead" : $"{lead.DisplayName} ({lead.UserName}) is now the safeguarding lead for {trust.Name}";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await user.TrustIdsAsync(ct);
        Trusts = (await db.Trusts.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct))
            .Where(t => scope is null || scope.Contains(t.Id))
            .Select(t => new TrustLead(t.Id, t.Name, t.OdsCode, t.SafeguardingLeadUserId)).ToList();
        Users = (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.UserName).ToListAsync(ct))
            .Select(u => (u.Id, string.IsNullOrEmpty(u.DisplayName) ? u.UserName ?? u.Id : $"{u.DisplayName} ({u.UserName})")).ToList();
    }
}
