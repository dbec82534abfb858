using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Partners;

/// <summary>
/// One panel review: the redacted text the panel reads, each member's scores entered by staff, and each criterion's
/// mean and count. A criterion the panel scores low links to creating an improvement action with the review as evidence.
/// Panel members show by initials: this page is for the panel's work, not their identity.
/// </summary>
[Authorize(Policy = Policies.InvolvePartners)]
public sealed class ReviewModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public sealed record ScoreRow(string Member, int Criterion, int Score, string? Comment);

    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public PanelReview Review { get; private set; } = null!;
    public ReviewProforma Proforma { get; private set; } = null!;
    public List<CriterionSummary> Summary { get; private set; } = [];
    public List<ScoreRow> Scores { get; private set; } = [];
    public List<(long Id, string Label)> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>One member's scores for every criterion (1 to 5) with optional comments, as the panel gave them.</summary>
    public async Task<IActionResult> OnPostScoreAsync(long? member, List<int?> score, List<string?> comment, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        if (member is long m && Members.All(x => x.Id != m)) ModelState.AddModelError("member", "Choose a panel member from the list");
        var criteria = Proforma.CriteriaList;
        for (var i = 0; i < criteria.Count; i++)
        {
            var s = i < score.Count ? score[i] : null;
            if (s is null or < 1 or > 5) ModelState.AddModelError($"score[{i}]", $"Score \"{criteria[i]}\" from 1 to 5");
        }
        if (!ModelState.IsValid) return Page();
        var now = DateTime.UtcNow;
        for (var i = 0; i < criteria.Count; i++)
        {
            var text = i < comment.Count ? comment[i]?.Trim() : null;
            db.PanelScores.Add(new PanelScore
            {
                PanelReviewId = Id, PatientPartnerId = member, Criterion = i, Score = score[i]!.Value,
                Comment = string.IsNullOrEmpty(text) ? null : text, RecordedBy = user.Name, RecordedAt = now,
            });
        }
        audit.Record(Audit.Actions.Create, "panel_score", Id, $"{criteria.Count} scores for partner {member?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not named"}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Scores recorded";
        return Redirect($"/Partners/Review?id={Id}#summary");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var r = await db.PanelReviews.AsNoTracking().FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (r is null || !await PartnerRegister.CanSeeTrustAsync(user, r.TrustId, ct)) return NotFound();
        Review = r;
        Proforma = await db.ReviewProformas.AsNoTracking().SingleAsync(p => p.Id == r.ReviewProformaId, ct);
        var scores = await db.PanelScores.AsNoTracking().Where(s => s.PanelReviewId == Id).OrderBy(s => s.Id).ToListAsync(ct);
        Summary = PanelReviews.Summarise(Proforma, scores);
        var partners = await db.PatientPartners.AsNoTracking().Where(p => p.TrustId == r.TrustId).ToDictionaryAsync(p => p.Id, ct);
        Scores = scores.Select(s => new ScoreRow(s.PatientPartnerId is long pid && partners.TryGetValue(pid, out var p) ? $"{PartnerRegister.Initials(p.FullName)} (partner {p.Id})" : "Not named",
            s.Criterion, s.Score, s.Comment)).ToList();
        // The panel's attendees first; anyone else on the register with consent in place can score too.
        var attendees = r.InvolvementEventId is long eid
            ? await db.InvolvementInvitations.AsNoTracking().Where(i => i.InvolvementEventId == eid && i.Response == InvitationResponses.Accepted).Select(i => i.PatientPartnerId).ToListAsync(ct)
            : [];
        Members = partners.Values.Where(p => p.WithdrawnOn is null).OrderByDescending(p => attendees.Contains(p.Id)).ThenBy(p => p.Id)
            .Select(p => (p.Id, $"{PartnerRegister.Initials(p.FullName)} (partner {p.Id}){(attendees.Contains(p.Id) ? ", on this panel" : "")}")).ToList();
        return null;
    }
}
