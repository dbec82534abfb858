using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Import;

public sealed class CorrectModel(HeardDbContext db, DatabaseTarget target, CurrentUser user, Audit audit) : PageModel
{
    [BindProperty] public List<string> Values { get; set; } = [];
    [BindProperty] public string? DismissReason { get; set; }
    public ImportedRow Row { get; private set; } = null!;
    public ImportBatch Batch { get; private set; } = null!;
    public IReadOnlyList<string> Header { get; private set; } = [];
    public string? Problem { get; private set; }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var row = await db.ImportedRows.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (row is null) return false;
        Row = row;
        Batch = await db.ImportBatches.AsNoTracking().FirstAsync(b => b.Id == row.ImportBatchId, ct);
        Header = Quarantine.HeaderOf(Batch);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var fields = Quarantine.FieldsOf(Row.CorrectedText ?? Row.RawText);
        Values = Header.Select((_, i) => i < fields.Length ? fields[i] : "").ToList();
        Problem = Row.Reason;
        return Page();
    }

    public async Task<IActionResult> OnPostResubmitAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Problem = await new Quarantine(target).ResubmitAsync(id, Values, user.Name, ct);
        if (Problem is null)
        {
            TempData["Done"] = $"Row {Row.RowNumber} of {Batch.FileName} was imported.";
            return RedirectToPage("Quarantine", new { batch = Batch.Id });
        }
        ModelState.AddModelError("Values", Problem);
        return Page();
    }

    public async Task<IActionResult> OnPostDismissAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (string.IsNullOrWhiteSpace(DismissReason))
        {
            ModelState.AddModelError(nameof(DismissReason), "Say why this row should not be imported");
            var fields = Quarantine.FieldsOf(Row.RawText);
            Values = Header.Select((_, i) => i < fields.Length ? fields[i] : "").ToList();
            Problem = Row.Reason;
            return Page();
        }
        Row.Status = RowStatuses.Dismissed;
        Row.CorrectedBy = user.Name;
        Row.CorrectedAt = DateTime.UtcNow;
        Row.Reason = $"{Row.Reason} | dismissed: {DismissReason.Trim()}";
        audit.Record(Audit.Actions.Update, "imported_row", id, "dismissed: " + DismissReason.Trim());
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Quarantine", new { batch = Batch.Id });
    }
}
