using Heard.Data;
using Heard.Web.Features.Import;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Organisation;

/// <summary>
/// Imports the organisation from a CSV file, one row per unit. Uploading shows what would change and every row's
/// problems; nothing is written until the administrator applies it.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class OrganisationImportModel(HeardDbContext db, CurrentUser user, Audit audit, UploadStore uploads) : PageModel
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    /// <summary>Rows listed per table; the counts above them always cover the whole file.</summary>
    public const int ListLimit = 500;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public DateParts EffectiveFrom { get; set; } = new();
    [BindProperty] public Guid? UploadId { get; set; }

    public OrganisationCsvPlan? Plan { get; private set; }
    public OrganisationCsvResult? Result { get; private set; }
    public string? FileName { get; private set; }

    public void OnGet() => EffectiveFrom = DateParts.From(DateOnly.FromDateTime(DateTime.UtcNow));

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        var date = ReadEffectiveFrom();
        if (Upload is null || Upload.Length == 0)
            ModelState.AddModelError(nameof(Upload), "Select a CSV file");
        else if (Upload.Length > MaxFileBytes)
            ModelState.AddModelError(nameof(Upload), $"The selected file must be smaller than {MaxFileBytes / 1024 / 1024} MB");
        else if (!Upload.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !Upload.FileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            ModelState.AddModelError(nameof(Upload), "The selected file must be a CSV file");
        if (!ModelState.IsValid) return Page();

        await using (var stream = Upload!.OpenReadStream())
            UploadId = await uploads.SaveAsync(stream, ct);
        FileName = Path.GetFileName(Upload.FileName);
        Plan = await ReadPlanAsync(UploadId.Value, date!.Value, ct);
        Result = await OrganisationCsv.PreviewAsync(db, Plan, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        var date = ReadEffectiveFrom();
        var path = UploadId is Guid id ? uploads.PathFor(id) : null;
        if (path is null || !System.IO.File.Exists(path))
        {
            ModelState.AddModelError(nameof(Upload), "The uploaded file has expired. Select it again to see the preview.");
            return Page();
        }
        if (!ModelState.IsValid) return Page();

        Plan = await ReadPlanAsync(UploadId!.Value, date!.Value, ct);
        Result = await OrganisationCsv.ApplyAsync(db, Plan, audit, ct);
        System.IO.File.Delete(path);
        UploadId = null;
        TempData["Success"] = $"Organisation imported: {Result.Created.Count} units added, {Result.Updated.Count} changed"
            + (Result.RowsWithProblems > 0 ? $", {Result.RowsWithProblems} rows skipped" : "");
        return Page();
    }

    private DateOnly? ReadEffectiveFrom()
    {
        var date = EffectiveFrom.Read("the date renames and moves take effect from", out var error);
        if (error is not null) ModelState.AddModelError(nameof(EffectiveFrom), error);
        return date;
    }

    private async Task<OrganisationCsvPlan> ReadPlanAsync(Guid id, DateOnly effectiveFrom, CancellationToken ct)
    {
        var text = OrganisationCsv.DecodeFile(await System.IO.File.ReadAllBytesAsync(uploads.PathFor(id), ct));
        var plan = OrganisationCsv.Parse(new StringReader(text));
        plan.EffectiveFrom = effectiveFrom;
        // An administrator of part of the organisation changes only the trusts they administer, and adds none.
        plan.TrustScope = await user.TrustIdsAsync(ct);
        return plan;
    }
}
