using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Heard.Web.Tests.Support;

/// <summary>The real app on the ASP.NET test server, over a fresh migrated database of either provider.</summary>
public sealed class WebHost : IAsyncDisposable
{
    public const string Password = "Correct-Horse-42";
    public TestDatabase Database { get; }
    public WebApplication App { get; }

    private WebHost(TestDatabase database, WebApplication app)
    {
        Database = database;
        App = app;
    }

    public static async Task<WebHost> StartAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var app = HeardApp.Build([], db.Target, b =>
        {
            b.WebHost.UseTestServer();
            b.Environment.EnvironmentName = "Testing";
        });
        await FirstRun.EnsureRolesAndAdministratorAsync(app.Services, TextWriter.Null);
        await app.StartAsync();
        return new WebHost(db, app);
    }

    public async Task<HeardUser> CreateUserAsync(string userName, string role, params (string Level, int? Id)[] scopes)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HeardUser>>();
        var db = scope.ServiceProvider.GetRequiredService<HeardDbContext>();
        return await FirstRun.CreateUserAsync(users, db, userName, Password, userName, [role], scopes);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects so tests can see them.</summary>
    public HttpClient Client()
    {
        var handler = new CookieContainerHandler { InnerHandler = App.GetTestServer().CreateHandler() };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };
    }

    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = Client();
        var page = await client.GetAsync("/Account/SignIn");
        var token = await AntiforgeryAsync(page);
        var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<string> AntiforgeryAsync(HttpResponseMessage page)
    {
        var doc = await ParseAsync(page);
        return doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("no antiforgery token on the page");
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
