using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Features.Organisation;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Surveys;

/// <summary>Starts a survey: its name, trust, owner and dates, and version 1 as a draft with the starter questions.</summary>
[Authorize(Policy = Policies.ManageSurveys)]
public sealed class SurveyCreateModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public const int NameMax = 200;
    public const int PurposeMax = 1000;
    public const int OwnerMax = 200;

    public List<Trust> Trusts { get; private set; } = [];
    public SurveyInput Input { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Trusts.Count == 1) Input.TrustId = Trusts[0].Id;
    }

    public async Task<IActionResult> OnPostAsync([Bind(Prefix = "Input")] SurveyInput input, CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = input;
        ModelState.Clear();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError("Input.Name", "Enter the survey's name");
        else if (name.Length > NameMax) ModelState.AddModelError("Input.Name", $"The name must be {NameMax} characters or fewer");
        if (input.TrustId is not int trustId || Trusts.All(t => t.Id != trustId))
            ModelState.AddModelError("Input.TrustId", "Choose the trust that runs the survey");
        var purpose = string.IsNullOrWhiteSpace(input.Purpose) ? null : input.Purpose.Trim();
        if (purpose is { Length: > PurposeMax }) ModelState.AddModelError("Input.Purpose", $"The purpose must be {PurposeMax} characters or fewer. It is {purpose.Length} characters.");
        var owner = input.Owner?.Trim();
        if (string.IsNullOrEmpty(owner)) ModelState.AddModelError("Input.Owner", "Enter the person or team who owns the survey");
        else if (owner.Length > OwnerMax) ModelState.AddModelError("Input.Owner", $"The owner must be {OwnerMax} characters or fewer");
        var (starts, ends) = ReadDates(ModelState, "Input", input.StartsOn, input.EndsOn);
        if (!ModelState.IsValid) return Page();

        var survey = new Survey
        {
            TrustId = input.TrustId!.Value, Name = name!, Purpose = purpose, Owner = owner, StartsOn = starts, EndsOn = ends,
            CreatedAt = DateTime.UtcNow, CreatedBy = user.Name,
        };
        survey.Versions.Add(new SurveyVersion
        {
            Number = 1, Status = SurveyStatuses.Draft, DefinitionJson = QuestionLibrary.Starter().ToJson(), CreatedAt = survey.CreatedAt, CreatedBy = user.Name,
        });
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(ct);
        audit.Record(Audit.Actions.Create, "survey", survey.Id,
            $"survey '{survey.Name}' for trust {survey.TrustId}, owner {owner}, {SurveyDates.Period(starts, ends)}; version 1 created as a draft with the starter questions");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Success"] = $"{survey.Name} has been created. Version 1 is a draft: check the questions, assign it to units, then publish it.";
        return RedirectToPage("/Surveys/Details", new { id = survey.Id });
    }

    /// <summary>Optional start and end dates: each blank or a real date, and the end not before the start.</summary>
    public static (DateOnly? Starts, DateOnly? Ends) ReadDates(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string prefix, DateParts? startsOn, DateParts? endsOn)
    {
        DateOnly? starts = null, ends = null;
        if (startsOn is not null && !IsBlank(startsOn))
        {
            starts = startsOn.Read("the start date", out var error);
            if (error is not null) state.AddModelError($"{prefix}.StartsOn", error);
        }
        if (endsOn is not null && !IsBlank(endsOn))
        {
            ends = endsOn.Read("the end date", out var error);
            if (error is not null) state.AddModelError($"{prefix}.EndsOn", error);
        }
        if (starts is { } s && ends is { } e && e < s)
            state.AddModelError($"{prefix}.EndsOn", "The end date must be the same as or after the start date");
        return (starts, ends);
    }

    private static bool IsBlank(DateParts d) =>
        string.IsNullOrWhiteSpace(d.Day) && string.IsNullOrWhiteSpace(d.Month) && string.IsNullOrWhiteSpace(d.Year);

    private async Task LoadAsync(CancellationToken ct)
    {
        var trustIds = await user.TrustIdsAsync(ct);
        var query = db.Trusts.AsNoTracking();
        if (trustIds is not null) query = query.Where(t => trustIds.Contains(t.Id));
        Trusts = await query.OrderBy(t => t.Name).ToListAsync(ct);
    }

    public sealed class SurveyInput
    {
        public string? Name { get; set; }
        public int? TrustId { get; set; }
        public string? Purpose { get; set; }
        public string? Owner { get; set; }
        public DateParts? StartsOn { get; set; }
        public DateParts? EndsOn { get; set; }
    }
}
