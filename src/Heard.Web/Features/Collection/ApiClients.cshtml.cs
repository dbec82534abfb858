using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Collection;

/// <summary>
/// Keys for provider systems (SMS, IVR, other survey tools). A new key is shown once, on the page that made it; Heard
/// keeps only its prefix and hash. A revoked key stops working at once.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class ApiClientsModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public const int NameMax = 200;

    public sealed record ClientRow(ApiClient Client, string TrustName);

    public List<Trust> Trusts { get; private set; } = [];
    public List<ClientRow> Clients { get; private set; } = [];
    public NewClientInput Input { get; private set; } = new();
    /// <summary>The key just made; shown once and never stored.</summary>
    public string? NewKey { get; private set; }
    public string? NewKeyClient { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Trusts.Count == 1) Input.TrustId = Trusts[0].Id;
    }

    public async Task<IActionResult> OnPostCreateAsync([Bind(Prefix = "Input")] NewClientInput input, CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = input;
        ModelState.Clear();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError("Input.Name", "Enter a name for the system that will use the key, for example the SMS provider's name");
        else if (name.Length > NameMax) ModelState.AddModelError("Input.Name", $"The name must be {NameMax} characters or fewer");
        if (input.TrustId is not int trustId || Trusts.All(t => t.Id != trustId))
            ModelState.AddModelError("Input.TrustId", "Choose the trust whose responses the system sends");
        if (!ModelState.IsValid) return Page();

        var (key, prefix, hash) = ApiKeys.Create();
        // A prefix is how a key is found; a second client with the same one would only cost a hash comparison, but keep them apart.
        while (await db.ApiClients.AnyAsync(c => c.KeyPrefix == prefix, ct))
            (key, prefix, hash) = ApiKeys.Create();
        var client = new ApiClient
        {
            TrustId = input.TrustId!.Value, Name = name!, KeyPrefix = prefix, KeyHash = hash, CreatedAt = DateTime.UtcNow, CreatedBy = user.Name,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        audit.Record(Audit.Actions.Create, "api_client", client.Id, $"API key hk_{prefix}_… made for '{client.Name}', trust {client.TrustId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        NewKey = key;
        NewKeyClient = client.Name;
        Input = new NewClientInput { TrustId = Trusts.Count == 1 ? Trusts[0].Id : null };
        await LoadAsync(ct);
        // The key is in this page only: it must not be cached, and a reload must not show it again.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int clientId, CancellationToken ct)
    {
        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        var trusts = await user.TrustIdsAsync(ct);
        if (client is null || (trusts is not null && !trusts.Contains(client.TrustId))) return NotFound();
        if (client.RevokedAt is null)
        {
            client.RevokedAt = DateTime.UtcNow;
            audit.Record(Audit.Actions.Update, "api_client", client.Id, $"API key hk_{client.KeyPrefix}_… for '{client.Name}' revoked");
            await db.SaveChangesAsync(ct);
        }
        TempData["Success"] = $"The key for {client.Name} has been revoked. Requests with it are refused from now on.";
        return RedirectToPage("/Collection/ApiClients");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var trustIds = await user.TrustIdsAsync(ct);
        var trusts = db.Trusts.AsNoTracking();
        if (trustIds is not null) trusts = trusts.Where(t => trustIds.Contains(t.Id));
        Trusts = await trusts.OrderBy(t => t.Name).ToListAsync(ct);
        var names = Trusts.ToDictionary(t => t.Id, t => t.Name);
        var clients = db.ApiClients.AsNoTracking();
        if (trustIds is not null) clients = clients.Where(c => trustIds.Contains(c.TrustId));
        Clients = (await clients.OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name).ToListAsync(ct))
            .Select(c => new ClientRow(c, names.GetValueOrDefault(c.TrustId, ""))).ToList();
    }

    public sealed class NewClientInput
    {
        public string? Name { get; set; }
        public int? TrustId { get; set; }
    }
}
