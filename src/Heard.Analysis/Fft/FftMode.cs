namespace Heard.Analysis.Fft;

/// <summary>The collection modes NHS England asks for in the monthly return, in return column order.</summary>
public enum FftMode
{
    Sms,
    ElectronicDischarge,
    ElectronicHome,
    PaperDischarge,
    PaperHome,
    Telephone,
    Online,
    Other,
}

public static class FftModes
{
    /// <summary>All modes in return column order.</summary>
    public static IReadOnlyList<FftMode> All { get; } =
    [
        FftMode.Sms, FftMode.ElectronicDischarge, FftMode.ElectronicHome, FftMode.PaperDischarge,
        FftMode.PaperHome, FftMode.Telephone, FftMode.Online, FftMode.Other,
    ];

    /// <summary>
    /// Reads a mode code from an import file. Blank means Other, because the contract treats an unstated
    /// mode as "other" rather than as an error.
    /// </summary>
    public static bool TryParse(string? code, out FftMode mode)
    {
        mode = FftMode.Other;
        if (string.IsNullOrWhiteSpace(code))
        {
            return true;
        }

        var wanted = code.Trim();
        foreach (var candidate in All)
        {
            if (string.Equals(Code(candidate), wanted, StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>The code used in import files and on the command line.</summary>
    public static string Code(FftMode mode) => mode switch
    {
        FftMode.Sms => "sms",
        FftMode.ElectronicDischarge => "electronic-discharge",
        FftMode.ElectronicHome => "electronic-home",
        FftMode.PaperDischarge => "paper-discharge",
        FftMode.PaperHome => "paper-home",
        FftMode.Telephone => "telephone",
        FftMode.Online => "online",
        FftMode.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not an FFT mode."),
    };

    /// <summary>The column title in the monthly return.</summary>
    public static string ColumnTitle(FftMode mode) => mode switch
    {
        FftMode.Sms => "Mode SMS",
        FftMode.ElectronicDischarge => "Mode Electronic Discharge",
        FftMode.ElectronicHome => "Mode Electronic Home",
        FftMode.PaperDischarge => "Mode Paper Discharge",
        FftMode.PaperHome => "Mode Paper Home",
        FftMode.Telephone => "Mode Telephone",
        FftMode.Online => "Mode Online",
        FftMode.Other => "Mode Other",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not an FFT mode."),
    };
}
