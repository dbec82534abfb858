using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Themes;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>"You said, we did" records on the units the user can see, by unit and status, with each unit's public page and poster.</summary>
public sealed class IndexModel(HeardDbContext db, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public List<RecordSummary> Records { get; private set; } = [];
    public List<Choice> Units { get; private set; } = [];
    public bool CanManage { get; private set; }
    /// <summary>The chosen unit's public page, or the trust's when the user covers one trust.</summary>
    public string? PublicLink { get; private set; }
    public string? UnitName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Status is { Length: > 0 } && !YouSaidWeDidStatuses.All.Contains(Status)) { ModelState.AddModelError(nameof(Status), "Choose a status from the list"); Status = null; }
        var scope = await user.UnitIdsAsync(ct);
        Units = (await db.Units.AsNoTracking().OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).Select(u => new Choice(u.Id, u.Name)).ToList();
        if (Unit is int unitId && Units.All(u => u.Id != unitId)) Unit = null;
        Records = await YouSaidWeDidRecords.ListAsync(db, user, Unit, Status, ct);
        CanManage = Policies.ActionManagers.Any(user.IsInRole);
        if (Unit is int chosen)
        {
            var u = await db.Units.AsNoTracking().Where(x => x.Id == chosen).Select(x => new { x.Name, x.Code, x.Trust!.OdsCode }).FirstAsync(ct);
            UnitName = u.Name;
            PublicLink = YouSaidWeDidRecords.PublicLink(u.OdsCode, u.Code);
        }
        else
        {
            var trustIds = await user.TrustIdsAsync(ct);
            var codes = await db.Trusts.AsNoTracking().Where(t => trustIds == null || trustIds.Contains(t.Id)).Select(t => t.OdsCode).Take(2).ToListAsync(ct);
            if (codes.Count == 1) PublicLink = YouSaidWeDidRecords.PublicLink(codes[0]);
        }
        return Page();
    }
}
