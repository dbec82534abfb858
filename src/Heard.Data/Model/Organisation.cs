namespace Heard.Data.Model;

/// <summary>An integrated care board: the commissioner that groups trusts.</summary>
public sealed class Icb
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
}

/// <summary>An NHS trust, identified nationally by its ODS code.</summary>
public sealed class Trust
{
    public int Id { get; set; }
    public required string OdsCode { get; set; }
    public required string Name { get; set; }
    public int? IcbId { get; set; }
    public Icb? Icb { get; set; }
    /// <summary>The user who receives this trust's safeguarding alerts; null until one is named.</summary>
    public string? SafeguardingLeadUserId { get; set; }
    /// <summary>Whether the public transparency page (/transparency/{ods}) and its open data are published; off by default.</summary>
    public bool TransparencyPublic { get; set; }
}

public sealed class Site
{
    public int Id { get; set; }
    public int TrustId { get; set; }
    public Trust? Trust { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
}

public sealed class Division
{
    public int Id { get; set; }
    public int TrustId { get; set; }
    public Trust? Trust { get; set; }
    public required string Name { get; set; }
}

/// <summary>A directorate or specialty within a division.</summary>
public sealed class Directorate
{
    public int Id { get; set; }
    public int DivisionId { get; set; }
    public Division? Division { get; set; }
    public required string Name { get; set; }
}

public static class UnitKinds
{
    public const string Ward = "ward";
    public const string Team = "team";
    public const string Service = "service";
    public static readonly string[] All = [Ward, Team, Service];
}

/// <summary>
/// A ward, team or service: the place feedback is about. Its current name and placement live here;
/// every earlier name and placement lives in <see cref="UnitVersion"/> so that history is never re-attributed.
/// </summary>
public sealed class Unit
{
    public int Id { get; set; }
    public int TrustId { get; set; }
    public Trust? Trust { get; set; }
    public int SiteId { get; set; }
    public Site? Site { get; set; }
    public int? DivisionId { get; set; }
    public Division? Division { get; set; }
    public int? DirectorateId { get; set; }
    public Directorate? Directorate { get; set; }
    /// <summary>Short code printed on posters and paper cards.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string Kind { get; set; } = UnitKinds.Ward;
    /// <summary>FFT settings, comma-separated codes (a unit may collect for several, e.g. maternity touchpoints).</summary>
    public string Settings { get; set; } = "";
    public string? FirstSpeciality { get; set; }
    public string? SecondSpeciality { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public int? MergedIntoUnitId { get; set; }
    public DateTime CreatedAt { get; set; }

    public IEnumerable<string> SettingCodes =>
        Settings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A unit's name and place in the hierarchy over a span of time; ValidTo is exclusive.</summary>
public sealed class UnitVersion
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Name { get; set; }
    public int SiteId { get; set; }
    public int? DivisionId { get; set; }
    public int? DirectorateId { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
}

/// <summary>
/// A name a site, division or directorate had from <see cref="ValidFrom"/> until <see cref="ValidTo"/> (not included).
/// Written on the first rename, so an entity never renamed has no rows and has always had its current name.
/// </summary>
public sealed class OrganisationName
{
    public int Id { get; set; }
    /// <summary>One of <see cref="OrganisationLevels"/>.</summary>
    public required string Level { get; set; }
    public int EntityId { get; set; }
    public required string Name { get; set; }
    /// <summary>A site's code at the time; null for divisions and directorates.</summary>
    public string? Code { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? ChangedBy { get; set; }
    public DateTime ChangedAt { get; set; }
}

public static class OrganisationLevels
{
    public const string Site = "site";
    public const string Division = "division";
    public const string Directorate = "directorate";
}

/// <summary>Another name a source system uses for a unit, so imports map to it.</summary>
public sealed class UnitAlias
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int SiteId { get; set; }
    public required string Alias { get; set; }
}
