using System.Text;

namespace Heard.Bench;

/// <summary>
/// Writes a synthetic FFT file: 200 wards over 3 sites, 24 months, half the rows (chosen at random, so every month
/// and ward has comments) with a comment, quoted where it holds a comma as a real export would quote it.
/// </summary>
public static class SyntheticFft
{
    private static readonly string[] Comments =
    [
        "Staff were kind and explained everything", "The food was cold and the portions were small",
        "Waited four hours to be seen", "Clean ward, lovely nurses", "Noisy at night, could not sleep",
    ];

    /// <summary>The cached file for a size; the name carries the generator's version so an older file is never reused.</summary>
    public static string PathFor(int rows) => Path.Combine(Path.GetTempPath(), $"heard-bench-fft-v2-{rows}.csv");

    public static string Write(string path, int rows, int seed = 1)
    {
        if (File.Exists(path) && new FileInfo(path).Length > 0) return path;
        var random = new Random(seed);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.WriteLine("response_id,date,trust_code,trust_name,site_code,site_name,unit,setting,answer,mode,comment");
        for (var i = 0; i < rows; i++)
        {
            var unit = random.Next(200);
            var month = new DateOnly(2024, 11, 1).AddMonths(i % 24);
            w.Write($"R{i},{month.AddDays(i % 28):yyyy-MM-dd},RBN,Bench Trust,RBN0{unit % 3},Site {unit % 3},Ward {unit},inpatient,{1 + random.Next(6)},sms,");
            w.WriteLine(random.Next(2) == 0 ? Quoted(Comments[random.Next(Comments.Length)]) : "");
        }
        return path;
    }

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
