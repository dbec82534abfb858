using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Heard.Web.Infrastructure;

/// <summary>
/// Helpers for NHS.UK error markup: a field shows its first error beside it, and the error summary links to it
/// by the id the input tag helper gives it ("Input.UserName" becomes "Input_UserName").
/// </summary>
public static class FormErrors
{
    public static string? ErrorFor(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public static string FieldId(string key) =>
        key.Replace('.', '_').Replace('[', '_').Replace(']', '_');

    /// <summary>Replaces the framework's "The value 'x' is not valid" with a message that names the field.</summary>
    public static void ReplaceInvalid(this ModelStateDictionary modelState, string key, string message)
    {
        if (modelState.TryGetValue(key, out var entry) && entry.ValidationState == ModelValidationState.Invalid)
        {
            entry.Errors.Clear();
            entry.Errors.Add(message);
        }
    }
}
