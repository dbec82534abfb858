using Heard.Data;

namespace Heard.Cli;

/// <summary>
/// Dispatches <c>./heard COMMAND [options]</c> as fixed by docs cli-contract.md.
/// Exit codes: 0 success, 2 unusable input (one-line reason on stderr), 1 anything else.
/// </summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var command = args[0];
            var options = CliOptions.Parse(args.Skip(1).ToArray());
            return command switch
            {
                "serve" => await ServeCommand.RunAsync(options),
                "migrate" => await MigrateCommand.RunAsync(options),
                "import" => await ImportCommand.RunAsync(options),
                "fft-return" => await FftReturnCommand.RunAsync(options),
                "demo" => await DemoCommand.RunAsync(options),
                "rebuild" => await RebuildCommand.RunAsync(options),
                "organisation-export" => await OrganisationExportCommand.RunAsync(options),
                "organisation-import" => await OrganisationImportCommand.RunAsync(options),
                "train" => await TrainCommand.RunAsync(options),
                "classify" => await ClassifyCommand.RunAsync(options),
                "spc" => await SpcCommand.RunAsync(options),
                "export-coded" => await ExportCodedCommand.RunAsync(options),
                "models" => await ModelCommands.ListAsync(options),
                "model-install" => await ModelCommands.InstallAsync(options),
                "model-activate" => await ModelCommands.ActivateAsync(options),
                "recode" => await ModelCommands.RecodeAsync(options),
                "alerts" => await AlertsCommand.RunAsync(options),
                "digest" => await DigestCommand.RunAsync(options),
                "yswd" => await YouSaidWeDidCommand.RunAsync(options),
                _ => throw new UsageException($"unknown command '{command}'; run ./heard --help"),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"heard: {e.Message}");
            return 2;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"heard: {e.Message}");
            return 2;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"heard: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    public const string Usage = """
        Heard: patient experience platform.

        Usage: ./heard COMMAND [options]   (every command takes --database sqlite:PATH | postgres:CONNECTION)

          serve [--urls URL] [--no-demo]     start the web app (loads the demo trust into an empty database)
          migrate                            apply pending database migrations
          import FILE [--kind fft|eligible]  import a CSV file; rejects go to FILE.rejects.csv and the quarantine
          fft-return --month YYYY-MM --setting SETTING --level trust|site|ward --out FILE
                                             write the monthly FFT national return with suppression
          demo                               load the demo organisation into an empty database
          rebuild                            recompute derived figures from the raw feedback
          organisation-export --out FILE     write every trust, site and unit as the organisation CSV
          organisation-import FILE [--effective-from YYYY-MM-DD]
                                             create and update units from the organisation CSV; renames and
                                             moves take effect from the date (default today); each problem
                                             is printed as "Row N: field: message" and that row is skipped
          train --input FILE --text-column C --labels-column L [--separator S] --model-out DIR
                [--question-column Q] [--sentiment-column S] [--group-column G] [--framework FILE]
                [--framework-name NAME] [--cross-validate K]
                                             train a comment model on your own coded comments; prints per-label
                                             scores on 20% held out, last line micro_f1=... macro_f1=...
          export-coded --out FILE [--trust ODS] [--reviewed-only]
                                             write coded comments (with people's corrections) as a training file
          model-install --model DIR --trust ODS [--name NAME] [--activate]
                                             store a model made by train for a trust (and make it the active one)
          model-activate --trust ODS --id N  choose the model that codes a trust's new comments (see models)
          models                             list the installed comment models
          recode [--trust ODS] [--all]       code stored comments with the active model (--all: recode every
                                             comment no person has reviewed)
          classify --input FILE --out FILE [--model DIR]
                                             code comments (columns comment_id,comment[,question]) into
                                             comment_id,labels,sentiment with the built-in QDC v7 or a trained model
          spc --input FILE --out FILE [--improvement increase|decrease|neutral] [--target T]
              [--rebase DATE,...] [--screen-outliers] [--fix-limits-after N]
                                             XmR chart of a date,value series into date,value,mean,lpl,upl,point_type;
                                             last line variation=... assurance=...
          alerts evaluate [--digest]         raise early-warning alerts for every unit now (and send the owners'
                                             digests); last line raised=N already=M
          digest weekly [--week YYYY-MM-DD]  email each ward's weekly digest to its ward managers (default: the last
                                             whole Monday-to-Sunday week); last line queued=N already=M delivered=D
          yswd digest [--month YYYY-MM]      queue and send the monthly "You said, we did" email to staff (default
                                             last month; once per person); last line published=N queued=M already=K

        Default database: sqlite:data/heard.db (or HEARD_DATABASE).
        """;
}

/// <summary>Input the user must fix: reported on one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

public sealed class CliOptions
{
    private readonly Dictionary<string, string?> _named = new(StringComparer.Ordinal);
    public List<string> Positional { get; } = [];
    public HashSet<string> Consumed { get; } = [];

    public static CliOptions Parse(string[] args)
    {
        var o = new CliOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = a.IndexOf('=');
                if (eq > 0) o._named[a[..eq]] = a[(eq + 1)..];
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) o._named[a] = args[++i];
                else o._named[a] = null;
            }
            else o.Positional.Add(a);
        }
        return o;
    }

    public string? Get(string name)
    {
        Consumed.Add(name);
        return _named.TryGetValue(name, out var v) ? v : null;
    }

    public bool Flag(string name)
    {
        Consumed.Add(name);
        return _named.ContainsKey(name);
    }

    public string Require(string name) =>
        Get(name) is { Length: > 0 } v ? v : throw new UsageException($"missing required option {name}");

    public DatabaseTarget Database() => DatabaseTarget.Parse(Get("--database") ?? Environment.GetEnvironmentVariable("HEARD_DATABASE"));

    /// <summary>Rejects options nobody asked for, so a typo never silently does the wrong thing.</summary>
    public void EnsureNoUnknown()
    {
        var unknown = _named.Keys.Where(k => !Consumed.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"unknown option {string.Join(", ", unknown)}");
    }
}
