using System.Globalization;

namespace Heard.Analysis.Fft;

/// <summary>
/// One unit's FFT tally for the month and setting of the return. A unit whose records are all
/// "no rating given" still belongs here (its Total is 0, and it appears in the return with "-" percentages).
/// </summary>
/// <param name="Eligible">Eligible patients for this unit that month, or null when unknown.</param>
public sealed record FftReturnUnit(
    string? IcbCode,
    string TrustCode,
    string TrustName,
    string SiteCode,
    string SiteName,
    string WardName,
    string? FirstSpeciality,
    string? SecondSpeciality,
    FftCounts Counts,
    long? Eligible);

/// <summary>
/// Why a row's figures are hidden. Each flag records a rule that applied; the display depends only on
/// whether any flag is set (counts and modes starred) and whether <see cref="FirstLevel"/> is set
/// (percentages starred too).
/// </summary>
[Flags]
public enum FftSuppression
{
    None = 0,

    /// <summary>1 to 4 responses: counts, modes and percentages hidden.</summary>
    FirstLevel = 1,

    /// <summary>Next-smallest sibling of a first-level suppressed row: counts and modes hidden.</summary>
    SecondLevel = 2,

    /// <summary>One of the two smallest children of a suppressed parent: counts and modes hidden.</summary>
    Cascade = 4,
}

/// <summary>A row of the return with its figures before masking, and the suppression that applies to it.</summary>
public sealed record FftReturnRow(
    FftReturnLevel Level,
    string? IcbCode,
    string TrustCode,
    string TrustName,
    string? SiteCode,
    string? SiteName,
    string? WardName,
    string? FirstSpeciality,
    string? SecondSpeciality,
    FftCounts Counts,
    long? Eligible,
    FftSuppression Suppression)
{
    public bool CountsHidden => Suppression != FftSuppression.None;

    public bool PercentagesHidden => (Suppression & FftSuppression.FirstLevel) != 0;

    /// <summary>The row as published, one string per header column.</summary>
    public IReadOnlyList<string> Cells()
    {
        var cells = new List<string>(26) { IcbCode ?? "", TrustCode, TrustName };
        if (Level is FftReturnLevel.Site or FftReturnLevel.Ward)
        {
            cells.Add(SiteCode ?? "");
            cells.Add(SiteName ?? "");
        }

        if (Level is FftReturnLevel.Ward)
        {
            cells.Add(WardName ?? "");
        }

        cells.Add(Number(Counts.Total));
        cells.Add(Eligible is { } eligible ? Number(eligible) : "");
        cells.Add(Percentage(Counts.WholePercentagePositive));
        cells.Add(Percentage(Counts.WholePercentageNegative));
        foreach (var answer in FftAnswers.All)
        {
            cells.Add(CountsHidden ? "*" : Number(Counts.Count(answer)));
        }

        foreach (var mode in FftModes.All)
        {
            cells.Add(CountsHidden ? "*" : Number(Counts.ModeCount(mode)));
        }

        if (Level is FftReturnLevel.Ward)
        {
            cells.Add(FirstSpeciality ?? "");
            cells.Add(SecondSpeciality ?? "");
        }

        return cells;
    }

    private string Percentage(int? whole) =>
        PercentagesHidden ? "*" : whole is { } value ? Number(value) : "-";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A monthly FFT return ready to write: header and rows as published, plus the rows' details.</summary>
public sealed class FftReturnTable
{
    internal FftReturnTable(FftReturnLevel level, IReadOnlyList<FftReturnRow> details)
    {
        Level = level;
        Header = FftReturn.Header(level);
        Details = details;
        Rows = details.Select(row => row.Cells()).ToList();
    }

    public FftReturnLevel Level { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Published cells, row by row, in the same order as <see cref="Details"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    public IReadOnlyList<FftReturnRow> Details { get; }
}
