using System.Runtime.CompilerServices;

namespace Heard.Web.Tests.Support;

internal static class TestProcess
{
    /// <summary>
    /// Each test host would otherwise watch its settings files and static files (for asp-append-version) through inotify;
    /// with a few hundred hosts started in one run, hosts still shutting down hold the system's limit (128 instances) and
    /// the next host fails. Tests never edit those files, so settings are not watched and files are polled instead.
    /// </summary>
    [ModuleInitializer]
    internal static void DoNotWatchFilesThroughInotify()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
