using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Import;

public sealed class ProgressModel(ImportJobs jobs) : PageModel
{
    public ImportJob Job { get; private set; } = null!;

    public IActionResult OnGet(Guid job)
    {
        if (jobs.Find(job) is not { } j) return NotFound();
        Job = j;
        return Page();
    }
}
