using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Surveys;

/// <summary>The survey register: every survey running across the trusts in scope, and where two ask the same patients.</summary>
[Authorize(Policy = Policies.ManageSurveys)]
public sealed class SurveysIndexModel(HeardDbContext db, CurrentUser user) : PageModel
{
    public List<SurveyRegisterRow> Surveys { get; private set; } = [];
    public bool SeveralTrusts { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Surveys = await SurveyRegister.LoadAsync(db, await user.TrustIdsAsync(ct), DateOnly.FromDateTime(DateTime.UtcNow), ct);
        SeveralTrusts = Surveys.Select(s => s.TrustId).Distinct().Count() > 1;
    }
}
