using System.Globalization;
using Heard.Web.Tests.Support;
using static Heard.Web.Tests.Support.CliRunner;

namespace Heard.Web.Tests;

/// <summary><c>./heard spc</c> as scripts and outside checks use it: columns, point types, last line, exit codes.</summary>
[Collection("console")]
public sealed class SpcCliTests
{
    /// <summary>A monthly series from January 2024, one row per value.</summary>
    private static string Series(params double[] values) =>
        "date,value\n" + string.Concat(values.Select((v, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{new DateOnly(2024, 1, 1).AddMonths(i):yyyy-MM-dd},{v}\n")));

    [Fact]
    public async Task Writes_the_contract_columns_with_the_hand_figures()
    {
        using var files = new TempFiles();
        // 10, 12, 11, 13, 12: mean 11.6, mR_bar 1.5, limits 7.61 and 15.59.
        var input = files.Write("series.csv", Series(10, 12, 11, 13, 12));
        var output = files.Path_("chart.csv");

        var (code, stdout, err) = await Run("spc", "--input", input, "--out", output);

        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(output);
        Assert.Equal("date,value,mean,lpl,upl,point_type", lines[0]);
        Assert.Equal(6, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal("2024-01-01", first[0]);
        Assert.Equal("10", first[1]);
        Assert.Equal(11.6, double.Parse(first[2], CultureInfo.InvariantCulture), 9);
        Assert.Equal(7.61, double.Parse(first[3], CultureInfo.InvariantCulture), 9);
        Assert.Equal(15.59, double.Parse(first[4], CultureInfo.InvariantCulture), 9);
        Assert.Equal("common_cause", first[5]);
        Assert.Equal("variation=common_cause assurance=none", LastLine(stdout));
        Assert.Contains("trial limits", err);
    }

    [Fact]
    public async Task Improvement_target_and_rebase_shape_point_types_and_assurance()
    {
        using var files = new TempFiles();
        // Segment 1 (Jan-Dec 2024): 9/11 alternating, mean 10, limits 4.68..15.32.
        // Segment 2 from 2025-01: 29, 31, 29, 31, 29: mean 29.8, mR_bar 2, limits 24.48..35.12; target 20 lies below
        // them, so with "up is better" the process will consistently pass.
        var input = files.Write("series.csv", Series(9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 29, 31, 29, 31, 29));
        var output = files.Path_("chart.csv");

        var (code, stdout, err) = await Run("spc", "--input", input, "--out", output, "--improvement", "increase", "--target", "20", "--rebase", "2025-01-01");

        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(10, double.Parse(rows[0][2], CultureInfo.InvariantCulture), 9);
        Assert.Equal(29.8, double.Parse(rows[12][2], CultureInfo.InvariantCulture), 9);
        Assert.Equal(24.48, double.Parse(rows[12][3], CultureInfo.InvariantCulture), 9);
        Assert.All(rows, r => Assert.Equal("common_cause", r[5]));
        Assert.Equal("variation=common_cause assurance=pass", LastLine(stdout));

        // Without the change point 29..31 sit far above one mean of 16.5: the last point is special cause improvement.
        var plain = await Run("spc", "--input", input, "--out", output, "--improvement", "increase");
        Assert.StartsWith("variation=special_cause_improvement", LastLine(plain.Out));
        var decrease = await Run("spc", "--input", input, "--out", output, "--improvement", "decrease");
        Assert.StartsWith("variation=special_cause_concern", LastLine(decrease.Out));
        var neutral = await Run("spc", "--input", input, "--out", output);
        Assert.StartsWith("variation=special_cause_neutral_high", LastLine(neutral.Out));
    }

    [Fact]
    public async Task Screening_outliers_is_off_unless_asked_for()
    {
        using var files = new TempFiles();
        // Ranges ten 1s and one 20: mR_bar 30/11 unscreened, 1 screened. Mean 145/12 = 12.0833.
        var input = files.Write("series.csv", Series(10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 30));
        var output = files.Path_("chart.csv");

        await Run("spc", "--input", input, "--out", output);
        var plainUpper = double.Parse(File.ReadAllLines(output)[1].Split(',')[4], CultureInfo.InvariantCulture);
        await Run("spc", "--input", input, "--out", output, "--screen-outliers");
        var screenedUpper = double.Parse(File.ReadAllLines(output)[1].Split(',')[4], CultureInfo.InvariantCulture);

        Assert.Equal(145.0 / 12 + 2.66 * 30 / 11, plainUpper, 9);
        Assert.Equal(145.0 / 12 + 2.66, screenedUpper, 9);
    }

    [Fact]
    public async Task A_change_point_between_dates_starts_at_the_next_point_and_limits_can_be_fixed()
    {
        using var files = new TempFiles();
        // Twelve months 9/11 then 29, 31, 29: a change point on 15 December 2024 falls between the December and January
        // points, so January starts the new segment (mean 89/3). One after the last date starts nothing.
        var input = files.Write("series.csv", Series(9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 29, 31, 29));
        var output = files.Path_("chart.csv");

        var (code, _, err) = await Run("spc", "--input", input, "--out", output, "--rebase", "2024-12-15,2030-01-01");

        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(10, double.Parse(rows[11][2], CultureInfo.InvariantCulture), 9);
        Assert.Equal(89.0 / 3, double.Parse(rows[12][2], CultureInfo.InvariantCulture), 9);
        Assert.Contains("change point 2030-01-01 is after the last date", err);

        // Limits fixed after the twelve baseline months (mean 10, limits 4.68..15.32) put 29, 31, 29 far above them.
        var fixedRun = await Run("spc", "--input", input, "--out", output, "--fix-limits-after", "12", "--improvement", "increase");
        Assert.Equal(0, fixedRun.Code);
        rows = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(15.32, double.Parse(rows[14][4], CultureInfo.InvariantCulture), 9);
        Assert.Equal("special_cause_improvement", rows[14][5]);
        Assert.Equal(2, (await Run("spc", "--input", input, "--out", output, "--fix-limits-after", "6")).Code);
    }

    [Theory]
    [InlineData("date,value\n2024-01-01,10\n2024-02-01,ten\n", "row 3: value: 'ten' is not a number")]
    [InlineData("date,value\n2024-01-01,10\n2024-13-01,11\n", "row 3: date: '2024-13-01'")]
    [InlineData("date,value\n2024-02-01,10\n2024-01-01,11\n", "row 3: date: 2024-01-01 comes before")]
    [InlineData("date,value\n2024-01-01,\n", "row 2: value: missing")]
    [InlineData("when,value\n2024-01-01,1\n", "no column 'date'")]
    [InlineData("date,value\n", "no data rows")]
    public async Task Bad_input_exits_2_naming_the_row_and_field(string content, string message)
    {
        using var files = new TempFiles();
        var input = files.Write("bad.csv", content);

        var (code, _, err) = await Run("spc", "--input", input, "--out", files.Path_("out.csv"));

        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--improvement", "sideways")]
    [InlineData("--target", "high")]
    [InlineData("--rebase", "soon")]
    [InlineData("--colour", "blue")]
    public async Task Bad_options_exit_2(string option, string value)
    {
        using var files = new TempFiles();
        var input = files.Write("series.csv", Series(1, 2, 3));

        var (code, _, err) = await Run("spc", "--input", input, "--out", files.Path_("out.csv"), option, value);

        Assert.Equal(2, code);
        Assert.Contains(option, err);
    }
}
