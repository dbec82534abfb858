using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Surveys;

/// <summary>One survey: its versions and their answers, the questions now being asked or drafted, and where it runs.</summary>
[Authorize(Policy = Policies.ManageSurveys)]
public sealed class SurveyDetailsModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public SurveyRegisterRow Survey { get; private set; } = null!;
    public SurveyVersion Latest { get; private set; } = null!;
    public SurveyDefinition Questions { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct)
    {
        var survey = await SurveyEditing.FindInScopeAsync(db, user, id, ct);
        if (survey is null) return NotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        SurveyVersion published;
        try
        {
            published = await SurveyEditing.PublishAsync(db, survey, audit, ct);
        }
        catch (SurveyChangeException e)
        {
            ModelState.AddModelError(e.Field, e.Message);
            await LoadAsync(id, ct);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Success"] = published.Number == 1
            ? $"Version 1 of {survey.Name} is live. Patients see it at every place the survey runs."
            : $"Version {published.Number} of {survey.Name} is live. Earlier answers stay with the version they answered.";
        return RedirectToPage("/Surveys/Details", new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var survey = await SurveyEditing.FindInScopeAsync(db, user, id, ct);
        if (survey is null) return false;
        var rows = await SurveyRegister.LoadAsync(db, [survey.TrustId], DateOnly.FromDateTime(DateTime.UtcNow), ct);
        Survey = rows.Single(r => r.Id == id);
        Latest = await db.SurveyVersions.AsNoTracking().Where(v => v.SurveyId == id).OrderByDescending(v => v.Number).FirstAsync(ct);
        Questions = SurveyDefinition.FromJson(Latest.DefinitionJson);
        return true;
    }
}
