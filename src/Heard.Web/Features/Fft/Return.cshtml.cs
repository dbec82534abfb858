using System.Globalization;
using System.Text;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Web.Features.Import;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Fft;

/// <summary>The monthly national FFT return, on screen and as the CSV file NHS England publishes.</summary>
public sealed class ReturnModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string Setting { get; set; } = FftSettings.Inpatient;
    [BindProperty(SupportsGet = true)] public string Level { get; set; } = "ward";
    public List<int> Months { get; } = [];
    public FftReturnTable? Table { get; private set; }

    private async Task<bool> BuildAsync(CancellationToken ct)
    {
        Months.AddRange(await db.FftMonthly.AsNoTracking().Select(m => m.Month).Distinct().OrderByDescending(m => m).ToListAsync(ct));
        if (Months.Count == 0) return false;
        var month = DateOnly.TryParseExact((Month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            ? m.Year * 100 + m.Month : Months[0];
        Month = $"{month / 100:0000}-{month % 100:00}";
        if (!FftSettings.IsKnown(Setting)) { ModelState.AddModelError(nameof(Setting), "Choose an FFT setting"); return false; }
        if (!FftReturnLevels.TryParse(Level, out var level)) { ModelState.AddModelError(nameof(Level), "Choose trust, site or ward level"); return false; }
        Table = await FftReturnQuery.BuildAsync(db, month, Setting, level, await user.UnitIdsAsync(ct), ct);
        return true;
    }

    public async Task OnGetAsync(CancellationToken ct) => await BuildAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!await BuildAsync(ct) || Table is null) return RedirectToPage();
        var sb = new StringBuilder();
        sb.AppendLine(CsvText.Line(Table.Header));
        foreach (var row in Table.Rows) sb.AppendLine(CsvText.Line(row));
        await audit.RecordNowAsync(Audit.Actions.Export, "fft_return", null, $"{Setting} {Month} {Level}: {Table.Rows.Count} rows", ct);
        return File(Encoding.UTF8.GetBytes(sb.ToString()), "text/csv", $"fft-{Setting}-{Level}-{Month}.csv");
    }
}
