using System.Globalization;
using Heard.Analysis.Spc;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Partners;
using Heard.Web.Features.Spc;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Improvement;

/// <summary>
/// One project: its aim, the people co-designing it, its PDSA cycles as a timeline, each measure as an SPC chart with new
/// limits from every cycle marked as a change, and for an Always Event the monthly share of patients who said it happened.
/// Patient partners show by initials only: their names belong to the register, where each view is audited.
/// </summary>
public sealed class ProjectModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService auth) : PageModel
{
    public sealed record Person(long Id, string Name, bool IsPatientPartner, long? PartnerId, string Role, DateOnly JoinedOn, double? Hours);
    public sealed record Place(string Key, string Name);
    public sealed record AlwaysEventMonth(int Month, int Asked, int Yes);

    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    public ImprovementProject Project { get; private set; } = null!;
    public string Covers { get; private set; } = "";
    public List<Person> People { get; private set; } = [];
    public List<PdsaCycle> Cycles { get; private set; } = [];
    public List<ImprovementChart> Charts { get; private set; } = [];
    public List<AlwaysEventMonth> AlwaysEventMonths { get; private set; } = [];
    public SpcChartDrawing? AlwaysEventDrawing { get; private set; }
    public bool CanEdit { get; private set; }
    public List<(string Id, string Label)> StaffChoices { get; private set; } = [];
    public List<(long Id, string Label)> PartnerChoices { get; private set; } = [];
    public List<Place> Places { get; private set; } = [];
    public List<string> Themes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAddParticipantAsync(string? person, string? role, string? hours, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        if (!CanEdit) return Forbid();
        var participant = new ImprovementParticipant { ImprovementProjectId = Id, Role = role?.Trim() ?? "", JoinedOn = DateOnly.FromDateTime(DateTime.UtcNow) };
        if (person?.StartsWith("user-", StringComparison.Ordinal) == true && await db.Users.AnyAsync(u => u.Id == person.Substring(5), ct))
            participant.UserId = person[5..];
        else if (person?.StartsWith("partner-", StringComparison.Ordinal) == true && long.TryParse(person[8..], CultureInfo.InvariantCulture, out var pid)
            && PartnerChoices.Any(c => c.Id == pid))
            participant.PatientPartnerId = pid;
        else ModelState.AddModelError("Person", "Choose a member of staff or a patient partner");
        if (participant.Role.Length == 0) ModelState.AddModelError("Role", "Say what part they play, for example co-designer");
        if (ParseHours(hours, out var h)) participant.Hours = h; else ModelState.AddModelError("Hours", "Enter the hours as a number, for example 2.5");
        if (!ModelState.IsValid) return Page();
        db.ImprovementParticipants.Add(participant);
        audit.Record(Audit.Actions.Create, "improvement_participant", Id, $"{person} as {participant.Role}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Participant added";
        return Redirect($"/Improvement/Project?id={Id}#people");
    }

    public async Task<IActionResult> OnPostRemoveParticipantAsync(long participantId, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        if (!CanEdit) return Forbid();
        var p = await db.ImprovementParticipants.FirstOrDefaultAsync(x => x.Id == participantId && x.ImprovementProjectId == Id, ct);
        if (p is null) return NotFound();
        db.ImprovementParticipants.Remove(p);
        audit.Record(Audit.Actions.Delete, "improvement_participant", Id, p.UserId is not null ? $"user {p.UserId}" : $"partner {p.PatientPartnerId}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Participant removed";
        return Redirect($"/Improvement/Project?id={Id}#people");
    }

    public async Task<IActionResult> OnPostAddMeasureAsync(string? metric, string? place, string? theme, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        if (!CanEdit) return Forbid();
        var m = SpcMetrics.Find(metric);
        if (m is null) ModelState.AddModelError("Metric", "Choose a measure from the list");
        var where = Places.FirstOrDefault(p => p.Key == place);
        if (where is null) ModelState.AddModelError("Place", "Choose where it is measured");
        if (m?.NeedsTheme == true && string.IsNullOrWhiteSpace(theme)) ModelState.AddModelError("Theme", "Choose the theme");
        if (!ModelState.IsValid) return Page();
        var measure = new ImprovementMeasure { ImprovementProjectId = Id, Metric = m!.Key, Theme = m.NeedsTheme ? theme!.Trim() : "" };
        var parts = where!.Key.Split('-');
        if (parts[0] == "unit") measure.UnitId = int.Parse(parts[1], CultureInfo.InvariantCulture);
        if (parts[0] == "division") measure.DivisionId = int.Parse(parts[1], CultureInfo.InvariantCulture);
        db.ImprovementMeasures.Add(measure);
        audit.Record(Audit.Actions.Create, "improvement_measure", Id, $"{m.Key} {where.Key} {measure.Theme}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Measure added: {m.Label}, {where.Name}";
        return Redirect($"/Improvement/Project?id={Id}#measures");
    }

    public async Task<IActionResult> OnPostRemoveMeasureAsync(long measureId, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        if (!CanEdit) return Forbid();
        var m = await db.ImprovementMeasures.FirstOrDefaultAsync(x => x.Id == measureId && x.ImprovementProjectId == Id, ct);
        if (m is null) return NotFound();
        db.ImprovementMeasures.Remove(m);
        audit.Record(Audit.Actions.Delete, "improvement_measure", Id, m.Metric);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Measure removed";
        return Redirect($"/Improvement/Project?id={Id}#measures");
    }

    public async Task<IActionResult> OnPostAlwaysEventAsync(string? month, int? asked, int? yes, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        if (!CanEdit || !Project.IsAlwaysEvent) return Forbid();
        var monthValue = 0;
        if (!DateOnly.TryParseExact(month?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            ModelState.AddModelError("Month", "Enter the month as year and month, for example 2026-03");
        else monthValue = DashboardFilter.MonthOf(d);
        if (asked is not > 0) ModelState.AddModelError("Asked", "Enter how many patients were asked, 1 or more");
        if (yes is null || yes < 0 || yes > asked) ModelState.AddModelError("Yes", "Enter how many said yes, no more than were asked");
        if (!ModelState.IsValid) return Page();
        var check = await db.AlwaysEventChecks.FirstOrDefaultAsync(c => c.ImprovementProjectId == Id && c.Month == monthValue, ct);
        if (check is null) db.AlwaysEventChecks.Add(check = new AlwaysEventCheck { ImprovementProjectId = Id, Month = monthValue, RecordedBy = user.Name });
        check.Asked = asked!.Value;
        check.Yes = yes!.Value;
        check.RecordedBy = user.Name;
        audit.Record(Audit.Actions.Update, "always_event_check", Id, $"{monthValue}: {yes} of {asked}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Always Event recorded for {DashboardFilter.Label(monthValue)}: {yes} of {asked}";
        return Redirect($"/Improvement/Project?id={Id}#always-event");
    }

    private static bool ParseHours(string? text, out double? hours)
    {
        hours = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h >= 0 && h < 10_000) { hours = h; return true; }
        return false;
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var p = await ImprovementProjects.FindVisibleAsync(db, user, Id, ct);
        if (p is null) return NotFound();
        Project = p;
        var scope = await user.UnitIdsAsync(ct);
        CanEdit = await ImprovementProjects.MayEditAsync(db, user, auth, p.TrustId, p.Units.Select(u => u.UnitId), ct);
        var units = await db.Units.AsNoTracking().Where(u => u.TrustId == p.TrustId).Select(u => new { u.Id, u.Name, u.DivisionId }).ToListAsync(ct);
        var trustName = await db.Trusts.Where(t => t.Id == p.TrustId).Select(t => t.Name).SingleAsync(ct);
        Covers = p.Units.Count == 0 ? $"{trustName} (trust-wide)"
            : string.Join(", ", p.Units.Select(x => units.FirstOrDefault(u => u.Id == x.UnitId)?.Name ?? "a unit").Order());

        var participants = await db.ImprovementParticipants.AsNoTracking().Where(x => x.ImprovementProjectId == Id).OrderBy(x => x.Id).ToListAsync(ct);
        var userIds = participants.Where(x => x.UserId is not null).Select(x => x.UserId!).ToList();
        var staff = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => string.IsNullOrEmpty(u.DisplayName) ? u.UserName ?? u.Id : u.DisplayName, ct);
        var partnerIds = participants.Where(x => x.PatientPartnerId is not null).Select(x => x.PatientPartnerId!.Value).ToList();
        var partners = await db.PatientPartners.AsNoTracking().Where(x => partnerIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.FullName, ct);
        People = participants.Select(x => x.UserId is not null
            ? new Person(x.Id, staff.GetValueOrDefault(x.UserId, "A former user"), false, null, x.Role, x.JoinedOn, x.Hours)
            : new Person(x.Id, PartnerRegister.Initials(partners.GetValueOrDefault(x.PatientPartnerId!.Value, "?")), true, x.PatientPartnerId, x.Role, x.JoinedOn, x.Hours)).ToList();

        Cycles = await db.PdsaCycles.AsNoTracking().Where(c => c.ImprovementProjectId == Id).OrderBy(c => c.Number).ToListAsync(ct);
        var measures = await db.ImprovementMeasures.AsNoTracking().Where(m => m.ImprovementProjectId == Id).OrderBy(m => m.Id).ToListAsync(ct);
        Charts = [];
        foreach (var m in measures) Charts.Add(await ImprovementProjects.ChartAsync(db, p, m, Cycles, scope, ct));

        if (p.IsAlwaysEvent)
        {
            AlwaysEventMonths = await db.AlwaysEventChecks.AsNoTracking().Where(c => c.ImprovementProjectId == Id).OrderBy(c => c.Month)
                .Select(c => new AlwaysEventMonth(c.Month, c.Asked, c.Yes)).ToListAsync(ct);
            if (AlwaysEventMonths.Count > 0)
            {
                var chart = PChart.Evaluate(AlwaysEventMonths.Select(m => (long)m.Yes).ToArray(), AlwaysEventMonths.Select(m => (long)m.Asked).ToArray(),
                    new SpcOptions { Improvement = ImprovementDirection.Increase });
                var labels = AlwaysEventMonths.Select(m => DashboardFilter.Label(m.Month)).ToList();
                AlwaysEventDrawing = new SpcChartDrawing("always-event-chart", $"Always Event: {p.AlwaysEventStatement}",
                    $"p-chart of the share of patients who said it happened, {labels[0]} to {labels[^1]}, {labels.Count} months. The table below gives every figure.",
                    chart, labels, 100, "%", 1, []);
            }
        }

        if (CanEdit)
        {
            StaffChoices = (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.UserName)
                .Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(ct))
                .Select(u => (u.Id, string.IsNullOrEmpty(u.DisplayName) ? u.UserName ?? u.Id : $"{u.DisplayName} ({u.UserName})")).ToList();
            PartnerChoices = (await db.PatientPartners.AsNoTracking().Where(x => x.TrustId == p.TrustId && x.WithdrawnOn == null).OrderBy(x => x.Id).ToListAsync(ct))
                .Select(x => (x.Id, $"{PartnerRegister.Initials(x.FullName)} (partner {x.Id}){(x.Interests.Length > 0 ? ", " + x.Interests.Replace(",", ", ") : "")}")).ToList();
            Places = [new("trust", $"{trustName} (whole trust)")];
            var divisions = await db.Divisions.AsNoTracking().Where(d => d.TrustId == p.TrustId).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
            var covered = p.Units.Count == 0 ? units.Select(u => u.Id).ToList() : p.Units.Select(u => u.UnitId).ToList();
            foreach (var dv in units.Where(u => covered.Contains(u.Id) && u.DivisionId is not null).Select(u => u.DivisionId!.Value).Distinct())
                if (divisions.TryGetValue(dv, out var dn)) Places.Add(new($"division-{dv}", $"{dn} (division)"));
            foreach (var u in units.Where(u => covered.Contains(u.Id)).OrderBy(u => u.Name)) Places.Add(new($"unit-{u.Id}", u.Name));
            Themes = await db.ThemeMonthly.AsNoTracking().Where(t => t.TrustId == p.TrustId).Select(t => t.Label).Distinct().OrderBy(l => l).ToListAsync(ct);
        }
        return null;
    }
}
