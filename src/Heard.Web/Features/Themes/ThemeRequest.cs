using System.Globalization;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Themes;

/// <summary>Reads and checks the themes filter as the page and the API receive it, so both say the same about bad input.</summary>
public static class ThemeRequest
{
    /// <summary>The filter, or errors by field. Months are yyyy-mm; without them, the 12 months to the latest with feedback.</summary>
    public static async Task<(ThemeFilter Filter, Dictionary<string, string> Errors, int Latest)> ParseAsync(HeardDbContext db,
        int? trust, int? division, int? unit, string? from, string? to, string? source, string? setting, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        // The monthly caches are small; MAX over feedback itself would read every response.
        var latest = new[]
        {
            await db.FftMonthly.AsNoTracking().MaxAsync(m => (int?)m.Month, ct),
            await db.SourceMonthly.AsNoTracking().MaxAsync(m => (int?)m.Month, ct),
        }.Max() ?? DashboardFilter.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow));
        int? Month(string? text, string field, string name)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return DashboardFilter.MonthOf(d);
            errors[field] = $"Enter the {name} as a year and month, for example 2026-03";
            return null;
        }
        var toMonth = Month(to, "To", "end month") ?? latest;
        var fromMonth = Month(from, "From", "start month") ?? DashboardFilter.MonthOf(DashboardFilter.StartOf(toMonth).AddMonths(-11));
        if (fromMonth > toMonth)
        {
            errors["From"] = "The start month must be on or before the end month";
            (fromMonth, toMonth) = (toMonth, fromMonth);
        }
        // Over a few years the month-by-month table stops being readable and the query stops being cheap.
        if (DashboardFilter.StartOf(fromMonth).AddMonths(36) <= DashboardFilter.StartOf(toMonth))
        {
            errors["From"] = "Choose at most 36 months";
            fromMonth = DashboardFilter.MonthOf(DashboardFilter.StartOf(toMonth).AddMonths(-35));
        }
        if (source is { Length: > 0 } && !FeedbackSources.All.Contains(source)) { errors["Source"] = "Choose a source from the list"; source = null; }
        if (setting is { Length: > 0 } && !FftSettings.IsKnown(setting)) { errors["Setting"] = "Choose a setting from the list"; setting = null; }
        return (new ThemeFilter(trust, unit is null ? division : null, unit, fromMonth, toMonth,
            string.IsNullOrEmpty(source) ? null : source, string.IsNullOrEmpty(setting) ? null : setting), errors, latest);
    }
}
