using System.Globalization;
using System.Text;
using Heard.Analysis.Spc;
using Heard.Web.Features.Import;

namespace Heard.Cli;

/// <summary>
/// <c>./heard spc --input FILE --out FILE [--improvement increase|decrease|neutral] [--target T] [--rebase DATE,...]
/// [--screen-outliers] [--fix-limits-after N]</c>: the XmR chart of one series (docs cli-contract.md).
/// Input columns <c>date,value</c> sorted by date (yyyy-mm-dd, dd/mm/yyyy or yyyy-mm); output
/// <c>date,value,mean,lpl,upl,point_type</c>; last stdout line <c>variation=... assurance=...</c>.
/// A change point starts a new segment at the first point dated on or after it. A bad row stops the command with
/// exit code 2 and names the row and field, because dropping a point would silently change every limit.
/// </summary>
public static class SpcCommand
{
    public static Task<int> RunAsync(CliOptions o)
    {
        var input = o.Require("--input");
        var output = o.Require("--out");
        var improvementText = o.Get("--improvement");
        var targetText = o.Get("--target");
        var rebaseText = o.Get("--rebase");
        var screen = o.Flag("--screen-outliers");
        var fixText = o.Get("--fix-limits-after");
        _ = o.Get("--database"); // every command accepts it; this one needs no database
        o.EnsureNoUnknown();

        var improvement = ImprovementDirection.Neutral;
        if (improvementText is not null && !SpcText.TryParseDirection(improvementText, out improvement))
            throw new UsageException($"--improvement must be increase, decrease or neutral, not '{improvementText}'");
        double? target = null;
        if (targetText is not null)
        {
            if (!double.TryParse(targetText, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !double.IsFinite(t))
                throw new UsageException($"--target '{targetText}' is not a number");
            target = t;
        }
        int? fixAfter = null;
        if (fixText is not null)
        {
            if (!int.TryParse(fixText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 12)
                throw new UsageException($"--fix-limits-after must be a whole number of 12 or more, not '{fixText}'");
            fixAfter = n;
        }
        var changePoints = new List<DateOnly>();
        foreach (var part in (rebaseText ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParseDate(part, out var d)) throw new UsageException($"--rebase date '{part}' is not yyyy-mm-dd, dd/mm/yyyy or yyyy-mm");
            changePoints.Add(d);
        }
        if (rebaseText is not null && changePoints.Count == 0) throw new UsageException("--rebase needs at least one date");
        if (!File.Exists(input)) throw new UsageException($"file not found: {input}");

        var (dates, dateTexts, values) = ReadSeries(input);
        var rebaseAt = new List<int>();
        foreach (var change in changePoints)
        {
            var index = dates.FindIndex(d => d >= change);
            if (index <= 0)
                Console.Error.WriteLine($"spc: change point {change:yyyy-MM-dd} is {(index == 0 ? "on or before the first date" : "after the last date")}; it starts no new segment");
            else rebaseAt.Add(index);
        }

        var chart = XmrChart.Evaluate(values.ToArray(), new SpcOptions
        {
            Improvement = improvement,
            Target = target,
            RebaseAt = rebaseAt,
            ScreenMovingRanges = screen,
            FixLimitsAfter = fixAfter,
        });

        var full = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using (var writer = new StreamWriter(full, false, new UTF8Encoding(false)))
        {
            writer.Write("date,value,mean,lpl,upl,point_type\n");
            for (var i = 0; i < chart.Points.Count; i++)
            {
                var p = chart.Points[i];
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{CsvText.Field(dateTexts[i])},{Number(p.Value)},{Number(p.Mean)},{Number(p.LowerProcessLimit)},{Number(p.UpperProcessLimit)},{p.Type.Name()}\n"));
            }
        }
        var trial = chart.Segments.Count(s => s.IsTrial);
        Console.Error.WriteLine($"spc: {chart.Points.Count} points in {chart.Segments.Count} segment(s)"
            + (trial > 0 ? $", {trial} with trial limits (fewer than 13 points)" : "") + $", written to {full}");
        Console.Out.WriteLine($"variation={chart.Variation.Name()} assurance={chart.Assurance.Name()}");
        return Task.FromResult(0);
    }

    /// <summary>Shortest text that reads back as the same double, so outside checks see the exact figure; blank when undefined.</summary>
    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    internal static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "yyyy-MM"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static (List<DateOnly> Dates, List<string> DateTexts, List<double> Values) ReadSeries(string path)
    {
        var name = Path.GetFileName(path);
        using var reader = new CsvRecordReader(File.OpenRead(path));
        if (!reader.TryRead(out var header) || header.Error is not null) throw new UsageException($"{name} has no readable header row");
        var dateColumn = TrainCommand.Column(header.Fields, "date", "input column", path);
        var valueColumn = TrainCommand.Column(header.Fields, "value", "input column", path);
        var dates = new List<DateOnly>();
        var texts = new List<string>();
        var values = new List<double>();
        while (reader.TryRead(out var record))
        {
            var row = record.RowNumber;
            if (record.Error is not null) throw new UsageException($"{name} row {row}: {record.Error}");
            var f = record.Fields;
            var dateText = dateColumn < f.Length ? f[dateColumn].Trim() : "";
            var valueText = valueColumn < f.Length ? f[valueColumn].Trim() : "";
            if (dateText.Length == 0) throw new UsageException($"{name} row {row}: date: missing");
            if (!TryParseDate(dateText, out var date)) throw new UsageException($"{name} row {row}: date: '{dateText}' is not yyyy-mm-dd, dd/mm/yyyy or yyyy-mm");
            if (dates.Count > 0 && date < dates[^1])
                throw new UsageException($"{name} row {row}: date: {dateText} comes before the previous row's {texts[^1]}; sort the rows by date");
            if (valueText.Length == 0) throw new UsageException($"{name} row {row}: value: missing");
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw new UsageException($"{name} row {row}: value: '{valueText}' is not a number");
            dates.Add(date);
            texts.Add(dateText);
            values.Add(value);
        }
        if (values.Count == 0) throw new UsageException($"{name} has no data rows");
        return (dates, texts, values);
    }
}
