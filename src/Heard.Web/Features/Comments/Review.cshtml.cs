using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Coding;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Comments;

/// <summary>
/// The review queue: comments the model was least sure about come first. An analyst keeps or removes each code,
/// adds missing ones and sets the sentiment; every change is stored with who and when, and feeds the next training run
/// (<c>./heard export-coded</c>).
/// </summary>
[Authorize(Policy = Policies.ImportData)]
public sealed class ReviewModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public const int PageSize = 10;

    public sealed record CodeView(long Id, string Label, string? Category, float? Confidence, string? SetBy);

    public sealed record QueueItem(long AnswerId, long FeedbackId, DateOnly Date, string UnitName, string Question, string Text,
        int? Sentiment, float? Certainty, IReadOnlyList<CodeView> Codes, IReadOnlyList<(string Label, string Category)> Available);

    public IReadOnlyList<QueueItem> Queue { get; private set; } = [];
    public long Waiting { get; private set; }
    public long Reviewed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        var pending = from a in db.FeedbackAnswers.AsNoTracking()
                      join f in db.Feedback.AsNoTracking() on a.FeedbackRecordId equals f.Id
                      where a.Text != null && a.TextModelId != null && a.ReviewedAt == null && (scope == null || scope.Contains(f.UnitId))
                      select new { a, f };
        Waiting = await pending.LongCountAsync(ct);
        Reviewed = await (from a in db.FeedbackAnswers.AsNoTracking()
                          join f in db.Feedback.AsNoTracking() on a.FeedbackRecordId equals f.Id
                          where a.ReviewedAt != null && (scope == null || scope.Contains(f.UnitId))
                          select a.Id).LongCountAsync(ct);
        var page = await pending.OrderBy(x => x.a.Certainty).ThenByDescending(x => x.f.ReceivedOn).Take(PageSize)
            .Select(x => new { x.a.Id, FeedbackId = x.f.Id, x.f.ReceivedOn, x.f.UnitId, x.f.TrustId, x.a.QuestionKey, x.a.Text, x.a.Sentiment, x.a.Certainty })
            .ToListAsync(ct);
        var ids = page.Select(p => p.Id).ToList();
        var codes = (await db.CommentCodes.AsNoTracking().Where(c => ids.Contains(c.FeedbackAnswerId) && c.RemovedAt == null).ToListAsync(ct))
            .ToLookup(c => c.FeedbackAnswerId);
        var unitIds = page.Select(p => p.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var models = page.Count == 0 ? null : await CodingModels.LoadAsync(db, ct);

        Queue = page.Select(p =>
        {
            var model = models?.For(p.TrustId).Model;
            var held = codes[p.Id].OrderByDescending(c => c.Confidence ?? 2).ToList();
            return new QueueItem(p.Id, p.FeedbackId, p.ReceivedOn, units[p.UnitId], p.QuestionKey, p.Text!, p.Sentiment, p.Certainty,
                held.Select(c => new CodeView(c.Id, c.Label, c.Category, c.Confidence, c.SetBy)).ToList(),
                model is null ? [] : model.Labels.Select((l, i) => (l, model.Categories[i])).Where(l => held.All(h => h.Label != l.l))
                    .OrderBy(l => l.Item2, StringComparer.Ordinal).ThenBy(l => l.l, StringComparer.Ordinal).ToList());
        }).ToList();
        if (Queue.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "comments", null, $"review queue: {Queue.Count} unredacted comments", ct);
    }

    /// <param name="keep">Ids of the codes the analyst left ticked.</param>
    /// <param name="add">Labels to add.</param>
    public async Task<IActionResult> OnPostAsync(long answerId, List<long> keep, List<string> add, int? sentiment, CancellationToken ct)
    {
        var answer = await db.FeedbackAnswers.FirstOrDefaultAsync(a => a.Id == answerId, ct);
        if (answer is null) return NotFound();
        var feedback = await db.Feedback.AsNoTracking().FirstAsync(f => f.Id == answer.FeedbackRecordId, ct);
        if (!await user.CanSeeUnitAsync(feedback.UnitId, ct)) return NotFound();
        if (sentiment is not null and not (>= 1 and <= 5)) return BadRequest("sentiment must be 1 to 5");

        var now = DateTime.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var model = (await CodingModels.LoadAsync(db, ct))?.For(feedback.TrustId).Model;
        if (model is null && add.Any(l => !string.IsNullOrWhiteSpace(l))) return BadRequest("no coding frame is installed");
        var categories = model is null ? [] : model.Labels.Select((l, i) => (l, model.Categories[i])).ToDictionary(x => x.l, x => x.Item2, StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var code in await db.CommentCodes.Where(c => c.FeedbackAnswerId == answerId && c.RemovedAt == null).ToListAsync(ct))
        {
            if (keep.Contains(code.Id)) continue;
            code.RemovedAt = now;
            code.RemovedBy = user.Name;
            changes.Add($"removed '{code.Label}'");
        }
        foreach (var label in add.Where(l => !string.IsNullOrWhiteSpace(l)).Distinct())
        {
            if (!categories.TryGetValue(label, out var category)) return BadRequest($"'{label}' is not a label of the coding frame");
            db.CommentCodes.Add(new CommentCode
            {
                FeedbackAnswerId = answerId, FeedbackRecordId = answer.FeedbackRecordId, Label = label, Category = category,
                SetBy = user.Name, SetAt = now,
            });
            changes.Add($"added '{label}'");
        }
        if (sentiment is int s && s != answer.Sentiment)
        {
            changes.Add($"sentiment {answer.Sentiment?.ToString() ?? "none"} to {s}");
            answer.Sentiment = s;
            answer.SentimentConfidence = null;
        }
        answer.ReviewedAt = now;
        answer.ReviewedBy = user.Name;
        audit.Record(Audit.Actions.Update, "comment", answerId, changes.Count == 0 ? "codes confirmed" : string.Join("; ", changes));
        await db.SaveChangesAsync(ct);
        // The Themes page reads the aggregates: they take the correction in the same transaction.
        await Themes.ThemeAggregates.RefreshAsync(db, [(feedback.UnitId, feedback.Month)], ct);
        await tx.CommitAsync(ct);
        TempData["Success"] = changes.Count == 0 ? "Codes confirmed. Next comment below." : $"Saved: {string.Join("; ", changes)}. Next comment below.";
        return RedirectToPage();
    }
}
