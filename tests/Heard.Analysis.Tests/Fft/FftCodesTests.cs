using Heard.Analysis.Fft;

namespace Heard.Analysis.Tests.Fft;

public class FftCodesTests
{
    [Theory]
    [InlineData("sms", FftMode.Sms)]
    [InlineData("electronic-discharge", FftMode.ElectronicDischarge)]
    [InlineData("electronic-home", FftMode.ElectronicHome)]
    [InlineData("paper-discharge", FftMode.PaperDischarge)]
    [InlineData("paper-home", FftMode.PaperHome)]
    [InlineData("telephone", FftMode.Telephone)]
    [InlineData("online", FftMode.Online)]
    [InlineData("other", FftMode.Other)]
    [InlineData(" SMS ", FftMode.Sms)]
    [InlineData("Paper-Home", FftMode.PaperHome)]
    public void Mode_codes_are_read_case_insensitively(string code, FftMode expected)
    {
        Assert.True(FftModes.TryParse(code, out var mode));
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_mode_means_other(string? code)
    {
        Assert.True(FftModes.TryParse(code, out var mode));
        Assert.Equal(FftMode.Other, mode);
    }

    [Theory]
    [InlineData("fax")]
    [InlineData("paper")]
    [InlineData("electronic discharge")]
    public void Unknown_mode_is_rejected(string code)
    {
        Assert.False(FftModes.TryParse(code, out _));
    }

    [Fact]
    public void Every_mode_code_reads_back_as_the_same_mode()
    {
        foreach (var mode in FftModes.All)
        {
            Assert.True(FftModes.TryParse(FftModes.Code(mode), out var parsed));
            Assert.Equal(mode, parsed);
        }
    }

    [Fact]
    public void Mode_column_titles_are_in_return_order()
    {
        Assert.Equal(
            ["Mode SMS", "Mode Electronic Discharge", "Mode Electronic Home", "Mode Paper Discharge",
             "Mode Paper Home", "Mode Telephone", "Mode Online", "Mode Other"],
            FftModes.All.Select(FftModes.ColumnTitle));
    }

    [Theory]
    [InlineData("inpatient")]
    [InlineData("ae")]
    [InlineData("maternity-antenatal")]
    [InlineData("maternity-birth")]
    [InlineData("maternity-postnatal-ward")]
    [InlineData("maternity-postnatal-community")]
    [InlineData("mental-health")]
    [InlineData("community")]
    [InlineData("outpatient")]
    [InlineData("ambulance")]
    [InlineData("patient-transport")]
    [InlineData("gp")]
    [InlineData("dental")]
    [InlineData("AE")]
    [InlineData(" Mental-Health ")]
    public void Contract_settings_are_known(string code)
    {
        Assert.True(FftSettings.IsKnown(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("icu")]
    [InlineData("maternity")]
    [InlineData("a&e")]
    public void Other_settings_are_unknown(string? code)
    {
        Assert.False(FftSettings.IsKnown(code));
    }

    [Fact]
    public void There_are_thirteen_settings_each_with_a_label()
    {
        Assert.Equal(13, FftSettings.All.Count);
        Assert.All(FftSettings.All, code => Assert.False(string.IsNullOrWhiteSpace(FftSettings.Label(code))));
    }

    [Theory]
    [InlineData(" Mental-Health ", "mental-health")]
    [InlineData("AE", "ae")]
    public void Normalise_trims_and_lower_cases_a_setting(string code, string expected)
    {
        Assert.Equal(expected, FftSettings.Normalise(code));
    }

    [Theory]
    [InlineData("ae", "A&E")]
    [InlineData("AE", "A&E")]
    [InlineData("maternity-birth", "Maternity – birth")]
    [InlineData("gp", "GP")]
    public void Settings_have_human_labels(string code, string label)
    {
        Assert.Equal(label, FftSettings.Label(code));
    }

    [Fact]
    public void Label_of_an_unknown_setting_throws()
    {
        Assert.Throws<ArgumentException>(() => FftSettings.Label("icu"));
    }

    [Theory]
    [InlineData("trust", FftReturnLevel.Trust)]
    [InlineData("site", FftReturnLevel.Site)]
    [InlineData(" Ward ", FftReturnLevel.Ward)]
    public void Return_levels_are_read_from_their_codes(string text, FftReturnLevel expected)
    {
        Assert.True(FftReturnLevels.TryParse(text, out var level));
        Assert.Equal(expected, level);
        Assert.Equal(text.Trim().ToLowerInvariant(), FftReturnLevels.Code(level));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("icb")]
    [InlineData("unit")]
    public void Unknown_return_level_is_rejected(string? text)
    {
        Assert.False(FftReturnLevels.TryParse(text, out _));
    }
}
