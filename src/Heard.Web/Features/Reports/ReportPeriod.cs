using System.Globalization;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;

namespace Heard.Web.Features.Reports;

/// <summary>
/// A report's period: one calendar month, or one quarter of the NHS financial year (April to June is Q1), given by its
/// first and last months (yyyymm).
/// </summary>
public sealed record ReportPeriod(string Kind, int FromMonth, int ToMonth)
{
    /// <summary>The monthly or quarterly period that holds <paramref name="month"/>.</summary>
    public static ReportPeriod Containing(string kind, int month)
    {
        if (kind != BoardReportPeriods.Quarterly) return new(BoardReportPeriods.Monthly, month, month);
        var start = DashboardFilter.StartOf(month);
        start = start.AddMonths(-((start.Month - 1) % 3));
        return new(BoardReportPeriods.Quarterly, DashboardFilter.MonthOf(start), DashboardFilter.MonthOf(start.AddMonths(2)));
    }

    /// <summary>Reads "2026-03" as the month or quarter holding it; null when it is not a year and month.</summary>
    public static ReportPeriod? Parse(string? kind, string? month)
    {
        if (!BoardReportPeriods.All.Contains(kind ?? "")) return null;
        return DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? Containing(kind!, DashboardFilter.MonthOf(d))
            : null;
    }

    public int Months => (ToMonth / 100 - FromMonth / 100) * 12 + ToMonth % 100 - FromMonth % 100 + 1;

    public ReportPeriod Previous() => Containing(Kind, DashboardFilter.MonthOf(DashboardFilter.StartOf(FromMonth).AddMonths(-1)));

    public ReportPeriod Next() => Containing(Kind, DashboardFilter.MonthOf(DashboardFilter.StartOf(ToMonth).AddMonths(1)));

    /// <summary>The first day after the period: it has closed once this day has begun.</summary>
    public DateOnly ClosesOn => DashboardFilter.StartOf(ToMonth).AddMonths(1);

    /// <summary>"2026-04": the first month, as links and forms carry the period.</summary>
    public string Key => DashboardFilter.StartOf(FromMonth).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string Label
    {
        get
        {
            var from = DashboardFilter.StartOf(FromMonth);
            if (Kind == BoardReportPeriods.Monthly) return from.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
            var financialYear = from.Month >= 4 ? from.Year : from.Year - 1;
            var quarter = (from.Month + 8) % 12 / 3 + 1;
            var to = DashboardFilter.StartOf(ToMonth);
            return $"Q{quarter} {financialYear}/{(financialYear + 1) % 100:D2} ({from.ToString("MMMM", CultureInfo.InvariantCulture)} to {to.ToString("MMMM yyyy", CultureInfo.InvariantCulture)})";
        }
    }

    public static string KindLabel(string kind) => kind == BoardReportPeriods.Quarterly ? "Quarterly" : "Monthly";
}
