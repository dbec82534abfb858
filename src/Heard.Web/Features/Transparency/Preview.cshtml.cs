using Heard.Data;
using Heard.Web.Features.Reports;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Heard.Web.Features.Transparency;

/// <summary>
/// The staff preview of a trust's transparency page: exactly what the public page shows (or would show once switched
/// on), under a banner saying it is a preview. For the PX team whose scope covers the whole trust, since the page
/// publishes every unit's figures; anyone else gets 404, as for a trust they cannot see.
/// </summary>
[Authorize(Policy = Policies.PreviewTransparency)]
public sealed class PreviewModel(HeardDbContext db, CurrentUser user) : TransparencyPageModel
{
    public async Task<IActionResult> OnGetAsync(string ods, CancellationToken ct)
    {
        var trust = await TransparencyQuery.TrustAsync(db, ods, ct);
        if (trust is null || !(await BoardReportArchive.ReadableAsync(db, await user.UnitIdsAsync(ct), ct))(trust.Id, null)) return NotFound();
        await LoadAsync(db, trust, ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public static string Link(string odsCode) => $"/transparency/{Uri.EscapeDataString(odsCode)}/preview";
}
