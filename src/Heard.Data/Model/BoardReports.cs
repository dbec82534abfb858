namespace Heard.Data.Model;

public static class BoardReportPeriods
{
    public const string Monthly = "monthly";
    public const string Quarterly = "quarterly";
    public static readonly string[] All = [Monthly, Quarterly];
}

/// <summary>
/// One archived version of a board or committee report: what it was asked for (a trust, or one of its divisions, and a
/// month or quarter), the narrative people wrote for it, and the figures as they were generated, kept as JSON so the
/// version reads the same however the data changes later. Versions are only ever added, never changed.
/// </summary>
public sealed class BoardReportVersion
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    public int? DivisionId { get; set; }
    /// <summary>One of <see cref="BoardReportPeriods"/>.</summary>
    public required string Period { get; set; }
    /// <summary>First and last month of the period, yyyymm.</summary>
    public int FromMonth { get; set; }
    public int ToMonth { get; set; }
    /// <summary>1 for the first version of this trust or division and period, then 2, 3...</summary>
    public int Version { get; set; }
    /// <summary>JSON object of narrative fields by section key (summary, patient-story, spc...).</summary>
    public required string NarrativesJson { get; set; }
    /// <summary>The generated figures (Features/Reports/BoardReportFigures) as JSON.</summary>
    public required string FiguresJson { get; set; }
    public DateTime GeneratedAt { get; set; }
    public required string SavedBy { get; set; }
    /// <summary>The schedule that archived it when its period closed; null when a person saved it.</summary>
    public long? ScheduleId { get; set; }
}

/// <summary>A standing request for a trust's or division's monthly or quarterly report, archived as each period closes.</summary>
public sealed class BoardReportSchedule
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    public int? DivisionId { get; set; }
    public required string Period { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>The last month (yyyymm) of the latest period archived; null until the first run.</summary>
    public int? LastArchivedToMonth { get; set; }
}

/// <summary>
/// A report builder template: which trust or division, monthly or quarterly, which feedback sources and which sections
/// of the board report. It runs for whichever period is asked for, so one template serves every month or quarter.
/// </summary>
public sealed class ReportTemplate
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>User name of the person who saved it: they (or a PX administrator) may change or delete it.</summary>
    public required string Owner { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int TrustId { get; set; }
    public int? DivisionId { get; set; }
    /// <summary>One of <see cref="BoardReportPeriods"/>, or "range" for the months from <see cref="FromMonth"/> to <see cref="ToMonth"/>.</summary>
    public required string Period { get; set; }
    /// <summary>Comma-separated <see cref="FeedbackSources"/> keys.</summary>
    public required string Sources { get; set; }
    /// <summary>Comma-separated report section keys (summary, spc, themes...).</summary>
    public required string Sections { get; set; }
    /// <summary>Unguessable token in the shared link; the link still needs sign-in and scope over the whole trust or division.</summary>
    public required string ShareToken { get; set; }
    /// <summary>Comma-separated unit ids when the template reports on chosen units; null for the whole trust or division.</summary>
    public string? UnitIds { get; set; }
    /// <summary>First month (yyyymm) when <see cref="Period"/> is a range of months; null for a monthly or quarterly template.</summary>
    public int? FromMonth { get; set; }
    /// <summary>Last month (yyyymm) of a range of months.</summary>
    public int? ToMonth { get; set; }
}
