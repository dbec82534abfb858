using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>The words the create and edit forms share (_RecordFields.cshtml).</summary>
public abstract class RecordFormPage : PageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? YouSaid { get; set; }
    [BindProperty] public string? WeDid { get; set; }

    public static readonly string[] FieldOrder = ["Place", "Title", "YouSaid", "WeDid"];

    protected bool CheckText()
    {
        foreach (var (field, message) in YouSaidWeDidRecords.CheckText(Title, YouSaid, WeDid)) ModelState.AddModelError(field, message);
        return ModelState.IsValid;
    }
}
