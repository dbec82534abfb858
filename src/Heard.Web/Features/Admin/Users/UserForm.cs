using Heard.Data.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Heard.Web.Features.Admin.Users;

/// <summary>Checks shared by the create and edit forms, with messages that name the field.</summary>
public static class UserForm
{
    public const string UserNamePattern = @"^[A-Za-z0-9._@+-]+$";

    public static void ValidateRoles(ModelStateDictionary modelState, string key, IReadOnlyCollection<string> selected)
    {
        if (selected.Count == 0)
            modelState.AddModelError(key, "Select at least one role");
        else if (selected.Any(r => !Roles.All.Contains(r)))
            modelState.AddModelError(key, "Select roles from the list");
    }

    /// <summary>Puts Identity's refusals beside the field they are about.</summary>
    public static void AddIdentityErrors(ModelStateDictionary modelState, IdentityResult result, string userNameKey, string passwordKey)
    {
        foreach (var error in result.Errors)
        {
            if (error.Code.StartsWith("Password", StringComparison.Ordinal))
                modelState.AddModelError(passwordKey, error.Description);
            else if (error.Code is nameof(IdentityErrorDescriber.DuplicateUserName))
                modelState.AddModelError(userNameKey, "A user with this user name already exists");
            else if (error.Code is nameof(IdentityErrorDescriber.InvalidUserName))
                modelState.AddModelError(userNameKey, "User name can only contain letters, numbers and . _ @ + -");
            else
                modelState.AddModelError("", error.Description);
        }
    }

    public static bool IsLockedOut(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end > DateTimeOffset.UtcNow;

    /// <summary>
    /// A disabled account is locked out for ever. Identity's lock-out already refuses sign-in, so disabling
    /// needs no column of its own, and history (audit entries, corrections) keeps pointing at the user.
    /// </summary>
    public static readonly DateTimeOffset DisabledUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end.Year >= 9999;
}

/// <summary>Model for the _RoleCheckboxes partial: the form field name ("Input.SelectedRoles") and what is ticked.</summary>
public sealed record RoleChoice(string FieldName, IReadOnlyCollection<string> Selected, string? Error);

/// <summary>Model for the _ScopeSelect partial.</summary>
public sealed record ScopeChoice(string FieldName, string Label, string? Hint, ScopeCatalogue Catalogue, string? Selected, string? Error, string NoneText);
