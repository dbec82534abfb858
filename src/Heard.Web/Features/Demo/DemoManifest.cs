namespace Heard.Web.Features.Demo;

/// <summary>How a demo unit's FFT results move over the demo period, so charts have something real to show.</summary>
public enum DemoTrend
{
    /// <summary>Steady around its usual level, with seasonal wobble.</summary>
    Stable,
    /// <summary>Falls from about 95% positive to about 75% over the last eight months.</summary>
    Deteriorating,
    /// <summary>Starts low, climbs after an improvement action, then holds.</summary>
    Improving,
    /// <summary>Drops suddenly part-way through and stays down (a ward moved to a temporary location).</summary>
    StepDown,
}

public sealed record DemoSite(string Code, string Name);

public sealed record DemoDivision(string Name, IReadOnlyList<string> Directorates);

/// <summary>
/// One ward, team or service of the demo trust, with what the file writers need to make its feedback believable.
/// </summary>
/// <param name="Settings">FFT setting codes; the first is the one most of its responses are for.</param>
/// <param name="MonthlyResponses">Typical FFT responses a month before seasonal change.</param>
/// <param name="PercentPositive">Usual share of Very good and Good, 0 to 1.</param>
/// <param name="WinterPressure">How far % positive falls in December to February (0 to about 0.08).</param>
/// <param name="ConcernTheme">The comment theme that explains a deterioration or an improvement, when there is one.</param>
/// <param name="ForChildren">Feedback mostly comes from parents about their child.</param>
public sealed record DemoUnit(
    string Code,
    string Name,
    string SiteCode,
    string Division,
    string Directorate,
    string Kind,
    IReadOnlyList<string> Settings,
    string? FirstSpeciality,
    string? SecondSpeciality,
    int MonthlyResponses,
    double PercentPositive,
    double WinterPressure = 0,
    DemoTrend Trend = DemoTrend.Stable,
    string? ConcernTheme = null,
    bool ForChildren = false)
{
    public string SettingsText => string.Join(',', Settings);
}

/// <summary>The demo organisation as planned: what <see cref="DemoOrganisation"/> adds to the database and writes files for.</summary>
public sealed record DemoManifest(
    string IcbCode,
    string IcbName,
    string TrustCode,
    string TrustName,
    IReadOnlyList<DemoSite> Sites,
    IReadOnlyList<DemoDivision> Divisions,
    IReadOnlyList<DemoUnit> Units)
{
    public DemoSite Site(string code) => Sites.First(s => s.Code == code);
}
