using System.Globalization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Themes;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Improvement;

/// <summary>Starts or edits a project: its aim, scope, lead, status and start, and whether it is an Always Event.</summary>
[Authorize(Policy = Policies.ManageImprovement)]
public sealed class EditModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService auth) : PageModel
{
    public sealed class ProjectInput
    {
        public int? TrustId { get; set; }
        public List<int> UnitIds { get; set; } = [];
        public string? Title { get; set; }
        public string? Aim { get; set; }
        public string? Lead { get; set; }
        public string? Status { get; set; }
        public string? StartedOn { get; set; }
        public bool IsAlwaysEvent { get; set; }
        public string? AlwaysEventStatement { get; set; }
        public string? AlwaysEventMeasure { get; set; }
    }

    public sealed record UnitChoice(int Id, string Name, int TrustId);

    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public ProjectInput Input { get; set; } = new();

    public List<Choice> Trusts { get; private set; } = [];
    public List<UnitChoice> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (Id is long id)
        {
            var p = await ImprovementProjects.FindVisibleAsync(db, user, id, ct);
            if (p is null) return NotFound();
            if (!await ImprovementProjects.MayEditAsync(db, user, auth, p.TrustId, p.Units.Select(u => u.UnitId), ct)) return Forbid();
            Input = new ProjectInput
            {
                TrustId = p.TrustId, UnitIds = p.Units.Select(u => u.UnitId).ToList(), Title = p.Title, Aim = p.Aim, Lead = p.Lead, Status = p.Status,
                StartedOn = p.StartedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), IsAlwaysEvent = p.IsAlwaysEvent,
                AlwaysEventStatement = p.AlwaysEventStatement, AlwaysEventMeasure = p.AlwaysEventMeasure,
            };
        }
        else
        {
            Input = new ProjectInput { TrustId = Trusts.FirstOrDefault()?.Id, Status = ImprovementStatuses.Proposed, Lead = user.Name,
                StartedOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        ImprovementProject? project = null;
        if (Id is long id)
        {
            project = await ImprovementProjects.FindVisibleAsync(db, user, id, ct);
            if (project is null) return NotFound();
            if (!await ImprovementProjects.MayEditAsync(db, user, auth, project.TrustId, project.Units.Select(u => u.UnitId), ct)) return Forbid();
        }
        var i = Input;
        var trustId = project?.TrustId ?? i.TrustId ?? 0;
        if (project is null && Trusts.All(t => t.Id != trustId)) ModelState.AddModelError("Input.TrustId", "Choose the trust");
        var unitIds = i.UnitIds.Distinct().ToList();
        if (unitIds.Any(u => Units.All(x => x.Id != u || x.TrustId != trustId))) ModelState.AddModelError("Input.UnitIds", "Choose units of the project's trust that you can see");
        var title = i.Title?.Trim() ?? "";
        if (title.Length == 0) ModelState.AddModelError("Input.Title", "Enter the project's title");
        else if (title.Length > 200) ModelState.AddModelError("Input.Title", "Keep the title to 200 characters or fewer");
        var aim = i.Aim?.Trim() ?? "";
        if (aim.Length == 0) ModelState.AddModelError("Input.Aim", "Enter the aim: what will improve, by how much, for whom and by when");
        var lead = i.Lead?.Trim() ?? "";
        if (lead.Length == 0) ModelState.AddModelError("Input.Lead", "Enter who leads the project");
        if (!ImprovementStatuses.All.Contains(i.Status)) ModelState.AddModelError("Input.Status", "Choose the project's status");
        if (!DateOnly.TryParseExact(i.StartedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var started))
            ModelState.AddModelError("Input.StartedOn", "Enter the start date as year, month and day, for example 2026-03-01");
        var statement = i.AlwaysEventStatement?.Trim();
        if (i.IsAlwaysEvent && string.IsNullOrEmpty(statement))
            ModelState.AddModelError("Input.AlwaysEventStatement", "Enter the Always Event in patients' words, for example \"I am always told the name of the nurse looking after me\"");
        if (ModelState.IsValid && !await ImprovementProjects.MayEditAsync(db, user, auth, trustId, unitIds, ct))
            ModelState.AddModelError("Input.UnitIds", unitIds.Count == 0 ? "Only someone who can see the whole trust can start a trust-wide project: choose your units" : "Choose only units you can see");
        if (!ModelState.IsValid) return Page();

        var now = DateTime.UtcNow;
        if (project is null)
        {
            project = new ImprovementProject { TrustId = trustId, Title = title, Aim = aim, Lead = lead, Status = i.Status!, CreatedBy = user.Name, CreatedAt = now };
            db.ImprovementProjects.Add(project);
        }
        project.Title = title;
        project.Aim = aim;
        project.Lead = lead;
        project.Status = i.Status!;
        project.StartedOn = started;
        project.IsAlwaysEvent = i.IsAlwaysEvent;
        project.AlwaysEventStatement = i.IsAlwaysEvent ? statement : null;
        project.AlwaysEventMeasure = i.IsAlwaysEvent ? i.AlwaysEventMeasure?.Trim() : null;
        project.UpdatedAt = now;
        project.Units.RemoveAll(u => !unitIds.Contains(u.UnitId));
        foreach (var u in unitIds.Where(u => project.Units.All(x => x.UnitId != u))) project.Units.Add(new ImprovementProjectUnit { UnitId = u });
        await db.SaveChangesAsync(ct);
        await audit.RecordNowAsync(Id is null ? Audit.Actions.Create : Audit.Actions.Update, "improvement_project", project.Id, $"{title}; {project.Status}", ct);
        TempData["Success"] = Id is null ? $"Project started: {title}" : $"Project saved: {title}";
        return Redirect($"/Improvement/Project?id={project.Id}");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        Units = (await db.Units.AsNoTracking().OrderBy(u => u.Name).Select(u => new UnitChoice(u.Id, u.Name, u.TrustId)).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).ToList();
        var trusts = await user.TrustIdsAsync(ct);
        Trusts = (await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct))
            .Where(t => trusts is null || trusts.Contains(t.Id)).ToList();
    }
}
