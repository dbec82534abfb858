using Heard.Data.Model;
using Microsoft.AspNetCore.Authorization;

namespace Heard.Web.Infrastructure;

/// <summary>Named authorisation policies. Pages and endpoints name one of these, never a role list of their own.</summary>
public static class Policies
{
    public const string Administer = "administer";
    public const string ImportData = "import-data";
    public const string ReadComments = "read-comments";
    public const string ReadIdentifiable = "read-identifiable";
    public const string ViewAudit = "view-audit";
    /// <summary>Design surveys, assign them to units, print posters and paper surveys.</summary>
    public const string ManageSurveys = "manage-surveys";
    /// <summary>Type in paper cards: the PX team, ward managers and patient partners (volunteers).</summary>
    public const string EnterPaperResponses = "enter-paper-responses";
    /// <summary>See and act on safeguarding alerts: the PX team, and whoever is named as a trust's safeguarding lead.</summary>
    public const string SeeSafeguardingAlerts = "see-safeguarding-alerts";
    /// <summary>Mark and remove change points on SPC charts: those who run improvement work, within their scope.</summary>
    public const string ManageSpcChangePoints = "manage-spc-change-points";
    /// <summary>Set up teams and the rules that route feedback to them.</summary>
    public const string ManageRouting = "manage-routing";
    /// <summary>Reply to a piece of feedback or draft a reply to an online review: staff who act on feedback.</summary>
    public const string RespondToFeedback = "respond-to-feedback";
    /// <summary>Approve a public reply to an online review that someone else drafted.</summary>
    public const string ApproveReviewReplies = "approve-review-replies";

    /// <summary>The roles <see cref="RespondToFeedback"/> admits, for code that checks a user rather than a request.</summary>
    public static readonly string[] Responders = [Roles.PxAdministrator, Roles.PxAnalyst, Roles.DivisionLead, Roles.WardManager, Roles.ComplaintsOfficer];

    /// <summary>Create and run quality improvement projects: those who lead improvement work, within their scope.</summary>
    public const string ManageImprovement = "manage-improvement";
    /// <summary>Work with patient partners (register, invitations, panel reviews); names and contact need <see cref="ReadIdentifiable"/> as well.</summary>
    public const string InvolvePartners = "involve-partners";
    /// <summary>Create and update improvement actions in the units of one's scope: the PX team, division leads and ward managers.</summary>
    public const string ManageActions = "manage-actions";
    /// <summary>The roles <see cref="ManageActions"/> admits, for code that checks a user rather than a request.</summary>
    public static readonly string[] ActionManagers = [Roles.PxAdministrator, Roles.PxAnalyst, Roles.DivisionLead, Roles.WardManager];

    /// <summary>See early-warning alerts in one's scope: everyone but patient partners (the figures name wards and staff's work).</summary>
    public const string SeeEarlyWarnings = "see-early-warnings";
    /// <summary>Acknowledge, reassign, resolve and reopen early-warning alerts: those who run wards, divisions and the PX service.</summary>
    public const string ActOnEarlyWarnings = "act-on-early-warnings";

    /// <summary>Staff survey and staff FFT beside patient FFT: everyone but patient partners, as these figures are about staff.</summary>
    public const string SeeStaffExperience = "see-staff-experience";
    /// <summary>Draft the patient experience section of a trust's annual Quality Account: the PX team.</summary>
    public const string DraftQualityAccount = "draft-quality-account";
    /// <summary>The navigation's "My ward this week": ward and team managers, who run one ward or a few.</summary>
    public const string SeeMyWard = "see-my-ward";
    /// <summary>Read board and committee reports of a trust or division one sees all of: everyone but patient partners.</summary>
    public const string ReadBoardReports = "read-board-reports";
    /// <summary>See a trust's transparency page as it would be published, before it is switched on: the PX team.</summary>
    public const string PreviewTransparency = "preview-transparency";
    /// <summary>Write reports' narratives, save versions and schedule reports: the PX team and division leads.</summary>
    public const string PrepareBoardReports = "prepare-board-reports";

    public static void Configure(AuthorizationOptions o)
    {
        o.AddPolicy(SeeMyWard, p => p.RequireRole(Roles.WardManager));
        o.AddPolicy(ReadBoardReports, p => p.RequireRole(Roles.All.Except([Roles.PatientPartner]).ToArray()));
        o.AddPolicy(PrepareBoardReports, p => p.RequireRole(Roles.PxAdministrator, Roles.PxAnalyst, Roles.DivisionLead));
        o.AddPolicy(Administer, p => p.RequireRole(Roles.PxAdministrator));
        o.AddPolicy(ImportData, p => p.RequireRole(Roles.PxAdministrator, Roles.PxAnalyst));
        o.AddPolicy(PreviewTransparency, p => p.RequireRole(Roles.PxAdministrator, Roles.PxAnalyst));
        o.AddPolicy(ReadComments, p => p.RequireRole(Roles.All.Except(Roles.AggregatesOnly).ToArray()));
        o.AddPolicy(ReadIdentifiable, p => p.RequireRole(Roles.Identifiable));
        o.AddPolicy(ViewAudit, p => p.RequireRole(Roles.PxAdministrator));
        o.AddPolicy(ManageSurveys, p => p.RequireRole(Roles.PxAdministrator, Roles.PxAnalyst));
        o.AddPolicy(EnterPaperResponses, p => p.RequireRole(Roles.PxAdministrator, Roles.PxAnalyst, Roles.WardManager, Roles.PatientPartner));
        o.AddPolicy(ManageSpcChangePoints, p => p.RequireRole(Roles.PxAdministrator, Roles.PxAnalyst, Roles.DivisionLead, Roles.WardManager));
        o.AddPolicy(ManageImprovement, p => p.RequireRole(Roles.PxAdministrator, Roles.PxAnalyst, Roles.DivisionLead, Roles.WardManager));
        o.AddPolicy(InvolvePartners, p => p.RequireRole(Roles.PxAdministrator, Roles.PxAnalyst, Roles.ComplaintsOfficer, Roles.DivisionLead, Roles.WardManager));
        o.AddPolicy(ManageActions, p => p.RequireRole(ActionManagers));
        o.AddPolicy(ManageRouting, p => p.RequireRole(Roles.PxAdministrator));
        o.AddPolicy(RespondToFeedback, p => p.RequireRole(Responders));
        o.AddPolicy(ApproveReviewReplies, p => p.RequireRole(Roles.PxAdministrator));
        o.AddPolicy(SeeEarlyWarnings, p => p.RequireRole(Roles.All.Except([Roles.PatientPartner]).ToArray()));
        o.AddPolicy(ActOnEarlyWarnings, p => p.RequireRole(Features.Alerts.AlertOwners.ActingRoles));
        o.AddPolicy(SeeSafeguardingAlerts, p => p.AddRequirements(new Features.Safeguarding.SafeguardingAccessRequirement()));
        o.AddPolicy(SeeStaffExperience, p => p.RequireRole(Roles.All.Except([Roles.PatientPartner]).ToArray()));
        o.AddPolicy(DraftQualityAccount, p => p.RequireRole(Roles.PxAdministrator, Roles.PxAnalyst));
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
