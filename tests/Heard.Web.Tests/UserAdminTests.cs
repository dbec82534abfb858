using System.Net;
using Heard.Data.Model;
using Heard.Web.Features.Account;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class UserAdminTests
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string handler, params (string, string)[] fields)
    {
        var token = await WebHost.AntiforgeryAsync(await client.GetAsync(path));
        var form = new[] { ("__RequestVerificationToken", token) }.Concat(fields)
            .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2));
        return await client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(form));
    }

    private static async Task<string> SignInMessageAsync(WebHost host, string userName)
    {
        var client = host.Client();
        var token = await WebHost.AntiforgeryAsync(await client.GetAsync("/Account/SignIn"));
        var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.Password"] = WebHost.Password, ["__RequestVerificationToken"] = token,
        }));
        return response.StatusCode == HttpStatusCode.Redirect ? "signed in" : await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_disabled_account_cannot_sign_in_keeps_its_history_and_can_be_enabled_again(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        await host.CreateUserAsync("lead", Roles.PxAdministrator, (ScopeLevels.All, null));
        var ward = await host.CreateUserAsync("ward", Roles.WardManager, (ScopeLevels.All, null));
        var lead = await host.SignedInAsync("lead");

        var disabled = await PostAsync(lead, $"/Admin/Users/Edit/{ward.Id}", "Disable");

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Contains(SignInPage.Encode(SignInModel.DisabledMessage), await SignInMessageAsync(host, "ward"));
        Assert.Contains("Disabled", await (await lead.GetAsync("/Admin/Users")).Content.ReadAsStringAsync());
        await using (var db = host.Database.Context())
        {
            Assert.True(await db.Users.AnyAsync(u => u.Id == ward.Id));
            Assert.Contains(await db.AuditEntries.Where(a => a.EntityId == ward.Id).Select(a => a.Detail).ToListAsync(),
                d => d != null && d.Contains("account disabled"));
        }

        var enabled = await PostAsync(lead, $"/Admin/Users/Edit/{ward.Id}", "Unlock");

        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Equal("signed in", await SignInMessageAsync(host, "ward"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_cannot_disable_their_own_account(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var lead = await host.CreateUserAsync("lead", Roles.PxAdministrator, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("lead");

        var refused = await PostAsync(client, $"/Admin/Users/Edit/{lead.Id}", "Disable");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("You cannot disable your own account", await refused.Content.ReadAsStringAsync());
        Assert.Equal("signed in", await SignInMessageAsync(host, "lead"));
    }
}

internal static class SignInPage
{
    public static string Encode(string message) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(message);
}
