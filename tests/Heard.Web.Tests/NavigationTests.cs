using System.Net;
using Heard.Data.Model;
using Heard.Web.Features.Navigation;
using Heard.Web.Tests.Support;

namespace Heard.Web.Tests;

/// <summary>The header and its section pages: a few links, and every link a role is shown opens for that role.</summary>
public sealed class NavigationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_link_a_role_is_shown_opens_for_that_role_and_the_header_stays_short(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        foreach (var role in Roles.All)
        {
            var name = "user-" + role.Replace(' ', '-').ToLowerInvariant();
            await host.CreateUserAsync(name, role, (ScopeLevels.All, null));
            var client = await host.SignedInAsync(name);

            var home = await WebHost.ParseAsync(await client.GetAsync("/"));
            var header = home.QuerySelectorAll("a.nhsuk-header__navigation-link").Select(a => a.GetAttribute("href")!).ToList();
            Assert.InRange(header.Count, 1, 8);
            var shown = new List<string>();
            foreach (var href in header)
            {
                var response = await client.GetAsync(href);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role}: header link {href} answered {(int)response.StatusCode}");
                if (SiteNavigation.Sections.Any(s => s.Href == href))
                {
                    var section = await WebHost.ParseAsync(response);
                    var links = section.QuerySelectorAll("main a.nhsuk-card__link").Select(a => a.GetAttribute("href")!).ToList();
                    Assert.NotEmpty(links);
                    shown.AddRange(links);
                }
            }
            foreach (var href in shown)
            {
                var response = await client.GetAsync(href);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role}: {href} is listed but answered {(int)response.StatusCode}");
            }
            // A section with nothing this role may open is neither in the header nor reachable.
            foreach (var section in SiteNavigation.Sections.Where(s => !header.Contains(s.Href)))
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(section.Href)).StatusCode);
        }
    }

    [Fact]
    public void Each_page_belongs_to_one_section_and_marks_it_current()
    {
        var hrefs = SiteNavigation.Sections.SelectMany(s => s.Links).Select(l => l.Href).ToList();
        Assert.Equal(hrefs.Count, hrefs.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("/collect", SiteNavigation.CurrentHeaderHref("/Import/Quarantine"));
        Assert.Equal("/improve", SiteNavigation.CurrentHeaderHref("/Routing/Rules/Edit"));
        Assert.Equal("/understand", SiteNavigation.CurrentHeaderHref("/Spc"));
        Assert.Equal("/Comments", SiteNavigation.CurrentHeaderHref("/Comments/Search"));
        Assert.Equal("/collect", SiteNavigation.CurrentHeaderHref("/Comments/Review"));
        Assert.Equal("/", SiteNavigation.CurrentHeaderHref("/"));
        Assert.Null(SiteNavigation.CurrentHeaderHref("/Account/SignIn"));
    }
}
