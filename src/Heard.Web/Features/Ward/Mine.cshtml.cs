using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Ward;

/// <summary>"My ward this week" from the navigation: straight to the week of the one ward a manager runs, or a choice of theirs.</summary>
public sealed class MineModel(Heard.Data.HeardDbContext db, CurrentUser user) : PageModel
{
    public List<(int Id, string Name, string SiteName)> Wards { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        var units = db.Units.AsNoTracking().Where(u => u.ClosedOn == null);
        if (scope is not null) units = units.Where(u => scope.Contains(u.Id));
        // Only a short list is useful here; wider scopes pick a ward from the dashboard.
        var rows = await units.OrderBy(u => u.Name).Select(u => new { u.Id, u.Name, SiteName = u.Site!.Name }).Take(201).ToListAsync(ct);
        if (rows.Count == 1) return Redirect($"/ward/{rows[0].Id}/week");
        Wards = rows.Take(200).Select(r => (r.Id, r.Name, r.SiteName)).ToList();
        return Page();
    }
}
