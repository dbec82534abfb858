using System.Globalization;
using System.Text;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>
/// How a patient wants the survey shown. Carried in the query string, never a cookie: every link on the patient pages
/// keeps them, and a kiosk's reset drops only what belongs to one person.
/// </summary>
public sealed record SurveyOptions
{
    public const string Standard = "standard";
    public const string EasyRead = "easy-read";
    public const string YoungPeople = "young-people";
    public static readonly string[] Formats = [Standard, EasyRead, YoungPeople];

    public const int KioskInactivitySeconds = 90;
    public const int KioskThanksSeconds = 10;
    public const int KioskWarningSeconds = 15;

    public string Language { get; init; } = SurveyText.English;
    public string Format { get; init; } = Standard;
    public bool LargeText { get; init; }
    public bool HighContrast { get; init; }
    public bool Kiosk { get; init; }
    /// <summary>A shorter or longer kiosk reset, in seconds, for testing a kiosk or for a busy waiting area.</summary>
    public int? ResetSeconds { get; init; }
    /// <summary>A kiosk page reached from the option bar, so the person already at the screen skips the start screen.</summary>
    public bool Started { get; init; }

    public bool IsEasyRead => Format == EasyRead;
    public bool IsYoungPeople => Format == YoungPeople;
    /// <summary>Easy read and young people's pages show the FFT answers as faces.</summary>
    public bool ShowsFaces => Format != Standard;

    public int InactivitySeconds => ResetSeconds ?? KioskInactivitySeconds;
    public int ThanksSeconds => Math.Min(ResetSeconds ?? KioskThanksSeconds, KioskThanksSeconds);

    public static SurveyOptions From(IQueryCollection query, SurveyText text)
    {
        var lang = query["lang"].FirstOrDefault()?.Trim().ToLowerInvariant();
        var format = query["format"].FirstOrDefault()?.Trim().ToLowerInvariant();
        var kiosk = query["kiosk"].FirstOrDefault() is "1" or "true";
        int? reset = null;
        if (kiosk && int.TryParse(query["reset"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            reset = Math.Clamp(seconds, 3, 3600);
        return new SurveyOptions
        {
            Language = text.IsLanguage(lang) ? text.Language(lang!).Code : SurveyText.English,
            Format = Formats.Contains(format) ? format! : Standard,
            LargeText = query["text"].FirstOrDefault() == "large",
            HighContrast = query["contrast"].FirstOrDefault() == "high",
            Kiosk = kiosk,
            ResetSeconds = reset,
            Started = kiosk && query["started"].FirstOrDefault() == "1",
        };
    }

    /// <summary>The query string for these options ("" when all are defaults), starting with '?'.</summary>
    public string Query()
    {
        var parts = new List<string>();
        if (Language != SurveyText.English) parts.Add("lang=" + Uri.EscapeDataString(Language));
        if (Format != Standard) parts.Add("format=" + Format);
        if (LargeText) parts.Add("text=large");
        if (HighContrast) parts.Add("contrast=high");
        if (Kiosk) parts.Add("kiosk=1");
        if (Kiosk && ResetSeconds is { } r) parts.Add("reset=" + r.ToString(CultureInfo.InvariantCulture));
        if (Kiosk && Started) parts.Add("started=1");
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>A path on the patient pages with these options.</summary>
    public string Link(string path) => path + Query();

    /// <summary>The fresh survey a kiosk resets to: the same options, with the start screen again.</summary>
    public SurveyOptions ForNextPerson() => this with { Started = false };

    /// <summary>The classes the page's html element carries for these options.</summary>
    public string HtmlClasses()
    {
        var classes = new StringBuilder("survey");
        if (LargeText) classes.Append(" survey--large-text");
        if (HighContrast) classes.Append(" survey--high-contrast");
        if (Format != Standard) classes.Append(" survey--").Append(Format);
        if (Kiosk) classes.Append(" survey--kiosk");
        return classes.ToString();
    }
}
