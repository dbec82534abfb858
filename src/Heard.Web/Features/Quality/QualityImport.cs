using System.Globalization;
using System.Text.Json.Serialization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Quality;

/// <summary>One unit-month-measure value as it arrived, before it is checked: from a CSV line or an API item.</summary>
public sealed record QualityRowInput(long RowNumber, string RawText, string? TrustCode, string? UnitCode, string? SiteCode, string? UnitName,
    string? Month, string? Measure, string? Value, string? ReadError = null);

public sealed record QualityRowProblem(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("reason")] string Reason);

public static class QualityRowStatuses
{
    /// <summary>The first value for this unit, month and measure.</summary>
    public const string Stored = "stored";
    /// <summary>A different value replaced the one held; the old one is kept as history.</summary>
    public const string Replaced = "replaced";
    /// <summary>The same value was already held: nothing new is stored.</summary>
    public const string Unchanged = "unchanged";
    public const string Rejected = "rejected";
}

/// <summary>What happened to one row: its status and, when rejected, every problem by field.</summary>
public sealed record QualityRowOutcome(
    [property: JsonPropertyName("row")] long RowNumber,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("unit_code")] string? UnitCode,
    [property: JsonPropertyName("month")] string? Month,
    [property: JsonPropertyName("measure")] string? Measure,
    [property: JsonPropertyName("value")] double? Value,
    [property: JsonPropertyName("problems")] IReadOnlyList<QualityRowProblem> Problems);

public sealed record QualityImportResult(
    [property: JsonPropertyName("batch_id")] long? BatchId,
    [property: JsonPropertyName("stored")] int Stored,
    [property: JsonPropertyName("replaced")] int Replaced,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("rejected")] int Rejected,
    [property: JsonPropertyName("rows")] IReadOnlyList<QualityRowOutcome> Rows);

/// <summary>Which column of a quality measures file holds what. Header names in any case and order; a few common synonyms are accepted.</summary>
public sealed class QualityFileLayout
{
    public const string Kind = "quality-measures";

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["unit_code"] = "unit_code", ["ward_code"] = "unit_code",
        ["trust_code"] = "trust_code", ["ods_code"] = "trust_code", ["trust_ods_code"] = "trust_code",
        ["site_code"] = "site_code",
        ["unit"] = "unit", ["unit_name"] = "unit", ["ward"] = "unit", ["ward_name"] = "unit",
        ["month"] = "month", ["period"] = "month",
        ["measure"] = "measure", ["measure_key"] = "measure", ["metric"] = "measure",
        ["value"] = "value",
    };

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    private QualityFileLayout(IReadOnlyList<string> header)
    {
        Header = header;
        for (var i = 0; i < header.Count; i++)
            if (Synonyms.TryGetValue(FftFileLayout.Normalise(header[i]), out var field)) _index.TryAdd(field, i);
    }

    public IReadOnlyList<string> Header { get; }

    public static QualityFileLayout FromHeader(IReadOnlyList<string> header)
    {
        var layout = new QualityFileLayout(header);
        var missing = new[] { "month", "measure", "value" }.Where(f => !layout._index.ContainsKey(f)).ToList();
        if (!layout._index.ContainsKey("unit_code") && !(layout._index.ContainsKey("site_code") && layout._index.ContainsKey("unit") && layout._index.ContainsKey("trust_code")))
            missing.Insert(0, "unit_code (or trust_code, site_code and unit)");
        if (missing.Count > 0)
            throw new ImportHeaderException($"header lacks {string.Join(", ", missing)}; the columns are unit_code, month (yyyy-mm), measure and value, with trust_code optional");
        return layout;
    }

    /// <summary>How a column will be used, for the preview.</summary>
    public static string Use(string column) =>
        Synonyms.TryGetValue(FftFileLayout.Normalise(column), out var field)
            ? field switch
            {
                "unit_code" => "unit code, as on the unit's posters",
                "trust_code" => "trust (ODS code)",
                "site_code" => "site code",
                "unit" => "unit name (with site_code)",
                "month" => "month (yyyy-mm)",
                "measure" => "measure",
                _ => "value",
            }
            : "kept with the original row, not used";

    public QualityRowInput Read(CsvRecord record)
    {
        string? Field(string name) =>
            _index.TryGetValue(name, out var i) && i < record.Fields.Length && record.Fields[i].Trim() is { Length: > 0 } v ? v : null;
        return new QualityRowInput(record.RowNumber, record.RawText, Field("trust_code"), Field("unit_code"), Field("site_code"), Field("unit"),
            Field("month"), Field("measure"), Field("value"));
    }
}

