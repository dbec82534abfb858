using System.Globalization;
using Heard.Analysis.Fft;
using Heard.Web.Features.Fft;
using Heard.Web.Features.Import;
using Heard.Web.Infrastructure;

namespace Heard.Cli;

/// <summary><c>./heard fft-return --month YYYY-MM --setting S --level trust|site|ward --out FILE</c>.</summary>
public static class FftReturnCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        var monthText = o.Require("--month");
        var setting = o.Require("--setting");
        var levelText = o.Require("--level");
        var outPath = o.Require("--out");
        o.EnsureNoUnknown();
        if (!DateOnly.TryParseExact(monthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
            throw new UsageException($"--month '{monthText}' is not a month (use YYYY-MM)");
        if (!FftSettings.IsKnown(setting))
            throw new UsageException($"--setting '{setting}' is not an FFT setting (use {string.Join(", ", FftSettings.All)})");
        if (!FftReturnLevels.TryParse(levelText, out var level))
            throw new UsageException($"--level '{levelText}' must be trust, site or ward");

        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        var table = await FftReturnQuery.BuildAsync(context, m.Year * 100 + m.Month, setting, level);
        var full = Path.GetFullPath(outPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using (var w = new StreamWriter(full, false, new System.Text.UTF8Encoding(false)))
        {
            await w.WriteLineAsync(CsvText.Line(table.Header));
            foreach (var row in table.Rows) await w.WriteLineAsync(CsvText.Line(row));
        }
        Console.Error.WriteLine($"fft-return: {table.Rows.Count} rows for {setting} {monthText} at {FftReturnLevels.Code(level)} level written to {full}");
        return 0;
    }
}
