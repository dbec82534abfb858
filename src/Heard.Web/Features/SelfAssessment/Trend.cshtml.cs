using Heard.Analysis.SelfAssessment;
using Heard.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>How one organisation's scores move across its own rounds. Never more than one organisation: this is not a league table.</summary>
public sealed class TrendModel(HeardDbContext db, SelfAssessmentAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Trust { get; set; }
    [BindProperty(SupportsGet = true)] public int? Division { get; set; }

    public string Organisation { get; private set; } = "";
    public List<(int Id, string Label, Dictionary<string, int> Scores)> Rounds { get; private set; } = [];
    public string Chart { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Division is { } d && !db.Divisions.Any(x => x.Id == d && x.TrustId == Trust)) return NotFound();
        if (!db.Trusts.Any(t => t.Id == Trust) || !await access.CanReadAsync(Trust, Division, ct)) return NotFound();
        Organisation = await access.NameAsync(Trust, Division, ct);
        var rounds = await SelfAssessmentQuery.TrendRoundsAsync(db, Trust, Division, ct);
        Rounds = rounds.Select(r => (r.Id, Label(r), SelfAssessmentQuery.Scores(r.Answers))).ToList();
        if (Rounds.Count > 0)
            Chart = TrendChartSvg.Render($"{Organisation}: mean score by section, round by round",
                Rounds.Select(r => r.Label).ToList(),
                ImprovementFramework.Sections.Select(s => new TrendSeries($"{s.Number}. {s.Title}", Rounds.Select(r => SelfAssessmentScoring.Section(r.Scores, s)).ToList())).ToList());
        return Page();
    }

    private static string Label(Data.Model.SelfAssessmentRound r) => r.PeriodEnd.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
