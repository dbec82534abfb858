using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Themes;

/// <summary>One unit's comments on one theme: the words that set them apart from the rest of the trust's, and examples.</summary>
[Authorize(Policy = Policies.ReadComments)]
public sealed class ThemeModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Setting { get; set; }

    public KeyPhraseView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Unit is null || string.IsNullOrWhiteSpace(Theme)) return NotFound();
        var (filter, errors, _) = await ThemeRequest.ParseAsync(db, null, null, Unit, From, To, Source, Setting, ct);
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        var view = await ThemeQuery.KeyPhrasesAsync(db, filter, Theme, await user.UnitIdsAsync(ct), user.CanReadIdentifiable, ct: ct);
        if (view is null) return NotFound();
        View = view;
        if (!view.Redacted && view.Examples.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "comments", Unit, $"themes: {view.Examples.Count} unredacted comments on {Theme}", ct);
        return Page();
    }
}
