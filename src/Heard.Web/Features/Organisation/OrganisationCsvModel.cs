namespace Heard.Web.Features.Organisation;

/// <summary>One unit as a row of the organisation file, already checked for form (not yet against the database).</summary>
public sealed record OrganisationCsvRow(
    int RowNumber,
    string? IcbCode,
    string? IcbName,
    string TrustCode,
    string? TrustName,
    string SiteCode,
    string? SiteName,
    string? Division,
    string? Directorate,
    string UnitCode,
    string UnitName,
    string UnitKind,
    IReadOnlyList<string> Settings,
    string? FirstSpeciality,
    string? SecondSpeciality,
    DateOnly? ClosedOn,
    string? MergedIntoUnitCode);

/// <summary>A problem with one row (or, with row number 0, with the file), naming the column at fault.</summary>
public sealed record OrganisationCsvProblem(int RowNumber, string Field, string Message)
{
    public override string ToString() => RowNumber > 0 ? $"Row {RowNumber}: {Field}: {Message}" : $"{Field}: {Message}";
}

/// <summary>What a row does to its unit: created, or the list of what changes.</summary>
public sealed record OrganisationCsvChange(int RowNumber, string TrustCode, string UnitCode, string UnitName, bool IsNew, IReadOnlyList<string> Changes);

/// <summary>A parsed organisation file: the rows fit to apply and the problems found in the rest.</summary>
public sealed class OrganisationCsvPlan
{
    public required IReadOnlyList<OrganisationCsvRow> Rows { get; init; }
    public required IReadOnlyList<OrganisationCsvProblem> Problems { get; init; }
    /// <summary>Data rows read, good and bad.</summary>
    public int RowCount { get; init; }
    /// <summary>False when the file itself cannot be used (empty, or a required column missing); nothing is applied then.</summary>
    public bool HeaderIsUsable { get; init; }
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];
    /// <summary>The date renames and moves found in the file take effect from (closures use their own closed_on).</summary>
    public DateOnly EffectiveFrom { get; set; } = DateOnly.FromDateTime(DateTime.UtcNow);
    /// <summary>Trusts the person importing may change; null for the whole installation (which may also add trusts).</summary>
    public HashSet<int>? TrustScope { get; set; }
}

/// <summary>What a preview found, or what applying did.</summary>
public sealed class OrganisationCsvResult
{
    public bool Applied { get; init; }
    public List<OrganisationCsvChange> Created { get; } = [];
    public List<OrganisationCsvChange> Updated { get; } = [];
    public int Unchanged { get; set; }
    /// <summary>Trusts, sites, divisions, directorates and ICBs added or renamed on the way.</summary>
    public List<string> OrganisationChanges { get; } = [];
    /// <summary>Every problem, from reading the file and from checking it against the database; those rows are skipped.</summary>
    public List<OrganisationCsvProblem> Problems { get; } = [];
    public int RowsWithProblems => Problems.Where(p => p.RowNumber > 0).Select(p => p.RowNumber).Distinct().Count();
}
