using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Actions;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>A record as the staff list shows it.</summary>
public sealed record RecordSummary(long Id, string Title, int TrustId, int? UnitId, string Where, string Status, DateTime? PublishedAt, DateTime UpdatedAt, int Actions, int Quotes);

/// <summary>
/// Finding, checking and changing "You said, we did" records: one set of rules for every page. Anyone whose scope covers
/// a record's unit may read it; changing it needs <see cref="Policies.ManageActions"/> (the PX team, division leads, ward
/// managers) and the unit in scope; a trust-wide record needs every unit of the trust in scope, so a ward manager cannot
/// speak for the whole trust.
/// </summary>
public static class YouSaidWeDidRecords
{
    public const int TitleMax = 200;
    public const int TextMax = 2000;
    public const int QuoteMax = 600;
    /// <summary>A poster and a page stay readable: a record quotes at most this many comments.</summary>
    public const int QuotesMax = 3;

    public static string Link(long id) => $"/YouSaidWeDid/{id}";

    public static string PublicLink(string trustOdsCode, string? unitCode = null) =>
        "/you-said-we-did/" + Uri.EscapeDataString(trustOdsCode) + (unitCode is null ? "" : "/" + Uri.EscapeDataString(unitCode));

    /// <summary>The record if its unit (or, for a trust-wide record, any unit of its trust) is in scope; otherwise null, so the caller answers 404.</summary>
    public static async Task<YouSaidWeDidRecord?> FindAsync(HeardDbContext db, CurrentUser user, long id, CancellationToken ct)
    {
        var r = await db.YouSaidWeDidRecords.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return null;
        if (r.UnitId is int unit) return await user.CanSeeUnitAsync(unit, ct) ? r : null;
        var trusts = await user.TrustIdsAsync(ct);
        return trusts is null || trusts.Contains(r.TrustId) ? r : null;
    }

    /// <summary>Whether the user may speak for this unit, or (unit null) for the whole trust.</summary>
    public static async Task<bool> CanManageAsync(HeardDbContext db, CurrentUser user, int trustId, int? unitId, CancellationToken ct)
    {
        if (!Policies.ActionManagers.Any(user.IsInRole)) return false;
        if (unitId is int unit) return await user.CanSeeUnitAsync(unit, ct);
        var scope = await user.UnitIdsAsync(ct);
        if (scope is null) return true;
        var units = await db.Units.AsNoTracking().Where(u => u.TrustId == trustId).Select(u => u.Id).ToListAsync(ct);
        return units.Count > 0 && units.All(scope.Contains);
    }

