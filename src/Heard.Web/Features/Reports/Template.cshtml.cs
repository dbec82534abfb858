using System.Globalization;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Reports;

/// <summary>
/// A template's shared link: runs it for the latest closed month or quarter, or the one asked for, or its range of months.
/// Needs the board report's authorisation (the policy, and scope over every unit of the trust or division; for chosen
/// units, over at least one of them, and the report then covers only those the viewer sees); anyone else gets 404, so
/// the link says nothing to people without access.
/// </summary>
[Authorize(Policy = Policies.ReadBoardReports)]
public sealed class TemplateModel(HeardDbContext db, CurrentUser user, Audit audit, IConfiguration config) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    /// <summary>Another range of months, for a range template (yyyy-mm).</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public string Name { get; private set; } = "";
    public string Owner { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public BoardReportView? View { get; private set; }
    /// <summary>How many of the template's chosen units this viewer cannot see, and so are left out of their report.</summary>
    public int UnitsLeftOut { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } result) return result;
        if (View is not { } v) return Page();
        await audit.RecordNowAsync(Audit.Actions.Export, ReportTemplates.Entity, null, "PDF " + v.ExportHref, ct);
        return File(BoardReportPdf.Write(v.Figures, v.Narratives, v.ShowComments, v.Generated, v.Sections), "application/pdf", BoardModel.FileName(v.Figures, ".pdf"));
    }

    public async Task<IActionResult> OnGetDocxAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } result) return result;
        if (View is not { } v) return Page();
        await audit.RecordNowAsync(Audit.Actions.Export, ReportTemplates.Entity, null, "Word " + v.ExportHref, ct);
        return File(BoardReportDocument.Write(v.Figures, v.Narratives, v.ShowComments, v.Generated, v.Sections), BoardModel.DocxType, BoardModel.FileName(v.Figures, ".docx"));
    }

    /// <summary>Null when the page can be shown (with the report, or with an error on the month); otherwise 404.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var template = await db.ReportTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.ShareToken == Token, ct);
        var scope = await user.UnitIdsAsync(ct);
        if (template is null || !await ReportTemplates.MayReadAsync(db, scope, ReportTemplates.Choices(template), ct)) return NotFound();
        (Name, Owner, Kind) = (template.Name, template.Owner, template.Period);
        var saved = ReportTemplates.Choices(template);
        var choices = ReportTemplates.ForViewer(saved, scope);
        UnitsLeftOut = (saved.UnitIds?.Count ?? 0) - (choices.UnitIds?.Count ?? 0);
        ReportPeriod? period;
        if (Kind == ReportPeriod.Range)
        {
            period = From is null && To is null ? choices.Range : ReportTemplates.ValidateRange(ModelState, From, To, DateOnly.FromDateTime(DateTime.UtcNow));
            if (period is null)
            {
                if (ModelState.IsValid) ModelState.AddModelError(nameof(From), "Select the first month of the range");
                return null;
            }
            (From, To) = (ReportPeriod.Format(period.FromMonth), ReportPeriod.Format(period.ToMonth));
        }
        else
        {
            period = Month is null ? ReportTemplates.LatestPeriod(template.Period) : ReportPeriod.Parse(template.Period, Month);
            if (period is null)
            {
                ModelState.AddModelError(nameof(Month), "Enter the month as yyyy-mm, for example 2026-05");
                return null;
            }
            Month = period.Key;
        }
        var figures = await ReportTemplates.GenerateAsync(db, choices, period, config, ct);
        if (figures is null) return NotFound();
        var request = new BoardReportRequest(choices.TrustId, choices.DivisionId, period, choices.UnitIds);
        View = new BoardReportView(figures, await BoardReportArchive.LatestNarrativesAsync(db, request, ct), user.CanReadComments,
            $"Figures generated {DateTime.UtcNow.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC from the data as it is now, " +
            $"from the template “{template.Name}” ({template.Owner}).",
            false, ReportTemplates.Link(template.ShareToken) + "?" + period.Query, null, choices.ShownSections);
        return null;
    }
}
