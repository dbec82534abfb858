using Heard.Data;
using Heard.Web.Features.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Quality;

/// <summary>Upload a quality measures file; the preview comes next, before anything is written.</summary>
public sealed class ImportModel(HeardDbContext db, UploadStore uploads) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    public List<QualityMeasureDefinition> Measures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Measures = await QualityQuery.MeasuresAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Choose a CSV file to upload");
        else if (Upload.Length > uploads.MaxBytes) ModelState.AddModelError(nameof(Upload), $"The file is larger than {uploads.MaxBytes / 1048576:N0} MB");
        else if (!Upload.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !Upload.FileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            ModelState.AddModelError(nameof(Upload), "The file must be a CSV file (.csv)");
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }
        await using var stream = Upload!.OpenReadStream();
        var id = await uploads.SaveAsync(stream, ct);
        return RedirectToPage("ImportPreview", new { id, name = Path.GetFileName(Upload.FileName) });
    }
}
