using System.Globalization;
using Heard.Analysis.Fft;
using Heard.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Heard.Web.Features.Transparency;

/// <summary>
/// A trust's public transparency page: FFT results by unit and month as NHS England publishes them, suppressed the same
/// way, with the open data to download. Anonymous, rate limited, no cookies; a trust that has not switched it on has no
/// page at all (404), so its existence says nothing either.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting("public")]
[IgnoreAntiforgeryToken]
public sealed class IndexModel(HeardDbContext db) : TransparencyPageModel
{
    public async Task<IActionResult> OnGetAsync(string ods, CancellationToken ct)
    {
        var trust = await TransparencyQuery.TrustAsync(db, ods, ct);
        if (trust is not { IsPublic: true }) return NotFound();
        await LoadAsync(db, trust, ct);
        // A trust may withdraw its page at any time: nothing published is kept in a cache after that.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
