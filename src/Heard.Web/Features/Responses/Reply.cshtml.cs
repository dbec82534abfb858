using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Responses;

/// <summary>
/// Replying to one piece of feedback: by email when the person consented to contact and gave an address, or, for an
/// online review, a public reply drafted here and approved by a second person before the web team publishes it.
/// </summary>
[Authorize(Policy = Policies.RespondToFeedback)]
public sealed class ReplyModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public FeedbackRecord Record { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public List<string> Comments { get; } = [];
    public List<ReplyView> Previous { get; private set; } = [];
    public bool IsReview => Record.Source == FeedbackSources.OnlineReview;
    /// <summary>Why an email reply cannot be sent, or Done when it can.</summary>
    public Replies.Outcome Contact { get; private set; }
    public string? ContactEmail { get; private set; }
    public bool CanUseContactDetails => user.CanReadIdentifiable;
    public bool CanApprove => user.IsInRole(Roles.PxAdministrator);
    public string Me => user.Name;
    [BindProperty] public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await Replies.FindAsync(db, user, id, ct) is not { } record) return false;
        Record = record;
        UnitName = await db.Units.Where(u => u.Id == record.UnitId).Select(u => u.Name).FirstAsync(ct);
        var texts = await db.FeedbackAnswers.AsNoTracking().Where(a => a.FeedbackRecordId == id && a.Text != null).OrderBy(a => a.Id).Select(a => a.Text!).ToListAsync(ct);
        Comments.AddRange(texts.Select(t => user.CanReadIdentifiable ? t : Redactor.Redact(t)));
        Previous = await Replies.ListAsync(db, id, ct);
        if (!IsReview)
        {
            (Contact, var email) = await Replies.ContactAddressAsync(db, record, ct);
            if (email is not null && CanUseContactDetails)
            {
                ContactEmail = email;
                await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "contact-detail", id, "email address shown to reply", ct);
            }
        }
        return true;
    }

    public async Task<IActionResult> OnPostSendAsync(long id, CancellationToken ct) =>
        await After(id, await Replies.SendEmailAsync(db, user, audit, id, Body, ct), "Reply sent: it is in the outbox for the mail relay", ct);

    public async Task<IActionResult> OnPostDraftAsync(long id, CancellationToken ct) =>
        await After(id, await Replies.DraftReviewReplyAsync(db, user, audit, id, Body, ct), "Draft saved: a PX administrator other than you must approve it", ct);

    public async Task<IActionResult> OnPostApproveAsync(long id, long replyId, CancellationToken ct)
    {
        var result = await Replies.ApproveAsync(db, user, audit, replyId, ct);
        if (result == Replies.Outcome.NotFound) return NotFound();
        if (result is Replies.Outcome.Done or Replies.Outcome.AlreadyApproved)
        {
            TempData["Success"] = result == Replies.Outcome.Done ? "Reply approved for publishing" : Replies.Message(result);
            return RedirectToPage(new { id });
        }
        ModelState.AddModelError("", Replies.Message(result));
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<IActionResult> After(long id, Replies.Outcome result, string success, CancellationToken ct)
    {
        if (result == Replies.Outcome.NotFound) return NotFound();
        if (result == Replies.Outcome.Done)
        {
            TempData["Success"] = success;
            return RedirectToPage(new { id });
        }
        ModelState.AddModelError(result is Replies.Outcome.Empty or Replies.Outcome.TooLong ? nameof(Body) : "", Replies.Message(result));
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }
}
