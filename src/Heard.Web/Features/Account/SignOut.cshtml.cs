using Heard.Data.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Account;

/// <summary>Signing out is a POST (with its antiforgery token), so a link or image elsewhere cannot sign anyone out.</summary>
public sealed class SignOutModel(SignInManager<HeardUser> signInManager) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        return RedirectToPage("/Account/SignIn", new { signedOut = true });
    }
}
