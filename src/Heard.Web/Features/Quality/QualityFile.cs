using System.Security.Cryptography;
using Heard.Web.Features.Import;

namespace Heard.Web.Features.Quality;

/// <summary>A quality measures CSV file read whole (they are small: units × months × measures), with its preview.</summary>
public sealed record QualityFile(
    IReadOnlyList<string> Header,
    string HeaderLine,
    IReadOnlyList<(string Column, string Use)> Columns,
    IReadOnlyList<CsvRecord> Records,
    string Fingerprint,
    QualityFileLayout? Layout,
    string? HeaderError)
{
    /// <summary>Above this a file is refused rather than held in memory: 40 wards × 10 measures × 10 years is under 5,000.</summary>
    public const int MaxRows = 200_000;

    public IReadOnlyList<QualityRowInput> Rows =>
        Layout is null ? [] : Records.Select(r => r.Error is null ? Layout.Read(r) : new QualityRowInput(r.RowNumber, r.RawText, null, null, null, null, null, null, null, r.Error)).ToList();

    public static async Task<QualityFile> ReadAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        buffer.Position = 0;
        using var reader = new CsvRecordReader(buffer);
        if (!reader.TryRead(out var header) || header.Error is not null)
            return new QualityFile([], "", [], [], fingerprint, null, header?.Error ?? "the file is empty");
        QualityFileLayout? layout = null;
        string? error = null;
        try { layout = QualityFileLayout.FromHeader(header.Fields); }
        catch (ImportHeaderException e) { error = e.Message; }
        var records = new List<CsvRecord>();
        while (reader.TryRead(out var record))
        {
            // A blank line is not a row anyone meant to send.
            if (record.Error is null && record.Fields.All(f => f.Trim().Length == 0)) continue;
            if (records.Count >= MaxRows)
            {
                error ??= $"the file has more than {MaxRows:N0} rows; split it";
                break;
            }
            records.Add(record);
        }
        return new QualityFile(header.Fields, header.RawText, header.Fields.Select(h => (h, QualityFileLayout.Use(h))).ToList(), records, fingerprint, error is null ? layout : null, error);
    }
}
