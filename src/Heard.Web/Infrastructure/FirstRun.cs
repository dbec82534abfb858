using System.Security.Cryptography;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Infrastructure;

/// <summary>
/// Makes a new installation usable: every role exists, and an empty user table gets one administrator who can
/// sign in and create everyone else.
/// </summary>
public static class FirstRun
{
    public const string AdministratorUserName = "admin";
    public const string AdministratorPasswordVariable = "HEARD_ADMIN_PASSWORD";

    /// <summary>Call with the built app's services (app.Services); it opens its own scope.</summary>
    public static async Task EnsureRolesAndAdministratorAsync(IServiceProvider services, TextWriter log)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = provider.GetRequiredService<UserManager<HeardUser>>();
        var db = provider.GetRequiredService<HeardDbContext>();

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role '{role}'");
        }

        if (await users.Users.AnyAsync())
            return;

        var fromEnvironment = Environment.GetEnvironmentVariable(AdministratorPasswordVariable);
        var password = string.IsNullOrEmpty(fromEnvironment) ? GeneratePassword() : fromEnvironment;
        var admin = await CreateUserAsync(users, db, AdministratorUserName, password, "Administrator",
            [Roles.PxAdministrator], [(ScopeLevels.All, null)]);
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTime.UtcNow,
            UserName = "system",
            Action = Audit.Actions.Create,
            Entity = "user",
            EntityId = admin.Id,
            Detail = "first administrator created on an empty installation",
        });
        await db.SaveChangesAsync();

        var signInUrl = SignInUrl(provider.GetRequiredService<IConfiguration>());
        // The password is printed only when it was made here: one set in the environment is already known and stays out of logs.
        var passwordText = string.IsNullOrEmpty(fromEnvironment)
            ? $"with password {password}"
            : $"with the password in {AdministratorPasswordVariable}";
        log.WriteLine($"Created the first administrator. Sign in at {signInUrl} as {AdministratorUserName} {passwordText}; change it under Account > Change password.");
    }

    /// <summary>
    /// Creates a user with the given roles and scopes, creating any role that does not exist yet.
    /// Throws when Identity refuses the user name or password, naming the reasons.
    /// </summary>
    public static async Task<HeardUser> CreateUserAsync(
        UserManager<HeardUser> users,
        HeardDbContext db,
        string userName,
        string password,
        string displayName,
        IEnumerable<string> roles,
        IEnumerable<(string Level, int? ScopeId)> scopes)
    {
        var user = new HeardUser { UserName = userName, DisplayName = displayName, CreatedAt = DateTime.UtcNow };
        Check(await users.CreateAsync(user, password), $"create user '{userName}'");

        var roleList = roles.Distinct().ToList();
        foreach (var role in roleList)
        {
            var normalized = users.NormalizeName(role);
            if (!await db.Roles.AnyAsync(r => r.NormalizedName == normalized))
            {
                db.Roles.Add(new IdentityRole(role) { NormalizedName = normalized });
                await db.SaveChangesAsync();
            }
        }
        if (roleList.Count > 0)
            Check(await users.AddToRolesAsync(user, roleList), $"give '{userName}' roles");

        foreach (var (level, scopeId) in scopes)
            db.UserScopes.Add(new UserScope { UserId = user.Id, Level = level, ScopeId = level == ScopeLevels.All ? null : scopeId });
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>16 characters from an alphabet without look-alikes (0/O, 1/l/I), with at least one of each class Identity requires.</summary>
    public static string GeneratePassword(int length = 16)
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        var chars = new char[length];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        RandomNumberGenerator.GetItems<char>(upper + lower + digits, chars.AsSpan(3));
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static string SignInUrl(IConfiguration configuration)
    {
        var first = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5080")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? "http://localhost:5080";
        // Wildcard bindings are not addresses a browser can open.
        first = first.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
        return first.TrimEnd('/') + "/Account/SignIn";
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
