using Heard.Data;
using Heard.Data.Model;

namespace Heard.Web.Infrastructure;

/// <summary>Writes the audit trail: every change, and every read of identifiable data.</summary>
public sealed class Audit(HeardDbContext db, CurrentUser user)
{
    public static class Actions
    {
        public const string Create = "create";
        public const string Update = "update";
        public const string Delete = "delete";
        public const string ReadIdentifiable = "read-identifiable";
        public const string Import = "import";
        public const string Export = "export";
        public const string SignIn = "sign-in";
    }

    /// <summary>Adds an entry to the context; it is saved with the change it describes.</summary>
    public void Record(string action, string entity, object? entityId = null, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTime.UtcNow,
            UserName = user.Name,
            Action = action,
            Entity = entity,
            EntityId = entityId?.ToString(),
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
        });

    /// <summary>Records and saves at once, for reads that change nothing else.</summary>
    public async Task RecordNowAsync(string action, string entity, object? entityId = null, string? detail = null, CancellationToken ct = default)
    {
        Record(action, entity, entityId, detail);
        await db.SaveChangesAsync(ct);
    }
}
