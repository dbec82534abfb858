using Heard.Analysis.SelfAssessment;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>One requirement of a round: its score, the three narrative fields, and the evidence linked to it.</summary>
public sealed class RequirementModel(HeardDbContext db, SelfAssessmentAccess access, CurrentUser user, Audit audit) : PageModel
{
    public RoundDetail Detail { get; private set; } = null!;
    public FrameworkRequirement Requirement { get; private set; } = null!;
    public RequirementAnswer Answer { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    [BindProperty] public int? Score { get; set; }
    [BindProperty] public string? CurrentPosition { get; set; }
    [BindProperty] public string? PlannedAction { get; set; }
    [BindProperty] public string? WhatGoodLooksLike { get; set; }

    [BindProperty] public string? EvidenceKind { get; set; }
    [BindProperty] public int? EvidenceActionId { get; set; }
    [BindProperty] public string? EvidenceLabel { get; set; }
    [BindProperty] public string? EvidenceHref { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, string requirement, CancellationToken ct)
    {
        if (!await LoadAsync(id, requirement, ct)) return NotFound();
        Score = Answer.Score;
        CurrentPosition = Answer.CurrentPosition;
        PlannedAction = Answer.PlannedAction;
        WhatGoodLooksLike = Answer.WhatGoodLooksLike;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string requirement, CancellationToken ct)
    {
        if (!await LoadAsync(id, requirement, ct)) return NotFound();
        if (!CanEdit) return StatusCode(StatusCodes.Status403Forbidden);
        ModelState.ReplaceInvalid(nameof(Score), "Select a score from 0 to 5");
        if (Score is null && ModelState.ErrorFor(nameof(Score)) is null) ModelState.AddModelError(nameof(Score), "Select a score from 0 to 5");
        else if (Score is < ImprovementFramework.MinimumScore or > ImprovementFramework.MaximumScore) ModelState.AddModelError(nameof(Score), "Select a score from 0 to 5");
        foreach (var (key, value, name) in new[] { (nameof(CurrentPosition), CurrentPosition, "Current position"), (nameof(PlannedAction), PlannedAction, "Planned action"), (nameof(WhatGoodLooksLike), WhatGoodLooksLike, "What good will look like") })
            if (value is { Length: > SelfAssessmentRounds.MaxText }) ModelState.AddModelError(key, $"{name} must be {SelfAssessmentRounds.MaxText:N0} characters or fewer");
        foreach (var k in new[] { nameof(EvidenceKind), nameof(EvidenceActionId), nameof(EvidenceLabel), nameof(EvidenceHref) }) ModelState.Remove(k);
        if (!ModelState.IsValid) return Page();

        await SelfAssessmentRounds.SaveAnswerAsync(db, user, id, Requirement.Id, new ImportedAnswer(Score, CurrentPosition, PlannedAction, WhatGoodLooksLike), ct);
        audit.Record(Audit.Actions.Update, SelfAssessmentRounds.Entity, id, $"{Requirement.Id}: score {Score}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"{Requirement.Id} saved";
        return Redirect($"/SelfAssessment/Round/{id}#req-{Requirement.Id}");
    }

    public async Task<IActionResult> OnPostEvidenceAsync(int id, string requirement, CancellationToken ct)
    {
        if (!await LoadAsync(id, requirement, ct)) return NotFound();
        if (!CanEdit) return StatusCode(StatusCodes.Status403Forbidden);
        foreach (var k in new[] { nameof(Score), nameof(CurrentPosition), nameof(PlannedAction), nameof(WhatGoodLooksLike) }) ModelState.Remove(k);
        Score = Answer.Score; CurrentPosition = Answer.CurrentPosition; PlannedAction = Answer.PlannedAction; WhatGoodLooksLike = Answer.WhatGoodLooksLike;
        ModelState.ReplaceInvalid(nameof(EvidenceActionId), "Enter the action's number, for example 12");
        var kind = SelfAssessmentEvidenceKinds.All.Contains(EvidenceKind) ? EvidenceKind! : null;
        if (kind is null) ModelState.AddModelError(nameof(EvidenceKind), "Select what the evidence is");
        string? href = null;
        if (kind == SelfAssessmentEvidenceKinds.Action)
        {
            if (EvidenceActionId is null or < 1) { if (ModelState.ErrorFor(nameof(EvidenceActionId)) is null) ModelState.AddModelError(nameof(EvidenceActionId), "Enter the action's number, for example 12"); }
            else href = $"/Actions/{EvidenceActionId}";
        }
        else if (kind is not null)
        {
            var h = EvidenceHref?.Trim();
            if (!IsWithinHeard(h)) ModelState.AddModelError(nameof(EvidenceHref), "Enter an address within Heard that starts with /, for example /Surveys/3");
            else if (kind == SelfAssessmentEvidenceKinds.Survey && !h!.StartsWith("/Surveys", StringComparison.OrdinalIgnoreCase)) ModelState.AddModelError(nameof(EvidenceHref), "A survey's address starts with /Surveys");
            else href = h;
        }
        var label = EvidenceLabel?.Trim();
        if (string.IsNullOrEmpty(label))
        {
            if (kind == SelfAssessmentEvidenceKinds.Action && EvidenceActionId is > 0) label = $"Action {EvidenceActionId}";
            else ModelState.AddModelError(nameof(EvidenceLabel), "Enter a short description of the evidence");
        }
        else if (label.Length > 300) ModelState.AddModelError(nameof(EvidenceLabel), "Description must be 300 characters or fewer");
        if (!ModelState.IsValid) return Page();

        db.SelfAssessmentEvidence.Add(new SelfAssessmentEvidence
        {
            RoundId = id, RequirementId = Requirement.Id, Kind = kind!, TargetId = kind == SelfAssessmentEvidenceKinds.Action ? EvidenceActionId : null,
            Label = label!, Href = href!, AddedAt = DateTime.UtcNow, AddedBy = user.Name,
        });
        audit.Record(Audit.Actions.Create, "self-assessment evidence", id, $"{Requirement.Id}: {kind} {href}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Evidence added";
        return Redirect($"/SelfAssessment/Round/{id}/Requirement/{Requirement.Id}");
    }

    public async Task<IActionResult> OnPostRemoveEvidenceAsync(int id, string requirement, long evidenceId, CancellationToken ct)
    {
        if (!await LoadAsync(id, requirement, ct)) return NotFound();
        if (!CanEdit) return StatusCode(StatusCodes.Status403Forbidden);
        var row = await db.SelfAssessmentEvidence.SingleOrDefaultAsync(e => e.Id == evidenceId && e.RoundId == id && e.RequirementId == Requirement.Id, ct);
        if (row is null) return NotFound();
        db.SelfAssessmentEvidence.Remove(row);
        audit.Record(Audit.Actions.Delete, "self-assessment evidence", id, $"{Requirement.Id}: {row.Kind} {row.Href}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Evidence removed";
        return Redirect($"/SelfAssessment/Round/{id}/Requirement/{Requirement.Id}");
    }

    /// <summary>Evidence points inside Heard only: a path, never another site or a protocol-relative address.</summary>
    public static bool IsWithinHeard(string? href) =>
        href is { Length: > 1 and <= 500 } && href[0] == '/' && href[1] != '/' && href[1] != '\\' && !href.Any(char.IsWhiteSpace) && !href.Contains(':', StringComparison.Ordinal);

    private async Task<bool> LoadAsync(int id, string requirement, CancellationToken ct)
    {
        if (!ImprovementFramework.RequirementsById.TryGetValue(requirement, out var req)) return false;
        if (await SelfAssessmentQuery.LoadAsync(db, access, id, ct) is not { } loaded) return false;
        Requirement = req;
        Detail = loaded.Detail;
        Answer = Detail.Requirements.Single(a => a.RequirementId == req.Id);
        CanEdit = loaded.Entity.Status == SelfAssessmentStatuses.Draft && await access.CanEditAsync(loaded.Entity, ct);
        return true;
    }
}
