using System.Globalization;
using Heard.Analysis.SelfAssessment;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>
/// The trust view of a period: the trust's own scores beside its divisions' (mean, lowest, highest, how many). The rounds
/// used are the trust's and each division's latest whose period ends within the chosen dates (SelfAssessmentQuery.RollUpRoundsAsync).
/// </summary>
public sealed class RollUpModel(HeardDbContext db, SelfAssessmentAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Trust { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public string TrustName { get; private set; } = "";
    public DateOnly PeriodFrom { get; private set; }
    public DateOnly PeriodTo { get; private set; }
    public SelfAssessmentRound? TrustRound { get; private set; }
    public List<(SelfAssessmentRound Round, string Division, bool Readable)> Divisions { get; private set; } = [];
    public Dictionary<(FrameworkLevel, string), RollUpLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var trust = await db.Trusts.AsNoTracking().SingleOrDefaultAsync(t => t.Id == Trust, ct);
        if (trust is null || !await access.CanReadAsync(Trust, null, ct)) return NotFound();
        TrustName = trust.Name;
        var from = Parse(nameof(From), From);
        var to = Parse(nameof(To), To);
        if (from is null || to is null)
        {
            var latest = await db.SelfAssessmentRounds.AsNoTracking().Where(r => r.TrustId == Trust && r.DivisionId == null)
                .OrderByDescending(r => r.PeriodEnd).FirstOrDefaultAsync(ct);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            from ??= latest?.PeriodStart ?? today.AddYears(-1).AddDays(1);
            to ??= latest?.PeriodEnd ?? today;
        }
        if (to < from) { ModelState.AddModelError(nameof(To), "The end date must be the same as or after the start date"); (from, to) = (to, from); }
        (PeriodFrom, PeriodTo) = (from.Value, to.Value);
        var (trustRound, divisions) = await SelfAssessmentQuery.RollUpRoundsAsync(db, Trust, PeriodFrom, PeriodTo, ct);
        TrustRound = trustRound;
        foreach (var (round, name) in divisions) Divisions.Add((round, name, await access.CanReadAsync(round, ct)));
        Lines = SelfAssessmentScoring.RollUp(trustRound is null ? null : SelfAssessmentQuery.Scores(trustRound.Answers),
                divisions.Select(d => (IReadOnlyDictionary<string, int>)SelfAssessmentQuery.Scores(d.Round.Answers)).ToList())
            .ToDictionary(l => (l.Level, l.Key));
        return Page();
    }

    private DateOnly? Parse(string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        ModelState.AddModelError(key, "Enter a real date as yyyy-mm-dd, for example 2026-03-31");
        return null;
    }
}
