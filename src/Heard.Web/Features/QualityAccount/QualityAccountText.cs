using System.Globalization;
using Heard.Analysis.Fft;

namespace Heard.Web.Features.QualityAccount;

/// <summary>The draft's wording and table cells, shared by the page and the Word document so the two never differ.</summary>
public static class QualityAccountText
{
    public const string PlaceholderLabel = "To be written";

    public const string FftIntro =
        "The Friends and Family Test asks everyone who uses our services \"Overall, how was your experience of our service?\". " +
        "Positive means Very good or Good; negative means Poor or Very poor; Don't know counts in the total.";

    public const string FftNote =
        "Percentages are whole numbers, halves rounded up, as NHS England publishes them; the change is in percentage points. " +
        "NHS England advises against comparing FFT results between trusts.";

    public const string NoSources = "No complaints, PALS concerns or compliments are recorded in Heard for these two years.";

    public static string NoFft(FinancialYear y) => $"No Friends and Family Test responses are recorded in Heard for {y.LongLabel} or the year before.";

    public static string[] FftHeader(FinancialYear y) =>
        ["Setting", $"Responses {y.Label}", $"% positive {y.Label}", $"% negative {y.Label}", $"% positive {y.Previous.Label}", "Change (points)"];

    public static string[] FftCells(SettingHeadline h) =>
    [
        h.Label, h.ThisYear.Total.ToString("N0", CultureInfo.InvariantCulture), Percent(h.ThisYear.WholePercentagePositive),
        Percent(h.ThisYear.WholePercentageNegative), Percent(h.LastYear.WholePercentagePositive), Change(h.ChangeInPositive),
    ];

    /// <summary>Null when both years have FFT figures for all twelve months.</summary>
    public static string? Coverage(QualityAccountDraft d)
    {
        var parts = new List<string>();
        if (d.MonthsThisYear < 12) parts.Add($"{d.Year.Label} has FFT figures for {d.MonthsThisYear} of 12 months");
        if (d.MonthsLastYear is > 0 and < 12) parts.Add($"{d.Year.Previous.Label} for {d.MonthsLastYear} of 12 months");
        return parts.Count == 0 ? null : string.Join("; ", parts) + ", so a change between the years compares parts of a year and should be read with care.";
    }

    public static string[] SourceHeader(FinancialYear y) => ["Feedback", y.Label, y.Previous.Label];

    public static string[] SourceCells(SourceHeadline s) =>
        [s.Label, s.ThisYear.ToString("N0", CultureInfo.InvariantCulture), s.LastYear.ToString("N0", CultureInfo.InvariantCulture)];

    public static string ActionsIntro(QualityAccountDraft d) => d.ActionsCompleted switch
    {
        0 => $"No improvement actions were closed as done in Heard in {d.Year.LongLabel}.",
        _ when d.ActionsCompleted > d.Actions.Count =>
            $"{d.ActionsCompleted:N0} improvement actions were closed as done in {d.Year.LongLabel}; the first {d.Actions.Count} are listed with their impact as their owners recorded it.",
        _ => $"{d.ActionsCompleted:N0} improvement {(d.ActionsCompleted == 1 ? "action was" : "actions were")} closed as done in {d.Year.LongLabel}, with their impact as their owners recorded it.",
    };

    public static string Percent(int? whole) => whole is int v ? v.ToString(CultureInfo.InvariantCulture) + "%" : "–";

    public static string Change(int? points) => points switch
    {
        null => "–",
        0 => "no change",
        int p => p.ToString("+0;−0", CultureInfo.InvariantCulture),
    };
}
