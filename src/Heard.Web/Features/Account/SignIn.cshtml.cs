using System.ComponentModel.DataAnnotations;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Heard.Web.Features.Account;

[EnableRateLimiting("sign-in")]
public sealed class SignInModel(SignInManager<HeardUser> signInManager, Audit audit, ILogger<SignInModel> log) : PageModel
{
    public const string LockedOutMessage = "Your account is locked for 15 minutes after 5 failed attempts";
    public const string DisabledMessage = "This account has been disabled. Ask your patient experience team's administrator if you still need access";
    public const string FailedMessage = "The user name or password is not right";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SignedOut { get; private set; }

    public void OnGet(bool signedOut = false) => SignedOut = signedOut;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();

        var userName = Input.UserName.Trim();
        var result = await signInManager.PasswordSignInAsync(userName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            log.LogWarning("Sign-in refused for locked-out user {UserName}", userName);
            var lockedUser = await signInManager.UserManager.FindByNameAsync(userName);
            ModelState.AddModelError("", lockedUser is not null && Admin.Users.UserForm.IsDisabled(lockedUser.LockoutEnd) ? DisabledMessage : LockedOutMessage);
            return Page();
        }
        if (!result.Succeeded)
        {
            log.LogInformation("Failed sign-in for {UserName}", userName);
            ModelState.AddModelError("Input.UserName", FailedMessage);
            return Page();
        }

        var user = await signInManager.UserManager.FindByNameAsync(userName);
        if (user is not null)
        {
            // The cookie only takes effect on the next request; without this the audit would name "anonymous".
            HttpContext.User = await signInManager.CreateUserPrincipalAsync(user);
            await audit.RecordNowAsync(Audit.Actions.SignIn, "user", user.Id);
        }
        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : LocalRedirect("~/");
    }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your user name")]
        [StringLength(256, ErrorMessage = "User name must be 256 characters or fewer")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password")]
        [StringLength(512, ErrorMessage = "Password must be 512 characters or fewer")]
        public string Password { get; set; } = "";
    }
}
