using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>One round by section with its progress; exports for the board; completing (read-only) and, for administrators, reopening.</summary>
public sealed class RoundModel(HeardDbContext db, SelfAssessmentAccess access, CurrentUser user, Audit audit) : PageModel
{
    public RoundDetail Detail { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool CanReopen { get; private set; }
    public bool IsComplete => Detail.Round.Status == SelfAssessmentStatuses.Complete;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await audit.RecordNowAsync(Audit.Actions.Export, SelfAssessmentRounds.Entity, id, "Word", ct);
        return File(RoundDocument.Write(Detail), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileName(".docx"));
    }

    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await audit.RecordNowAsync(Audit.Actions.Export, SelfAssessmentRounds.Entity, id, "PDF", ct);
        return File(RoundPdf.Write(Detail), "application/pdf", FileName(".pdf"));
    }

    public async Task<IActionResult> OnPostCompleteAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanEdit || IsComplete) return StatusCode(StatusCodes.Status403Forbidden);
        var round = await db.SelfAssessmentRounds.FindAsync([id], ct);
        await SelfAssessmentRounds.CompleteAsync(db, audit, user, round!, ct);
        TempData["Success"] = "Round marked complete. It is now read-only.";
        return Redirect($"/SelfAssessment/Round/{id}");
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanReopen) return StatusCode(StatusCodes.Status403Forbidden);
        var round = await db.SelfAssessmentRounds.FindAsync([id], ct);
        await SelfAssessmentRounds.ReopenAsync(db, audit, round!, ct);
        TempData["Success"] = "Round reopened for changes";
        return Redirect($"/SelfAssessment/Round/{id}");
    }

    private string FileName(string extension) =>
        $"self-assessment-{Detail.Round.Id}-{Detail.Round.PeriodEnd:yyyy-MM-dd}{extension}";

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await SelfAssessmentQuery.LoadAsync(db, access, id, ct) is not { } loaded) return false;
        Detail = loaded.Detail;
        var editor = await access.CanEditAsync(loaded.Entity, ct);
        CanEdit = editor && !IsComplete;
        CanReopen = IsComplete && user.IsAdministrator && editor;
        return true;
    }
}
