using Heard.Data.Model;

namespace Heard.Web.Features.Admin.Users;

/// <summary>One line per role for the role checkboxes, so administrators choose knowing what each role can do.</summary>
public static class RoleDescriptions
{
    public static string For(string role) => role switch
    {
        Roles.PxAdministrator => "Manages users, the organisation and imports; reads identifiable data; sees the audit log",
        Roles.PxAnalyst => "Imports data; reads identifiable data",
        Roles.DivisionLead => "Reads feedback and comments in their scope",
        Roles.WardManager => "Reads feedback and comments in their scope",
        Roles.ComplaintsOfficer => "Reads feedback and comments in their scope, including identifiable data such as contact details",
        Roles.BoardMember => "Reads feedback and comments in their scope",
        Roles.Commissioner => "Sees aggregate figures only, never individual comments",
        Roles.PatientPartner => "Reads feedback and comments in their scope, never identifiable data",
        _ => "",
    };
}
