using Heard.Data;

namespace Heard.Web.Features.Import;

/// <summary>What a file holds before anything is written: header, how each column will be used, first rows, row count, and units Heard does not know.</summary>
public sealed record FilePreview(
    IReadOnlyList<string> Header,
    IReadOnlyList<(string Column, string Use)> Columns,
    IReadOnlyList<string[]> FirstRows,
    long RowCount,
    string? HeaderError,
    IReadOnlyList<UnknownUnit> UnknownUnits)
{
    public static async Task<FilePreview> ReadAsync(string path, string kind, HeardDbContext db, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        using var reader = new CsvRecordReader(stream);
        if (!reader.TryRead(out var header) || header.Error is not null)
            return new FilePreview([], [], [], 0, header?.Error ?? "the file is empty", []);
        string? headerError = null;
        FftFileLayout? layout = null;
        var columns = new List<(string, string)>();
        try
        {
            if (kind == ImportKinds.Fft)
            {
                layout = FftFileLayout.FromHeader(header.Fields);
                foreach (var h in header.Fields) columns.Add((h, Use(FftFileLayout.Normalise(h))));
            }
            else if (kind == ImportKinds.Eligible)
            {
                EligibleFileLayout.FromHeader(header.Fields);
                foreach (var h in header.Fields) columns.Add((h, "eligible count field"));
            }
            else
            {
                OtherFeedbackLayout.FromHeader(kind, header.Fields);
                foreach (var h in header.Fields)
                    columns.Add((h, FftFileLayout.Normalise(h) switch
                    {
                        "date" or "trust_code" or "trust_name" or "site_code" or "site_name" or "unit" => Use(FftFileLayout.Normalise(h)),
                        "reference" => "reference (duplicates are recognised by it)",
                        "text" or "description" or "comment" or "review" => "free text",
                        "consent_to_publish" => "consent to publish",
                        _ => "kept as a detail of this record",
                    }));
            }
        }
        catch (ImportHeaderException e) { headerError = e.Message; }

        var directory = await OrganisationDirectory.LoadAsync(db, createMissing: false, ct);
        var first = new List<string[]>();
        var unknown = new Dictionary<(string, string, string), UnknownUnit>();
        long rows = 0;
        var idx = header.Fields.Select(FftFileLayout.Normalise).ToList();
        int Col(string n) => idx.IndexOf(n);
        var (ti, si, ui) = (Col("trust_code"), Col("site_code"), Col("unit"));
        while (reader.TryRead(out var rec))
        {
            rows++;
            if (first.Count < 10) first.Add(rec.Fields.Length > 0 ? rec.Fields : [rec.RawText]);
            if ((layout is null && !ImportKinds.OtherSources.ContainsKey(kind)) || headerError is not null || ti < 0 || si < 0 || ui < 0 || rec.Fields.Length <= Math.Max(ti, Math.Max(si, ui))) continue;
            var (t, s, u) = (rec.Fields[ti].Trim().ToUpperInvariant(), rec.Fields[si].Trim().ToUpperInvariant(), rec.Fields[ui].Trim());
            if (t.Length == 0 || s.Length == 0 || u.Length == 0) continue;
            if (unknown.TryGetValue((t, s, u.ToUpperInvariant()), out var known)) { known.Rows++; continue; }
            var (siteId, unitId) = directory.Find(t, s, u);
            if (unitId is null && unknown.Count < 500) unknown[(t, s, u.ToUpperInvariant())] = new UnknownUnit(t, s, u, siteId) { Rows = 1 };
        }
        return new FilePreview(header.Fields, columns, first, rows, headerError, unknown.Values.OrderBy(x => x.Trust).ThenBy(x => x.Site).ThenBy(x => x.Unit).ToList());
    }

    private static string Use(string column) => column switch
    {
        "response_id" => "response id (duplicates are recognised by it)",
        "date" => "date received",
        "icb_code" => "integrated care board",
        "trust_code" or "trust_name" => "trust",
        "site_code" or "site_name" => "site",
        "unit" => "ward, team or service",
        "first_speciality" or "second_speciality" => "speciality",
        "setting" => "FFT setting",
        "answer" => "FFT answer",
        "mode" => "mode of collection",
        "comment" => "free text: why",
        "rejected_row" or "rejected_reason" => "from a rejects file (ignored)",
        _ when column.StartsWith("comment_", StringComparison.Ordinal) => $"free text: {column["comment_".Length..]}",
        _ => "kept as extra data",
    };
}

public sealed record UnknownUnit(string Trust, string Site, string Unit, int? SiteId)
{
    public long Rows { get; set; }
}
