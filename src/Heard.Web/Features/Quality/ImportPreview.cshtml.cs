using Heard.Data;
using Heard.Web.Features.Import;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Quality;

/// <summary>What a quality measures file holds and which rows would be rejected, before anything is written; then the import itself.</summary>
public sealed class ImportPreviewModel(HeardDbContext db, UploadStore uploads, CurrentUser user) : PageModel
{
    public const int PreviewRows = 10;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "upload.csv";

    public QualityFile Parsed { get; private set; } = null!;
    /// <summary>The checks run without writing: which rows would be rejected, and why.</summary>
    public QualityImportResult? Check { get; private set; }
    /// <summary>Set once the file has been imported.</summary>
    public QualityImportResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Parsed.Layout is not null) Check = await new QualityImporter(db).CheckAsync(Parsed.Rows, await user.UnitIdsAsync(ct), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Parsed.Layout is null) return Page();
        Result = await new QualityImporter(db).ImportAsync(Data.Model.QualityChannels.File, Name, Parsed.Fingerprint, Parsed.HeaderLine, Parsed.Rows,
            await user.UnitIdsAsync(ct), user.Name, keepRejectedRows: true, ct);
        System.IO.File.Delete(uploads.PathFor(Id));
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var path = uploads.PathFor(Id);
        if (!System.IO.File.Exists(path)) return false;
        await using var stream = System.IO.File.OpenRead(path);
        Parsed = await QualityFile.ReadAsync(stream, ct);
        return true;
    }
}
