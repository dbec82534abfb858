using System.Threading.RateLimiting;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Heard.Web;

/// <summary>Builds the web application; the CLI's <c>serve</c> and the integration tests both start it here.</summary>
public static class HeardApp
{
    public static WebApplication Build(string[] args, DatabaseTarget database, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Pages and views are compiled into this assembly; naming it makes discovery independent of who hosts it.
            ApplicationName = typeof(HeardApp).Assembly.GetName().Name,
            ContentRootPath = ContentRoot(),
            WebRootPath = Path.Combine(ContentRoot(), "wwwroot"),
        });
        // SQL statement logs would bury the first-run message and cost time on every request.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddSingleton(database);
        builder.Services.AddDbContext<HeardDbContext>(database.Configure);

        builder.Services
            .AddIdentity<HeardUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<HeardDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/Denied";
            o.Cookie.Name = "heard.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // Machines calling the API get a status code, not a sign-in page.
            o.Events.OnRedirectToLogin = ctx => RejectApi(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RejectApi(ctx, StatusCodes.Status403Forbidden);
        });
        // Role changes and disabled accounts reach open sessions within a minute, not the default half hour.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddAuthorization(Policies.Configure);

        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AuthorizeFolder("/Import", Policies.ImportData);
            o.Conventions.AuthorizeFolder("/Fft", Policies.ImportData);
            o.Conventions.AuthorizePage("/Quality/Import", Policies.ImportData);
            o.Conventions.AuthorizePage("/Quality/ImportPreview", Policies.ImportData);
            o.Conventions.AllowAnonymousToPage("/Account/SignIn");
            o.Conventions.AllowAnonymousToPage("/Account/Denied");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        builder.Services.AddOpenApi();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddScoped<Audit>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Patient pages: a ward kiosk behind one address sends a few a minute; a flood from one address is refused.
            // Heard:PublicRequestsPerMinute changes it (a trust whose whole estate shares one address may need more).
            o.AddPolicy("public", ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = ctx.RequestServices.GetRequiredService<IConfiguration>().GetValue("Heard:PublicRequestsPerMinute", 120),
                    Window = TimeSpan.FromMinutes(1),
                }));
            o.AddPolicy("sign-in", ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) }));
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o =>
            o.MultipartBodyLengthLimit = 4L * 1024 * 1024 * 1024);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 4L * 1024 * 1024 * 1024);

        Features.FeatureRegistration.AddFeatures(builder.Services);
        configure?.Invoke(builder);

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.Use(async (ctx, next) =>
        {
            ctx.Response.Headers["X-Content-Type-Options"] = "nosniff";
            ctx.Response.Headers["X-Frame-Options"] = "DENY";
            ctx.Response.Headers["Referrer-Policy"] = "same-origin";
            await next();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        Features.FeatureRegistration.MapEndpoints(app);
        return app;
    }

    private static Task RejectApi(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>The folder holding Features/ and wwwroot/: the source folder when run from the repository, else the binaries.</summary>
    public static string ContentRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var d = dir; d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "src", "Heard.Web");
            if (File.Exists(Path.Combine(candidate, "Heard.Web.csproj")))
                return candidate;
        }
        return AppContext.BaseDirectory;
    }
}
