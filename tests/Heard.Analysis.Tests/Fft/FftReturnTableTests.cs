using Heard.Analysis.Fft;
using static Heard.Analysis.Tests.Fft.FftTestData;

namespace Heard.Analysis.Tests.Fft;

public class FftReturnTableTests
{
    private static readonly string[] TrustHeader =
    [
        "ICB Code", "Trust Code", "Trust Name", "Total Responses", "Total Eligible", "Percentage Positive",
        "Percentage Negative", "Very Good", "Good", "Neither Good nor Poor", "Poor", "Very Poor", "Don't Know",
        "Mode SMS", "Mode Electronic Discharge", "Mode Electronic Home", "Mode Paper Discharge", "Mode Paper Home",
        "Mode Telephone", "Mode Online", "Mode Other",
    ];

    [Fact]
    public void Trust_level_header_matches_the_contract()
    {
        Assert.Equal(TrustHeader, FftReturn.Header(FftReturnLevel.Trust));
    }

    [Fact]
    public void Site_level_header_inserts_site_code_and_name_after_trust_name()
    {
        var expected = TrustHeader[..3].Concat(["Site Code", "Site Name"]).Concat(TrustHeader[3..]);

        Assert.Equal(expected, FftReturn.Header(FftReturnLevel.Site));
    }

    [Fact]
    public void Ward_level_header_adds_ward_name_and_specialities()
    {
        var expected = TrustHeader[..3].Concat(["Site Code", "Site Name", "Ward Name"]).Concat(TrustHeader[3..])
            .Concat(["First Speciality", "Second Speciality"]);

        Assert.Equal(expected, FftReturn.Header(FftReturnLevel.Ward));
    }

    [Fact]
    public void Trust_row_publishes_counts_whole_percentages_and_modes()
    {
        var counts = Counts(veryGood: 6, good: 5, neither: 2, poor: 1, veryPoor: 1, dontKnow: 1, noRating: 3);
        counts.Add(FftAnswer.VeryGood, FftMode.Online, 4);
        var units = new[] { Unit("RXX", "RXX01", "Ward A", counts, icb: "QE1", eligible: 120) };

        var table = FftReturn.Build(FftReturnLevel.Trust, units);

        // Very good 6 + 4 = 10; total 10 + 5 + 2 + 1 + 1 + 1 = 20 (3 unrated excluded).
        // Positive (10 + 5) / 20 = 75%; negative (1 + 1) / 20 = 10%.
        // Modes: SMS 16 (the 20 less the 4 online), online 4.
        Assert.Equal(TrustHeader.Length, table.Rows[0].Count);
        Assert.Equal(
            ["QE1", "RXX", "Trust RXX", "20", "120", "75", "10", "10", "5", "2", "1", "1", "1",
             "16", "0", "0", "0", "0", "0", "4", "0"],
            table.Rows[0]);
    }

    [Fact]
    public void Ward_row_ends_with_the_specialities()
    {
        var units = new[] { Unit("RXX", "RXX01", "Ward A", 10, speciality1: "300 - GENERAL MEDICINE", speciality2: null) };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);

