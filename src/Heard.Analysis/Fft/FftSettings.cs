namespace Heard.Analysis.Fft;

/// <summary>The FFT settings (care types) the product records, by the codes the command-line contract uses.</summary>
public static class FftSettings
{
    public const string Inpatient = "inpatient";
    public const string AccidentAndEmergency = "ae";
    public const string MaternityAntenatal = "maternity-antenatal";
    public const string MaternityBirth = "maternity-birth";
    public const string MaternityPostnatalWard = "maternity-postnatal-ward";
    public const string MaternityPostnatalCommunity = "maternity-postnatal-community";
    public const string MentalHealth = "mental-health";
    public const string Community = "community";
    public const string Outpatient = "outpatient";
    public const string Ambulance = "ambulance";
    public const string PatientTransport = "patient-transport";
    public const string Gp = "gp";
    public const string Dental = "dental";

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [Inpatient] = "Inpatient",
        [AccidentAndEmergency] = "A&E",
        [MaternityAntenatal] = "Maternity – antenatal",
        [MaternityBirth] = "Maternity – birth",
        [MaternityPostnatalWard] = "Maternity – postnatal ward",
        [MaternityPostnatalCommunity] = "Maternity – postnatal community",
        [MentalHealth] = "Mental health",
        [Community] = "Community",
        [Outpatient] = "Outpatient",
        [Ambulance] = "Ambulance",
        [PatientTransport] = "Patient transport",
        [Gp] = "GP",
        [Dental] = "Dental",
    };

    /// <summary>All setting codes, in the contract's order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Inpatient, AccidentAndEmergency, MaternityAntenatal, MaternityBirth, MaternityPostnatalWard,
        MaternityPostnatalCommunity, MentalHealth, Community, Outpatient, Ambulance, PatientTransport, Gp, Dental,
    ];

    /// <summary>The stored form of a setting code: trimmed and lower-case. Does not check that it is known.</summary>
    public static string Normalise(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Trim().ToLowerInvariant();
    }

    public static bool IsKnown(string? code) =>
        !string.IsNullOrWhiteSpace(code) && Labels.ContainsKey(Normalise(code));

    /// <summary>A human label for a setting, e.g. "A&amp;E" for "ae".</summary>
    /// <exception cref="ArgumentException">The code is not a known setting.</exception>
    public static string Label(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Labels.TryGetValue(Normalise(code), out var label)
            ? label
            : throw new ArgumentException($"Unknown FFT setting '{code}'.", nameof(code));
    }
}
