using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Reports;

public sealed record TemplateSummary(long Id, string Name, string Organisation, string Description, string Owner, DateTime UpdatedAt, string Link, bool MayChange);

/// <summary>
/// The report builder's saved templates that the user may run: those over a trust or division they see all of, and those
/// over chosen units when they see at least one of them.
/// </summary>
[Authorize(Policy = Policies.ReadBoardReports)]
public sealed class TemplatesModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public List<TemplateSummary> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Only the owner or a PX administrator may delete a template; others get 404, as if it were not there.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Templates.FirstOrDefault(t => t.Id == id) is not { MayChange: true } summary) return NotFound();
        await db.ReportTemplates.Where(t => t.Id == id).ExecuteDeleteAsync(ct);
        audit.Record(Audit.Actions.Delete, ReportTemplates.Entity, id, summary.Name);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Template “{summary.Name}” deleted. Its link no longer works.";
        return Redirect("/Reports/Templates");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        var readable = await BoardReportArchive.ReadableAsync(db, scope, ct);
        var names = await BoardReportArchive.OrganisationNamesAsync(db, ct);
        Templates = (await db.ReportTemplates.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id).ToListAsync(ct))
            .Select(t => (Template: t, Choices: ReportTemplates.Choices(t)))
            .Where(x => x.Choices.UnitIds is null ? readable(x.Template.TrustId, x.Template.DivisionId) : ReportTemplates.VisibleUnits(x.Choices, scope).Count > 0)
            .Select(x => new TemplateSummary(x.Template.Id, x.Template.Name,
                x.Choices.UnitIds is null ? names(x.Template.TrustId, x.Template.DivisionId) : $"Chosen units ({names(x.Template.TrustId, null)})",
                ReportTemplates.Describe(x.Choices), x.Template.Owner, x.Template.UpdatedAt, ReportTemplates.Link(x.Template.ShareToken),
                x.Template.Owner == user.Name || user.IsAdministrator))
            .ToList();
    }
}
