using System.Globalization;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;

namespace Heard.Web.Features.Reports;

/// <summary>
/// A report's period: one calendar month, one quarter of the NHS financial year (April to June is Q1), or (for the report
/// builder) a range of whole months, given by its first and last months (yyyymm).
/// </summary>
public sealed record ReportPeriod(string Kind, int FromMonth, int ToMonth)
{
    /// <summary>The report builder's own kind: any run of whole months. Board reports stay monthly or quarterly.</summary>
    public const string Range = "range";
    /// <summary>The longest range the builder runs: three years, as far back as the SPC summary's chart looks.</summary>
    public const int MaxRangeMonths = 36;

    /// <summary>The months from <paramref name="from"/> to <paramref name="to"/> (yyyymm).</summary>
    public static ReportPeriod Between(int from, int to) => new(Range, from, to);

    /// <summary>Reads "2026-03" as yyyymm; null when it is not a year and month.</summary>
    public static int? ParseMonth(string? month) =>
        DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? DashboardFilter.MonthOf(d)
            : null;

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

    /// <summary>The period before: for a range, the same number of months just before it.</summary>
    public ReportPeriod Previous() => Kind == Range
        ? Between(Shift(FromMonth, -Months), Shift(ToMonth, -Months))
        : Containing(Kind, Shift(FromMonth, -1));

    public ReportPeriod Next() => Kind == Range
        ? Between(Shift(FromMonth, Months), Shift(ToMonth, Months))
        : Containing(Kind, Shift(ToMonth, 1));

    private static int Shift(int month, int by) => DashboardFilter.MonthOf(DashboardFilter.StartOf(month).AddMonths(by));

    /// <summary>The first day after the period: it has closed once this day has begun.</summary>
    public DateOnly ClosesOn => DashboardFilter.StartOf(ToMonth).AddMonths(1);

    /// <summary>"2026-04": the first month, as links and forms carry the period.</summary>
    public string Key => Format(FromMonth);

    /// <summary>The period as a link's query: the month for a month or quarter, both ends for a range.</summary>
    public string Query => Kind == Range ? $"from={Format(FromMonth)}&to={Format(ToMonth)}" : $"month={Key}";

    public static string Format(int month) => DashboardFilter.StartOf(month).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string Label
    {
        get
        {
            var from = DashboardFilter.StartOf(FromMonth);
            if (Kind == BoardReportPeriods.Monthly || FromMonth == ToMonth) return from.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
            var to = DashboardFilter.StartOf(ToMonth);
            if (Kind == Range)
                return from.Year == to.Year
                    ? $"{from.ToString("MMMM", CultureInfo.InvariantCulture)} to {to.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}"
                    : $"{from.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} to {to.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";
            var financialYear = from.Month >= 4 ? from.Year : from.Year - 1;
            var quarter = (from.Month + 8) % 12 / 3 + 1;
            return $"Q{quarter} {financialYear}/{(financialYear + 1) % 100:D2} ({from.ToString("MMMM", CultureInfo.InvariantCulture)} to {to.ToString("MMMM yyyy", CultureInfo.InvariantCulture)})";
        }
    }

    public static string KindLabel(string kind) => kind switch
    {
        BoardReportPeriods.Quarterly => "Quarterly",
        Range => "A range of months",
        _ => "Monthly",
    };
}
