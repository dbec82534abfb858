using System.Globalization;
using Heard.Analysis.Search;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Comments;

[Authorize(Policy = Policies.ReadComments)]
public sealed class IndexModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true)] public int? Sentiment { get; set; }
    [BindProperty(SupportsGet = true)] public int? Answer { get; set; }
    // Set by links from other pages (a theme figure's drill-down) rather than by this page's form.
    [BindProperty(SupportsGet = true)] public int? Trust { get; set; }
    [BindProperty(SupportsGet = true)] public int? Division { get; set; }
    [BindProperty(SupportsGet = true)] public string? Setting { get; set; }
    [BindProperty(SupportsGet = true)] public string? Band { get; set; }
    // From the query only: the route value "page" is the page's own path ("/Comments/Index"), which binding would try first.
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public CommentResults? Results { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public IReadOnlyList<string> Themes { get; private set; } = [];
    public bool Redacted => !user.CanReadIdentifiable;
    public bool Searched { get; private set; }
    /// <summary>Filters this page's form does not offer, named so the reader knows the list is narrower.</summary>
    public List<string> AlsoFilteredTo { get; } = [];

    public static readonly (int Value, string Label)[] Sentiments =
        [(1, "Very positive"), (2, "Positive"), (3, "Neutral or mixed"), (4, "Negative"), (5, "Very negative")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        Units = (await db.Units.AsNoTracking().OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).Select(u => (u.Id, u.Name)).ToList();
        Themes = await db.CommentCodes.AsNoTracking().Where(c => c.RemovedAt == null).Select(c => c.Label).Distinct().OrderBy(l => l).ToListAsync(ct);

        var from = ParseDate(From, nameof(From), "start date");
        var to = ParseDate(To, nameof(To), "end date");
        if (from is not null && to is not null && from > to)
            ModelState.AddModelError(nameof(From), "The start date must be on or before the end date");
        if (Sentiment is not null and not (>= 1 and <= 5)) ModelState.AddModelError(nameof(Sentiment), "Choose a sentiment from the list");
        if (Answer is not null and not (>= 0 and <= 6)) ModelState.AddModelError(nameof(Answer), "Choose an FFT answer from the list");
        if (Source is { Length: > 0 } && !FeedbackSources.All.Contains(Source)) ModelState.AddModelError(nameof(Source), "Choose a source from the list");
        if (Unit is int u && !Units.Any(x => x.Id == u)) ModelState.AddModelError(nameof(Unit), "Choose a unit from the list");
        if (Band is { Length: > 0 } && !CommentSearch.Bands.Contains(Band)) ModelState.AddModelError(nameof(Sentiment), "Choose a sentiment from the list");
        if (Trust is not null || Division is not null)
        {
            var names = await db.Units.AsNoTracking()
                .Where(x => (Trust == null || x.TrustId == Trust) && (Division == null || x.DivisionId == Division))
                .Select(x => new { Trust = x.Trust!.Name, Division = x.Division == null ? null : x.Division.Name }).FirstOrDefaultAsync(ct);
            AlsoFilteredTo.Add(Division is not null ? names?.Division ?? "a division" : names?.Trust ?? "a trust");
        }
        if (Setting is { Length: > 0 }) AlsoFilteredTo.Add(Heard.Analysis.Fft.FftSettings.IsKnown(Setting) ? Heard.Analysis.Fft.FftSettings.Label(Setting) : Setting);
        if (Band == CommentSearch.PositiveBand) AlsoFilteredTo.Add("positive or very positive");
        else if (Band == CommentSearch.NegativeBand) AlsoFilteredTo.Add("negative or very negative");
        try
        {
            CommentSearchQuery.Parse(Q);
        }
        catch (SearchQueryException e)
        {
            ModelState.AddModelError(nameof(Q), e.Message);
        }
        if (!ModelState.IsValid) return;

        Searched = true;
        var filter = new CommentFilter(Q, Unit, from, to, string.IsNullOrEmpty(Source) ? null : Source,
            string.IsNullOrEmpty(Theme) ? null : Theme, Sentiment, Answer, Math.Max(1, PageNumber),
            Trust, Division, string.IsNullOrEmpty(Setting) ? null : Setting, string.IsNullOrEmpty(Band) ? null : Band);
        Results = await CommentSearch.RunAsync(db, filter, scope, user.CanReadIdentifiable, ct);
        if (!Redacted && Results.Comments.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "comments", null,
                $"comment search '{Q}' page {Results.Page}: {Results.Comments.Count} unredacted comments", ct);
    }

    private DateOnly? ParseDate(string? text, string field, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        ModelState.AddModelError(field, $"Enter the {name} as a real date, for example 2026-03-31");
        return null;
    }

    /// <summary>The current search with one value changed, for paging links.</summary>
    public string Link(int page) => "/Comments" + Query(page, keepLinkedFilters: true);

    /// <summary>The current search without the filters only links set (trust, division, setting, band).</summary>
    public string LinkWithoutLinkedFilters => "/Comments" + Query(1, keepLinkedFilters: false);

    /// <summary>The current search as CSV, from the same endpoint machines use.</summary>
    public string ExportLink() => "/api/comments/export.csv" + Query(null, keepLinkedFilters: true);

    private Microsoft.AspNetCore.Http.QueryString Query(int? page, bool keepLinkedFilters)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Q, ["unit"] = Unit?.ToString(CultureInfo.InvariantCulture), ["from"] = From, ["to"] = To, ["source"] = Source,
            ["theme"] = Theme, ["sentiment"] = Sentiment?.ToString(CultureInfo.InvariantCulture),
            ["answer"] = Answer?.ToString(CultureInfo.InvariantCulture), ["page"] = page?.ToString(CultureInfo.InvariantCulture),
        };
        if (keepLinkedFilters)
        {
            values["trust"] = Trust?.ToString(CultureInfo.InvariantCulture);
            values["division"] = Division?.ToString(CultureInfo.InvariantCulture);
            values["setting"] = Setting;
            values["band"] = Band;
        }
        return Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
