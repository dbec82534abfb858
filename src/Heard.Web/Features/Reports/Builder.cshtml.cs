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
/// The report builder: choose a trust or division, monthly or quarterly, the feedback sources and the board report's
/// sections, preview it for a period, and save the choices as a template to share. Offers only the trusts and divisions
/// the user sees all of, as the board report does.
/// </summary>
[Authorize(Policy = Policies.ReadBoardReports)]
public sealed class BuilderModel(HeardDbContext db, CurrentUser user, Audit audit, IConfiguration config) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Organisation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public List<string>? Sources { get; set; }
    [BindProperty(SupportsGet = true)] public List<string>? Sections { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    /// <summary>The template being changed, when the builder was opened from one.</summary>
    [BindProperty(SupportsGet = true)] public long? Template { get; set; }

    public List<(string Value, string Name)> Organisations { get; private set; } = [];
    public BoardReportView? View { get; private set; }
    /// <summary>True when saving changes the template opened rather than adding a new one.</summary>
    public bool Editing { get; private set; }

    public static readonly string[] Fields = ["Organisation", "Period", "Month", "Sources", "Sections", "Name"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Organisations = await BoardReportArchive.OrganisationChoicesAsync(db, await user.UnitIdsAsync(ct), ct);
        if (Template is long id)
        {
            var template = await db.ReportTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (template is null || !await BoardReportQuery.MayReadAsync(db, await user.UnitIdsAsync(ct), template.TrustId, template.DivisionId, ct)) return NotFound();
            Editing = MayChange(template);
            var c = ReportTemplates.Choices(template);
            (Organisation, Period, Sources, Sections, Name) = (ReportTemplates.Organisation(c), c.Period, c.Sources.ToList(), c.Sections.ToList(), template.Name);
        }
        Period ??= BoardReportPeriods.Monthly;
        Month ??= ReportTemplates.LatestPeriod(Period).Key;
        Sources ??= [.. FeedbackSources.All];
        Sections ??= [.. ReportTemplates.Sections.Select(s => s.Key)];
        return Page();
    }

    /// <summary>Shows the report for the chosen month or quarter below the form, without saving anything.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        Organisations = await BoardReportArchive.OrganisationChoicesAsync(db, await user.UnitIdsAsync(ct), ct);
        if (Template is long id)
        {
            var template = await db.ReportTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (template is null || !await BoardReportQuery.MayReadAsync(db, await user.UnitIdsAsync(ct), template.TrustId, template.DivisionId, ct)) return NotFound();
            Editing = MayChange(template);
        }
        var choices = await ReportTemplates.ValidateAsync(db, ModelState, Organisations, Organisation, Period, Sources, Sections, ct);
        var period = ReportPeriod.Parse(Period, Month);
        if (period is null) ModelState.AddModelError(nameof(Month), "Enter the month as yyyy-mm, for example 2026-05");
        if (choices is null || period is null) return Page();
        var figures = await ReportTemplates.GenerateAsync(db, choices, period, config, ct);
        if (figures is null) return NotFound();
        var request = new BoardReportRequest(choices.TrustId, choices.DivisionId, period);
        View = new BoardReportView(figures, await BoardReportArchive.LatestNarrativesAsync(db, request, ct), user.CanReadComments,
            $"Preview generated {DateTime.UtcNow.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC from the data as it is now.",
            false, "", null, choices.ShownSections);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        Organisations = await BoardReportArchive.OrganisationChoicesAsync(db, await user.UnitIdsAsync(ct), ct);
        ReportTemplate? existing = null;
        if (Template is long id)
        {
            existing = await db.ReportTemplates.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (existing is null || !await BoardReportQuery.MayReadAsync(db, await user.UnitIdsAsync(ct), existing.TrustId, existing.DivisionId, ct)) return NotFound();
            if (!MayChange(existing)) existing = null;
            Editing = existing is not null;
        }
        var choices = await ReportTemplates.ValidateAsync(db, ModelState, Organisations, Organisation, Period, Sources, Sections, ct);
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
        template.TrustId = choices.TrustId;
        template.DivisionId = choices.DivisionId;
        template.Period = choices.Period;
        template.Sources = ReportTemplates.Join(choices.Sources);
        template.Sections = ReportTemplates.Join(choices.Sections);
        if (existing is null) db.ReportTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        audit.Record(existing is null ? Audit.Actions.Create : Audit.Actions.Update, ReportTemplates.Entity, template.Id,
            $"{template.Name}: trust {template.TrustId} division {template.DivisionId}; {ReportTemplates.Describe(choices)}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Template “{template.Name}” saved. Share its link: {ReportTemplates.Link(template.ShareToken)}";
        return Redirect("/Reports/Templates");
    }

    private bool MayChange(ReportTemplate t) => t.Owner == user.Name || user.IsAdministrator;
}