/// <summary>
/// Checks and stores quality measure values. Per unit, month and measure the newest value wins: the value held is
/// marked superseded (never deleted) and the new one stored beside it; sending the same value again stores nothing.
/// Each row is kept verbatim as an imported_row with what happened to it; a rejected row names every field at fault.
/// </summary>
public sealed class QualityImporter(HeardDbContext db)
{
    private sealed record CheckedRow(QualityRowInput Input, Unit? Unit, int Month, QualityMeasure? Measure, double Value, List<QualityRowProblem> Problems);

    /// <summary>Checks rows without writing anything, e.g. for the preview.</summary>
    public async Task<QualityImportResult> CheckAsync(IReadOnlyList<QualityRowInput> rows, HashSet<int>? scope, CancellationToken ct)
    {
        var checkedRows = await CheckRowsAsync(rows, scope, ct);
        var outcomes = checkedRows.Select(c => Outcome(c, c.Problems.Count > 0 ? QualityRowStatuses.Rejected : QualityRowStatuses.Stored)).ToList();
        return Summarise(null, outcomes);
    }

    /// <summary>
    /// Checks and stores the rows in one transaction. <paramref name="keepRejectedRows"/>: whether rejected rows are kept
    /// (for files, so they wait in the quarantine); an API caller is told about each rejected item instead.
    /// </summary>
    public async Task<QualityImportResult> ImportAsync(string channel, string fileName, string fingerprint, string headerLine,
        IReadOnlyList<QualityRowInput> rows, HashSet<int>? scope, string? userName, bool keepRejectedRows, CancellationToken ct)
    {
        var checkedRows = await CheckRowsAsync(rows, scope, ct);
        var now = DateTime.UtcNow;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var batch = new ImportBatch
            {
                Kind = QualityFileLayout.Kind, FileName = fileName, FileSha256 = fingerprint, HeaderLine = headerLine,
                Status = ImportStatuses.Completed, StartedAt = now, CompletedAt = now, StartedBy = userName,
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);

            var units = checkedRows.Where(c => c.Unit is not null).Select(c => c.Unit!.Id).Distinct().ToList();
            var current = new Dictionary<(int Unit, int Month, int Measure), QualityValue>();
            foreach (var v in await db.QualityValues.Where(v => units.Contains(v.UnitId) && v.SupersededAt == null).ToListAsync(ct))
                current[(v.UnitId, v.Month, v.QualityMeasureId)] = v;

            var outcomes = new List<QualityRowOutcome>(checkedRows.Count);
            var stored = new List<(ImportedRow Row, QualityValue Value)>();
            foreach (var c in checkedRows)
            {
                string status;
                if (c.Problems.Count > 0)
                {
                    status = QualityRowStatuses.Rejected;
                    if (keepRejectedRows)
                        db.ImportedRows.Add(new ImportedRow
                        {
                            ImportBatchId = batch.Id, RowNumber = c.Input.RowNumber, RawText = c.Input.RawText, Status = RowStatuses.Rejected,
                            Reason = string.Join("; ", c.Problems.Select(p => $"{p.Field}: {p.Reason}")),
                        });
                    outcomes.Add(Outcome(c, status));
                    continue;
                }
                var key = (c.Unit!.Id, c.Month, c.Measure!.Id);
                current.TryGetValue(key, out var held);
                if (held is not null && held.Value == c.Value)
                {
                    status = QualityRowStatuses.Unchanged;
                    db.ImportedRows.Add(new ImportedRow
                    {
                        ImportBatchId = batch.Id, RowNumber = c.Input.RowNumber, RawText = c.Input.RawText, Status = RowStatuses.Duplicate,
                        Reason = "the same value is already held",
                    });
                }
                else
                {
                    status = held is null ? QualityRowStatuses.Stored : QualityRowStatuses.Replaced;
                    // A value added earlier in this same batch is not in the database yet: it goes in already superseded.
                    if (held is not null) held.SupersededAt = now;
                    var row = new ImportedRow { ImportBatchId = batch.Id, RowNumber = c.Input.RowNumber, RawText = c.Input.RawText, Status = RowStatuses.Imported };
                    db.ImportedRows.Add(row);
                    var value = new QualityValue
                    {
                        QualityMeasureId = c.Measure.Id, TrustId = c.Unit.TrustId, UnitId = c.Unit.Id, Month = c.Month, Value = c.Value,
                        Channel = channel, RecordedAt = now, RecordedBy = userName,
                    };
                    stored.Add((row, value));
                    current[key] = value;
                }
                outcomes.Add(Outcome(c, status));
            }
            // Supersede first, so the one-current-value index never sees two current values for a key.
            await db.SaveChangesAsync(ct);
            foreach (var (row, value) in stored)
            {
                value.ImportedRowId = row.Id;
                db.QualityValues.Add(value);
            }
            var result = Summarise(batch.Id, outcomes);
            batch.RowsCommitted = rows.Count;
            batch.Imported = result.Stored + result.Replaced;
            batch.Duplicates = result.Unchanged;
            batch.Rejected = result.Rejected;
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserName = userName, Action = "import", Entity = "quality_value", EntityId = batch.Id.ToString(CultureInfo.InvariantCulture),
                Detail = $"{fileName}: stored {result.Stored}, replaced {result.Replaced}, unchanged {result.Unchanged}, rejected {result.Rejected}",
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return result;
        });
    }

    /// <summary>Re-submits a corrected rejected row from the quarantine; null on success, or why it is still not acceptable.</summary>
    public async Task<string?> ResubmitAsync(ImportedRow row, IReadOnlyList<string> header, CsvRecord corrected, string user, CancellationToken ct)
    {
        QualityFileLayout layout;
        try { layout = QualityFileLayout.FromHeader(header); }
        catch (ImportHeaderException e) { return e.Message; }
        var c = (await CheckRowsAsync([layout.Read(corrected)], null, ct))[0];
        if (c.Problems.Count > 0) return string.Join("; ", c.Problems.Select(p => $"{p.Field}: {p.Reason}"));
        var now = DateTime.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var held = await db.QualityValues.FirstOrDefaultAsync(v => v.UnitId == c.Unit!.Id && v.Month == c.Month && v.QualityMeasureId == c.Measure!.Id && v.SupersededAt == null, ct);
        if (held is null || held.Value != c.Value)
        {
            if (held is not null)
            {
                held.SupersededAt = now;
                await db.SaveChangesAsync(ct);
            }
            db.QualityValues.Add(new QualityValue
            {
                QualityMeasureId = c.Measure!.Id, TrustId = c.Unit!.TrustId, UnitId = c.Unit.Id, Month = c.Month, Value = c.Value,
                Channel = QualityChannels.File, RecordedAt = now, RecordedBy = user, ImportedRowId = row.Id,
            });
        }
        row.Status = RowStatuses.Resubmitted;
        row.CorrectedText = corrected.RawText;
        row.CorrectedBy = user;
        row.CorrectedAt = now;
        db.AuditEntries.Add(new AuditEntry { At = now, UserName = user, Action = "update", Entity = "imported_row", EntityId = row.Id.ToString(CultureInfo.InvariantCulture), Detail = "corrected and re-submitted" });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    private static QualityImportResult Summarise(long? batchId, List<QualityRowOutcome> outcomes) =>
        new(batchId, outcomes.Count(o => o.Status == QualityRowStatuses.Stored), outcomes.Count(o => o.Status == QualityRowStatuses.Replaced),
            outcomes.Count(o => o.Status == QualityRowStatuses.Unchanged), outcomes.Count(o => o.Status == QualityRowStatuses.Rejected), outcomes);

    private static QualityRowOutcome Outcome(CheckedRow c, string status) =>
        new(c.Input.RowNumber, status, c.Unit?.Code ?? c.Input.UnitCode ?? c.Input.UnitName,
            c.Month > 0 ? $"{c.Month / 100:0000}-{c.Month % 100:00}" : c.Input.Month, c.Measure?.Key ?? c.Input.Measure,
            c.Problems.Count == 0 ? c.Value : null, c.Problems);

    private async Task<List<CheckedRow>> CheckRowsAsync(IReadOnlyList<QualityRowInput> rows, HashSet<int>? scope, CancellationToken ct)
    {
        var measures = await db.QualityMeasures.AsNoTracking().ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Include(u => u.Trust).ToListAsync(ct);
        var byCode = units.GroupBy(u => u.Code.Trim().ToUpperInvariant()).ToDictionary(g => g.Key, g => g.ToList());
        var byId = units.ToDictionary(u => u.Id);
        OrganisationDirectory? directory = null;
        var thisMonth = DateTime.UtcNow.Year * 100 + DateTime.UtcNow.Month;
        var result = new List<CheckedRow>(rows.Count);
        foreach (var row in rows)
        {
            var problems = new List<QualityRowProblem>();
            void Add(string field, string reason) => problems.Add(new QualityRowProblem(field, reason));
            if (row.ReadError is not null)
            {
                Add("row", $"could not be read as CSV: {row.ReadError}");
                result.Add(new CheckedRow(row, null, 0, null, 0, problems));
                continue;
            }

            Unit? unit = null;
            if (row.UnitCode is { } code)
            {
                var candidates = byCode.GetValueOrDefault(code.ToUpperInvariant()) ?? [];
                if (row.TrustCode is { } trustCode)
                {
                    var inTrust = candidates.Where(u => string.Equals(u.Trust?.OdsCode, trustCode, StringComparison.OrdinalIgnoreCase)).ToList();
                    if (inTrust.Count == 0 && units.All(u => !string.Equals(u.Trust?.OdsCode, trustCode, StringComparison.OrdinalIgnoreCase)))
                        Add("trust_code", $"'{trustCode}' is not a trust in Heard");
                    else if (inTrust.Count == 0) Add("unit_code", $"'{code}' is not a unit code of trust {trustCode.ToUpperInvariant()}");
                    else unit = inTrust[0];
                }
                else
                {
                    // Without a trust, a code used by units the importer may see is enough; ambiguity is named, not guessed.
                    var visible = candidates.Where(u => scope is null || scope.Contains(u.Id)).ToList();
                    if (candidates.Count == 0) Add("unit_code", $"'{code}' is not a unit code in Heard (it is printed on the unit's posters and shown under Organisation)");
                    else if (visible.Count > 1) Add("trust_code", $"unit code '{code}' is used by more than one trust: give trust_code");
                    else unit = visible.Count == 1 ? visible[0] : candidates[0];
                }
            }
            else if (row.UnitName is { } name && row.SiteCode is { } site && row.TrustCode is { } trust)
            {
                directory ??= await OrganisationDirectory.LoadAsync(db, createMissing: false, ct);
                var (siteId, unitId) = directory.Find(trust, site, name);
                if (siteId is null) Add("site_code", $"'{site}' is not a site of trust '{trust}' in Heard");
                else if (unitId is null) Add("unit", $"'{name}' is not a known unit at site {site}; map the name to a unit under Organisation > unit > aliases");
                else unit = byId.GetValueOrDefault(unitId.Value);
            }
            else Add("unit_code", "Give the unit's code (or trust_code, site_code and the unit's name)");
            if (unit is not null && scope is not null && !scope.Contains(unit.Id))
            {
                Add(row.UnitCode is null ? "unit" : "unit_code", $"'{row.UnitCode ?? row.UnitName}' is not in the part of the organisation you may import for");
                unit = null;
            }

            var month = 0;
            if (row.Month is not { } monthText) Add("month", "Give the month as yyyy-mm, for example 2026-03");
            else if (!DateOnly.TryParseExact(monthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
                Add("month", $"'{monthText}' is not a month: use yyyy-mm, for example 2026-03");
            else if (first.Year * 100 + first.Month > thisMonth) Add("month", $"{monthText} has not happened yet");
            else if (first.Year < 2000) Add("month", $"{monthText} is too long ago");
            else month = first.Year * 100 + first.Month;

            QualityMeasure? measure = null;
            if (row.Measure is not { } measureText) Add("measure", $"Give the measure: one of {string.Join(", ", measures.OrderBy(m => m.SortOrder).Select(m => m.Key))}");
            else
            {
                measure = measures.FirstOrDefault(m => string.Equals(m.Key, measureText.Replace(' ', '_'), StringComparison.OrdinalIgnoreCase))
                    ?? measures.FirstOrDefault(m => string.Equals(m.Name, measureText, StringComparison.OrdinalIgnoreCase));
                if (measure is null)
                    Add("measure", $"'{measureText}' is not a measure Heard holds; use one of {string.Join(", ", measures.OrderBy(m => m.SortOrder).Select(m => m.Key))}");
            }

            double value = 0;
            if (row.Value is not { } valueText) Add("value", "Give the value as a number");
            else if (!double.TryParse(valueText.TrimEnd('%', ' '), NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
                Add("value", $"'{valueText}' is not a number (use a full stop for decimals, no thousands separators)");
            else if (measure is not null)
            {
                var unitOfMeasure = measure.UnitOfMeasure == "%" ? "%" : " " + measure.UnitOfMeasure;
                if (measure.Minimum is double min && value < min) Add("value", $"{valueText} is below {min.ToString(CultureInfo.InvariantCulture)}{unitOfMeasure}, the lowest {measure.Name} can be");
                if (measure.Maximum is double max && value > max) Add("value", $"{valueText} is above {max.ToString(CultureInfo.InvariantCulture)}{unitOfMeasure}, the highest {measure.Name} can be");
            }
            result.Add(new CheckedRow(row, unit, month, measure, value, problems));
        }
        return result;
    }
}
