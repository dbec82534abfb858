using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Actions;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>
/// One record: a preview exactly as the public page will show it, the actions it reports on, the comments it quotes,
/// and publishing and withdrawing. Anyone whose scope covers it may read it; changing it needs
/// <see cref="YouSaidWeDidRecords.CanManageAsync"/>.
/// </summary>
public sealed class DetailsModel(HeardDbContext db, CurrentUser user, Audit audit, TimeProvider time) : PageModel
{
    public YouSaidWeDidRecord Record { get; private set; } = null!;
    public string Place { get; private set; } = "";
    public string? PublicLink { get; private set; }
    public PublicRecord Preview { get; private set; } = null!;
    public List<(long Id, string Title, string Status, DateOnly DueOn)> Linked { get; private set; } = [];
    public List<(long Id, string Title, string Status)> Linkable { get; private set; } = [];
    public List<(long Id, long AnswerId, long FeedbackId, string Redacted, bool Consented)> Quotes { get; private set; } = [];
    public bool CanManage { get; private set; }

    [BindProperty] public long? ActionId { get; set; }
    [BindProperty] public string? CommentId { get; set; }
    [BindProperty] public string? QuoteText { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct) => ChangeAsync(id, r =>
    {
        YouSaidWeDidRecords.Publish(r, user, audit, Now);
        return "Published. It is on the public page now.";
    }, ct);

