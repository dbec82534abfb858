using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Features.Organisation;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Surveys;

/// <summary>
/// Where a survey runs: units and settings, each with its own short code. Warns before a unit and setting is given a
/// second survey for the same period, and goes ahead only when the person confirms.
/// </summary>
[Authorize(Policy = Policies.ManageSurveys)]
public sealed class SurveyAssignModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public sealed record UnitChoice(int UnitId, string Code, string Name, IReadOnlyList<string> Settings);
    public sealed record SiteGroup(string SiteName, IReadOnlyList<UnitChoice> Units);

    public SurveyRegisterRow Survey { get; private set; } = null!;
    public List<SiteGroup> Sites { get; private set; } = [];
    public AssignInput Input { get; private set; } = new();
    /// <summary>Clashes with other surveys found on the last attempt; the page shows them and asks for confirmation.</summary>
    public List<SurveyOverlap> Overlaps { get; private set; } = [];

    public static string Choice(int unitId, string setting) => $"{unitId}:{setting}";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, [Bind(Prefix = "Input")] AssignInput input, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = input;
        ModelState.Clear();
        var offered = Sites.SelectMany(s => s.Units).SelectMany(u => u.Settings.Select(setting => (u, setting)))
            .ToDictionary(x => Choice(x.u.UnitId, x.setting), x => x);
        var chosen = input.Selected.Distinct().ToList();
        if (chosen.Count == 0)
            ModelState.AddModelError("Input.Selected", "Choose at least one unit and setting");
        else if (chosen.Any(c => !offered.ContainsKey(c)))
            ModelState.AddModelError("Input.Selected", "Choose units and settings from the list");
        var (starts, ends) = SurveyCreateModel.ReadDates(ModelState, "Input", input.StartsOn, input.EndsOn);
        if (!ModelState.IsValid) return Page();

        var from = starts ?? Survey.StartsOn;
        var to = ends ?? Survey.EndsOn;
        var picks = chosen.Select(c => offered[c]).ToList();
        var already = picks.Where(p => Survey.Places.Any(a => a.UnitId == p.u.UnitId && a.Setting == p.setting
            && SurveyDates.Overlap(a.StartsOn ?? Survey.StartsOn, a.EndsOn ?? Survey.EndsOn, from, to))).ToList();
        if (already.Count > 0)
        {
            ModelState.AddModelError("Input.Selected", "This survey already runs on " +
                string.Join(", ", already.Select(p => $"{p.u.Name} ({OrganisationText.SettingLabel(p.setting)})")) + " in that period. Untick them.");
            return Page();
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var others = await SurveyRegister.OtherTargetsAsync(db, id, picks.Select(p => p.u.UnitId).Distinct().ToList(), ct);
        var mine = picks.Select(p => new SurveyRegister.Target(id, Survey.Name, p.u.UnitId, p.u.Name, p.setting, from, to));
        Overlaps = SurveyRegister.FindOverlaps([.. mine, .. others], today).Where(o => o.SurveyId == id).ToList();
        if (Overlaps.Count > 0 && !input.ConfirmOverlap)
        {
            ModelState.AddModelError("Input.ConfirmOverlap",
                "Another survey already asks patients at " + (Overlaps.Count == 1 ? "this unit" : "some of these units") +
                " in the same period. Confirm that both surveys should run there, or untick the units.");
            return Page();
        }

        var now = DateTime.UtcNow;
        var created = picks.Select(p => new SurveyAssignment
        {
            SurveyId = id, UnitId = p.u.UnitId, Setting = p.setting, StartsOn = starts, EndsOn = ends, CreatedAt = now,
            Code = SurveyPoints.NewCode(),
        }).ToList();
        await SaveWithFreshCodesAsync(created, () =>
        {
            foreach (var a in created)
            {
                var unit = picks.First(p => p.u.UnitId == a.UnitId).u;
                audit.Record(Audit.Actions.Create, "survey_assignment", id,
                    $"survey {id} '{Survey.Name}' assigned to {unit.Name} ({unit.Code}), {a.Setting}, code {a.Code}, {SurveyDates.Period(a.StartsOn, a.EndsOn)}"
                    + (Overlaps.Any(o => o.UnitId == a.UnitId && o.Setting == a.Setting) ? "; overlap with another survey confirmed" : ""));
            }
        }, ct);
        TempData["Success"] = created.Count == 1
            ? $"{Survey.Name} now runs on {picks[0].u.Name}. Its short link is /s/{created[0].Code}."
            : $"{Survey.Name} now runs on {created.Count} more units and settings. Each has its own short link, poster and paper card.";
        return RedirectToPage("/Surveys/Assign", new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int assignmentId, CancellationToken ct)
    {
        var survey = await SurveyEditing.FindInScopeAsync(db, user, id, ct);
        if (survey is null) return NotFound();
        var assignment = await db.SurveyAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId && a.SurveyId == id, ct);
        if (assignment is null || !await user.CanSeeUnitAsync(assignment.UnitId, ct)) return NotFound();
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == assignment.UnitId).Select(u => new { u.Name, u.Code }).FirstAsync(ct);
        db.SurveyAssignments.Remove(assignment);
        audit.Record(Audit.Actions.Delete, "survey_assignment", assignment.Id,
            $"survey {id} '{survey.Name}' no longer runs on {unit.Name} ({unit.Code}), {assignment.Setting}; code {assignment.Code} retired");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"{survey.Name} no longer runs on {unit.Name} ({OrganisationText.SettingLabel(assignment.Setting)}). Its link /s/{assignment.Code} and printed posters and cards stop working. Answers already given are kept.";
        return RedirectToPage("/Surveys/Assign", new { id });
    }

    /// <summary>
    /// Codes are random, so two can collide: taken codes are drawn again before saving, and should someone take one
    /// between the check and the insert, the unique index stops it and the set is drawn again. The audit entries name
    /// the codes, so they are written afresh with each attempt, in the same save as the assignments.
    /// </summary>
    private async Task SaveWithFreshCodesAsync(List<SurveyAssignment> created, Action recordAudit, CancellationToken ct)
    {
        db.SurveyAssignments.AddRange(created);
        for (var attempt = 0; ; attempt++)
        {
            var codes = created.Select(a => a.Code).ToList();
            var taken = (await db.SurveyAssignments.AsNoTracking().Where(a => codes.Contains(a.Code)).Select(a => a.Code).ToListAsync(ct)).ToHashSet();
            var seen = new HashSet<string>();
            foreach (var a in created)
                while (taken.Contains(a.Code) || !seen.Add(a.Code)) a.Code = SurveyPoints.NewCode();
            recordAudit();
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
                    entry.State = EntityState.Detached;
                foreach (var a in created) a.Code = SurveyPoints.NewCode();
            }
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var survey = await SurveyEditing.FindInScopeAsync(db, user, id, ct);
        if (survey is null) return false;
        var rows = await SurveyRegister.LoadAsync(db, [survey.TrustId], DateOnly.FromDateTime(DateTime.UtcNow), ct);
        Survey = rows.Single(r => r.Id == id);
        var scope = await user.UnitIdsAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.TrustId == survey.TrustId && u.ClosedOn == null).ToListAsync(ct);
        if (scope is not null) units = units.Where(u => scope.Contains(u.Id)).ToList();
        var siteIds = units.Select(u => u.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        Sites = units.GroupBy(u => u.SiteId)
            .Select(g => new SiteGroup(sites.GetValueOrDefault(g.Key, ""),
                g.OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).Select(u => new UnitChoice(u.Id, u.Code, u.Name, u.SettingCodes.ToList())).ToList()))
            .OrderBy(s => s.SiteName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return true;
    }

    public sealed class AssignInput
    {
        public List<string> Selected { get; set; } = [];
        public DateParts? StartsOn { get; set; }
        public DateParts? EndsOn { get; set; }
        public bool ConfirmOverlap { get; set; }
    }
}
