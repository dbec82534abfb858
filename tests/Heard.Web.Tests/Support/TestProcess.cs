using System.Runtime.CompilerServices;

namespace Heard.Web.Tests.Support;

internal static class TestProcess
{
    /// <summary>
    /// Each test host would otherwise watch its settings files for changes, one inotify instance each; with a few hundred
    /// hosts started in one run, hosts still shutting down can hold the system's limit (128) and the next host fails to start.
    /// Tests never edit settings files, so nothing is lost.
    /// </summary>
    [ModuleInitializer]
    internal static void DoNotWatchSettingsFiles() =>
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
