using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Routing;

/// <summary>Teams that routed feedback can go to (Catering, Estates, Patient Advice), their mailboxes and members.</summary>
[Authorize(Policy = Policies.ManageRouting)]
public sealed class TeamsModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public List<TeamView> TeamList { get; private set; } = [];
    public List<(int Id, string Name)> Trusts { get; private set; } = [];
    [BindProperty] public int TrustId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        TeamList = await Teams.ListAsync(db, user, ct);
        var trusts = await user.TrustIdsAsync(ct);
        Trusts = (await db.Trusts.AsNoTracking().Where(t => trusts == null || trusts.Contains(t.Id)).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => (t.Id, t.Name)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var trusts = await user.TrustIdsAsync(ct);
        var name = Name?.Trim();
        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        if (!await db.Trusts.AnyAsync(t => t.Id == TrustId, ct) || (trusts is not null && !trusts.Contains(TrustId))) ModelState.AddModelError(nameof(TrustId), "Choose a trust");
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError(nameof(Name), "Enter the team's name");
        else if (name.Length > 200) ModelState.AddModelError(nameof(Name), "The name must be 200 characters or fewer");
        else if (await db.Teams.AnyAsync(t => t.TrustId == TrustId && t.Name == name, ct)) ModelState.AddModelError(nameof(Name), "The trust already has a team with that name");
        if (email is not null && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace)))
            ModelState.AddModelError(nameof(Email), "Enter an email address like catering@example.nhs.uk");
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }
        var team = new Team { TrustId = TrustId, Name = name!, Email = email, CreatedAt = DateTime.UtcNow };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        audit.Record(Audit.Actions.Create, "team", team.Id, $"team {team.Name}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Team {team.Name} added";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddMemberAsync(int teamId, string? userName, CancellationToken ct)
    {
        ModelState.Clear();
        var team = await Teams.FindAsync(db, user, teamId, ct);
        if (team is null) return NotFound();
        if (await Teams.AddMemberAsync(db, audit, team, userName, ct) is { } error)
        {
            ModelState.AddModelError($"Member-{teamId}", error);
            await OnGetAsync(ct);
            return Page();
        }
        TempData["Success"] = $"{userName!.Trim()} added to {team.Name}";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(int teamId, string userName, CancellationToken ct)
    {
        var team = await Teams.FindAsync(db, user, teamId, ct);
        if (team is null) return NotFound();
        await Teams.RemoveMemberAsync(db, audit, team, userName, ct);
        TempData["Success"] = $"{userName} removed from {team.Name}";
        return RedirectToPage();
    }
}
