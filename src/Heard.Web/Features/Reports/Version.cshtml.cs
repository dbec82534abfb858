using System.Globalization;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Reports;

/// <summary>
/// One archived version, read from its snapshot. Saving a changed narrative archives the next version with the same
/// figures, so what the board was shown stays as it was.
/// </summary>
[Authorize(Policy = Policies.ReadBoardReports)]
public sealed class VersionModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService authorization) : PageModel
{
    [BindProperty] public Dictionary<string, string?> Narrative { get; set; } = [];

    public BoardReportView View { get; private set; } = null!;
    public string LiveLink { get; private set; } = "";
    private Data.Model.BoardReportVersion _version = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await audit.RecordNowAsync(Audit.Actions.Export, BoardReportArchive.Entity, id, "PDF", ct);
        return File(BoardReportPdf.Write(View.Figures, View.Narratives, View.ShowComments, View.Generated), "application/pdf",
            BoardModel.FileName(View.Figures, $"-v{_version.Version}.pdf"));
    }

    public async Task<IActionResult> OnGetDocxAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await audit.RecordNowAsync(Audit.Actions.Export, BoardReportArchive.Entity, id, "Word", ct);
        return File(BoardReportDocument.Write(View.Figures, View.Narratives, View.ShowComments, View.Generated), BoardModel.DocxType,
            BoardModel.FileName(View.Figures, $"-v{_version.Version}.docx"));
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!View.CanPrepare) return StatusCode(StatusCodes.Status403Forbidden);
        var narratives = BoardModel.ValidNarratives(ModelState, Narrative);
        if (narratives is null)
        {
            View = View with { Narratives = Narrative.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!) };
            return Page();
        }
        var version = await BoardReportArchive.SaveAsync(db, View.Figures, narratives, _version.GeneratedAt, user.Name, null, ct);
        BoardReportArchive.RecordSave(audit, version);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Version {version.Version} saved to the archive";
        return Redirect(BoardReportArchive.Link(version.Id));
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var v = await db.BoardReportVersions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (v is null) return false;
        var readable = await BoardReportArchive.ReadableAsync(db, await user.UnitIdsAsync(ct), ct);
        if (!readable(v.TrustId, v.DivisionId)) return false;
        _version = v;
        var figures = BoardReportFigures.FromJson(v.FiguresJson);
        var canPrepare = (await authorization.AuthorizeAsync(User, Policies.PrepareBoardReports)).Succeeded;
        var by = v.ScheduleId is not null ? "archived by its schedule when the period closed" : $"saved by {v.SavedBy}";
        View = new BoardReportView(figures, BoardReportArchive.ReadNarratives(v.NarrativesJson), user.CanReadComments,
            $"Version {v.Version}, {by}. Figures generated {v.GeneratedAt.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC.",
            canPrepare, BoardReportArchive.Link(v.Id), v.Id);
        LiveLink = BoardReportQuery.Link(new BoardReportRequest(v.TrustId, v.DivisionId, figures.ReportPeriod));
        return true;
    }
}
