using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Organisation;

/// <summary>Downloads the organisation (the units in the user's scope) in the import format.</summary>
public sealed class OrganisationExportModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (bytes, name) = await OrganisationEndpoints.ExportFileAsync(db, user, audit, ct);
        return File(bytes, "text/csv; charset=utf-8", name);
    }
}
