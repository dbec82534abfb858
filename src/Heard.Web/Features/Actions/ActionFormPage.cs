using Heard.Data;
using Heard.Web.Features.Spc;
using Heard.Web.Features.Themes;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Actions;

/// <summary>The fields and choices the create and edit forms share (Features/Actions/_ActionFields.cshtml).</summary>
public abstract class ActionFormPage(HeardDbContext db, CurrentUser user) : PageModel
{
    protected HeardDbContext Db => db;
    protected CurrentUser Me => user;

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public int? UnitId { get; set; }
    [BindProperty] public string? OwnerUserId { get; set; }
    [BindProperty] public string? DueOn { get; set; }
    [BindProperty] public string? Metric { get; set; }
    [BindProperty] public string? Theme { get; set; }
    [BindProperty] public string? ChangedOn { get; set; }

    public List<Choice> Units { get; private set; } = [];
    public List<(string Id, string Name)> Owners { get; private set; } = [];
    public List<string> Themes { get; private set; } = [];
    public virtual bool UnitFixed => false;
    public static IReadOnlyList<SpcMetric> Metrics => SpcMetrics.All;

    public static readonly string[] FieldOrder = ["Title", "Description", "UnitId", "OwnerUserId", "DueOn", "Metric", "Theme", "ChangedOn", "Evidence"];

    protected ActionFields Fields() => new(Title ?? "", Description ?? "", UnitId, OwnerUserId ?? "", DueOn ?? "", Metric ?? "", Theme ?? "", ChangedOn ?? "");

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        Units = (await db.Units.AsNoTracking().Where(u => u.ClosedOn == null || u.Id == UnitId).OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).Select(u => new Choice(u.Id, u.Name)).ToList();
        Owners = await ActionEditing.PossibleOwnersAsync(db, null, scope, ct);
        var trustIds = await user.TrustIdsAsync(ct);
        Themes = await db.ThemeMonthly.AsNoTracking().Where(t => trustIds == null || trustIds.Contains(t.TrustId)).Select(t => t.Label).Distinct().OrderBy(l => l).ToListAsync(ct);
    }
}
