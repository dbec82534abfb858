using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Heard.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Heard.Web.Features.Collection;

/// <summary>
/// API keys for provider systems: <c>hk_&lt;8-character prefix&gt;_&lt;32 random characters&gt;</c>. The key is shown
/// once when made; Heard keeps only its prefix, to find it, and its SHA-256 hash, to check it.
/// </summary>
public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    public const string ClientIdClaim = "heard:api-client";
    public const string TrustIdClaim = "heard:trust";
    public const int PrefixLength = 8;
    public const int SecretLength = 32;

    private const string PrefixAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const string SecretAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    public static (string Key, string Prefix, string Hash) Create()
    {
        var prefix = RandomNumberGenerator.GetString(PrefixAlphabet, PrefixLength);
        var secret = RandomNumberGenerator.GetString(SecretAlphabet, SecretLength);
        var key = $"hk_{prefix}_{secret}";
        return (key, prefix, Hash(key));
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The prefix of a well-formed key, or null.</summary>
    public static string? PrefixOf(string? key)
    {
        if (key is not { Length: 3 + PrefixLength + 1 + SecretLength } || !key.StartsWith("hk_", StringComparison.Ordinal) || key[3 + PrefixLength] != '_')
            return null;
        return key.Substring(3, PrefixLength);
    }

    /// <summary>Compares hashes in constant time, so the time taken says nothing about how much of a guess was right.</summary>
    public static bool Matches(string key, string storedHash)
    {
        var given = Encoding.ASCII.GetBytes(Hash(key));
        var stored = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(given, stored);
    }

    /// <summary>The key from <c>Authorization: Bearer hk_…</c> or <c>X-Api-Key: hk_…</c>.</summary>
    public static string? FromRequest(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        var header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    public static int ClientId(ClaimsPrincipal principal) => int.Parse(principal.FindFirstValue(ClientIdClaim)!, System.Globalization.CultureInfo.InvariantCulture);

    public static int TrustId(ClaimsPrincipal principal) => int.Parse(principal.FindFirstValue(TrustIdClaim)!, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Signs in a provider system by its API key. Revoked keys are refused. Last use is written at most once a minute, so
/// a busy SMS provider does not turn every request into a write.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, HeardDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ApiKeys.FromRequest(Request);
        if (key is null) return AuthenticateResult.NoResult();
        var prefix = ApiKeys.PrefixOf(key);
        if (prefix is null) return AuthenticateResult.Fail("The API key is not in the form hk_xxxxxxxx_…");
        var candidates = await db.ApiClients.AsNoTracking().Where(c => c.KeyPrefix == prefix).ToListAsync(Context.RequestAborted);
        var client = candidates.FirstOrDefault(c => ApiKeys.Matches(key, c.KeyHash));
        if (client is null) return AuthenticateResult.Fail("Unknown API key");
        if (client.RevokedAt is not null) return AuthenticateResult.Fail("This API key has been revoked");

        var now = DateTime.UtcNow;
        if (client.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            var before = now - LastUsedResolution;
            // The condition makes concurrent requests write once between them.
            await db.ApiClients.Where(c => c.Id == client.Id && (c.LastUsedAt == null || c.LastUsedAt < before))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"api:{client.Name}"),
            new Claim(ApiKeys.ClientIdClaim, client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ApiKeys.TrustIdClaim, client.TrustId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], ApiKeys.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeys.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"heard\", error=\"invalid_token\"";
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? "Send the API key as 'Authorization: Bearer hk_…' or 'X-Api-Key: hk_…'";
        await Results.Problem(title: "API key needed", detail: detail, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }
}
