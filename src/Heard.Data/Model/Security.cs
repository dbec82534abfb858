using Microsoft.AspNetCore.Identity;

namespace Heard.Data.Model;

public sealed class HeardUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

public static class Roles
{
    public const string PxAdministrator = "PX administrator";
    public const string PxAnalyst = "PX analyst";
    public const string DivisionLead = "Division lead";
    public const string WardManager = "Ward or team manager";
    public const string ComplaintsOfficer = "Complaints officer";
    public const string BoardMember = "Board member";
    public const string Commissioner = "Commissioner";
    public const string PatientPartner = "Patient partner";

    public static readonly string[] All =
        [PxAdministrator, PxAnalyst, DivisionLead, WardManager, ComplaintsOfficer, BoardMember, Commissioner, PatientPartner];

    /// <summary>Roles that may read identifiable data (unredacted comments, contact details); each read is audited.</summary>
    public static readonly string[] Identifiable = [PxAdministrator, PxAnalyst, ComplaintsOfficer];

    /// <summary>Roles that see only aggregate figures, never individual comments.</summary>
    public static readonly string[] AggregatesOnly = [Commissioner];
}

public static class ScopeLevels
{
    public const string All = "all";
    public const string Icb = "icb";
    public const string Trust = "trust";
    public const string Site = "site";
    public const string Division = "division";
    public const string Directorate = "directorate";
    public const string Unit = "unit";
    public static readonly string[] Levels = [All, Icb, Trust, Site, Division, Directorate, Unit];
}

/// <summary>A part of the hierarchy a user may see. A user with no scope sees nothing.</summary>
public sealed class UserScope
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Level { get; set; }
    public int? ScopeId { get; set; }
}

/// <summary>Who did or saw what, and when. Written for every change and every read of identifiable data.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserName { get; set; }
    public required string Action { get; set; }
    public required string Entity { get; set; }
    public string? EntityId { get; set; }
    public string? Detail { get; set; }
}
