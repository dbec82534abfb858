using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Routing;

/// <summary>The routing rules of the trusts in scope, a form to add one, and a switch to turn each on or off.</summary>
[Authorize(Policy = Policies.ManageRouting)]
public sealed class RulesModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public sealed class RuleInput
    {
        public int TrustId { get; set; }
        public string? Name { get; set; }
        public string? Theme { get; set; }
        public int? UnitId { get; set; }
        public string? Keyword { get; set; }
        public string? Source { get; set; }
        public string? Sentiment { get; set; }
        public int? TargetTeamId { get; set; }
        public string? TargetUserName { get; set; }
        public bool TargetWardManager { get; set; }
    }

    [BindProperty] public RuleInput Input { get; set; } = new();
    public List<RuleView> Rules { get; private set; } = [];
    public List<(int Id, string Name)> Trusts { get; private set; } = [];
    public List<(int Id, string Name)> Units { get; private set; } = [];
    public List<TeamView> TeamList { get; private set; } = [];
    public List<string> Themes { get; private set; } = [];

    /// <summary>Form fields in page order, for the error summary; API field names map onto them.</summary>
    public static readonly Dictionary<string, string> Fields = new()
    {
        ["trustId"] = "Input.TrustId", ["name"] = "Input.Name", ["theme"] = "Input.Theme", ["unitId"] = "Input.UnitId",
        ["keyword"] = "Input.Keyword", ["source"] = "Input.Source", ["sentiment"] = "Input.Sentiment",
        ["targets"] = "Input.TargetTeamId", ["targetTeamId"] = "Input.TargetTeamId", ["targetUserName"] = "Input.TargetUserName",
    };

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Rules = await RoutingRules.ListAsync(db, user, ct);
        var trusts = await user.TrustIdsAsync(ct);
        Trusts = (await db.Trusts.AsNoTracking().Where(t => trusts == null || trusts.Contains(t.Id)).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => (t.Id, t.Name)).ToList();
        var units = await user.UnitIdsAsync(ct);
        Units = (await db.Units.AsNoTracking().Where(u => units == null || units.Contains(u.Id)).OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Select(u => (u.Id, u.Name)).ToList();
        TeamList = await Teams.ListAsync(db, user, ct);
        Themes = await RoutingRules.KnownThemesAsync(db, ct);
        if (Input.TrustId == 0 && Trusts.Count > 0) Input.TrustId = Trusts[0].Id;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var request = new RuleRequest(Input.TrustId, Input.Name, Input.Theme, Input.UnitId, null, null, Input.Keyword, Input.Source,
            Input.Sentiment, Input.TargetTeamId, Input.TargetUserName, Input.TargetWardManager);
        var (rule, errors) = await RoutingRules.ValidateAsync(db, user, request, ct);
        if (rule is null)
        {
            foreach (var (field, messages) in errors) ModelState.AddModelError(Fields.GetValueOrDefault(field, ""), messages[0]);
            await LoadAsync(ct);
            return Page();
        }
        await RoutingRules.SaveAsync(db, audit, rule, ct);
        TempData["Success"] = $"Rule \"{rule.Name}\" added: it routes comments stored from now on";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct)
    {
        if (!await RoutingRules.SetActiveAsync(db, user, audit, id, active, ct)) return NotFound();
        TempData["Success"] = active ? "Rule turned on" : "Rule turned off";
        return RedirectToPage();
    }
}
