using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Admin.Users;

[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(HeardDbContext db) : PageModel
{
    public sealed record UserRow(
        string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes, DateTimeOffset? LockedUntil, bool Disabled);

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.LockoutEnd })
            .ToListAsync(ct);
        var roles = (await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            select new { userRole.UserId, role.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name ?? "");
        var scopes = (await db.UserScopes.AsNoTracking().ToListAsync(ct)).ToLookup(s => s.UserId);
        var catalogue = await ScopeCatalogue.LoadAsync(db, ct);

        Users = users.Select(u => new UserRow(
                u.Id,
                u.UserName ?? "",
                u.DisplayName,
                roles[u.Id].Order(StringComparer.Ordinal).ToList(),
                scopes[u.Id].Select(s => catalogue.Describe(s.Level, s.ScopeId)).ToList(),
                UserForm.IsLockedOut(u.LockoutEnd) ? u.LockoutEnd : null,
                UserForm.IsDisabled(u.LockoutEnd)))
            .ToList();
    }
}
