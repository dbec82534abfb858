using Heard.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>
/// The public "You said, we did" page for a trust (by its ODS code) or one of its units (by the unit code printed on
/// its posters). No account and no cookies, rate-limited like the survey pages. Only published records; only comments
/// whose respondent consented, redacted; figures suppressed below <see cref="PublicRecords.MinimumResponses"/>.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting("public")]
[IgnoreAntiforgeryToken]
public sealed class PublicModel(HeardDbContext db) : PageModel
{
    public string TrustName { get; private set; } = "";
    public string TrustCode { get; private set; } = "";
    public string? UnitName { get; private set; }
    public List<PublicRecord> Records { get; private set; } = [];
    public PublicFigures? Figures { get; private set; }
    /// <summary>On the trust page: the units with something published, each linking to its own page.</summary>
    public List<(string Name, string Link)> Units { get; private set; } = [];
    /// <summary>The address names no trust or unit: a plain 404 in the public layout, not the staff error page.</summary>
    public bool Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string trust, string? unit, CancellationToken ct)
    {
        var code = trust.Trim().ToUpperInvariant();
        var t = await db.Trusts.AsNoTracking().FirstOrDefaultAsync(x => x.OdsCode == code, ct);
        if (t is null) return NotFoundHere();
        TrustName = t.Name;
        TrustCode = t.OdsCode;
        int? unitId = null;
        if (unit is not null)
        {
            var u = await db.Units.AsNoTracking().FirstOrDefaultAsync(x => x.TrustId == t.Id && x.Code == unit, ct)
                ?? await db.Units.AsNoTracking().FirstOrDefaultAsync(x => x.TrustId == t.Id && x.Code.ToUpper() == unit.ToUpper(), ct);
            if (u is null) return NotFoundHere();
            unitId = u.Id;
            UnitName = u.Name;
        }
        Records = await PublicRecords.LoadAsync(db, t.Id, unitId, PublicRecords.PageLimit, ct);
        Figures = await PublicRecords.FiguresAsync(db, t.Id, unitId, ct);
        if (unitId is null)
        {
            Units = (await (from r in db.YouSaidWeDidRecords.AsNoTracking()
                            join u in db.Units.AsNoTracking() on r.UnitId equals u.Id
                            where r.TrustId == t.Id && r.Status == Data.Model.YouSaidWeDidStatuses.Published
                            select new { u.Name, u.Code }).Distinct().ToListAsync(ct))
                .OrderBy(u => u.Name, StringComparer.CurrentCulture)
                .Select(u => (u.Name, YouSaidWeDidRecords.PublicLink(t.OdsCode, u.Code))).ToList();
        }
        return Page();
    }

    private IActionResult NotFoundHere()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        if (HttpContext.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        return Page();
    }
}
