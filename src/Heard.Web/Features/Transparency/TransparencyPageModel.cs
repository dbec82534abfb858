using System.Globalization;
using Heard.Analysis.Fft;
using Heard.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Heard.Web.Features.Transparency;

/// <summary>
/// What the transparency page shows for a trust, whether published or previewed by staff: the months, units and types
/// of care offered, and the rows of the month asked for, suppressed as NHS England suppresses its return. The public
/// page and the staff preview load through the same code, so the preview is exactly what would be published.
/// </summary>
public abstract class TransparencyPageModel : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Setting { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }

    public PublishedTrust Trust { get; private set; } = null!;
    public List<int> Months { get; private set; } = [];
    public List<(string Code, string Name)> Units { get; private set; } = [];
    public List<string> Settings { get; private set; } = [];
    public int? ShownMonth { get; private set; }
    public List<TransparencyRow> Rows { get; private set; } = [];

    protected async Task LoadAsync(HeardDbContext db, PublishedTrust trust, CancellationToken ct)
    {
        Trust = trust;
        Months = await TransparencyQuery.MonthsAsync(db, trust.Id, ct);
        Units = await TransparencyQuery.UnitsAsync(db, trust.Id, ct);
        if (Months.Count == 0) return;

        ShownMonth = ParseMonth(Month) is int m && Months.Contains(m) ? m : Months[0];
        Month = OpenData.Month(ShownMonth.Value);
        Setting = FftSettings.IsKnown(Setting) ? FftSettings.Normalise(Setting!) : null;
        Unit = Units.Any(u => string.Equals(u.Code, Unit, StringComparison.OrdinalIgnoreCase)) ? Units.First(u => string.Equals(u.Code, Unit, StringComparison.OrdinalIgnoreCase)).Code : null;
        var all = await TransparencyQuery.RowsAsync(db, trust, ShownMonth.Value, ShownMonth.Value, null, Unit, ct);
        Settings = all.Select(r => r.Setting).Distinct().ToList();
        Rows = Setting is null ? all : all.Where(r => r.Setting == Setting).ToList();
    }

    public static int? ParseMonth(string? text) =>
        DateOnly.TryParseExact((text ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.Year * 100 + d.Month : null;

    public static string MonthName(int month) =>
        new DateOnly(month / 100, month % 100, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The open data link for the trust, optionally for one month and one unit.</summary>
    public string CsvLink(int? month = null, string? unit = null)
    {
        var query = new List<string>();
        if (month is int m) query.Add("month=" + OpenData.Month(m));
        if (unit is not null) query.Add("unit=" + Uri.EscapeDataString(unit));
        return $"/transparency/{Uri.EscapeDataString(Trust.OdsCode)}/fft.csv" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
