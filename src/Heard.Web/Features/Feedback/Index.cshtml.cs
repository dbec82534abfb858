using System.Text.Json;
using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Feedback;

/// <summary>
/// One piece of feedback in full: its answers, source details, consent and demographics, and the row exactly as it
/// was imported. Contact details and the raw row are shown only to roles that need identifiable data, and each such
/// view is audited.
/// </summary>
public sealed class IndexModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public FeedbackRecord Record { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public List<(string Question, string Text)> Answers { get; } = [];
    public Dictionary<string, string> Details { get; } = [];
    public Dictionary<string, string> Demographics { get; } = [];
    public ContactDetail? Contact { get; private set; }
    public ImportedRow? OriginalRow { get; private set; }
    public bool Identifiable => user.CanReadIdentifiable;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!user.CanReadComments) return Forbid();
        var record = await db.Feedback.AsNoTracking().Include(f => f.Answers).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (record is null || !await user.CanSeeUnitAsync(record.UnitId, ct)) return NotFound();
        Record = record;
        UnitName = await db.Units.Where(u => u.Id == record.UnitId).Select(u => u.Name).FirstAsync(ct);
        foreach (var a in record.Answers.Where(a => a.Text is not null))
            Answers.Add((a.QuestionKey, Identifiable ? a.Text! : Redactor.Redact(a.Text)));
        Flatten(record.DetailsJson, Details);
        Flatten(record.DemographicsJson, Demographics);
        if (Identifiable)
        {
            Contact = await db.ContactDetails.AsNoTracking().FirstOrDefaultAsync(c => c.FeedbackRecordId == id, ct);
            OriginalRow = await db.ImportedRows.AsNoTracking().FirstOrDefaultAsync(r => r.FeedbackRecordId == id, ct);
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "feedback", id,
                Contact is null ? "unredacted feedback and original row" : "unredacted feedback, original row and contact details", ct);
        }
        return Page();
    }

    private static void Flatten(string? json, Dictionary<string, string> into)
    {
        if (string.IsNullOrEmpty(json)) return;
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) return;
        foreach (var p in doc.RootElement.EnumerateObject())
            into[p.Name.Replace('_', ' ')] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
    }

    public static string YesNo(bool? value) => value switch { true => "Yes", false => "No", null => "Not asked or not answered" };
}
