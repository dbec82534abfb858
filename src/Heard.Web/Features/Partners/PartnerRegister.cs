using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Partners;

public static class PartnerKinds
{
    public static readonly (string Key, string Label)[] All = [("patient", "Patient"), ("carer", "Carer"), ("volunteer", "Volunteer")];
    public static string Label(string key) => All.FirstOrDefault(k => k.Key == key).Label ?? key;
}

/// <summary>What partners may say they are interested in; stored as keys so the invitation filter matches exactly.</summary>
public static class PartnerInterests
{
    public static readonly (string Key, string Label)[] All =
    [
        ("maternity", "Maternity"), ("mental-health", "Mental health"), ("food", "Food and drink"), ("accessibility", "Accessibility"),
        ("children", "Children and young people"), ("older-people", "Older people"), ("cancer", "Cancer care"), ("discharge", "Leaving hospital"),
        ("end-of-life", "End of life care"), ("learning-disability", "Learning disability"), ("complaints", "Complaints and responses"),
    ];

    public static string Label(string key) => All.FirstOrDefault(k => k.Key == key).Label ?? key;
    public static IReadOnlyList<string> Of(PatientPartner p) => p.Interests.Split(',', StringSplitOptions.RemoveEmptyEntries);
    public static string Describe(PatientPartner p) => string.Join(", ", Of(p).Select(Label));
}

public static class InvitationResponses
{
    public const string NoReply = "no-reply";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public static readonly string[] All = [NoReply, Accepted, Declined];
    public static string Label(string r) => r switch { Accepted => "Accepted", Declined => "Declined", _ => "No reply" };
}

/// <summary>
/// The register's rules: a partner belongs to a trust and is seen by users who can see part of it; names and contact
/// show only to roles cleared for identifiable data, and each time they do it is written to the audit log.
/// </summary>
public static class PartnerRegister
{
    /// <summary>Initials, for showing a partner to those who may not see their name.</summary>
    public static string Initials(string fullName) =>
        string.Concat(fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + "."));

    public static string DisplayName(PatientPartner p, bool identifiable) => identifiable ? p.FullName : Initials(p.FullName);

    public static bool HasWithdrawn(PatientPartner p) => p.WithdrawnOn is not null;

    public static async Task<IQueryable<PatientPartner>> InScopeAsync(HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var trusts = await user.TrustIdsAsync(ct);
        var q = db.PatientPartners.AsQueryable();
        return trusts is null ? q : q.Where(p => trusts.Contains(p.TrustId));
    }

    public static async Task<bool> CanSeeTrustAsync(CurrentUser user, int trustId, CancellationToken ct)
    {
        var trusts = await user.TrustIdsAsync(ct);
        return trusts is null || trusts.Contains(trustId);
    }

    /// <summary>Writes one audit entry for showing these partners' names and contact, when the user is cleared to see them.</summary>
    public static async Task AuditViewAsync(Audit audit, CurrentUser user, string where, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (!user.CanReadIdentifiable || ids.Count == 0) return;
        await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "patient_partner", ids.Count == 1 ? ids.First() : null,
            $"{where}: {string.Join(",", ids.Order())}", ct);
    }

    /// <summary>
    /// Partners who may be invited: consent not withdrawn, in the event's trust, not already invited, matching every
    /// chosen interest and (when given) with the words in their availability.
    /// </summary>
    public static async Task<List<PatientPartner>> InvitableAsync(HeardDbContext db, InvolvementEvent e, string? interest, string? availability, CancellationToken ct)
    {
        var invited = db.InvolvementInvitations.Where(i => i.InvolvementEventId == e.Id).Select(i => i.PatientPartnerId);
        var candidates = await db.PatientPartners.AsNoTracking()
            .Where(p => p.TrustId == e.TrustId && p.WithdrawnOn == null && !invited.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);
        return candidates.Where(p => (string.IsNullOrEmpty(interest) || PartnerInterests.Of(p).Contains(interest))
            && (string.IsNullOrWhiteSpace(availability) || (p.Availability ?? "").Contains(availability.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();
    }
}
