namespace Heard.Analysis.Fft;

/// <summary>The organisational level of a monthly FFT return.</summary>
public enum FftReturnLevel
{
    Trust,
    Site,
    Ward,
}

public static class FftReturnLevels
{
    /// <summary>Reads "trust", "site" or "ward" (case-insensitive, trimmed).</summary>
    public static bool TryParse(string? text, out FftReturnLevel level)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "trust":
                level = FftReturnLevel.Trust;
                return true;
            case "site":
                level = FftReturnLevel.Site;
                return true;
            case "ward":
                level = FftReturnLevel.Ward;
                return true;
            default:
                level = default;
                return false;
        }
    }

    public static string Code(FftReturnLevel level) => level switch
    {
        FftReturnLevel.Trust => "trust",
        FftReturnLevel.Site => "site",
        FftReturnLevel.Ward => "ward",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a return level."),
    };
}
