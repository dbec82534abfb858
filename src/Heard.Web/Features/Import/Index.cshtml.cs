using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Import;

public sealed class IndexModel(HeardDbContext db, UploadStore uploads) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string Kind { get; set; } = ImportKinds.Fft;
    public List<ImportBatch> Batches { get; private set; } = [];
    public long MaxBytes => uploads.MaxBytes;

    public async Task OnGetAsync(CancellationToken ct) =>
        Batches = await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(25).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ImportKinds.All.Contains(Kind)) ModelState.AddModelError(nameof(Kind), "Choose what kind of file this is");
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Choose a CSV file to upload");
        else if (Upload.Length > uploads.MaxBytes)
            ModelState.AddModelError(nameof(Upload), $"The file is {Upload.Length / 1048576:N0} MB; uploads can be up to {uploads.MaxBytes / 1048576:N0} MB. Use ./heard import for larger files.");
        else if (!Upload.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !Upload.FileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            ModelState.AddModelError(nameof(Upload), "The file must be a CSV file (.csv)");
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }
        await using var stream = Upload!.OpenReadStream();
        var id = await uploads.SaveAsync(stream, ct);
        return RedirectToPage("Preview", new { id, kind = Kind, name = Path.GetFileName(Upload.FileName) });
    }
}