        var row = table.Rows[0];
        Assert.Equal(table.Header.Count, row.Count);
        Assert.Equal(["QE1", "RXX", "Trust RXX", "RXX01", "Site RXX01", "Ward A", "10"], row.Take(7));
        Assert.Equal(["300 - GENERAL MEDICINE", ""], row.TakeLast(2));
    }

    [Fact]
    public void Published_percentages_round_halves_up()
    {
        // Positive 1 of 8 = 12.5% -> 13; negative 3 of 8 = 37.5% -> 38. Eight responses: not suppressed.
        var units = new[] { Unit("RXX", "RXX01", "Ward A", Counts(veryGood: 1, neither: 4, poor: 3)) };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);
        var row = table.Row("RXX");

        Assert.Equal("13", table.Cell(row, "Percentage Positive"));
        Assert.Equal("38", table.Cell(row, "Percentage Negative"));
    }

    [Fact]
    public void Rows_are_ordered_by_trust_site_and_ward_name_ordinally()
    {
        // Ordinal order puts capitals before lower case and "Ward 10" before "Ward 2".
        var units = new[]
        {
            Unit("RYY", "RYY01", "Ward A", 10),
            Unit("RXX", "RXX02", "Ward A", 10),
            Unit("RXX", "RXX01", "ward b", 10),
            Unit("RXX", "RXX01", "Ward 2", 10),
            Unit("RXX", "RXX01", "Ward 10", 10),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal(
            ["RXX/RXX01/Ward 10", "RXX/RXX01/Ward 2", "RXX/RXX01/ward b", "RXX/RXX02/Ward A", "RYY/RYY01/Ward A"],
            table.Details.Select(r => $"{r.TrustCode}/{r.SiteCode}/{r.WardName}"));
    }

    [Fact]
    public void Site_and_trust_rows_aggregate_their_units()
    {
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward A", Counts(veryGood: 3, poor: 2)),
            Unit("RXX", "RXX01", "Ward B", Counts(good: 4, dontKnow: 1)),
            Unit("RXX", "RXX02", "Ward C", Counts(veryPoor: 10)),
        };

        var sites = FftReturn.Build(FftReturnLevel.Site, units);
        var trusts = FftReturn.Build(FftReturnLevel.Trust, units);

        // Site RXX01: 5 + 5 = 10 responses, positive (3 + 4) / 10 = 70%, negative 2 / 10 = 20%.
        var site = sites.Row("RXX", "RXX01");
        Assert.Equal("10", sites.Cell(site, "Total Responses"));
        Assert.Equal("70", sites.Cell(site, "Percentage Positive"));
        Assert.Equal("20", sites.Cell(site, "Percentage Negative"));
        Assert.Equal(2, sites.Details.Count);

        // Trust: 20 responses; positive 7 / 20 = 35%; negative (2 + 10) / 20 = 60%.
        var trust = Assert.Single(trusts.Details);
        Assert.Equal("20", trusts.Cell(trust, "Total Responses"));
        Assert.Equal("35", trusts.Cell(trust, "Percentage Positive"));
        Assert.Equal("60", trusts.Cell(trust, "Percentage Negative"));
    }

    [Fact]
    public void Zero_response_row_shows_dash_and_is_not_suppressed()
    {
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward A", Counts(noRating: 2)),
            Unit("RXX", "RXX01", "Ward B", 10),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);
        var row = table.Row("RXX", ward: "Ward A");

        // Two unrated records are not responses: total 0, percentages undefined, zeros shown as they are.
        Assert.Equal(FftSuppression.None, row.Suppression);
        Assert.Equal("0", table.Cell(row, "Total Responses"));
        Assert.Equal("-", table.Cell(row, "Percentage Positive"));
        Assert.Equal("-", table.Cell(row, "Percentage Negative"));
        Assert.Equal("0", table.Cell(row, "Very Good"));
        Assert.Equal("0", table.Cell(row, "Mode SMS"));
    }

    [Fact]
    public void Unrated_records_do_not_lift_a_row_out_of_suppression()
    {
        // 3 rated + 10 unrated = 3 responses, so still 1 to 4.
        var units = new[] { Unit("RXX", "RXX01", "Ward A", Counts(veryGood: 3, noRating: 10)) };

        var row = FftReturn.Build(FftReturnLevel.Ward, units).Row("RXX");

        Assert.Equal(3, row.Counts.Total);
        Assert.True(row.PercentagesHidden);
    }

    [Fact]
    public void Ward_total_eligible_is_the_units_own_count_or_blank()
    {
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward A", 10, eligible: 40),
            Unit("RXX", "RXX01", "Ward B", 10, eligible: null),
        };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal("40", table.Cell(table.Row("RXX", ward: "Ward A"), "Total Eligible"));
        Assert.Equal("", table.Cell(table.Row("RXX", ward: "Ward B"), "Total Eligible"));
    }

    [Fact]
    public void Site_and_trust_total_eligible_sum_the_known_unit_counts()
    {
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward A", 10, eligible: 40),
            Unit("RXX", "RXX01", "Ward B", 10, eligible: 25),
            Unit("RXX", "RXX02", "Ward C", 10, eligible: null),
            Unit("RXX", "RXX03", "Ward D", 10, eligible: 15),
        };

        var sites = FftReturn.Build(FftReturnLevel.Site, units);
        var trusts = FftReturn.Build(FftReturnLevel.Trust, units);

        // RXX01: 40 + 25 = 65; RXX02: nothing known, blank; trust: 40 + 25 + 15 = 80 (Ward C unknown).
        Assert.Equal("65", sites.Cell(sites.Row("RXX", "RXX01"), "Total Eligible"));
        Assert.Equal("", sites.Cell(sites.Row("RXX", "RXX02"), "Total Eligible"));
        Assert.Equal("80", trusts.Cell(trusts.Row("RXX"), "Total Eligible"));
    }

    [Fact]
    public void Explicit_site_and_trust_eligible_counts_override_the_unit_sums()
    {
        var units = new[]
        {
            Unit("RXX", "RXX01", "Ward A", 10, eligible: 40),
            Unit("RXX", "RXX02", "Ward B", 10, eligible: null),
        };
        var trustEligible = new Dictionary<string, long> { ["RXX"] = 500 };
        var siteEligible = new Dictionary<(string Trust, string Site), long> { [("RXX", "RXX02")] = 90 };

        var sites = FftReturn.Build(FftReturnLevel.Site, units, trustEligible, siteEligible);
        var trusts = FftReturn.Build(FftReturnLevel.Trust, units, trustEligible, siteEligible);

        Assert.Equal("40", sites.Cell(sites.Row("RXX", "RXX01"), "Total Eligible"));
        Assert.Equal("90", sites.Cell(sites.Row("RXX", "RXX02"), "Total Eligible"));
        Assert.Equal("500", trusts.Cell(trusts.Row("RXX"), "Total Eligible"));
    }

    [Fact]
    public void Total_responses_and_eligible_are_shown_even_when_suppressed()
    {
        var units = new[] { Unit("RXX", "RXX01", "Ward A", 2, eligible: 30) };

        var table = FftReturn.Build(FftReturnLevel.Ward, units);
        var row = table.Row("RXX");

        Assert.Equal("2", table.Cell(row, "Total Responses"));
        Assert.Equal("30", table.Cell(row, "Total Eligible"));
    }

    [Fact]
    public void Missing_icb_code_is_published_blank()
    {
        var units = new[] { Unit("RXX", "RXX01", "Ward A", 10, icb: null) };

        var table = FftReturn.Build(FftReturnLevel.Trust, units);

        Assert.Equal("", table.Rows[0][0]);
    }

    [Fact]
    public void Aggregate_rows_take_the_first_name_stated_by_their_units()
    {
        var units = new[]
        {
            new FftReturnUnit(null, "RXX", "", "RXX01", " ", "Ward A", null, null, Counts(veryGood: 5), null),
            new FftReturnUnit("QE1", "RXX", "Example Trust", "RXX01", "Main Site", "Ward B", null, null, Counts(veryGood: 5), null),
        };

        var sites = FftReturn.Build(FftReturnLevel.Site, units);
        var wards = FftReturn.Build(FftReturnLevel.Ward, units);

        Assert.Equal(["QE1", "RXX", "Example Trust", "RXX01", "Main Site"], sites.Rows[0].Take(5));
        Assert.All(wards.Rows, row => Assert.Equal(["QE1", "RXX", "Example Trust", "RXX01", "Main Site"], row.Take(5)));
    }

    [Fact]
    public void Empty_input_gives_a_header_and_no_rows()
    {
        var table = FftReturn.Build(FftReturnLevel.Site, []);

        Assert.Equal(FftReturn.Header(FftReturnLevel.Site), table.Header);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void Unit_without_a_trust_code_is_refused()
    {
        var units = new[] { Unit("", "RXX01", "Ward A", 10) };

        Assert.Throws<ArgumentException>(() => FftReturn.Build(FftReturnLevel.Ward, units));
    }
}
