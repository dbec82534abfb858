using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Surveys;

/// <summary>
/// Changes the questions. Each action saves at once: a draft is edited in place; the first change to a live version
/// makes the next version as a draft, and patients keep the live one until it is published.
/// </summary>
[Authorize(Policy = Policies.ManageSurveys)]
public sealed class SurveyEditModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public Survey Survey { get; private set; } = null!;
    public SurveyVersion Latest { get; private set; } = null!;
    public SurveyDefinition Definition { get; private set; } = null!;
    public CustomQuestionInput Custom { get; private set; } = new();

    public bool EditsInPlace => Latest.Status == SurveyStatuses.Draft;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostMoveAsync(int id, string key, string direction, CancellationToken ct) =>
        ChangeAsync(id, direction == "up" ? "a question moved up" : "a question moved down",
            (d, _) => SurveyEditing.Move(d, key, direction == "up" ? -1 : 1), ct);

    public Task<IActionResult> OnPostRemoveAsync(int id, string key, CancellationToken ct) =>
        ChangeAsync(id, "a question removed", (d, _) => SurveyEditing.Remove(d, key), ct);

    public Task<IActionResult> OnPostLibraryAsync(int id, List<string>? libraryKeys, CancellationToken ct) =>
        ChangeAsync(id, "library questions chosen", (d, _) => SurveyEditing.ChooseLibrary(d, libraryKeys ?? []), ct);

    public Task<IActionResult> OnPostCustomAsync(int id, [Bind(Prefix = "Custom")] CustomQuestionInput custom, CancellationToken ct)
    {
        Custom = custom;
        ModelState.Clear();
        return ChangeAsync(id, "a question of your own added", (d, all) =>
        {
            var question = SurveyEditing.CheckCustom("Custom", custom.Kind, custom.Text, custom.Hint, custom.Options,
                SurveyEditing.NextCustomKey(all), (field, message) => ModelState.AddModelError(field, message));
            return question is null ? null : SurveyEditing.AddCustom(d, question);
        }, ct);
    }

    /// <summary>Applies one change to the latest questions; null from the change means its form had errors to show.</summary>
    private async Task<IActionResult> ChangeAsync(int id, string what, Func<SurveyDefinition, IReadOnlyList<SurveyDefinition>, SurveyDefinition?> change,
        CancellationToken ct)
    {
        var survey = await SurveyEditing.FindInScopeAsync(db, user, id, ct);
        if (survey is null) return NotFound();
        var versions = await db.SurveyVersions.AsNoTracking().Where(v => v.SurveyId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        var before = SurveyDefinition.FromJson(versions[0].DefinitionJson);
        SurveyDefinition? after;
        try
        {
            after = change(before, versions.Select(v => SurveyDefinition.FromJson(v.DefinitionJson)).ToList());
        }
        catch (SurveyChangeException e)
        {
            ModelState.AddModelError(e.Field, e.Message);
            after = null;
        }
        if (after is null || !ModelState.IsValid)
        {
            await LoadAsync(id, ct);
            return Page();
        }
        var json = after.ToJson();
        if (json == before.ToJson())
        {
            TempData["Success"] = "Nothing changed: the questions were already like that";
            return RedirectToPage("/Surveys/Edit", new { id });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (draft, from) = await SurveyEditing.EnsureDraftAsync(db, survey, user.Name, audit, ct);
        draft.DefinitionJson = json;
        audit.Record(Audit.Actions.Update, "survey_version", survey.Id,
            $"survey {survey.Id} '{survey.Name}' version {draft.Number}: {what}; questions now {string.Join(", ", after.Questions.Select(q => q.Key))}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people made the next version at the same moment; the unique version number stopped the second.
            ModelState.AddModelError("", "Someone else changed this survey at the same time. Check the questions below and make your change again.");
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Page();
        }
        await transaction.CommitAsync(ct);
        TempData["Success"] = from is null
            ? $"Version {draft.Number} has been saved: {what}."
            : $"Version {draft.Number} has been created as a draft with your change. Patients keep seeing version {from.Number} until you publish version {draft.Number}.";
        return RedirectToPage("/Surveys/Edit", new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var survey = await SurveyEditing.FindInScopeAsync(db, user, id, ct);
        if (survey is null) return false;
        Survey = survey;
        Latest = await db.SurveyVersions.AsNoTracking().Where(v => v.SurveyId == id).OrderByDescending(v => v.Number).FirstAsync(ct);
        Definition = SurveyDefinition.FromJson(Latest.DefinitionJson);
        return true;
    }

    public sealed class CustomQuestionInput
    {
        public string? Kind { get; set; }
        public string? Text { get; set; }
        public string? Hint { get; set; }
        public string? Options { get; set; }
    }
}
