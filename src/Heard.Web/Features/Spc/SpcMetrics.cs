using Heard.Analysis.Spc;

namespace Heard.Web.Features.Spc;

/// <summary>What a metric's monthly figure is: a share (shown as a percentage), a count, or a mean.</summary>
public enum SpcMeasure { Proportion, Count, Mean }

/// <summary>A metric that can be charted month by month, and which way is better.</summary>
/// <param name="Key">Stable key used in links, the API and stored change points.</param>
/// <param name="NeedsTheme">The metric is about one theme, chosen alongside it.</param>
public sealed record SpcMetric(string Key, string Label, SpcMeasure Measure, ImprovementDirection Improvement, bool NeedsTheme, string Explanation)
{
    /// <summary>Only shares have a p-chart: it needs a numerator and denominator each month.</summary>
    public bool HasPChart => Measure == SpcMeasure.Proportion;
    public string Unit => Measure == SpcMeasure.Proportion ? "%" : "";
}

public static class SpcMetrics
{
    public const string FftPositive = "fft-positive";
    public const string FftNegative = "fft-negative";
    public const string FftResponseRate = "fft-response-rate";
    public const string Complaints = "complaints";
    public const string Pals = "pals";
    public const string ThemeShare = "theme-share";
    public const string Sentiment = "sentiment";

    public static readonly SpcMetric[] All =
    [
        new(FftPositive, "FFT: percentage positive", SpcMeasure.Proportion, ImprovementDirection.Increase, false,
            "Very good and good answers as a share of all FFT answers (don't know included). Up is better."),
        new(FftNegative, "FFT: percentage negative", SpcMeasure.Proportion, ImprovementDirection.Decrease, false,
            "Poor and very poor answers as a share of all FFT answers. Down is better."),
        new(FftResponseRate, "FFT: response rate", SpcMeasure.Proportion, ImprovementDirection.Increase, false,
            "FFT answers as a share of eligible patients, in months with eligible counts only. Up is better."),
        new(Complaints, "Complaints received", SpcMeasure.Count, ImprovementDirection.Decrease, false,
            "Complaints recorded each month. Down is better."),
        new(Pals, "PALS concerns raised", SpcMeasure.Count, ImprovementDirection.Decrease, false,
            "PALS concerns recorded each month. Down is better."),
        new(ThemeShare, "Share of comments on a theme", SpcMeasure.Proportion, ImprovementDirection.Neutral, true,
            "Comments given the chosen theme as a share of all coded comments. Neither direction is better: a theme can be praise or criticism."),
        new(Sentiment, "Mean sentiment of comments", SpcMeasure.Mean, ImprovementDirection.Decrease, false,
            "Average sentiment of coded comments, from 1 (very positive) to 5 (very negative). Down is better."),
    ];

    public static SpcMetric? Find(string? key) => All.FirstOrDefault(m => m.Key == key);
}
