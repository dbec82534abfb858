using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Spc;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Actions;

/// <summary>
/// One action: where it stands, its evidence, progress notes, attachments, reminders sent and "did it work?". Anyone who
/// can see its unit may read it; changing it needs <see cref="Policies.ManageActions"/>; attachments are served only
/// to roles that read comments, since a file may name people.
/// </summary>
public sealed class DetailsModel(HeardDbContext db, CurrentUser user, Audit audit, TimeProvider time, IAuthorizationService authorization, IConfiguration config) : PageModel
{
    public ImprovementAction Action { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public string? DivisionName { get; private set; }
    public string OwnerName { get; private set; } = "";
    public List<ActionEvidence> Evidence { get; private set; } = [];
    public Dictionary<long, string?> EvidenceLinks { get; private set; } = [];
    public List<ActionNote> Notes { get; private set; } = [];
    public List<(long Id, string FileName, long Size, DateTime UploadedAt, string UploadedBy)> Attachments { get; private set; } = [];
    public List<ActionReminder> Reminders { get; private set; } = [];
    public ImpactReading? Reading { get; private set; }
    public bool CanManage { get; private set; }
    /// <summary>"You said, we did" records that report on this action.</summary>
    public List<(long Id, string Title, string Status)> Told { get; private set; } = [];
    public bool CanDownload { get; private set; }
    public bool Overdue { get; private set; }
    public long MaxUploadMegabytes => ActionAttachments.MaxBytes(config) / (1024 * 1024);

    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostNoteAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanManage) return Forbid();
        var text = Note?.Trim() ?? "";
        if (text.Length == 0) ModelState.AddModelError(nameof(Note), "Write the progress note");
        else if (text.Length > ActionEditing.TextMax) ModelState.AddModelError(nameof(Note), $"Keep the note to {ActionEditing.TextMax} characters or fewer");
        if (!ModelState.IsValid) return Page();
        ActionEditing.AddNote(db, user, time, Action, text);
        Action.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Progress note added";
        return Redirect(ActionQueries.Link(id) + "#notes");
    }

    public async Task<IActionResult> OnPostStatusAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanManage) return Forbid();
        // Done needs an impact review, asked for on its own page with the "did it work?" reading beside it.
        if (Status == ActionStatuses.Done) return Redirect($"{ActionQueries.Link(id)}/Close");
        if (Status is null || !ActionStatuses.All.Contains(Status)) { ModelState.AddModelError(nameof(Status), "Choose a status"); return Page(); }
        var error = await ActionEditing.ChangeStatusAsync(db, user, audit, time, Action, Status, null, ct);
        if (error is not null) { ModelState.AddModelError(nameof(Status), error); return Page(); }
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Status changed to {ActionStatuses.Label(Status).ToLowerInvariant()}";
        return Redirect(ActionQueries.Link(id));
    }

    public async Task<IActionResult> OnPostAttachAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanManage) return Forbid();
        if (Upload is null || Upload.Length == 0) { ModelState.AddModelError(nameof(Upload), "Choose a file to attach"); return Page(); }
        var max = ActionAttachments.MaxBytes(config);
        if (Upload.Length > max) { ModelState.AddModelError(nameof(Upload), $"The file must be smaller than {max / (1024 * 1024)} MB"); return Page(); }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        var name = ActionAttachments.SafeName(Upload.FileName);
        var (contentType, error) = ActionAttachments.Check(name, content, max);
        if (error is not null) { ModelState.AddModelError(nameof(Upload), error); return Page(); }
        db.ActionAttachments.Add(new ActionAttachment
        {
            ImprovementActionId = id, FileName = name, ContentType = contentType!, Size = content.Length, Content = content,
            UploadedAt = time.GetUtcNow().UtcDateTime, UploadedBy = user.Name,
        });
        audit.Record(Audit.Actions.Create, "action-attachment", id, name);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Attached {name}";
        return Redirect(ActionQueries.Link(id) + "#attachments");
    }

    public async Task<IActionResult> OnGetAttachmentAsync(long id, long attachmentId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanDownload) return Forbid();
        var file = await db.ActionAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ImprovementActionId == id, ct);
        if (file is null) return NotFound();
        return File(file.Content, file.ContentType, file.FileName);
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var action = await ActionQueries.FindAsync(db, user, id, ct);
        if (action is null) return false;
        Action = action;
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == action.UnitId).Select(u => new { u.Name, u.DivisionId }).FirstAsync(ct);
        UnitName = unit.Name;
        DivisionName = unit.DivisionId is int d ? await db.Divisions.Where(x => x.Id == d).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        OwnerName = await db.Users.AsNoTracking().Where(u => u.Id == action.OwnerUserId).Select(u => u.DisplayName != "" ? u.DisplayName : u.UserName).FirstOrDefaultAsync(ct) ?? "(removed user)";
        Evidence = await db.ActionEvidence.AsNoTracking().Where(e => e.ImprovementActionId == id).OrderBy(e => e.Id).ToListAsync(ct);
        EvidenceLinks = await ActionQueries.EvidenceLinksAsync(db, Evidence, ct);
        Notes = await db.ActionNotes.AsNoTracking().Where(n => n.ImprovementActionId == id).OrderByDescending(n => n.WrittenAt).ThenByDescending(n => n.Id).ToListAsync(ct);
        Attachments = (await db.ActionAttachments.AsNoTracking().Where(a => a.ImprovementActionId == id).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.FileName, a.Size, a.UploadedAt, a.UploadedBy }).ToListAsync(ct))
            .Select(a => (a.Id, a.FileName, a.Size, a.UploadedAt, a.UploadedBy)).ToList();
        Told = (await (from l in db.YouSaidWeDidActions.AsNoTracking()
                       join r in db.YouSaidWeDidRecords.AsNoTracking() on l.YouSaidWeDidRecordId equals r.Id
                       where l.ImprovementActionId == id
                       orderby r.Id
                       select new { r.Id, r.Title, r.Status }).ToListAsync(ct))
            .Select(r => (r.Id, r.Title, r.Status)).ToList();
        Reminders = await db.ActionReminders.AsNoTracking().Where(r => r.ImprovementActionId == id).OrderBy(r => r.SentAt).ToListAsync(ct);
        Reading = await DidItWork.LoadAsync(db, action.TrustId, action.UnitId, action.Metric, action.Theme, action.ChangedOn, ct);
        CanManage = (await authorization.AuthorizeAsync(User, Policies.ManageActions)).Succeeded;
        CanDownload = user.CanReadComments;
        Overdue = ActionEditing.IsOverdue(action, ActionEditing.Today(time));
        return true;
    }

    public SpcChartDrawing Drawing() => ChartOf(Reading!, UnitName);

    public static SpcChartDrawing ChartOf(ImpactReading r, string unitName)
    {
        var labels = r.Months.Select(m => DashboardFilter.Label(m.Month)).ToList();
        var description = r.Months.Count == 0
            ? "No months with data."
            : $"XmR chart of {r.Metric.Label.ToLowerInvariant()} for {unitName}, {labels[0]} to {labels[^1]}, rebased at the change on {r.ChangedOn:d MMM yyyy}. "
              + $"{r.Verdict}. {r.SpcReading}. The table below the chart gives every figure.";
        var changes = r.FirstMonthAfter is int i && i > 0 ? new List<(int, string)> { (i, "Change went live") } : [];
        return new SpcChartDrawing("impact-chart", $"{r.Metric.Label}: {unitName}", description, r.Chart, labels, 1, r.Metric.Unit, DidItWork.Decimals(r.Metric), changes);
    }
}
