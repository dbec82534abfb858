using System.Text.Json;
using System.Text.Json.Nodes;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Collection;

/// <summary>
/// Deletes a person's contact details when they ask: the contact_detail rows go, and any copy in the row as it arrived
/// is blanked. The response itself, its answers and its consent answers stay. The deletion is audited.
/// </summary>
[Authorize(Policy = Policies.ReadIdentifiable)]
public sealed class DeleteContactModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public const string Deleted = "[deleted on request]";
    private static readonly string[] JsonContactFields = ["contact", "contact_name", "contact_email", "contact_phone"];

    public FeedbackRecord Record { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public int ContactRows { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var contacts = await db.ContactDetails.Where(c => c.FeedbackRecordId == id).ToListAsync(ct);
        if (contacts.Count == 0)
        {
            TempData["Success"] = "No contact details are held for this feedback, so there was nothing to delete.";
            return Redirect($"/feedback/{id}");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var values = contacts.SelectMany(c => new[] { c.Name, c.Email, c.Phone, c.Address }).OfType<string>().Where(v => v.Trim().Length > 0).ToList();
        var rows = await db.ImportedRows.Where(r => r.FeedbackRecordId == id).ToListAsync(ct);
        var scrubbed = 0;
        foreach (var row in rows)
        {
            var raw = Scrub(row.RawText, values);
            var corrected = row.CorrectedText is null ? null : Scrub(row.CorrectedText, values);
            if (raw != row.RawText || corrected != row.CorrectedText) scrubbed++;
            row.RawText = raw;
            row.CorrectedText = corrected;
        }
        db.ContactDetails.RemoveRange(contacts);
        audit.Record(Audit.Actions.Delete, "contact_detail", id,
            $"contact details of feedback {id} deleted on request ({contacts.Count} record{(contacts.Count == 1 ? "" : "s")}; {scrubbed} original row{(scrubbed == 1 ? "" : "s")} blanked); the response is kept");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Success"] = "The contact details have been deleted. The feedback itself is kept.";
        return Redirect($"/feedback/{id}");
    }

    /// <summary>
    /// Blanks contact details in a row as it arrived. A JSON submission loses its contact fields; a CSV line has each
    /// contact value replaced, quoted or not.
    /// </summary>
    public static string Scrub(string text, IReadOnlyList<string> values)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                if (JsonNode.Parse(text) is JsonObject json)
                {
                    var changed = false;
                    foreach (var field in JsonContactFields)
                        if (json.ContainsKey(field)) { json[field] = Deleted; changed = true; }
                    if (json["fields"] is JsonObject fields)
                        foreach (var field in JsonContactFields)
                            if (fields.ContainsKey(field)) { fields[field] = Deleted; changed = true; }
                    if (changed) text = json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                }
            }
            catch (JsonException)
            {
                // Not JSON after all; the value replacement below still applies.
            }
        }
        foreach (var value in values.OrderByDescending(v => v.Length))
        {
            text = text.Replace(value.Replace("\"", "\"\""), Deleted, StringComparison.Ordinal);
            text = text.Replace(value, Deleted, StringComparison.Ordinal);
        }
        return text;
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var record = await db.Feedback.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (record is null || !await user.CanSeeUnitAsync(record.UnitId, ct)) return false;
        Record = record;
        UnitName = await db.Units.AsNoTracking().Where(u => u.Id == record.UnitId).Select(u => u.Name).FirstAsync(ct);
        ContactRows = await db.ContactDetails.CountAsync(c => c.FeedbackRecordId == id, ct);
        return true;
    }
}
