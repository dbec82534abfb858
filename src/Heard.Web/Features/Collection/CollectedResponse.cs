using Heard.Analysis.Fft;

namespace Heard.Web.Features.Collection;

public static class CollectionChannels
{
    /// <summary>A patient's own phone or computer, reached by link or QR code.</summary>
    public const string Web = "web";
    /// <summary>A shared tablet or kiosk on the unit.</summary>
    public const string Kiosk = "kiosk";
    /// <summary>A paper card typed in by staff or volunteers.</summary>
    public const string Paper = "paper";
    /// <summary>An SMS, IVR or other provider's system, through the API.</summary>
    public const string Api = "api";

    public static string Describe(string channel) => channel switch
    {
        Web => "Online survey responses",
        Kiosk => "Kiosk and tablet responses",
        Paper => "Paper cards entered by staff",
        Api => "Responses sent through the API",
        _ => channel,
    };
}

/// <summary>
/// One response collected by Heard itself, already checked. Whatever the channel, it is stored by
/// <see cref="ResponseWriter"/> exactly as an imported FFT row is, with the submission kept verbatim.
/// </summary>
public sealed record CollectedResponse
{
    public required int UnitId { get; init; }
    public required string Setting { get; init; }
    public required DateOnly Date { get; init; }
    public required FftMode Mode { get; init; }
    public required string Channel { get; init; }
    /// <summary>Identifies the response for de-duplication, namespaced by channel (e.g. "web:…", "api:3:REF").</summary>
    public required string ResponseId { get; init; }
    /// <summary>The submission exactly as it arrived (JSON), kept as the original row.</summary>
    public required string RawText { get; init; }
    public FftAnswer? Answer { get; init; }
    public IReadOnlyList<(string Question, string Text)> Comments { get; init; } = [];
    public IReadOnlyList<(string Question, int Rating)> Ratings { get; init; } = [];
    public IReadOnlyDictionary<string, string>? Demographics { get; init; }
    public bool? ConsentToPublish { get; init; }
    public bool? ConsentToContact { get; init; }
    public (string? Name, string? Email, string? Phone)? Contact { get; init; }
    public int? SurveyVersionId { get; init; }
    public IReadOnlyList<(string Column, string Value)> Extra { get; init; } = [];
}
