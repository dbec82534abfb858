namespace Heard.Data.Model;

public static class ImportStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>One run of an import over one file. A run that stops part-way is resumed by importing the same file again.</summary>
public sealed class ImportBatch
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string FileSha256 { get; set; }
    public string HeaderLine { get; set; } = "";
    public string Status { get; set; } = ImportStatuses.Running;
    public DateTime StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    /// <summary>Data rows read and committed so far; a resumed import skips these.</summary>
    public long RowsCommitted { get; set; }
    public long Imported { get; set; }
    public long Rejected { get; set; }
    public long Duplicates { get; set; }
    public string? StartedBy { get; set; }
}

public static class RowStatuses
{
    public const string Imported = "imported";
    public const string Rejected = "rejected";
    public const string Duplicate = "duplicate";
    /// <summary>A rejected row that staff corrected and re-submitted successfully.</summary>
    public const string Resubmitted = "resubmitted";
    /// <summary>A rejected row that staff chose not to import, with a reason.</summary>
    public const string Dismissed = "dismissed";
}

/// <summary>
/// A data row exactly as it arrived, never changed. Rejected rows form the quarantine; a correction is stored
/// beside the original, not over it.
/// </summary>
public sealed class ImportedRow
{
    public long Id { get; set; }
    public long ImportBatchId { get; set; }
    /// <summary>Line number in the file, counting the header as row 1.</summary>
    public long RowNumber { get; set; }
    public required string RawText { get; set; }
    public required string Status { get; set; }
    public string? Reason { get; set; }
    public string? CorrectedText { get; set; }
    public string? CorrectedBy { get; set; }
    public DateTime? CorrectedAt { get; set; }
    public long? FeedbackRecordId { get; set; }
}
