using Heard.Web.Features.Import;
using Heard.Web.Infrastructure;

namespace Heard.Cli;

/// <summary><c>./heard import FILE [--kind fft|eligible]</c>: last stdout line is <c>imported=N rejected=M duplicates=D</c>.</summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        var kind = (o.Get("--kind") ?? ImportKinds.Fft).ToLowerInvariant();
        var rejectUnknown = o.Flag("--reject-unknown-units");
        var rejectsPath = o.Get("--rejects");
        o.EnsureNoUnknown();
        if (o.Positional.Count != 1) throw new UsageException("import needs exactly one FILE");
        var path = o.Positional[0];
        if (!File.Exists(path)) throw new UsageException($"file not found: {path}");
        if (!ImportKinds.All.Contains(kind)) throw new UsageException($"unknown --kind '{kind}' (use {string.Join(", ", ImportKinds.All)})");

        await Startup.PrepareAsync(db, Console.Error);
        rejectsPath ??= RejectsPathFor(path);
        var tempRejects = rejectsPath + ".partial";
        long rejected;
        ImportResult result;
        using var cancel = new CancellationTokenSource();
        var shown = System.Diagnostics.Stopwatch.StartNew();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Console.Error.WriteLine("\nheard: stopping after the current chunk; import the same file again to resume.");
            cancel.Cancel();
        };
        await using (var rejects = new StreamWriter(tempRejects, append: false, new System.Text.UTF8Encoding(false)))
        {
            try
            {
                result = await new FeedbackImporter(db).ImportAsync(path, new ImportOptions
                {
                    Kind = kind,
                    CreateUnknownUnits = !rejectUnknown,
                    StartedBy = Environment.UserName,
                    RejectsWriter = rejects,
                    Progress = p =>
                    {
                        if (shown.Elapsed < TimeSpan.FromMilliseconds(500) && p.Percent < 100) return;
                        shown.Restart();
                        Console.Error.Write(p.Stage is { } stage
                            ? $"\rfinishing: {stage}...{new string(' ', 60)}"
                            : $"\rimporting: {p.Rows:N0} rows ({p.Percent}%), {p.RowsPerSecond:N0} rows/s, imported {p.Imported:N0}, rejected {p.Rejected:N0}, duplicates {p.Duplicates:N0}   ");
                    },
                }, cancel.Token);
            }
            catch (ImportHeaderException e)
            {
                throw new UsageException($"{Path.GetFileName(path)}: {e.Message}");
            }
            Console.Error.WriteLine();
            rejected = result.Rejected;
        }
        if (result.Rejected > 0 && new FileInfo(tempRejects).Length > 0)
        {
            File.Move(tempRejects, rejectsPath, overwrite: true);
            Console.Out.WriteLine($"rejects: {rejectsPath} (each rejected row with its row number and reason; correct and import it again)");
        }
        else File.Delete(tempRejects);
        if (result.Resumed) Console.Out.WriteLine($"resumed: import {result.BatchId} continued where it stopped");
        foreach (var c in result.Created.Take(20)) Console.Out.WriteLine($"created: {c}");
        if (result.Created.Count > 20) Console.Out.WriteLine($"created: ... and {result.Created.Count - 20} more");
        if (result.SafeguardingAlerts > 0)
            Console.Out.WriteLine($"safeguarding: {result.SafeguardingAlerts} alert{(result.SafeguardingAlerts == 1 ? "" : "s")} raised; see Safeguarding in the web app");
        Console.Out.WriteLine($"imported={result.Imported} rejected={result.Rejected} duplicates={result.Duplicates}");
        return 0;
    }

    private static string RejectsPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        var name = Path.GetFileNameWithoutExtension(full) + ".rejects.csv";
        var dir = Path.GetDirectoryName(full)!;
        try
        {
            var probe = Path.Combine(dir, $".heard-write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return Path.Combine(dir, name);
        }
        catch (UnauthorizedAccessException)
        {
            return Path.Combine(Environment.CurrentDirectory, name);
        }
        catch (IOException)
        {
            return Path.Combine(Environment.CurrentDirectory, name);
        }
    }
}
