using System.ComponentModel.DataAnnotations;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Admin.Users;

/// <summary>
/// Changes one user: name, roles and scopes in one form; unlocking and password resets as their own actions.
/// Each handler binds only its own fields, so one form's rules never reject another form's post.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(HeardDbContext db, UserManager<HeardUser> users, Audit audit) : PageModel
{
    public sealed record ScopeRow(string Value, string Label);

    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public bool Disabled { get; private set; }
    public IReadOnlyList<ScopeRow> Scopes { get; private set; } = [];
    public ScopeCatalogue Catalogue { get; private set; } = null!;
    public EditUserInput Input { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return NotFound();
        await LoadAsync(user, ct);
        Input = new EditUserInput
        {
            DisplayName = user.DisplayName,
            SelectedRoles = (await users.GetRolesAsync(user)).ToList(),
            KeepScopes = Scopes.Select(s => s.Value).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, [Bind(Prefix = "Input")] EditUserInput input, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return NotFound();
        await LoadAsync(user, ct);
        Input = input;

        UserForm.ValidateRoles(ModelState, "Input.SelectedRoles", input.SelectedRoles);
        if (!string.IsNullOrEmpty(input.AddScope) && !Catalogue.Contains(input.AddScope))
            ModelState.AddModelError("Input.AddScope", "Select a scope to add from the list");
        var currentRoles = await users.GetRolesAsync(user);
        var wantedRoles = input.SelectedRoles.Distinct().ToList();
        if (currentRoles.Contains(Roles.PxAdministrator) && !wantedRoles.Contains(Roles.PxAdministrator)
            && (await users.GetUsersInRoleAsync(Roles.PxAdministrator)).All(u => u.Id == user.Id))
            ModelState.AddModelError("Input.SelectedRoles", "Keep the PX administrator role: this is the only administrator, and without one nobody can manage users");
        if (!ModelState.IsValid)
            return Page();

        var changes = new List<string>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var displayName = input.DisplayName.Trim();
        if (displayName != user.DisplayName)
        {
            changes.Add($"name '{user.DisplayName}' to '{displayName}'");
            user.DisplayName = displayName;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                UserForm.AddIdentityErrors(ModelState, updated, "Input.DisplayName", "Input.DisplayName");
                return Page();
            }
        }

        var removeRoles = currentRoles.Except(wantedRoles).ToList();
        var addRoles = wantedRoles.Except(currentRoles).ToList();
        if (removeRoles.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, removeRoles));
            changes.Add("roles removed: " + string.Join(", ", removeRoles));
        }
        if (addRoles.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, addRoles));
            changes.Add("roles added: " + string.Join(", ", addRoles));
        }
        if (removeRoles.Count > 0 || addRoles.Count > 0)
            // Roles travel in the sign-in cookie; a new stamp makes the user's sessions pick the change up.
            Check(await users.UpdateSecurityStampAsync(user));

        var held = await db.UserScopes.Where(s => s.UserId == user.Id).ToListAsync(ct);
        foreach (var scope in held.Where(s => !input.KeepScopes.Contains(ScopeCatalogue.ValueOf(s))))
        {
            db.UserScopes.Remove(scope);
            changes.Add("scope removed: " + Catalogue.Describe(scope.Level, scope.ScopeId));
        }
        if (!string.IsNullOrEmpty(input.AddScope) && ScopeCatalogue.TryParse(input.AddScope, out var level, out var scopeId)
            && !held.Any(s => ScopeCatalogue.ValueOf(s) == input.AddScope && input.KeepScopes.Contains(input.AddScope)))
        {
            db.UserScopes.Add(new UserScope { UserId = user.Id, Level = level, ScopeId = scopeId });
            changes.Add("scope added: " + Catalogue.Describe(level, scopeId));
        }

        if (changes.Count == 0)
        {
            TempData["Success"] = $"Nothing to save: {user.UserName} was already set up like that";
            return RedirectToPage("/Admin/Users/Edit", new { id });
        }
        audit.Record(Audit.Actions.Update, "user", user.Id, $"user name {user.UserName}; " + string.Join("; ", changes));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Success"] = $"Changes to {user.UserName} have been saved";
        return RedirectToPage("/Admin/Users/Edit", new { id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return NotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        var wasDisabled = UserForm.IsDisabled(user.LockoutEnd);
        audit.Record(Audit.Actions.Update, "user", user.Id, $"user name {user.UserName}; {(wasDisabled ? "account enabled" : "unlocked")}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Success"] = $"{user.UserName} has been {(wasDisabled ? "enabled" : "unlocked")} and can sign in again";
        return RedirectToPage("/Admin/Users/Edit", new { id });
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return NotFound();
        if (user.UserName == User.Identity?.Name)
            ModelState.AddModelError("Disable", "You cannot disable your own account. Ask another administrator to do it.");
        else if ((await users.IsInRoleAsync(user, Roles.PxAdministrator))
                 && (await users.GetUsersInRoleAsync(Roles.PxAdministrator)).All(u => u.Id == user.Id || UserForm.IsDisabled(u.LockoutEnd)))
            ModelState.AddModelError("Disable", "You cannot disable the only active administrator: without one nobody can manage users");
        if (!ModelState.IsValid)
            return await RedisplayAsync(user, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, UserForm.DisabledUntil));
        // A new stamp ends the sessions the person already has open.
        Check(await users.UpdateSecurityStampAsync(user));
        audit.Record(Audit.Actions.Update, "user", user.Id, $"user name {user.UserName}; account disabled");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Success"] = $"{user.UserName} has been disabled and can no longer sign in. Their history is kept.";
        return RedirectToPage("/Admin/Users/Edit", new { id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, string? newPassword, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return NotFound();
        if (string.IsNullOrEmpty(newPassword))
            ModelState.AddModelError("NewPassword", "Enter a new password");
        if (!ModelState.IsValid)
            return await RedisplayAsync(user, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, newPassword!);
        if (!reset.Succeeded)
        {
            UserForm.AddIdentityErrors(ModelState, reset, "NewPassword", "NewPassword");
            return await RedisplayAsync(user, ct);
        }
        // Someone locked out is usually why the password is being reset.
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        audit.Record(Audit.Actions.Update, "user", user.Id, $"user name {user.UserName}; password reset by an administrator");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Success"] = $"The password for {user.UserName} has been reset. Give them the new password securely and ask them to change it.";
        return RedirectToPage("/Admin/Users/Edit", new { id });
    }

    private async Task<IActionResult> RedisplayAsync(HeardUser user, CancellationToken ct)
    {
        await LoadAsync(user, ct);
        Input = new EditUserInput
        {
            DisplayName = user.DisplayName,
            SelectedRoles = (await users.GetRolesAsync(user)).ToList(),
            KeepScopes = Scopes.Select(s => s.Value).ToList(),
        };
        return Page();
    }

    private async Task LoadAsync(HeardUser user, CancellationToken ct)
    {
        UserId = user.Id;
        UserName = user.UserName ?? "";
        CreatedAt = user.CreatedAt;
        LockedUntil = UserForm.IsLockedOut(user.LockoutEnd) ? user.LockoutEnd : null;
        Disabled = UserForm.IsDisabled(user.LockoutEnd);
        Catalogue = await ScopeCatalogue.LoadAsync(db, ct);
        Scopes = (await db.UserScopes.AsNoTracking().Where(s => s.UserId == user.Id).OrderBy(s => s.Id).ToListAsync(ct))
            .Select(s => new ScopeRow(ScopeCatalogue.ValueOf(s), Catalogue.Describe(s.Level, s.ScopeId)))
            .DistinctBy(s => s.Value)
            .ToList();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    public sealed class EditUserInput
    {
        [Required(ErrorMessage = "Enter the person's name")]
        [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        public string DisplayName { get; set; } = "";

        public List<string> SelectedRoles { get; set; } = [];

        /// <summary>Scopes the user already has, as "level:id" values, that stay ticked.</summary>
        public List<string> KeepScopes { get; set; } = [];

        public string? AddScope { get; set; }
    }
}
