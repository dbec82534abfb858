using System.Security.Claims;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Heard.Web.Features.Navigation;

public sealed record NavigationLink(string Text, string Href, string? Policy, string Description);

/// <summary>A group of pages behind one header link, listed on its own page.</summary>
public sealed record NavigationSection(string Key, string Title, string Summary, IReadOnlyList<NavigationLink> Links)
{
    public string Href => "/" + Key;
}

/// <summary>
/// Where everything is. The header holds a handful of links (the NHS.UK header folds the rest under "More", where people
/// lose them), so pages are grouped by the job people come to do, and each group's page lists what the user may open.
/// </summary>
public static class SiteNavigation
{
    public static readonly IReadOnlyList<NavigationLink> Always =
    [
        new("Dashboard", "/", null, "FFT scores, trends and comments for any part of the organisation."),
        new("My ward this week", "/ward/week", Policies.SeeMyWard, "This week's comments, score, alerts, actions due and praise for your ward."),
        new("Comments", "/Comments", Policies.ReadComments, "Read and search every comment, with its themes and sentiment."),
    ];

    public static readonly NavigationLink Safeguarding =
        new("Safeguarding", "/Safeguarding", Policies.SeeSafeguardingAlerts, "Comments that may describe harm, waiting for a lead to act.");

    public static readonly IReadOnlyList<NavigationSection> Sections =
    [
        new("understand", "Understand", "See what is changing, where, and why.",
        [
            new("Themes", "/Themes", null, "What comments are about, how that is changing, and the phrases behind each theme."),
            new("SPC charts", "/Spc", null, "Any measure over time with its usual range, special causes and assurance."),
            new("Early warnings", "/Alerts", Policies.SeeEarlyWarnings, "Alerts raised when care may be deteriorating, with their owners and evidence."),
            new("Quality", "/Quality", null, "Falls, staffing and staff survey measures beside patient experience."),
            new("Funnel plot", "/Funnel", null, "Units set fairly against the trust, allowing for their size."),
            new("Equality", "/Equality", null, "Scores and themes by each group of people, with small groups suppressed."),
            new("Staff experience", "/staff-experience", Policies.SeeStaffExperience, "Staff survey and staff FFT beside patient experience."),
        ]),
        new("improve", "Improve", "Act on feedback and show what changed.",
        [
            new("Actions", "/Actions", null, "Improvement actions, their owners, due dates and whether they worked."),
            new("Routed to me", "/Routing", Policies.ReadComments, "Feedback sent to you or your teams to acknowledge and act on."),
            new("Routing rules", "/Routing/Rules", Policies.ManageRouting, "Which feedback goes to which team or person."),
            new("You said, we did", "/YouSaidWeDid", null, "Tell patients and staff what changed because of what patients said."),
            new("Improvement projects", "/Improvement", null, "Quality improvement projects, Plan-Do-Study-Act cycles and Always Events."),
            new("Patient partners", "/Partners", Policies.InvolvePartners, "Patients, carers and volunteers who help, their involvement and panel reviews."),
        ]),
        new("report", "Report", "Returns, assurance and reports that come from the data.",
        [
            new("Board reports", "/Reports", Policies.ReadBoardReports, "Monthly or quarterly board and committee reports, archived with their narratives."),
            new("Report builder", "/Reports/Builder", Policies.ReadBoardReports, "Choose the sources and sections you need, save them as a template and share its link."),
            new("FFT return", "/Fft/Return", Policies.ImportData, "NHS England's monthly FFT return, with its suppression."),
            new("Self-assessment", "/SelfAssessment", null, "The patient experience improvement framework, round by round."),
            new("Quality Account", "/quality-account", Policies.DraftQualityAccount, "A draft patient experience section for the annual Quality Account."),
        ]),
        new("collect", "Collect", "Bring feedback in and keep the organisation up to date.",
        [
            new("Import", "/Import", Policies.ImportData, "Upload a CSV of feedback, with a preview before anything is stored."),
            new("Quarantine", "/Import/Quarantine", Policies.ImportData, "Rows that could not be stored, to correct and re-submit."),
            new("Surveys", "/Surveys", Policies.ManageSurveys, "Design, version and assign surveys, posters and QR codes."),
            new("Paper entry", "/Collection/PaperEntry", Policies.EnterPaperResponses, "Type in paper cards quickly, checked as you go."),
            new("Review coding", "/Comments/Review", Policies.ImportData, "The least certain codes first, to accept, remove or add."),
            new("Organisation", "/Organisation", null, "Trusts, sites, divisions and units, and their history."),
        ]),
        new("admin", "Admin", "Who can sign in, what they can see, and who looked at what.",
        [
            new("Users", "/Admin/Users", Policies.Administer, "Accounts, roles and the part of the organisation each person sees."),
            new("API keys", "/Collection/ApiClients", Policies.Administer, "Keys for SMS, IVR and other providers that send responses."),
            new("Audit log", "/Admin/Audit", Policies.ViewAudit, "Every view of identifiable data and every change."),
        ]),
    ];

    public static async Task<bool> MayOpenAsync(IAuthorizationService authorization, ClaimsPrincipal user, NavigationLink link) =>
        link.Policy is null || (await authorization.AuthorizeAsync(user, link.Policy)).Succeeded;

    /// <summary>The links of a section that this user may open, in order.</summary>
    public static async Task<List<NavigationLink>> OpenableAsync(IAuthorizationService authorization, ClaimsPrincipal user, IEnumerable<NavigationLink> links)
    {
        var result = new List<NavigationLink>();
        foreach (var link in links)
            if (await MayOpenAsync(authorization, user, link)) result.Add(link);
        return result;
    }

    /// <summary>The header's link that the path falls under: the longest matching page decides, then its section.</summary>
    public static string? CurrentHeaderHref(PathString path)
    {
        bool Under(string href) => href == "/" ? path == "/" : path.StartsWithSegments(href, StringComparison.OrdinalIgnoreCase);
        var candidates = Always.Select(l => (Link: l.Href, Header: l.Href))
            .Append((Link: Safeguarding.Href, Header: Safeguarding.Href))
            .Concat(Sections.Select(s => (Link: s.Href, Header: s.Href)))
            .Concat(Sections.SelectMany(s => s.Links.Select(l => (Link: l.Href, Header: s.Href))));
        return candidates.Where(c => Under(c.Link)).OrderByDescending(c => c.Link.Length).Select(c => c.Header).FirstOrDefault();
    }
}
