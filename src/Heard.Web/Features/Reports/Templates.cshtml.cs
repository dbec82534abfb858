using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Reports;

public sealed record TemplateSummary(long Id, string Name, string Organisation, string Description, string Owner, DateTime UpdatedAt, string Link, bool MayChange);

/// <summary>The report builder's saved templates that the user may run: those over a trust or division they see all of.</summary>
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
        var readable = await BoardReportArchive.ReadableAsync(db, await user.UnitIdsAsync(ct), ct);
        var names = await BoardReportArchive.OrganisationNamesAsync(db, ct);
        Templates = (await db.ReportTemplates.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id).ToListAsync(ct))
            .Where(t => readable(t.TrustId, t.DivisionId))
            .Select(t => new TemplateSummary(t.Id, t.Name, names(t.TrustId, t.DivisionId), ReportTemplates.Describe(ReportTemplates.Choices(t)), t.Owner,
                t.UpdatedAt, ReportTemplates.Link(t.ShareToken), t.Owner == user.Name || user.IsAdministrator))
            .ToList();
    }
}
