namespace Heard.Data.Model;

public static class FeedbackSources
{
    public const string Fft = "fft";
    public const string LocalSurvey = "local-survey";
    public const string Complaint = "complaint";
    public const string Pals = "pals";
    public const string Compliment = "compliment";
    public const string PatientStory = "patient-story";
    public const string OnlineReview = "online-review";
    public const string FifteenSteps = "15-steps";
    public const string NationalSurvey = "national-survey";

    public static readonly string[] All =
        [Fft, LocalSurvey, Complaint, Pals, Compliment, PatientStory, OnlineReview, FifteenSteps, NationalSurvey];

    public static string Label(string code) => code switch
    {
        Fft => "Friends and Family Test",
        LocalSurvey => "Local survey",
        Complaint => "Complaint",
        Pals => "PALS concern",
        Compliment => "Compliment",
        PatientStory => "Patient story",
        OnlineReview => "Online review",
        FifteenSteps => "15 Steps visit",
        NationalSurvey => "National survey result",
        _ => code,
    };
}

/// <summary>
/// One piece of feedback from any source. Common fields are columns; what only one source has is kept in
/// <see cref="DetailsJson"/>; the verbatim imported row is the <see cref="ImportedRow"/> that points here.
/// </summary>
public sealed class FeedbackRecord
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    public int SiteId { get; set; }
    public int UnitId { get; set; }
    public required string Source { get; set; }
    public string? Setting { get; set; }
    /// <summary>Channel or mode, e.g. sms, paper-discharge.</summary>
    public string? Mode { get; set; }
    public DateOnly ReceivedOn { get; set; }
    /// <summary>Month as yyyymm, stored so monthly aggregation needs no date functions on either database.</summary>
    public int Month { get; set; }
    /// <summary>FFT answer 1-6; null is "no rating given", kept and counted apart.</summary>
    public int? FftAnswer { get; set; }
    /// <summary>The source system's own id (response_id), unique per trust and source.</summary>
    public string? ExternalId { get; set; }
    /// <summary>Identity of the response for de-duplication: external id when given, otherwise a hash of its content.</summary>
    public required string DedupeKey { get; set; }
    public bool? ConsentToPublish { get; set; }
    public bool? ConsentToContact { get; set; }
    public string? DemographicsJson { get; set; }
    public string? DetailsJson { get; set; }
    /// <summary>The survey version that asked the questions, for responses collected by Heard itself.</summary>
    public int? SurveyVersionId { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<FeedbackAnswer> Answers { get; set; } = [];
}

/// <summary>An answer to one question: a rating, free text, or both.</summary>
public sealed class FeedbackAnswer
{
    public long Id { get; set; }
    public long FeedbackRecordId { get; set; }
    public required string QuestionKey { get; set; }
    public int? Rating { get; set; }
    public string? Text { get; set; }
    /// <summary>1 very positive to 5 very negative, from the model or a person's review.</summary>
    public int? Sentiment { get; set; }
    public float? SentimentConfidence { get; set; }
    /// <summary>The model that coded the text; null when not yet coded.</summary>
    public int? TextModelId { get; set; }
    /// <summary>How sure the model was about its codes (0 unsure to 1 sure); the review queue reads least sure first.</summary>
    public float? Certainty { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
}

/// <summary>Contact details, held apart from the feedback and shown only to roles that need them.</summary>
public sealed class ContactDetail
{
    public long Id { get; set; }
    public long FeedbackRecordId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Eligible patients for a setting and month, at trust, site or unit level (for response rates).</summary>
public sealed class EligibleCount
{
    public long Id { get; set; }
    public int Month { get; set; }
    public required string Setting { get; set; }
    public int TrustId { get; set; }
    public int? SiteId { get; set; }
    public int? UnitId { get; set; }
    public long Count { get; set; }
    public long? ImportBatchId { get; set; }
}

/// <summary>
/// FFT counts by unit, site, month and setting. A cache derived from <see cref="FeedbackRecord"/>, kept current on
/// import and rebuilt from the raw records by <c>heard rebuild</c>; never edited by hand.
/// </summary>
public sealed class FftMonthly
{
    public int UnitId { get; set; }
    public int SiteId { get; set; }
    public int Month { get; set; }
    public required string Setting { get; set; }
    public int TrustId { get; set; }
    public long VeryGood { get; set; }
    public long Good { get; set; }
    public long Neither { get; set; }
    public long Poor { get; set; }
    public long VeryPoor { get; set; }
    public long DontKnow { get; set; }
    public long NoRating { get; set; }
    public long ModeSms { get; set; }
    public long ModeElectronicDischarge { get; set; }
    public long ModeElectronicHome { get; set; }
    public long ModePaperDischarge { get; set; }
    public long ModePaperHome { get; set; }
    public long ModeTelephone { get; set; }
    public long ModeOnline { get; set; }
    public long ModeOther { get; set; }
    /// <summary>Records of any other source (complaints, PALS, ...) are counted in <see cref="SourceMonthly"/>.</summary>
    public long Comments { get; set; }
}

/// <summary>Counts of non-FFT feedback by unit, month and source; derived like <see cref="FftMonthly"/>.</summary>
public sealed class SourceMonthly
{
    public int UnitId { get; set; }
    public int Month { get; set; }
    public required string Source { get; set; }
    public int TrustId { get; set; }
    public long Records { get; set; }
}

/// <summary>
/// Comments carrying one theme (code label), with their sentiment, by unit, month, source and setting. A cache derived
/// from <see cref="CommentCode"/> and <see cref="FeedbackAnswer"/> like <see cref="FftMonthly"/>: kept current wherever
/// codes or sentiment change and rebuilt from the raw tables by <c>heard rebuild</c>. A comment counts once per label.
/// </summary>
public sealed class ThemeMonthly
{
    public int UnitId { get; set; }
    public int Month { get; set; }
    public required string Source { get; set; }
    /// <summary>Null for sources other than FFT, as on <see cref="FeedbackRecord"/>.</summary>
    public string? Setting { get; set; }
    public required string Label { get; set; }
    public int TrustId { get; set; }
    public string? Category { get; set; }
    public long Comments { get; set; }
    /// <summary>Of <see cref="Comments"/>, those with a sentiment (1 very positive to 5 very negative).</summary>
    public long SentimentCount { get; set; }
    public long SentimentSum { get; set; }
    /// <summary>Sentiment 1 or 2.</summary>
    public long Positive { get; set; }
    /// <summary>Sentiment 4 or 5.</summary>
    public long Negative { get; set; }
}

/// <summary>Comments carrying at least one code, by unit, month, source and setting; derived like <see cref="ThemeMonthly"/>.</summary>
public sealed class CodedMonthly
{
    public int UnitId { get; set; }
    public int Month { get; set; }
    public required string Source { get; set; }
    public string? Setting { get; set; }
    public int TrustId { get; set; }
    public long Coded { get; set; }
}
