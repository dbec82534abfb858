using System.Text;

namespace Heard.Web.Features.Organisation;

/// <summary>
/// A small RFC 4180 reader and writer for text already decoded. Organisation files are a few thousand rows at most,
/// so this favours plain code over the streaming byte reader the feedback import needs.
/// </summary>
public static class CsvText
{
    /// <summary>One record and the line it starts on (1-based), so problems can name the row a spreadsheet shows.</summary>
    public sealed record Record(int LineNumber, IReadOnlyList<string> Fields, string? Error);

    public static IEnumerable<Record> Read(TextReader reader)
    {
        var line = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var wasQuoted = false;
        var recordLine = 1;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (line == 1 && !any && ch == '\uFEFF') continue;
            any = true;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0 && !wasQuoted:
                    inQuotes = true;
                    wasQuoted = true;
                    break;
                case ',':
                    fields.Add(Finish(field, wasQuoted));
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(Finish(field, wasQuoted));
                    wasQuoted = false;
                    if (!(fields.Count == 1 && fields[0].Length == 0))
                        yield return new Record(recordLine, fields.ToArray(), null);
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0 || wasQuoted)
        {
            fields.Add(Finish(field, wasQuoted));
            yield return new Record(recordLine, fields.ToArray(),
                inQuotes ? "a quoted field is never closed (check for a stray \" character)" : null);
        }
    }

    private static string Finish(StringBuilder field, bool quoted)
    {
        var s = quoted ? field.ToString() : field.ToString().Trim();
        field.Clear();
        return s;
    }

    public static void WriteRecord(TextWriter writer, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first) writer.Write(',');
            first = false;
            writer.Write(Escape(f ?? ""));
        }
        writer.Write("\r\n");
    }

    /// <summary>
    /// Quotes when needed, and defuses text a spreadsheet would run as a formula with a leading apostrophe
    /// (<see cref="Undefuse"/> takes it off again on the way back in).
    /// </summary>
    public static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string Undefuse(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;
}
