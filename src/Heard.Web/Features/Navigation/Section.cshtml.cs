using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Navigation;

/// <summary>One group of pages from the header, showing only what this user's roles open.</summary>
public sealed class SectionModel(IAuthorizationService authorization) : PageModel
{
    public NavigationSection Section { get; private set; } = null!;
    public List<NavigationLink> Links { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string section)
    {
        var found = SiteNavigation.Sections.FirstOrDefault(s => string.Equals(s.Key, section, StringComparison.OrdinalIgnoreCase));
        if (found is null) return NotFound();
        Section = found;
        Links = await SiteNavigation.OpenableAsync(authorization, User, found.Links);
        return Links.Count == 0 ? NotFound() : Page();
    }
}
