using System.Globalization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>The rounds the user may see, and a form to start one for an organisation they may edit.</summary>
public sealed class IndexModel(HeardDbContext db, SelfAssessmentAccess access, CurrentUser user, Audit audit) : PageModel
{
    public List<RoundSummary> Rounds { get; private set; } = [];
    public List<AssessedOrganisation> Editable { get; private set; } = [];

    [BindProperty] public string? Organisation { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? PeriodStart { get; set; }
    [BindProperty] public string? PeriodEnd { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var org = Editable.FirstOrDefault(o => o.Key == Organisation);
        if (org is null) ModelState.AddModelError(nameof(Organisation), "Select the trust or division this round assesses");
        if (string.IsNullOrWhiteSpace(Title)) ModelState.AddModelError(nameof(Title), "Enter a title, for example Annual self-assessment 2026");
        else if (Title.Length > 200) ModelState.AddModelError(nameof(Title), "Title must be 200 characters or fewer");
        var start = ParseDate(nameof(PeriodStart), PeriodStart, "the start of the period");
        var end = ParseDate(nameof(PeriodEnd), PeriodEnd, "the end of the period");
        if (start is not null && end is not null && end < start) ModelState.AddModelError(nameof(PeriodEnd), "The end of the period must be the same as or after its start");
        if (!ModelState.IsValid) return Page();

        var round = await SelfAssessmentRounds.CreateAsync(db, audit, user, org!.TrustId, org.DivisionId, Title!.Trim(), start!.Value, end!.Value, ct);
        TempData["Success"] = "Round started";
        return Redirect($"/SelfAssessment/Round/{round.Id}");
    }

    private DateOnly? ParseDate(string key, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) { ModelState.AddModelError(key, $"Enter {what} as yyyy-mm-dd"); return null; }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        ModelState.AddModelError(key, $"Enter {what} as a real date, yyyy-mm-dd, for example 2026-03-31");
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rounds = await SelfAssessmentQuery.ListAsync(db, access, ct);
        Editable = await access.EditableOrganisationsAsync(ct);
    }
}