    public Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken ct) => ChangeAsync(id, r =>
    {
        if (r.Status != YouSaidWeDidStatuses.Published) return null;
        YouSaidWeDidRecords.Withdraw(r, user, audit, Now);
        return "Withdrawn. It is no longer on the public page.";
    }, ct);

    public async Task<IActionResult> OnPostLinkActionAsync(long id, CancellationToken ct)
    {
        if (await GuardAsync(id, ct) is { } denied) return denied;
        if (await YouSaidWeDidRecords.CheckActionAsync(db, user, Record, ActionId, ct) is { } error)
        {
            ModelState.AddModelError(nameof(ActionId), error);
            await LoadAsync(id, ct);
            return Page();
        }
        db.YouSaidWeDidActions.Add(new YouSaidWeDidAction { YouSaidWeDidRecordId = id, ImprovementActionId = ActionId!.Value, AddedAt = Now, AddedBy = user.Name });
        return await SavedAsync(id, $"linked action {ActionId}", "Action linked", "#actions", ct);
    }

    public async Task<IActionResult> OnPostUnlinkActionAsync(long id, long actionId, CancellationToken ct)
    {
        if (await GuardAsync(id, ct) is { } denied) return denied;
        var link = await db.YouSaidWeDidActions.FirstOrDefaultAsync(a => a.YouSaidWeDidRecordId == id && a.ImprovementActionId == actionId, ct);
        if (link is null) return NotFound();
        db.YouSaidWeDidActions.Remove(link);
        return await SavedAsync(id, $"unlinked action {actionId}", "Action unlinked", "#actions", ct);
    }

    public async Task<IActionResult> OnPostAddQuoteAsync(long id, CancellationToken ct)
    {
        if (await GuardAsync(id, ct) is { } denied) return denied;
        var (answerId, text, error) = await YouSaidWeDidRecords.CheckQuoteAsync(db, Record, CommentId, QuoteText, ct);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(CommentId), error);
            await LoadAsync(id, ct);
            return Page();
        }
        db.YouSaidWeDidQuotes.Add(new YouSaidWeDidQuote { YouSaidWeDidRecordId = id, FeedbackAnswerId = answerId, Text = text!, AddedAt = Now, AddedBy = user.Name });
        return await SavedAsync(id, $"quoted comment {answerId}", "Comment quoted", "#quotes", ct);
    }

    public async Task<IActionResult> OnPostRemoveQuoteAsync(long id, long quoteId, CancellationToken ct)
    {
        if (await GuardAsync(id, ct) is { } denied) return denied;
        var quote = await db.YouSaidWeDidQuotes.FirstOrDefaultAsync(q => q.Id == quoteId && q.YouSaidWeDidRecordId == id, ct);
        if (quote is null) return NotFound();
        db.YouSaidWeDidQuotes.Remove(quote);
        return await SavedAsync(id, $"removed quote of comment {quote.FeedbackAnswerId}", "Quote removed", "#quotes", ct);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Saves a change to the record's actions or quotes: who changed it and when, audited, then back to that part of the page.</summary>
    private async Task<IActionResult> SavedAsync(long id, string detail, string message, string anchor, CancellationToken ct)
    {
        YouSaidWeDidRecords.Touch(Record, user, Now);
        audit.Record(Audit.Actions.Update, "you-said-we-did", id, detail);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = message;
        return Redirect(YouSaidWeDidRecords.Link(id) + anchor);
    }

    private async Task<IActionResult> ChangeAsync(long id, Func<YouSaidWeDidRecord, string?> change, CancellationToken ct)
    {
        if (await GuardAsync(id, ct) is { } denied) return denied;
        var message = change(Record);
        if (message is null) return Redirect(YouSaidWeDidRecords.Link(id));
        await db.SaveChangesAsync(ct);
        TempData["Success"] = message;
        return Redirect(YouSaidWeDidRecords.Link(id));
    }

    /// <summary>Not found outside the user's scope; forbidden to those who may read but not change it.</summary>
    private async Task<IActionResult?> GuardAsync(long id, CancellationToken ct)
    {
        var r = await YouSaidWeDidRecords.FindAsync(db, user, id, ct);
        if (r is null) return NotFound();
        if (!await YouSaidWeDidRecords.CanManageAsync(db, user, r.TrustId, r.UnitId, ct)) return Forbid();
        Record = r;
        return null;
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var r = await YouSaidWeDidRecords.FindAsync(db, user, id, ct);
        if (r is null) return false;
        Record = r;
        Place = (await YouSaidWeDidRecords.PlaceNamesAsync(db, [r], ct))[r.Id];
        var trust = await db.Trusts.AsNoTracking().Where(t => t.Id == r.TrustId).Select(t => t.OdsCode).FirstAsync(ct);
        var unitCode = r.UnitId is int u ? await db.Units.AsNoTracking().Where(x => x.Id == u).Select(x => x.Code).FirstAsync(ct) : null;
        PublicLink = YouSaidWeDidRecords.PublicLink(trust, unitCode);
        Preview = (await PublicRecords.ShapeAsync(db, [r], ct))[0];
        Linked = (await (from l in db.YouSaidWeDidActions.AsNoTracking()
                         join a in db.ImprovementActions.AsNoTracking() on l.ImprovementActionId equals a.Id
                         where l.YouSaidWeDidRecordId == id
                         orderby a.DueOn
                         select new { a.Id, a.Title, a.Status, a.DueOn }).ToListAsync(ct))
            .Select(a => (a.Id, a.Title, a.Status, a.DueOn)).ToList();
        Quotes = (await (from q in db.YouSaidWeDidQuotes.AsNoTracking()
                         join a in db.FeedbackAnswers.AsNoTracking() on q.FeedbackAnswerId equals a.Id
                         join f in db.Feedback.AsNoTracking() on a.FeedbackRecordId equals f.Id
                         where q.YouSaidWeDidRecordId == id
                         orderby q.Id
                         select new { q.Id, q.FeedbackAnswerId, FeedbackId = f.Id, q.Text, f.ConsentToPublish }).ToListAsync(ct))
            .Select(q => (q.Id, q.FeedbackAnswerId, q.FeedbackId, YouSaidWeDidRecords.ForPublic(q.Text), q.ConsentToPublish == true)).ToList();
        CanManage = await YouSaidWeDidRecords.CanManageAsync(db, user, r.TrustId, r.UnitId, ct);
        if (CanManage) Linkable = await YouSaidWeDidRecords.LinkableActionsAsync(db, user, r, ct);
        return true;
    }
}
