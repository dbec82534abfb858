using Heard.Data;
using Heard.Web.Features.Themes;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Improvement;

/// <summary>Quality improvement projects in the user's scope, by unit and status. Every role may look; names of patient partners never show here.</summary>
public sealed class IndexModel(HeardDbContext db, CurrentUser user, IAuthorizationService auth) : PageModel
{
    public sealed record Row(long Id, string Title, string Units, string Status, DateOnly StartedOn, int Cycles, bool IsAlwaysEvent);

    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public List<Row> Rows { get; private set; } = [];
    public List<Choice> Units { get; private set; } = [];
    public bool CanCreate { get; private set; }
    public bool AnyProjects { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanCreate = (await auth.AuthorizeAsync(User, Policies.ManageImprovement)).Succeeded;
        var scope = await user.UnitIdsAsync(ct);
        var units = (await db.Units.AsNoTracking().OrderBy(u => u.Name).Select(u => new { u.Id, u.Name, u.TrustId }).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).ToList();
        Units = units.Select(u => new Choice(u.Id, u.Name)).ToList();
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var projects = await ImprovementProjects.VisibleAsync(db, user, ct);
        AnyProjects = projects.Count > 0;
        if (Status is { Length: > 0 } && ImprovementStatuses.All.Contains(Status)) projects = projects.Where(p => p.Status == Status).ToList();
        if (Unit is int u && units.FirstOrDefault(x => x.Id == u) is { } unit)
            projects = projects.Where(p => p.Units.Any(x => x.UnitId == u) || (p.Units.Count == 0 && p.TrustId == unit.TrustId)).ToList();
        var ids = projects.Select(p => p.Id).ToList();
        var cycles = await db.PdsaCycles.AsNoTracking().Where(c => ids.Contains(c.ImprovementProjectId)).GroupBy(c => c.ImprovementProjectId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Rows = projects.OrderBy(p => p.Status == ImprovementStatuses.Closed).ThenByDescending(p => p.StartedOn).ThenBy(p => p.Title)
            .Select(p => new Row(p.Id, p.Title,
                p.Units.Count == 0 ? "Trust-wide" : string.Join(", ", p.Units.Select(x => names.GetValueOrDefault(x.UnitId, "a unit outside your access")).Order()),
                p.Status, p.StartedOn, cycles.GetValueOrDefault(p.Id), p.IsAlwaysEvent)).ToList();
    }
}
