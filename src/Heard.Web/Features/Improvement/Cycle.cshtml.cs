using System.Globalization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Improvement;

/// <summary>Adds a Plan-Do-Study-Act cycle to a project, or records what happened in one: the plan and prediction first, the rest as it runs.</summary>
[Authorize(Policy = Policies.ManageImprovement)]
public sealed class CycleModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService auth) : PageModel
{
    public sealed class CycleInput
    {
        public string? Plan { get; set; }
        public string? Prediction { get; set; }
        public string? Done { get; set; }
        public string? Study { get; set; }
        public string? Act { get; set; }
        public string? StartedOn { get; set; }
        public string? EndedOn { get; set; }
        public bool IsChange { get; set; }
    }

    [BindProperty(SupportsGet = true)] public long Project { get; set; }
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public CycleInput Input { get; set; } = new();

    public ImprovementProject ProjectRecord { get; private set; } = null!;
    public int Number { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        if (Id is long id)
        {
            var c = await db.PdsaCycles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.ImprovementProjectId == Project, ct);
            if (c is null) return NotFound();
            Number = c.Number;
            Input = new CycleInput
            {
                Plan = c.Plan, Prediction = c.Prediction, Done = c.Done, Study = c.Study, Act = c.Act, IsChange = c.IsChange,
                StartedOn = c.StartedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), EndedOn = c.EndedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
        }
        else Input.StartedOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        PdsaCycle? cycle = null;
        if (Id is long id)
        {
            cycle = await db.PdsaCycles.FirstOrDefaultAsync(x => x.Id == id && x.ImprovementProjectId == Project, ct);
            if (cycle is null) return NotFound();
            Number = cycle.Number;
        }
        var i = Input;
        var plan = i.Plan?.Trim() ?? "";
        if (plan.Length == 0) ModelState.AddModelError("Input.Plan", "Say what change this cycle tests");
        var prediction = i.Prediction?.Trim() ?? "";
        if (prediction.Length == 0) ModelState.AddModelError("Input.Prediction", "Say what you predict will happen");
        if (!DateOnly.TryParseExact(i.StartedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var started))
            ModelState.AddModelError("Input.StartedOn", "Enter the start date as year, month and day, for example 2026-03-01");
        DateOnly? ended = null;
        if (!string.IsNullOrWhiteSpace(i.EndedOn))
        {
            if (!DateOnly.TryParseExact(i.EndedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e))
                ModelState.AddModelError("Input.EndedOn", "Enter the end date as year, month and day, for example 2026-04-01");
            else if (e < started) ModelState.AddModelError("Input.EndedOn", "The end date must be on or after the start date");
            else ended = e;
        }
        var act = string.IsNullOrEmpty(i.Act) ? null : i.Act;
        if (act is not null && !PdsaDecisions.All.Contains(act)) ModelState.AddModelError("Input.Act", "Choose adopt, adapt or abandon, or not decided yet");
        if (!ModelState.IsValid) return Page();

        if (cycle is null)
        {
            Number = (await db.PdsaCycles.Where(c => c.ImprovementProjectId == Project).MaxAsync(c => (int?)c.Number, ct) ?? 0) + 1;
            cycle = new PdsaCycle { ImprovementProjectId = Project, Number = Number, Plan = plan, Prediction = prediction };
            db.PdsaCycles.Add(cycle);
        }
        cycle.Plan = plan;
        cycle.Prediction = prediction;
        cycle.Done = Blank(i.Done);
        cycle.Study = Blank(i.Study);
        cycle.Act = act;
        cycle.StartedOn = started;
        cycle.EndedOn = ended;
        cycle.IsChange = i.IsChange;
        ProjectRecord.UpdatedAt = DateTime.UtcNow;
        audit.Record(Id is null ? Audit.Actions.Create : Audit.Actions.Update, "pdsa_cycle", Project, $"cycle {Number}: {act ?? "not decided"}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = Id is null ? $"Cycle {Number} added" : $"Cycle {Number} saved";
        return Redirect($"/Improvement/Project?id={Project}#cycles");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var p = await ImprovementProjects.FindVisibleAsync(db, user, Project, ct);
        if (p is null) return NotFound();
        if (!await ImprovementProjects.MayEditAsync(db, user, auth, p.TrustId, p.Units.Select(u => u.UnitId), ct)) return Forbid();
        ProjectRecord = p;
        return null;
    }
}
