namespace Heard.Data.Model;

/// <summary>Where a population profile applies: a whole trust, one site or one unit.</summary>
public static class PopulationLevels
{
    public const string Trust = "trust";
    public const string Site = "site";
    public const string Unit = "unit";
    public static readonly string[] All = [Trust, Site, Unit];
}

/// <summary>
/// One group's share of the population a trust, site or unit serves (e.g. 12% of the people a ward cares for are Asian or
/// Asian British), imported so the Equality page can show which groups are seldom heard. A new import of a characteristic
/// for a place replaces what was there.
/// </summary>
public sealed class PopulationProfile
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    /// <summary>trust, site or unit (<see cref="PopulationLevels"/>).</summary>
    public required string Level { get; set; }
    /// <summary>The trust's, site's or unit's id, as <see cref="Level"/> says.</summary>
    public int ScopeId { get; set; }
    /// <summary>age_band, sex, ethnicity, disability or first_language, as the feedback's demographics are keyed.</summary>
    public required string Characteristic { get; set; }
    /// <summary>The group as respondents' answers record it (e.g. asian, 25-34).</summary>
    public required string GroupName { get; set; }
    /// <summary>Of the place's population, 0 to 1; from the count over the characteristic's total when counts were given.</summary>
    public double Share { get; set; }
    /// <summary>The count imported, when the file gave counts rather than shares.</summary>
    public long? PeopleCount { get; set; }
    public DateTime ImportedAt { get; set; }
    public string? ImportedBy { get; set; }
}
