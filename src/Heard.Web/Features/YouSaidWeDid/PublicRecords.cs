using Heard.Analysis.Equality;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>A record as the public sees it: every piece of text redacted, quotes only with consent, actions only as counts.</summary>
public sealed record PublicRecord(long Id, string Title, string Place, string YouSaid, string WeDid, DateTime PublishedAt,
    IReadOnlyList<string> Quotes, int Actions, int ActionsDone);

/// <summary>
/// A month's FFT figures for the public: responses and percentage positive, or neither when suppressed. Suppressed is
/// true when 1 to 4 people answered (NHS England's first-level rule) or when the unit must be hidden so that a suppressed
/// neighbour cannot be worked out from the trust total (the next smallest unit, as in equality breakdowns).
/// </summary>
public sealed record PublicFigures(int Month, long Responses, int? PercentPositive, bool Suppressed);

public static class PublicRecords
{
    /// <summary>
    /// The smallest number of FFT responses shown on the public pages: 5, because NHS England suppresses 1 to 4
    /// (<see cref="FftReturn.IsFirstLevel"/>). A unit page and the trust page together show a unit beside its trust, so
    /// the units of a trust are suppressed as a set with <see cref="SmallGroupSuppression"/> at this minimum.
    /// </summary>
    public const int MinimumResponses = 5;

    public const int PageLimit = 50;

    /// <summary>Published records for a trust (unit null: every unit and the trust-wide ones) or one unit, newest first.</summary>
    public static async Task<List<PublicRecord>> LoadAsync(HeardDbContext db, int trustId, int? unitId, int limit, CancellationToken ct)
    {
        var q = db.YouSaidWeDidRecords.AsNoTracking().Where(r => r.TrustId == trustId && r.Status == YouSaidWeDidStatuses.Published);
        if (unitId is int unit) q = q.Where(r => r.UnitId == unit);
        var rows = await q.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).Take(limit).ToListAsync(ct);
        return await ShapeAsync(db, rows, ct);
    }

    /// <summary>Any records as the public would see them (the staff preview uses this for drafts too).</summary>
    public static async Task<List<PublicRecord>> ShapeAsync(HeardDbContext db, IReadOnlyList<YouSaidWeDidRecord> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        // Consent is read now, not when the comment was chosen: a person who withdraws it disappears from every page.
        var quotes = await (from q in db.YouSaidWeDidQuotes.AsNoTracking()
                            join a in db.FeedbackAnswers.AsNoTracking() on q.FeedbackAnswerId equals a.Id
                            join f in db.Feedback.AsNoTracking() on a.FeedbackRecordId equals f.Id
                            where ids.Contains(q.YouSaidWeDidRecordId) && f.ConsentToPublish == true
                            orderby q.Id
                            select new { q.YouSaidWeDidRecordId, q.Text }).ToListAsync(ct);
        var actions = await (from l in db.YouSaidWeDidActions.AsNoTracking()
                             join a in db.ImprovementActions.AsNoTracking() on l.ImprovementActionId equals a.Id
                             where ids.Contains(l.YouSaidWeDidRecordId)
                             select new { l.YouSaidWeDidRecordId, a.Status }).ToListAsync(ct);
        var places = await YouSaidWeDidRecords.PlaceNamesAsync(db, rows, ct);
        return rows.Select(r => new PublicRecord(r.Id, YouSaidWeDidRecords.ForPublic(r.Title), places[r.Id],
            YouSaidWeDidRecords.ForPublic(r.YouSaid), YouSaidWeDidRecords.ForPublic(r.WeDid), r.PublishedAt ?? r.UpdatedAt,
            quotes.Where(q => q.YouSaidWeDidRecordId == r.Id).Select(q => YouSaidWeDidRecords.ForPublic(q.Text)).ToList(),
            actions.Count(a => a.YouSaidWeDidRecordId == r.Id && a.Status != ActionStatuses.Cancelled),
            actions.Count(a => a.YouSaidWeDidRecordId == r.Id && a.Status == ActionStatuses.Done))).ToList();
    }

    /// <summary>
    /// The latest month with FFT responses at the trust, for the trust (unit null) or one unit, with suppression applied.
    /// Null when the trust has no FFT responses at all.
    /// </summary>
    public static async Task<PublicFigures?> FiguresAsync(HeardDbContext db, int trustId, int? unitId, CancellationToken ct)
    {
        var month = await db.FftMonthly.AsNoTracking().Where(f => f.TrustId == trustId).MaxAsync(f => (int?)f.Month, ct);
        if (month is not int m) return null;
        var units = (await db.FftMonthly.AsNoTracking().Where(f => f.TrustId == trustId && f.Month == m)
                .GroupBy(f => f.UnitId)
                .Select(g => new
                {
                    UnitId = g.Key,
                    Total = g.Sum(f => f.VeryGood + f.Good + f.Neither + f.Poor + f.VeryPoor + f.DontKnow),
                    Positive = g.Sum(f => f.VeryGood + f.Good),
                }).ToListAsync(ct))
            .OrderBy(u => u.UnitId).ToList();
        if (unitId is null)
        {
            var total = units.Sum(u => u.Total);
            var positive = units.Sum(u => u.Positive);
            var hidden = FftReturn.IsFirstLevel(total);
            return new PublicFigures(m, hidden ? 0 : total, hidden ? null : FftPercent.Whole(positive, total), hidden);
        }
        var suppressed = SmallGroupSuppression.Suppress(units.Select(u => u.Total).ToList(), MinimumResponses);
        var i = units.FindIndex(u => u.UnitId == unitId);
        if (i < 0) return new PublicFigures(m, 0, null, false);
        return suppressed[i]
            ? new PublicFigures(m, 0, null, true)
            : new PublicFigures(m, units[i].Total, FftPercent.Whole(units[i].Positive, units[i].Total), false);
    }
}