    /// <summary>The places the user may write for: each whole trust they cover, then each unit, by name.</summary>
    public static async Task<List<(string Value, string Label)>> PlacesAsync(HeardDbContext db, CurrentUser user, int? keepUnitId, CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        var units = (await db.Units.AsNoTracking().Where(u => u.ClosedOn == null || u.Id == keepUnitId).OrderBy(u => u.Name)
                .Select(u => new { u.Id, u.Name, u.TrustId }).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).ToList();
        var places = new List<(string, string)>();
        foreach (var t in await db.Trusts.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct))
            if (await CanManageAsync(db, user, t.Id, null, ct)) places.Add(($"t{t.Id}", $"The whole trust: {t.Name}"));
        places.AddRange(units.Select(u => ($"u{u.Id}", u.Name)));
        return places;
    }

    /// <summary>Reads a place value written by <see cref="PlacesAsync"/>.</summary>
    public static async Task<(int TrustId, int? UnitId)?> ParsePlaceAsync(HeardDbContext db, string? place, CancellationToken ct)
    {
        if (place is not { Length: > 1 } || !int.TryParse(place[1..], out var id)) return null;
        if (place[0] == 't') return await db.Trusts.AnyAsync(t => t.Id == id, ct) ? (id, null) : null;
        if (place[0] == 'u' && await db.Units.AsNoTracking().Where(u => u.Id == id).Select(u => (int?)u.TrustId).FirstOrDefaultAsync(ct) is int trust) return (trust, id);
        return null;
    }

    public static Dictionary<string, string> CheckText(string? title, string? youSaid, string? weDid)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(title)) errors["Title"] = "Enter a title, for example \"Hot meals at teatime\"";
        else if (title.Trim().Length > TitleMax) errors["Title"] = $"Keep the title to {TitleMax} characters or fewer";
        if (string.IsNullOrWhiteSpace(youSaid)) errors["YouSaid"] = "Enter what patients said, in a sentence or two";
        else if (youSaid.Trim().Length > TextMax) errors["YouSaid"] = $"Keep \"You said\" to {TextMax} characters or fewer";
        if (string.IsNullOrWhiteSpace(weDid)) errors["WeDid"] = "Enter what changed as a result";
        else if (weDid.Trim().Length > TextMax) errors["WeDid"] = $"Keep \"We did\" to {TextMax} characters or fewer";
        return errors;
    }

    /// <summary>Records the user can see, newest change first.</summary>
    public static async Task<List<RecordSummary>> ListAsync(HeardDbContext db, CurrentUser user, int? unitId, string? status, CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        var trusts = await user.TrustIdsAsync(ct);
        var q = db.YouSaidWeDidRecords.AsNoTracking().AsQueryable();
        if (scope is not null) {
            var trustIds = trusts ?? [];
            q = q.Where(r => (r.UnitId == null && trustIds.Contains(r.TrustId)) || (r.UnitId != null && scope.Contains(r.UnitId.Value)));
        }
        if (unitId is int unit) q = q.Where(r => r.UnitId == unit);
        if (status is { Length: > 0 }) q = q.Where(r => r.Status == status);
        var rows = await q.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id).Take(500).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var actions = await db.YouSaidWeDidActions.Where(a => ids.Contains(a.YouSaidWeDidRecordId)).GroupBy(a => a.YouSaidWeDidRecordId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var quotes = await db.YouSaidWeDidQuotes.Where(a => ids.Contains(a.YouSaidWeDidRecordId)).GroupBy(a => a.YouSaidWeDidRecordId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var names = await PlaceNamesAsync(db, rows, ct);
        return rows.Select(r => new RecordSummary(r.Id, r.Title, r.TrustId, r.UnitId, names[r.Id], r.Status, r.PublishedAt, r.UpdatedAt,
            actions.GetValueOrDefault(r.Id), quotes.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>"Ward 7" or "The whole trust" for each record.</summary>
    public static async Task<Dictionary<long, string>> PlaceNamesAsync(HeardDbContext db, IReadOnlyList<YouSaidWeDidRecord> records, CancellationToken ct)
    {
        var unitIds = records.Select(r => r.UnitId).OfType<int>().Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return records.ToDictionary(r => r.Id, r => r.UnitId is int u ? units.GetValueOrDefault(u, "(unknown unit)") : "The whole trust");
    }

    public static void Touch(YouSaidWeDidRecord r, CurrentUser user, DateTime now)
    {
        r.UpdatedAt = now;
        r.UpdatedBy = user.Name;
    }

    /// <summary>Publishes a draft or withdrawn record: it appears on the public pages at once, dated now.</summary>
    public static void Publish(YouSaidWeDidRecord r, CurrentUser user, Audit audit, DateTime now)
    {
        r.Status = YouSaidWeDidStatuses.Published;
        r.PublishedAt = now;
        r.PublishedBy = user.Name;
        r.WithdrawnAt = null;
        r.WithdrawnBy = null;
        Touch(r, user, now);
        audit.Record(Audit.Actions.Update, "you-said-we-did", r.Id, "published");
    }

    public static void Withdraw(YouSaidWeDidRecord r, CurrentUser user, Audit audit, DateTime now)
    {
        r.Status = YouSaidWeDidStatuses.Withdrawn;
        r.WithdrawnAt = now;
        r.WithdrawnBy = user.Name;
        Touch(r, user, now);
        audit.Record(Audit.Actions.Update, "you-said-we-did", r.Id, "withdrawn");
    }

    /// <summary>
    /// Checks a comment to quote, named by the number in its page's address (/feedback/123): it must be feedback on the
    /// record's unit (or trust) with free text, its respondent must have consented to publication, and a record quotes
    /// at most <see cref="QuotesMax"/>. Returns the answer quoted and the words to store (the whole comment unless staff
    /// shortened it), or an error.
    /// </summary>
    public static async Task<(long AnswerId, string? Text, string? Error)> CheckQuoteAsync(HeardDbContext db, YouSaidWeDidRecord r, string? feedbackIdText, string? edited, CancellationToken ct)
    {
        var digits = feedbackIdText?.Trim().Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (!long.TryParse(digits, out var feedbackId)) return (0, null, "Enter the comment's number: the number at the end of its page's address, /feedback/123");
        var found = await (from a in db.FeedbackAnswers.AsNoTracking()
                           join f in db.Feedback.AsNoTracking() on a.FeedbackRecordId equals f.Id
                           where f.Id == feedbackId && a.Text != null && a.Text != ""
                           orderby a.Id
                           select new { a.Id, a.Text, f.TrustId, f.UnitId, f.ConsentToPublish }).FirstOrDefaultAsync(ct);
        if (found is null || found.TrustId != r.TrustId || (r.UnitId is int u && found.UnitId != u))
            return (0, null, r.UnitId is null ? "Choose a comment about this trust" : "Choose a comment about this unit");
        if (found.ConsentToPublish != true) return (0, null, "This person did not agree to their comment being published: choose another");
        if (await db.YouSaidWeDidQuotes.CountAsync(q => q.YouSaidWeDidRecordId == r.Id, ct) >= QuotesMax) return (0, null, $"A record quotes at most {QuotesMax} comments");
        if (await db.YouSaidWeDidQuotes.AnyAsync(q => q.YouSaidWeDidRecordId == r.Id && q.FeedbackAnswerId == found.Id, ct)) return (0, null, "This comment is already quoted");
        var text = string.IsNullOrWhiteSpace(edited) ? found.Text!.Trim() : edited.Trim();
        if (text.Length > QuoteMax) return (0, null, $"Shorten the quotation to {QuoteMax} characters or fewer");
        return (found.Id, text, null);
    }

    /// <summary>Checks an action to link: one the user can see, on the record's unit (any unit of the trust for a trust-wide record).</summary>
    public static async Task<string?> CheckActionAsync(HeardDbContext db, CurrentUser user, YouSaidWeDidRecord r, long? actionId, CancellationToken ct)
    {
        if (actionId is not long id) return "Choose an action";
        var action = await ActionQueries.FindAsync(db, user, id, ct);
        if (action is null || action.TrustId != r.TrustId || (r.UnitId is int u && action.UnitId != u)) return "Choose an action on this unit";
        if (await db.YouSaidWeDidActions.AnyAsync(a => a.YouSaidWeDidRecordId == r.Id && a.ImprovementActionId == id, ct)) return "This action is already linked";
        return null;
    }

    /// <summary>Actions that could be linked to a record: on its unit (or trust), in the user's scope, not linked yet.</summary>
    public static async Task<List<(long Id, string Title, string Status)>> LinkableActionsAsync(HeardDbContext db, CurrentUser user, YouSaidWeDidRecord r, CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        var linked = db.YouSaidWeDidActions.Where(a => a.YouSaidWeDidRecordId == r.Id).Select(a => a.ImprovementActionId);
        var q = db.ImprovementActions.AsNoTracking().Where(a => a.TrustId == r.TrustId && !linked.Contains(a.Id));
        if (r.UnitId is int u) q = q.Where(a => a.UnitId == u);
        if (scope is not null) q = q.Where(a => scope.Contains(a.UnitId));
        return (await q.OrderByDescending(a => a.CreatedAt).Take(200).Select(a => new { a.Id, a.Title, a.Status }).ToListAsync(ct))
            .Select(a => (a.Id, a.Title, a.Status)).ToList();
    }

    /// <summary>What the public may read of staff's words: redacted like every comment, in case a name slipped in.</summary>
    public static string ForPublic(string text) => Redactor.Redact(text);
}
