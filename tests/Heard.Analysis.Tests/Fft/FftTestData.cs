using Heard.Analysis.Fft;

namespace Heard.Analysis.Tests.Fft;

internal static class FftTestData
{
    /// <summary>Counts with the given number of each answer, all collected by <paramref name="mode"/>.</summary>
    public static FftCounts Counts(
        long veryGood = 0, long good = 0, long neither = 0, long poor = 0, long veryPoor = 0, long dontKnow = 0,
        long noRating = 0, FftMode mode = FftMode.Sms)
    {
        var counts = new FftCounts();
        counts.Add(FftAnswer.VeryGood, mode, veryGood);
        counts.Add(FftAnswer.Good, mode, good);
        counts.Add(FftAnswer.NeitherGoodNorPoor, mode, neither);
        counts.Add(FftAnswer.Poor, mode, poor);
        counts.Add(FftAnswer.VeryPoor, mode, veryPoor);
        counts.Add(FftAnswer.DontKnow, mode, dontKnow);
        counts.Add(null, mode, noRating);
        return counts;
    }

    /// <summary>A unit whose every response is Very good, so its total is <paramref name="responses"/>.</summary>
    public static FftReturnUnit Unit(
        string trust, string site, string ward, long responses,
        string? icb = "QE1", string? speciality1 = null, string? speciality2 = null, long? eligible = null) =>
        Unit(trust, site, ward, Counts(veryGood: responses), icb, speciality1, speciality2, eligible);

    public static FftReturnUnit Unit(
        string trust, string site, string ward, FftCounts counts,
        string? icb = "QE1", string? speciality1 = null, string? speciality2 = null, long? eligible = null) =>
        new(icb, trust, $"Trust {trust}", site, $"Site {site}", ward, speciality1, speciality2, counts, eligible);

    public static FftReturnRow Row(this FftReturnTable table, string trust, string? site = null, string? ward = null) =>
        Assert.Single(table.Details, r => r.TrustCode == trust && (site is null || r.SiteCode == site)
            && (ward is null || r.WardName == ward));

    public static IReadOnlyList<string> Cells(this FftReturnTable table, FftReturnRow row) =>
        table.Rows[IndexOf(table, row)];

    public static string Cell(this FftReturnTable table, FftReturnRow row, string column) =>
        table.Cells(row)[IndexOfColumn(table, column)];

    private static int IndexOf(FftReturnTable table, FftReturnRow row)
    {
        for (var i = 0; i < table.Details.Count; i++)
        {
            if (ReferenceEquals(table.Details[i], row))
            {
                return i;
            }
        }

        throw new InvalidOperationException("Row is not in the table.");
    }

    private static int IndexOfColumn(FftReturnTable table, string column)
    {
        var index = table.Header.ToList().IndexOf(column);
        return index >= 0 ? index : throw new InvalidOperationException($"No column {column}.");
    }
}
