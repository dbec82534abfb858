using System.ComponentModel.DataAnnotations;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Admin.Users;

[Authorize(Policy = Policies.Administer)]
public sealed class CreateModel(HeardDbContext db, UserManager<HeardUser> users, Audit audit) : PageModel
{
    [BindProperty]
    public CreateUserInput Input { get; set; } = new();

    public ScopeCatalogue Catalogue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Catalogue = await ScopeCatalogue.LoadAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Catalogue = await ScopeCatalogue.LoadAsync(db, ct);
        UserForm.ValidateRoles(ModelState, "Input.SelectedRoles", Input.SelectedRoles);
        if (!string.IsNullOrEmpty(Input.Scope) && !Catalogue.Contains(Input.Scope))
            ModelState.AddModelError("Input.Scope", "Select the part of the organisation this user can see from the list");
        if (!ModelState.IsValid)
            return Page();

        ScopeCatalogue.TryParse(Input.Scope, out var level, out var scopeId);
        var user = new HeardUser { UserName = Input.UserName.Trim(), DisplayName = Input.DisplayName.Trim(), CreatedAt = DateTime.UtcNow };

        // Identity saves each step as it goes; the transaction makes the user, roles, scope and audit entry one change.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            UserForm.AddIdentityErrors(ModelState, created, "Input.UserName", "Input.Password");
            return Page();
        }
        var roles = Input.SelectedRoles.Distinct().ToList();
        var withRoles = await users.AddToRolesAsync(user, roles);
        if (!withRoles.Succeeded)
        {
            UserForm.AddIdentityErrors(ModelState, withRoles, "Input.UserName", "Input.Password");
            return Page();
        }
        db.UserScopes.Add(new UserScope { UserId = user.Id, Level = level, ScopeId = scopeId });
        audit.Record(Audit.Actions.Create, "user", user.Id,
            $"user name {user.UserName}; roles: {string.Join(", ", roles)}; scope: {Catalogue.Describe(level, scopeId)}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        TempData["Success"] = $"{user.UserName} has been added. Give them their user name and initial password, and ask them to change it.";
        return RedirectToPage("/Admin/Users/Index");
    }

    public sealed class CreateUserInput
    {
        [Required(ErrorMessage = "Enter a user name")]
        [StringLength(256, ErrorMessage = "User name must be 256 characters or fewer")]
        [RegularExpression(UserForm.UserNamePattern, ErrorMessage = "User name can only contain letters, numbers and . _ @ + -")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter the person's name")]
        [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter an initial password")]
        [StringLength(512, MinimumLength = 12, ErrorMessage = "Initial password must be between 12 and 512 characters")]
        public string Password { get; set; } = "";

        public List<string> SelectedRoles { get; set; } = [];

        [Required(ErrorMessage = "Select the part of the organisation this user can see")]
        public string? Scope { get; set; }
    }
}
