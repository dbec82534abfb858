using System.Text;
using Heard.Web.Features.Import;

namespace Heard.Web.Features.Organisation;

/// <summary>
/// The organisation file's CSV: read with the same <see cref="CsvRecordReader"/> as feedback imports, written with
/// the same quoting, plus the spreadsheet-formula defusing only this human-edited file needs.
/// </summary>
public static class CsvText
{
    /// <summary>One record and the line it starts on (1-based), so problems can name the row a spreadsheet shows.</summary>
    public sealed record Record(int LineNumber, IReadOnlyList<string> Fields, string? Error);

    public static IEnumerable<Record> Read(TextReader reader)
    {
        // Organisation files are a few thousand rows; reading the text whole keeps the TextReader signature.
        using var records = new CsvRecordReader(new MemoryStream(Encoding.UTF8.GetBytes(reader.ReadToEnd())));
        while (records.TryRead(out var rec))
            yield return new Record((int)rec.RowNumber, rec.Fields, rec.Error);
    }

    public static void WriteRecord(TextWriter writer, IEnumerable<string?> fields)
    {
        writer.Write(Import.CsvText.Line(fields.Select(f => Defuse(f ?? ""))));
        writer.Write("\r\n");
    }

    /// <summary>
    /// A leading apostrophe stops a spreadsheet running text as a formula; <see cref="Undefuse"/> takes it off again.
    /// </summary>
    public static string Defuse(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;

    public static string Undefuse(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;
}
