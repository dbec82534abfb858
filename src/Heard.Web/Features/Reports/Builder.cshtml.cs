using System.Globalization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Reports;

/// <summary>
/// The report builder: choose a trust or division (one the user sees all of, as the board report asks) or some of the
/// units in the user's scope, monthly, quarterly or a range of months, the feedback sources and the board report's
/// sections; preview it, and save the choices as a template to share.
/// </summary>
[Authorize(Policy = Policies.ReadBoardReports)]
public sealed class BuilderModel(HeardDbContext db, CurrentUser user, Audit audit, IConfiguration config) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Organisation { get; set; }
    [BindProperty(SupportsGet = true)] public List<int>? Units { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public List<string>? Sources { get; set; }
    [BindProperty(SupportsGet = true)] public List<string>? Sections { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    /// <summary>The template being changed, when the builder was opened from one.</summary>
    [BindProperty(SupportsGet = true)] public long? Template { get; set; }

    public List<(string Value, string Name)> Organisations { get; private set; } = [];
    public List<UnitChoice> UnitChoices { get; private set; } = [];
    public BoardReportView? View { get; private set; }
    /// <summary>True when saving changes the template opened rather than adding a new one.</summary>
    public bool Editing { get; private set; }

    /// <summary>The months the range selects offer, newest first: as far back as a range may reach from this month, and a year more.</summary>
    public IEnumerable<(string Value, string Label)> RangeMonths()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = new DateOnly(today.Year, today.Month, 1);
        for (var i = 0; i < ReportPeriod.MaxRangeMonths + 12; i++)
        {
            var m = first.AddMonths(-i);
            yield return (m.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.ToString("MMMM yyyy", CultureInfo.InvariantCulture));
        }
    }

    public static readonly string[] Fields = ["Organisation", "Units", "Period", "Month", "From", "To", "Sources", "Sections", "Name"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (Template is long id)
        {
            var template = await db.ReportTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
            var scope = await user.UnitIdsAsync(ct);
            if (template is null || !await ReportTemplates.MayReadAsync(db, scope, ReportTemplates.Choices(template), ct)) return NotFound();
            Editing = MayChange(template);
            var c = ReportTemplates.ForViewer(ReportTemplates.Choices(template), scope);
            (Organisation, Period, Sources, Sections, Name) = (ReportTemplates.Organisation(c), c.Period, c.Sources.ToList(), c.Sections.ToList(), template.Name);
            Units = c.UnitIds?.ToList();
            if (c.Range is { } r) (From, To) = (ReportPeriod.Format(r.FromMonth), ReportPeriod.Format(r.ToMonth));
        }
        Period ??= BoardReportPeriods.Monthly;
        Month ??= ReportTemplates.LatestPeriod(Period == ReportPeriod.Range ? BoardReportPeriods.Monthly : Period).Key;
        // A list property binds as empty, not null, when the query has none of it: an empty form starts with everything ticked.
        if (Sources is not { Count: > 0 }) Sources = [.. FeedbackSources.All];
        if (Sections is not { Count: > 0 }) Sections = [.. ReportTemplates.Sections.Select(s => s.Key)];
        return Page();
    }

    /// <summary>Shows the report for the chosen period below the form, without saving anything.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (Template is long id)
        {
            var template = await db.ReportTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (template is null || !await ReportTemplates.MayReadAsync(db, await user.UnitIdsAsync(ct), ReportTemplates.Choices(template), ct)) return NotFound();
            Editing = MayChange(template);
        }
        var choices = await ReportTemplates.ValidateAsync(db, ModelState, Organisations, UnitChoices, Posted, ct);
        var period = Period == ReportPeriod.Range ? choices?.Range : ReportPeriod.Parse(Period, Month);
        if (Period != ReportPeriod.Range && period is null) ModelState.AddModelError(nameof(Month), "Enter the month as yyyy-mm, for example 2026-05");
        if (choices is null || period is null) return Page();
        var figures = await ReportTemplates.GenerateAsync(db, choices, period, config, ct);
        if (figures is null) return NotFound();
        var request = new BoardReportRequest(choices.TrustId, choices.DivisionId, period, choices.UnitIds);
        View = new BoardReportView(figures, await BoardReportArchive.LatestNarrativesAsync(db, request, ct), user.CanReadComments,
            $"Preview generated {DateTime.UtcNow.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC from the data as it is now.",
            false, "", null, choices.ShownSections);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        ReportTemplate? existing = null;
        if (Template is long id)
        {
            existing = await db.ReportTemplates.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (existing is null || !await ReportTemplates.MayReadAsync(db, await user.UnitIdsAsync(ct), ReportTemplates.Choices(existing), ct)) return NotFound();
            if (!MayChange(existing)) existing = null;
            Editing = existing is not null;
        }
        var choices = await ReportTemplates.ValidateAsync(db, ModelState, Organisations, UnitChoices, Posted, ct);
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError(nameof(Name), "Enter a name for the template");
        else if (name.Length > ReportTemplates.NameLength) ModelState.AddModelError(nameof(Name), $"Name must be {ReportTemplates.NameLength} characters or fewer");
        if (choices is null || !ModelState.IsValid) return Page();

        var now = DateTime.UtcNow;
        var template = existing ?? new ReportTemplate
        {
            Name = name!, Owner = user.Name, CreatedAt = now, Period = choices.Period, Sources = "", Sections = "", ShareToken = ReportTemplates.NewShareToken(),
        };
        template.Name = name!;
        template.UpdatedAt = now;
        ReportTemplates.Apply(template, choices);
        if (existing is null) db.ReportTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        audit.Record(existing is null ? Audit.Actions.Create : Audit.Actions.Update, ReportTemplates.Entity, template.Id,
            $"{template.Name}: trust {template.TrustId} division {template.DivisionId} units {template.UnitIds ?? "all"}; {ReportTemplates.Describe(choices)}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Template “{template.Name}” saved. Share its link: {ReportTemplates.Link(template.ShareToken)}";
        return Redirect("/Reports/Templates");
    }

    private BuilderFields Posted => new(Organisation, Units, Period, From, To, Sources, Sections);

    /// <summary>What the user may build a report on: whole trusts and divisions they see all of, and any unit they see.</summary>
    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        Organisations = await BoardReportArchive.OrganisationChoicesAsync(db, scope, ct);
        UnitChoices = await ReportTemplates.UnitChoicesAsync(db, scope, ct);
    }

    private bool MayChange(ReportTemplate t) => t.Owner == user.Name || user.IsAdministrator;
}
