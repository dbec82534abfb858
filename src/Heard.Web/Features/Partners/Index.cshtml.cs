using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Partners;

/// <summary>
/// The register of patient partners in the user's trusts. Names show to roles cleared for identifiable data (the view is
/// audited), initials to the rest. Partners do not sign in: staff keep the register for them.
/// </summary>
[Authorize(Policy = Policies.InvolvePartners)]
public sealed class IndexModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public sealed record Row(long Id, string Name, string Kind, string Interests, string? Availability, bool Withdrawn);

    [BindProperty(SupportsGet = true)] public string? Interest { get; set; }
    [BindProperty(SupportsGet = true)] public bool IncludeWithdrawn { get; set; }

    public List<Row> Rows { get; private set; } = [];
    public bool Identifiable => user.CanReadIdentifiable;
    public bool AnyPartners { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var partners = await (await PartnerRegister.InScopeAsync(db, user, ct)).AsNoTracking().OrderBy(p => p.FullName).ToListAsync(ct);
        AnyPartners = partners.Count > 0;
        var shown = partners.Where(p => (IncludeWithdrawn || p.WithdrawnOn is null)
            && (string.IsNullOrEmpty(Interest) || PartnerInterests.Of(p).Contains(Interest))).ToList();
        Rows = shown.Select(p => new Row(p.Id, PartnerRegister.DisplayName(p, Identifiable), PartnerKinds.Label(p.Kind), PartnerInterests.Describe(p),
            p.Availability, p.WithdrawnOn is not null)).ToList();
        await PartnerRegister.AuditViewAsync(audit, user, "register", shown.Select(p => p.Id).ToList(), ct);
    }
}
