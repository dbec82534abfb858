using Heard.Data.Model;
using Heard.Web.Features.Comments;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

/// <summary>
/// Comments stored by any writer are found by unit and date. On PostgreSQL the answer's copy of its feedback's unit and
/// day (migration 0025) is kept by triggers, so these fail if a write path or a change of date leaves it behind.
/// </summary>
public sealed class CommentSearchPlacementTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Comments_saved_through_EF_are_found_by_unit_and_date_and_follow_a_corrected_date(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var org = await CollectionFixtures.OrganisationAsync(database);
        await using (var db = database.Context())
        {
            foreach (var (unit, key, day) in new[] { (org.Ward1, "a", new DateOnly(2026, 3, 10)), (org.Ward2, "b", new DateOnly(2026, 4, 10)) })
            {
                var record = new FeedbackRecord
                {
                    TrustId = org.TrustId, SiteId = (await db.Units.SingleAsync(u => u.Id == unit)).SiteId, UnitId = unit, Source = FeedbackSources.Fft,
                    Setting = "inpatient", ReceivedOn = day, Month = day.Year * 100 + day.Month, DedupeKey = key, CreatedAt = DateTime.UtcNow,
                };
                record.Answers.Add(new FeedbackAnswer { QuestionKey = "what_went_well", Text = "The porter was kind and quick" });
                db.Feedback.Add(record);
            }
            await db.SaveChangesAsync();
        }

        async Task<List<int>> UnitsFoundAsync(CommentFilter filter, HashSet<int>? scope = null)
        {
            await using var db = database.Context();
            return [.. (await CommentSearch.RunAsync(db, filter, scope, true, default)).Comments.Select(c => c.UnitId)];
        }

        Assert.Equal([org.Ward2, org.Ward1], await UnitsFoundAsync(new CommentFilter("porter")));
        Assert.Equal([org.Ward1], await UnitsFoundAsync(new CommentFilter("porter", UnitId: org.Ward1)));
        Assert.Equal([org.Ward2], await UnitsFoundAsync(new CommentFilter("porter"), [org.Ward2]));
        Assert.Equal([org.Ward2], await UnitsFoundAsync(new CommentFilter("porter", From: new DateOnly(2026, 4, 1))));
        Assert.Equal([org.Ward1], await UnitsFoundAsync(new CommentFilter(null, To: new DateOnly(2026, 3, 31))));

        await using (var db = database.Context())
        {
            var march = await db.Feedback.SingleAsync(f => f.DedupeKey == "a");
            march.ReceivedOn = new DateOnly(2026, 5, 2);
            march.Month = 202605;
            await db.SaveChangesAsync();
        }
        Assert.Equal([org.Ward1, org.Ward2], await UnitsFoundAsync(new CommentFilter("porter")));
        Assert.Equal([org.Ward1], await UnitsFoundAsync(new CommentFilter("porter", From: new DateOnly(2026, 5, 1))));
    }
}
