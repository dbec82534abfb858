using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Heard.Web.Features;

/// <summary>The one place each feature plugs its services and endpoints in.</summary>
public static class FeatureRegistration
{
    public static void AddFeatures(IServiceCollection services)
    {
        services.AddSingleton<Import.UploadStore>();
        services.AddSingleton<Import.ImportCompletions>();
        services.AddScoped<SelfAssessment.SelfAssessmentAccess>();
        services.AddSingleton<Import.ImportJobs>();
        services.AddSingleton<Collection.ResponseWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<Collection.ResponseWriter>());
        services.AddSingleton<PatientSurvey.SurveyText>();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Safeguarding.SafeguardingAccessHandler>();
        services.AddSingleton<Safeguarding.SafeguardingNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<Safeguarding.SafeguardingNotifier>());
        // One clock for everything that depends on today's date, so tests can set it.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Actions.ActionReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<Actions.ActionReminders>());
        services.AddSingleton<Routing.FeedbackRouter>();
        services.AddHostedService(sp => sp.GetRequiredService<Routing.FeedbackRouter>());
        services.AddSingleton<Alerts.EarlyWarningScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Alerts.EarlyWarningScheduler>());
        services.AddSingleton<Ward.WardDigestScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Ward.WardDigestScheduler>());
        services.AddSingleton<YouSaidWeDid.MonthlyDigestScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<YouSaidWeDid.MonthlyDigestScheduler>());
        services.AddSingleton<Reports.BoardReportScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Reports.BoardReportScheduler>());
        // Provider systems sign in with an API key; Identity's cookie stays the default scheme for people.
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, Collection.ApiKeyAuthenticationHandler>(Collection.ApiKeys.Scheme, _ => { });
    }

    public static void MapEndpoints(WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        Import.ImportEndpoints.Map(api);
        Fft.FftEndpoints.Map(api);
        Organisation.OrganisationEndpoints.Map(api);
        Surveys.SurveyEndpoints.Map(api);
        Comments.CommentEndpoints.Map(api);
        Themes.ThemeEndpoints.Map(api);
        Spc.SpcEndpoints.Map(api);
        Funnel.FunnelEndpoints.Map(api);
        Equality.EqualityEndpoints.Map(api);
        Safeguarding.SafeguardingEndpoints.Map(api);
        Quality.QualityEndpoints.Map(api);
        Improvement.ImprovementEndpoints.Map(api);
        Actions.ActionEndpoints.Map(api);
        Routing.RoutingEndpoints.Map(api);
        Responses.ReplyEndpoints.Map(api);
        Alerts.AlertEndpoints.Map(api);
        SelfAssessment.SelfAssessmentEndpoints.Map(api);
        YouSaidWeDid.YouSaidWeDidEndpoints.Map(api);
        Collection.ProviderApi.Map(app);
        PatientSurvey.PublicSurveyEndpoints.Map(app);
        Transparency.TransparencyEndpoints.Map(app);
    }
}
