using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Themes;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Partners;

/// <summary>
/// Panel reviews: staff paste or upload a complaint response or report, see it with personal data removed, and only
/// when they confirm that version does it go to the panel. The text as pasted is never stored.
/// </summary>
[Authorize(Policy = Policies.InvolvePartners)]
public sealed class ReviewsModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public const int MaxTextLength = 50_000;

    public sealed record Row(long Id, string Title, string Kind, DateTime ConfirmedAt, int Scores);

    public List<Row> Rows { get; private set; } = [];
    public List<ReviewProforma> Proformas { get; private set; } = [];
    public List<Choice> Trusts { get; private set; } = [];
    public List<(long Id, string Title)> Events { get; private set; } = [];

    [BindProperty] public int? TrustId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public long? ProformaId { get; set; }
    [BindProperty] public long? EventId { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? ProformaName { get; set; }
    [BindProperty] public string? Criteria { get; set; }

    /// <summary>Set once the text has been redacted and waits for staff to confirm it.</summary>
    public string? Redacted { get; private set; }
    public int Removed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Criteria ??= PanelReviews.DefaultCriteria;
    }

    public async Task<IActionResult> OnPostProformaAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var trustId = TrustId ?? Trusts.FirstOrDefault()?.Id ?? 0;
        if (Trusts.All(t => t.Id != trustId)) ModelState.AddModelError(nameof(TrustId), "Choose the trust");
        var name = ProformaName?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError(nameof(ProformaName), "Name the pro-forma, for example \"Complaint response standards\"");
        var proforma = new ReviewProforma { TrustId = trustId, Name = name, Criteria = string.Join("\n", (Criteria ?? "").Split('\n').Select(c => c.Trim()).Where(c => c.Length > 0)) };
        if (proforma.CriteriaList.Count == 0) ModelState.AddModelError(nameof(Criteria), "Enter at least one criterion, one per line");
        if (!ModelState.IsValid) return Page();
        db.ReviewProformas.Add(proforma);
        await db.SaveChangesAsync(ct);
        await audit.RecordNowAsync(Audit.Actions.Create, "review_proforma", proforma.Id, name, ct);
        TempData["Success"] = $"Pro-forma saved: {name}";
        return RedirectToPage();
    }

    /// <summary>Redacts the pasted or uploaded text and shows it back; nothing is stored yet.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var text = Text;
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > MaxTextLength * 4) ModelState.AddModelError(nameof(Upload), "The file is too large: upload a plain text file under 200 KB");
            else
            {
                using var reader = new StreamReader(Upload.OpenReadStream());
                text = await reader.ReadToEndAsync(ct);
            }
        }
        ValidateDetails(text);
        if (!ModelState.IsValid) return Page();
        Removed = Redactor.Find(text).Count;
        Redacted = Redactor.Redact(text);
        Text = null;
        return Page();
    }

    /// <summary>Stores the version staff confirmed, redacted once more in case anything identifying was typed back in.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string? confirmed, CancellationToken ct)
    {
        await LoadAsync(ct);
        ValidateDetails(confirmed);
        if (!ModelState.IsValid)
        {
            Redacted = confirmed;
            return Page();
        }
        var proforma = Proformas.Single(p => p.Id == ProformaId);
        var review = new PanelReview
        {
            TrustId = proforma.TrustId, ReviewProformaId = proforma.Id, InvolvementEventId = EventId, Title = Title!.Trim(), Kind = Kind!,
            RedactedText = Redactor.Redact(confirmed!.Trim()), ConfirmedBy = user.Name, ConfirmedAt = DateTime.UtcNow,
        };
        db.PanelReviews.Add(review);
        await db.SaveChangesAsync(ct);
        await audit.RecordNowAsync(Audit.Actions.Create, "panel_review", review.Id, $"{review.Title}; redacted text confirmed", ct);
        TempData["Success"] = "Sent to the panel with personal data removed";
        return Redirect($"/Partners/Review?id={review.Id}");
    }

    private void ValidateDetails(string? text)
    {
        if (string.IsNullOrWhiteSpace(Title)) ModelState.AddModelError(nameof(Title), "Enter a title the panel will know it by, for example \"Response to a maternity complaint, May\"");
        if (PanelReviews.Kinds.All(k => k.Key != Kind)) ModelState.AddModelError(nameof(Kind), "Choose a complaint response or a report");
        if (Proformas.All(p => p.Id != ProformaId)) ModelState.AddModelError(nameof(ProformaId), "Choose the pro-forma the panel will score it against");
        if (EventId is long e && Events.All(x => x.Id != e)) ModelState.AddModelError(nameof(EventId), "Choose a panel from the list");
        if (string.IsNullOrWhiteSpace(text)) ModelState.AddModelError(nameof(Text), "Paste the text or upload it as a plain text file");
        else if (text.Length > MaxTextLength) ModelState.AddModelError(nameof(Text), $"Keep the text to {MaxTextLength:N0} characters or fewer");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var trusts = await user.TrustIdsAsync(ct);
        Trusts = (await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct))
            .Where(t => trusts is null || trusts.Contains(t.Id)).ToList();
        Proformas = (await db.ReviewProformas.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct)).Where(p => trusts is null || trusts.Contains(p.TrustId)).ToList();
        Events = (await db.InvolvementEvents.AsNoTracking().Where(e => e.Kind == "panel").OrderByDescending(e => e.HeldOn).ToListAsync(ct))
            .Where(e => trusts is null || trusts.Contains(e.TrustId)).Select(e => (e.Id, $"{e.Title}, {e.HeldOn:d MMM yyyy}")).ToList();
        var reviews = (await db.PanelReviews.AsNoTracking().OrderByDescending(r => r.ConfirmedAt).ToListAsync(ct)).Where(r => trusts is null || trusts.Contains(r.TrustId)).ToList();
        var ids = reviews.Select(r => r.Id).ToList();
        var counts = await db.PanelScores.AsNoTracking().Where(s => ids.Contains(s.PanelReviewId)).GroupBy(s => s.PanelReviewId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Rows = reviews.Select(r => new Row(r.Id, r.Title, PanelReviews.KindLabel(r.Kind), r.ConfirmedAt, counts.GetValueOrDefault(r.Id))).ToList();
    }
}
