using Heard.Cli;

namespace Heard.Web.Tests.Support;

/// <summary>
/// Runs the command line in process with the console captured. Tests using it redirect the process-wide console, so
/// their classes belong to the "console" collection and run one at a time.
/// </summary>
public static class CliRunner
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        try { return (await CommandLine.RunAsync(args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    public static string LastLine(string text) => text.TrimEnd().Split('\n').Last().Trim();
}
