using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>
/// Re-opens a round's Word export: with a round chosen, its answers update that draft round; without one, a new draft
/// round is made for the organisation and period the document was exported for. Scope and read-only rules are the same as the form's.
/// </summary>
public sealed class ReopenModel(HeardDbContext db, SelfAssessmentAccess access, CurrentUser user, Audit audit) : PageModel
{
    public const long MaxBytes = 10 * 1024 * 1024;

    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    public RoundSummary? Target { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadTargetAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadTargetAsync(ct)) return NotFound();
        if (Target is not null && (Target.Status != SelfAssessmentStatuses.Draft || !await access.CanEditAsync(Target.TrustId, Target.DivisionId, ct))) return StatusCode(StatusCodes.Status403Forbidden);
        if (Upload is null || Upload.Length == 0) { ModelState.AddModelError(nameof(Upload), "Select the Word document (.docx) exported from Heard"); return Page(); }
        if (Upload.Length > MaxBytes) { ModelState.AddModelError(nameof(Upload), "The file must be smaller than 10 MB"); return Page(); }

        ImportedRound imported;
        try
        {
            await using var stream = Upload.OpenReadStream();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            copy.Position = 0;
            imported = RoundDocument.Read(copy);
        }
        catch (Exception e) when (e is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or IOException or System.Xml.XmlException)
        {
            ModelState.AddModelError(nameof(Upload), "The file is not a Word document (.docx) that Heard can read");
            return Page();
        }
        if (imported.Answers.Count == 0) { ModelState.AddModelError(nameof(Upload), imported.Problems[0]); return Page(); }

        SelfAssessmentRound? round;
        if (Target is not null) round = await db.SelfAssessmentRounds.FindAsync([Target.Id], ct);
        else
        {
            var original = imported.RoundId is { } rid ? await db.SelfAssessmentRounds.FindAsync([rid], ct) : null;
            if (original is null || !await access.CanEditAsync(original, ct))
            {
                ModelState.AddModelError(nameof(Upload), "The document's round is not one you can edit here. Open the round you want to update and re-open the document from there.");
                return Page();
            }
            round = await SelfAssessmentRounds.CreateAsync(db, audit, user, original.TrustId, original.DivisionId,
                string.IsNullOrWhiteSpace(imported.Title) ? original.Title : imported.Title!, imported.PeriodStart ?? original.PeriodStart, imported.PeriodEnd ?? original.PeriodEnd, ct);
        }
        var count = await SelfAssessmentRounds.ApplyAsync(db, audit, user, round!, imported, ct);
        TempData["Success"] = $"{count} requirements read from the document" + (imported.Problems.Count > 0 ? $"; {imported.Problems.Count} problems: " + string.Join(" ", imported.Problems) : "");
        return Redirect($"/SelfAssessment/Round/{round!.Id}");
    }

    private async Task<bool> LoadTargetAsync(CancellationToken ct)
    {
        if (!access.HasEditorRole) return false;
        if (Round is null) return true;
        var loaded = await SelfAssessmentQuery.LoadAsync(db, access, Round.Value, ct);
        Target = loaded?.Detail.Round;
        return Target is not null;
    }
}
