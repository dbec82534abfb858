using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

/// <summary>The organisation as a tree: trusts, their sites, divisions and the units at each site, within the user's scope.</summary>
public sealed class OrganisationIndexModel(HeardDbContext db, CurrentUser user, IAuthorizationService auth) : PageModel
{
    public sealed record UnitRow(Unit Unit, string? Division, string? Directorate, string Status, string TagClass, int? MergedIntoId, long Feedback);
    public sealed record SiteNode(Site Site, List<UnitRow> Units, bool CanEdit);
    public sealed record DivisionNode(Division Division, List<Directorate> Directorates, int Units);
    public sealed record TrustNode(Trust Trust, List<SiteNode> Sites, List<DivisionNode> Divisions, int OpenUnits, int ClosedUnits, bool CanEdit);
    public sealed record IcbRow(Icb Icb, int Trusts);

    public List<TrustNode> Trusts { get; } = [];
    public List<IcbRow> Icbs { get; } = [];
    public bool CanAdminister { get; private set; }
    public bool WholeInstallation { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var unitIds = await user.UnitIdsAsync(ct);
        WholeInstallation = unitIds is null;
        CanAdminister = (await auth.AuthorizeAsync(User, Policies.Administer)).Succeeded;

        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        if (unitIds is not null) units = units.Where(u => unitIds.Contains(u.Id)).ToList();
        var trustIds = units.Select(u => u.TrustId).ToHashSet();
        var trusts = await db.Trusts.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        if (!WholeInstallation) trusts = trusts.Where(t => trustIds.Contains(t.Id)).ToList();
        var icbs = await db.Icbs.AsNoTracking().OrderBy(i => i.Name).ToListAsync(ct);
        _icbById = icbs.ToDictionary(i => i.Id);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var divisions = await db.Divisions.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        var directorates = await db.Directorates.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        var divisionNames = divisions.ToDictionary(d => d.Id, d => d.Name);
        var directorateNames = directorates.ToDictionary(d => d.Id, d => d.Name);
        var unitNames = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.Code }).ToDictionaryAsync(u => u.Id, ct);
        var feedback = await FeedbackCountsAsync(ct);

        if (WholeInstallation)
            Icbs.AddRange(icbs.Select(i => new IcbRow(i, trusts.Count(t => t.IcbId == i.Id))));

        foreach (var trust in trusts)
        {
            var trustUnits = units.Where(u => u.TrustId == trust.Id).ToList();
            var canEdit = CanAdminister && (WholeInstallation || trustIds.Contains(trust.Id));
            var siteNodes = new List<SiteNode>();
            foreach (var site in sites.Where(s => s.TrustId == trust.Id))
            {
                var rows = trustUnits.Where(u => u.SiteId == site.Id)
                    .Select(u =>
                    {
                        var merged = u.MergedIntoUnitId is int m && unitNames.TryGetValue(m, out var mu) ? $"{mu.Name} ({mu.Code})" : null;
                        var status = UnitLifecycle.StatusOf(u, merged);
                        var tag = u.ClosedOn is null ? "nhsuk-tag--green" : u.MergedIntoUnitId is null ? "nhsuk-tag--grey" : "nhsuk-tag--purple";
                        if (u.ClosedOn is DateOnly closed && u.MergedIntoUnitId is null) status = $"Closed {closed:d MMM yyyy}";
                        return new UnitRow(u, u.DivisionId is int dv ? divisionNames.GetValueOrDefault(dv) : null,
                            u.DirectorateId is int dr ? directorateNames.GetValueOrDefault(dr) : null, status, tag, u.MergedIntoUnitId,
                            feedback.GetValueOrDefault(u.Id));
                    })
                    .OrderBy(r => r.Unit.ClosedOn is null ? 0 : 1).ThenBy(r => r.Division).ThenBy(r => r.Directorate).ThenBy(r => r.Unit.Name)
                    .ToList();
                // A scoped user sees only the sites that hold their units.
                if (rows.Count > 0 || WholeInstallation) siteNodes.Add(new SiteNode(site, rows, canEdit));
            }
            var divisionNodes = divisions.Where(d => d.TrustId == trust.Id)
                .Select(d => new DivisionNode(d, directorates.Where(x => x.DivisionId == d.Id).ToList(), trustUnits.Count(u => u.DivisionId == d.Id && u.ClosedOn is null)))
                .ToList();
            Trusts.Add(new TrustNode(trust, siteNodes, divisionNodes, trustUnits.Count(u => u.ClosedOn is null), trustUnits.Count(u => u.ClosedOn is not null), canEdit));
        }
    }

    private Dictionary<int, Icb> _icbById = [];

    public string? IcbLabel(int? icbId) => icbId is int id && _icbById.TryGetValue(id, out var icb) ? $"{icb.Name} ({icb.Code})" : null;

    /// <summary>Feedback per unit from the monthly counts, so the page stays quick however many records there are.</summary>
    private async Task<Dictionary<int, long>> FeedbackCountsAsync(CancellationToken ct)
    {
        var fft = await db.FftMonthly.AsNoTracking()
            .GroupBy(m => m.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Sum(m => m.VeryGood + m.Good + m.Neither + m.Poor + m.VeryPoor + m.DontKnow + m.NoRating) })
            .ToListAsync(ct);
        var other = await db.SourceMonthly.AsNoTracking()
            .GroupBy(m => m.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Sum(m => m.Records) })
            .ToListAsync(ct);
        var result = fft.ToDictionary(x => x.UnitId, x => x.Count);
        foreach (var o in other) result[o.UnitId] = result.GetValueOrDefault(o.UnitId) + o.Count;
        return result;
    }
}
