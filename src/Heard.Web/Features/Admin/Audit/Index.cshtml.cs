using System.Reflection;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Admin.AuditLog;

/// <summary>The audit trail, newest first, a page at a time. Filters arrive in the query string so a filtered view can be bookmarked or shared.</summary>
[Authorize(Policy = Policies.ViewAudit)]
public sealed class IndexModel(HeardDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "pageNumber")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool AnyEntries { get; private set; }
    public bool Filtered => !string.IsNullOrWhiteSpace(UserName) || !string.IsNullOrWhiteSpace(Action)
        || !string.IsNullOrWhiteSpace(Entity) || !string.IsNullOrWhiteSpace(EntityId) || From is not null || To is not null;

    /// <summary>Every action the code knows about, plus any other value already typed into the filter.</summary>
    public IReadOnlyList<string> KnownActions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        KnownActions = typeof(Infrastructure.Audit.Actions)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Append(Action ?? "")
            .Where(a => a.Length > 0)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        ModelState.ReplaceInvalid(nameof(From), "Enter the 'from' date as a real date, for example 2025-01-31");
        ModelState.ReplaceInvalid(nameof(To), "Enter the 'to' date as a real date, for example 2025-01-31");
        if (From is { } f && To is { } t && t < f)
            ModelState.AddModelError(nameof(To), "The 'to' date must be the same as or after the 'from' date");

        AnyEntries = await db.AuditEntries.AnyAsync(ct);
        if (!AnyEntries || !ModelState.IsValid)
            return;

        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(UserName))
        {
            var user = UserName.Trim().ToLower();
            query = query.Where(a => a.UserName != null && a.UserName.ToLower().Contains(user));
        }
        if (!string.IsNullOrWhiteSpace(Action))
            query = query.Where(a => a.Action == Action);
        if (!string.IsNullOrWhiteSpace(Entity))
        {
            var entity = Entity.Trim().ToLower();
            query = query.Where(a => a.Entity.ToLower() == entity);
        }
        if (!string.IsNullOrWhiteSpace(EntityId))
        {
            var entityId = EntityId.Trim();
            query = query.Where(a => a.EntityId == entityId);
        }
        // Dates are whole UTC days; "to" includes the whole of its day.
        if (From is { } from)
        {
            var start = DateTime.SpecifyKind(from.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
            query = query.Where(a => a.At >= start);
        }
        if (To is { } to)
        {
            var end = DateTime.SpecifyKind(to.AddDays(1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
            query = query.Where(a => a.At < end);
        }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = await query
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
    }

    /// <summary>This page's address with the current filters and another page number.</summary>
    public string PageUrl(int pageNumber)
    {
        var query = new Dictionary<string, string?>
        {
            ["UserName"] = UserName,
            ["Action"] = Action,
            ["Entity"] = Entity,
            ["EntityId"] = EntityId,
            ["From"] = From?.ToString("yyyy-MM-dd"),
            ["To"] = To?.ToString("yyyy-MM-dd"),
            ["pageNumber"] = pageNumber.ToString(),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Admin/Audit", query);
    }
}
