using System.Globalization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Equality;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Reports;

/// <summary>
/// A trust's or division's report for a month or quarter, generated from the data as it is now, with the narrative of
/// its latest saved version; saving archives a new version. Readers must see every unit of the trust or division.
/// </summary>
[Authorize(Policy = Policies.ReadBoardReports)]
public sealed class BoardModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService authorization, IConfiguration config) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Trust { get; set; }
    [BindProperty(SupportsGet = true)] public int? Division { get; set; }
    [BindProperty(SupportsGet = true)] public string? Organisation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty] public Dictionary<string, string?> Narrative { get; set; } = [];

    public BoardReportView View { get; private set; } = null!;
    private BoardReportRequest _request = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } result) return result;
        await audit.RecordNowAsync(Audit.Actions.Export, BoardReportArchive.Entity, null, "PDF " + BoardReportQuery.Link(_request), ct);
        return File(BoardReportPdf.Write(View.Figures, View.Narratives, View.ShowComments, View.Generated), "application/pdf", FileName(View.Figures, ".pdf"));
    }

    public async Task<IActionResult> OnGetDocxAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } result) return result;
        await audit.RecordNowAsync(Audit.Actions.Export, BoardReportArchive.Entity, null, "Word " + BoardReportQuery.Link(_request), ct);
        return File(BoardReportDocument.Write(View.Figures, View.Narratives, View.ShowComments, View.Generated), DocxType, FileName(View.Figures, ".docx"));
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } result) return result;
        if (!View.CanPrepare) return StatusCode(StatusCodes.Status403Forbidden);
        var narratives = ValidNarratives(ModelState, Narrative);
        if (narratives is null)
        {
            View = View with { Narratives = Narrative.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!) };
            return Page();
        }
        var version = await BoardReportArchive.SaveAsync(db, View.Figures, narratives, DateTime.UtcNow, user.Name, null, ct);
        BoardReportArchive.RecordSave(audit, version);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Version {version.Version} saved to the archive";
        return Redirect(BoardReportArchive.Link(version.Id));
    }

    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static string FileName(BoardReportFigures f, string extension) =>
        $"board-report-{(f.DivisionId is int d ? $"division-{d}" : $"trust-{f.TrustId}")}-{f.Period}-{f.ReportPeriod.Key}{extension}";

    /// <summary>The narratives to keep, or null with errors added when one is too long.</summary>
    public static Dictionary<string, string>? ValidNarratives(ModelStateDictionary modelState, Dictionary<string, string?> posted)
    {
        foreach (var s in BoardReportArchive.Sections)
            if (posted.GetValueOrDefault(s.Key) is { Length: > BoardReportArchive.NarrativeLength })
                modelState.AddModelError($"Narrative[{s.Key}]", $"{s.Heading} must be {BoardReportArchive.NarrativeLength:N0} characters or fewer");
        return modelState.IsValid ? BoardReportArchive.CleanNarratives(posted) : null;
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (Trust is null && await BoardReportArchive.ParseOrganisationAsync(db, Organisation, ct) is { } org) (Trust, Division) = org;
        var period = ReportPeriod.Parse(Period ?? BoardReportPeriods.Monthly, Month);
        if (Trust is not int trust || period is null) return Redirect("/Reports");
        if (!await BoardReportQuery.MayReadAsync(db, await user.UnitIdsAsync(ct), trust, Division, ct)) return NotFound();
        _request = new BoardReportRequest(trust, Division, period);
        var figures = await BoardReportQuery.GenerateAsync(db, _request, EqualityRequest.MinimumGroupSize(config), ct);
        if (figures is null) return NotFound();
        var canPrepare = (await authorization.AuthorizeAsync(User, Policies.PrepareBoardReports)).Succeeded;
        var narratives = await BoardReportArchive.LatestNarrativesAsync(db, _request, ct);
        View = new BoardReportView(figures, narratives, user.CanReadComments,
            $"Figures generated {DateTime.UtcNow.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC from the data as it is now; not yet saved as a version.",
            canPrepare, BoardReportQuery.Link(_request), null);
        return null;
    }
}
