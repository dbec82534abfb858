using System.ComponentModel.DataAnnotations;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Account;

/// <summary>
/// The one page in /Account that needs a signed-in user. The folder is anonymous by convention and anonymous
/// access wins over [Authorize], so the handlers also challenge anyone not signed in.
/// </summary>
[Authorize]
public sealed class ChangePasswordModel(UserManager<HeardUser> users, SignInManager<HeardUser> signInManager, HeardDbContext db, Audit audit) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? Page() : Challenge();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
            return Challenge();
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        if (!ModelState.IsValid)
            return Page();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var key = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword";
                var message = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Your current password is not right" : error.Description;
                ModelState.AddModelError(key, message);
            }
            return Page();
        }
        audit.Record(Audit.Actions.Update, "user", user.Id, "changed own password");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        // The password change renews the security stamp; refreshing keeps this session valid.
        await signInManager.RefreshSignInAsync(user);
        TempData["Success"] = "Your password has been changed";
        return RedirectToPage("/Account/ChangePassword");
    }

    public sealed class ChangePasswordInput
    {
        [Required(ErrorMessage = "Enter your current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password")]
        [StringLength(512, MinimumLength = 12, ErrorMessage = "New password must be between 12 and 512 characters")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again")]
        [Compare(nameof(NewPassword), ErrorMessage = "The new passwords do not match")]
        public string ConfirmPassword { get; set; } = "";
    }
}
