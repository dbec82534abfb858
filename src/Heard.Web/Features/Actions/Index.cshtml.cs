using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Themes;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Actions;

/// <summary>Improvement actions on the units the user can see: by unit, division or owner, by status, overdue.</summary>
public sealed class IndexModel(HeardDbContext db, CurrentUser user, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Division { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }

    public List<ActionSummary> Actions { get; private set; } = [];
    public List<Choice> Units { get; private set; } = [];
    public List<Choice> Divisions { get; private set; } = [];
    public bool CanManage { get; private set; }
    public bool Filtered => Unit is not null || Division is not null || Mine || !string.IsNullOrEmpty(Status) || Overdue;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Status is { Length: > 0 } && !ActionStatuses.All.Contains(Status)) { ModelState.AddModelError(nameof(Status), "Choose a status from the list"); Status = null; }
        var scope = await user.UnitIdsAsync(ct);
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Name).Select(u => new { u.Id, u.Name, u.DivisionId }).ToListAsync(ct);
        units = units.Where(u => scope is null || scope.Contains(u.Id)).ToList();
        Units = units.Select(u => new Choice(u.Id, u.Name)).ToList();
        var divisionIds = units.Select(u => u.DivisionId).OfType<int>().ToHashSet();
        Divisions = (await db.Divisions.AsNoTracking().OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Where(d => divisionIds.Contains(d.Id)).Select(d => new Choice(d.Id, d.Name)).ToList();
        Actions = await ActionQueries.ListAsync(db, user, new ActionFilter(Unit, Division, Mine, Status, Overdue), ActionEditing.Today(time), ct);
        CanManage = (await authorization.AuthorizeAsync(User, Policies.ManageActions)).Succeeded;
        return Page();
    }
}
