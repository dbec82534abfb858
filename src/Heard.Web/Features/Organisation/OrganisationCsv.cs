using System.Globalization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

/// <summary>
/// The organisation as one flat CSV file, one row per unit: read, checked, previewed and applied; and written out.
/// Applying creates what is missing and updates units matched by trust_code + unit_code; name and placement changes
/// go through <see cref="UnitLifecycle"/> so history is versioned. It never deletes. No HTTP here: the CLI uses it too.
/// </summary>
public static class OrganisationCsv
{
    public static readonly string[] Columns =
    [
        "icb_code", "icb_name", "trust_code", "trust_name", "site_code", "site_name", "division", "directorate",
        "unit_code", "unit_name", "unit_kind", "settings", "first_speciality", "second_speciality", "closed_on", "merged_into_unit_code",
    ];

    public static readonly string[] RequiredColumns = ["trust_code", "site_code", "unit_code", "unit_name"];

    public const int MaxRows = 100_000;

    /// <summary>ODS codes of trusts: 3 to 5 capital letters or digits (e.g. RXX, RA7, R1H).</summary>
    public static bool IsOdsCode(string? code) => code is { Length: >= 3 and <= 5 } && code.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    /// <summary>Site and ICB codes: letters, digits and hyphens, up to 20.</summary>
    public static bool IsShortCode(string? code) => code is { Length: >= 1 and <= 20 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    // ------------------------------------------------------------------ reading

    /// <summary>
    /// A file's text: UTF-16 when it says so, UTF-8 when it is valid UTF-8, otherwise Windows-1252, which is what a
    /// spreadsheet saved as plain "CSV" on Windows writes.
    /// </summary>
    public static string DecodeFile(byte[] bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return System.Text.Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return System.Text.Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        return Import.CsvRecordReader.Decode(bytes);
    }

    public static OrganisationCsvPlan Parse(TextReader reader)
    {
        var problems = new List<OrganisationCsvProblem>();
        var rows = new List<OrganisationCsvRow>();
        using var records = CsvText.Read(reader).GetEnumerator();
        if (!records.MoveNext())
            return Unusable(new OrganisationCsvProblem(0, "file", "The file is empty; it needs a header row: " + string.Join(',', Columns)));

        var header = records.Current;
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ignored = new List<string>();
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant();
            if (name.Length == 0) continue;
            if (!Columns.Contains(name)) { ignored.Add(name); continue; }
            if (!index.TryAdd(name, i))
                return Unusable(new OrganisationCsvProblem(1, name, "this column appears twice in the header"));
        }
        var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return Unusable(new OrganisationCsvProblem(1, string.Join(", ", missing),
                $"missing from the header row (expected columns: {string.Join(',', Columns)})"));
        }

        // Facts about a trust, site or ICB must agree wherever the file repeats them.
        var trustFacts = new Dictionary<string, (string? Icb, string? Name, int Row)>(StringComparer.OrdinalIgnoreCase);
        var siteNames = new Dictionary<(string, string), (string? Name, int Row)>();
        var icbNames = new Dictionary<string, (string? Name, int Row)>(StringComparer.OrdinalIgnoreCase);
        var unitRows = new Dictionary<(string, string), int>();
        var count = 0;
        while (records.MoveNext())
        {
            var rec = records.Current;
            count++;
            if (count > MaxRows)
            {
                problems.Add(new OrganisationCsvProblem(rec.LineNumber, "file", $"more than {MaxRows:N0} rows; split the file"));
                break;
            }
            var before = problems.Count;
            var row = ParseRow(rec, index, header.Fields.Count, problems);
            if (row is null || problems.Count > before) continue;

            if (row.IcbCode is not null)
            {
                if (icbNames.TryGetValue(row.IcbCode, out var icb))
                {
                    if (row.IcbName is not null && icb.Name is not null && row.IcbName != icb.Name)
                        problems.Add(new(row.RowNumber, "icb_name", $"'{row.IcbName}' differs from '{icb.Name}' given for ICB {row.IcbCode} on row {icb.Row}"));
                    else if (icb.Name is null && row.IcbName is not null) icbNames[row.IcbCode] = (row.IcbName, row.RowNumber);
                }
                else icbNames[row.IcbCode] = (row.IcbName, row.RowNumber);
            }
            if (trustFacts.TryGetValue(row.TrustCode, out var trust))
            {
                if (row.IcbCode is not null && trust.Icb is not null && row.IcbCode != trust.Icb)
                    problems.Add(new(row.RowNumber, "icb_code", $"'{row.IcbCode}' differs from '{trust.Icb}' given for trust {row.TrustCode} on row {trust.Row}"));
                if (row.TrustName is not null && trust.Name is not null && row.TrustName != trust.Name)
                    problems.Add(new(row.RowNumber, "trust_name", $"'{row.TrustName}' differs from '{trust.Name}' given for trust {row.TrustCode} on row {trust.Row}"));
                trustFacts[row.TrustCode] = (trust.Icb ?? row.IcbCode, trust.Name ?? row.TrustName, trust.Row);
            }
            else trustFacts[row.TrustCode] = (row.IcbCode, row.TrustName, row.RowNumber);
            var siteKey = (row.TrustCode, row.SiteCode);
            if (siteNames.TryGetValue(siteKey, out var site))
            {
                if (row.SiteName is not null && site.Name is not null && row.SiteName != site.Name)
                    problems.Add(new(row.RowNumber, "site_name", $"'{row.SiteName}' differs from '{site.Name}' given for site {row.SiteCode} on row {site.Row}"));
                else if (site.Name is null && row.SiteName is not null) siteNames[siteKey] = (row.SiteName, row.RowNumber);
            }
            else siteNames[siteKey] = (row.SiteName, row.RowNumber);
            var unitKey = (row.TrustCode, row.UnitCode.ToUpperInvariant());
            if (unitRows.TryGetValue(unitKey, out var firstRow))
                problems.Add(new(row.RowNumber, "unit_code", $"'{row.UnitCode}' of trust {row.TrustCode} is already on row {firstRow}"));
            else unitRows[unitKey] = row.RowNumber;

            if (problems.Count == before) rows.Add(row);
        }
        return new OrganisationCsvPlan { Rows = rows, Problems = problems, RowCount = count, HeaderIsUsable = true, IgnoredColumns = ignored };

        static OrganisationCsvPlan Unusable(OrganisationCsvProblem p) =>
            new() { Rows = [], Problems = [p], RowCount = 0, HeaderIsUsable = false };
    }

    private static OrganisationCsvRow? ParseRow(CsvText.Record rec, Dictionary<string, int> index, int headerWidth, List<OrganisationCsvProblem> problems)
    {
        var n = rec.LineNumber;
        if (rec.Error is not null)
        {
            problems.Add(new(n, "row", rec.Error));
            return null;
        }
        if (rec.Fields.Count < headerWidth && index.Values.Any(i => i >= rec.Fields.Count))
        {
            problems.Add(new(n, "row", $"has {rec.Fields.Count} values but the header has {headerWidth} columns"));
            return null;
        }
        if (rec.Fields.Count > headerWidth && rec.Fields.Skip(headerWidth).Any(f => f.Length > 0))
        {
            problems.Add(new(n, "row", $"has {rec.Fields.Count} values but the header has {headerWidth} columns (is a comma missing its quotes?)"));
            return null;
        }

        string? Get(string column)
        {
            if (!index.TryGetValue(column, out var i) || i >= rec.Fields.Count) return null;
            var v = CsvText.Undefuse(rec.Fields[i].Trim());
            return v.Length == 0 ? null : v;
        }
        void Problem(string field, string message) => problems.Add(new(n, field, message));
        string? Checked(string column, Func<string?, string> check)
        {
            try { return check(Get(column)); }
            catch (UnitChangeException e) { Problem(column, e.Message); return null; }
        }

        var icbCode = Get("icb_code")?.ToUpperInvariant();
        if (icbCode is not null && !IsShortCode(icbCode)) Problem("icb_code", $"'{icbCode}' is not an ICB code (letters and numbers, e.g. QE1)");
        var icbName = Get("icb_name") is { } icbN ? Checked("icb_name", _ => UnitLifecycle.CheckName(icbN, "icb_name")) : null;
        if (icbName is not null && icbCode is null) Problem("icb_code", "needed when icb_name is given");

        var trustCode = Get("trust_code")?.ToUpperInvariant();
        if (trustCode is null) Problem("trust_code", "missing; give the trust's ODS code, e.g. RXX");
        else if (!IsOdsCode(trustCode)) Problem("trust_code", $"'{trustCode}' is not an ODS code (3 to 5 capital letters or numbers)");
        var trustName = Get("trust_name") is { } tn ? Checked("trust_name", _ => UnitLifecycle.CheckName(tn, "trust_name")) : null;

        var siteCode = Get("site_code")?.ToUpperInvariant();
        if (siteCode is null) Problem("site_code", "missing; give the site's ODS code, e.g. RXX01");
        else if (!IsShortCode(siteCode)) Problem("site_code", $"'{siteCode}' is not a site code (up to 20 letters, numbers or hyphens)");
        var siteName = Get("site_name") is { } sn ? Checked("site_name", _ => UnitLifecycle.CheckName(sn, "site_name")) : null;

        var division = Get("division") is { } dv ? Checked("division", _ => UnitLifecycle.CheckName(dv, "division")) : null;
        var directorate = Get("directorate") is { } dr ? Checked("directorate", _ => UnitLifecycle.CheckName(dr, "directorate")) : null;
        if (directorate is not null && Get("division") is null) Problem("division", "needed when a directorate is given (a directorate sits within a division)");

        var unitCode = Get("unit_code") is null ? null : Checked("unit_code", v => UnitLifecycle.CheckCode(v, "unit_code"));
        if (Get("unit_code") is null) Problem("unit_code", "missing; give the unit's code (it is how a row finds its unit again)");
        var unitName = Get("unit_name") is null ? null : Checked("unit_name", v => UnitLifecycle.CheckName(v, "unit_name"));
        if (Get("unit_name") is null) Problem("unit_name", "missing");
        var kind = Checked("unit_kind", v => UnitLifecycle.CheckKind(v, "unit_kind")) ?? UnitKinds.Ward;

        var settings = new List<string>();
        foreach (var s in (Get("settings") ?? "").Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Heard.Analysis.Fft.FftSettings.IsKnown(s))
            {
                var hint = s.Contains(',') ? " (separate settings with |, not commas)" : "";
                Problem("settings", $"'{s}' is not an FFT setting{hint}");
                continue;
            }
            var code = Heard.Analysis.Fft.FftSettings.Normalise(s);
            if (!settings.Contains(code)) settings.Add(code);
        }
        var first = Checked("first_speciality", v => UnitLifecycle.Optional(v, "first_speciality") ?? "");
        var second = Checked("second_speciality", v => UnitLifecycle.Optional(v, "second_speciality") ?? "");

        DateOnly? closedOn = null;
        if (Get("closed_on") is { } closedText)
        {
            if (TryParseDate(closedText, out var d)) closedOn = d;
            else Problem("closed_on", $"'{closedText}' is not a date (use yyyy-mm-dd)");
        }
        var mergedInto = Get("merged_into_unit_code");
        if (mergedInto is not null)
        {
            if (closedOn is null && Get("closed_on") is null) Problem("closed_on", "needed when merged_into_unit_code is given (the date of the merge)");
            if (unitCode is not null && string.Equals(mergedInto, unitCode, StringComparison.OrdinalIgnoreCase))
                Problem("merged_into_unit_code", "a unit cannot be merged into itself");
        }

        if (trustCode is null || siteCode is null || unitCode is null || unitName is null) return null;
        return new OrganisationCsvRow(n, icbCode, icbName, trustCode, trustName, siteCode, siteName, division, directorate, unitCode, unitName,
            kind, settings, NullIfEmpty(first), NullIfEmpty(second), closedOn, mergedInto);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    // ------------------------------------------------------------------ checking and applying

    /// <summary>Checks the plan against the database and says what applying would do; writes nothing.</summary>
    public static async Task<OrganisationCsvResult> PreviewAsync(HeardDbContext db, OrganisationCsvPlan plan, CancellationToken ct)
    {
        var run = await Run.LoadAsync(db, plan, audit: null, ct);
        await run.ExecuteAsync(ct);
        return run.Result;
    }

    /// <summary>
    /// Applies every row without a problem, in one transaction. Rows with problems (found when reading, or now against
    /// the database) are skipped and listed in the result.
    /// </summary>
    public static async Task<OrganisationCsvResult> ApplyAsync(HeardDbContext db, OrganisationCsvPlan plan, Audit audit, CancellationToken ct)
    {
        if (!plan.HeaderIsUsable)
        {
            var none = new OrganisationCsvResult { Applied = false };
            none.Problems.AddRange(plan.Problems);
            return none;
        }
        await using var tx = await UnitLifecycle.BeginAsync(db, ct);
        try
        {
            var run = await Run.LoadAsync(db, plan, audit, ct);
            await run.ExecuteAsync(ct);
            var r = run.Result;
            audit.Record(Audit.Actions.Import, "organisation", null,
                $"organisation CSV: {r.Created.Count} units created, {r.Updated.Count} updated, {r.Unchanged} unchanged, {r.RowsWithProblems} rows skipped; effective from {plan.EffectiveFrom:yyyy-MM-dd}");
            await db.SaveChangesAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
            return r;
        }
        catch
        {
            // Nothing was kept, so nothing tracked may be saved later by accident.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>
    /// One pass over the plan. Without an audit it is a dry run: entities are loaded untracked, new ones get
    /// negative ids, and changes are made only in memory, so the preview follows exactly the same decisions.
    /// </summary>
    private sealed class Run
    {
        private readonly HeardDbContext _db;
        private readonly OrganisationCsvPlan _plan;
        private readonly Audit? _audit;
        private bool Write => _audit is not null;
        private int _nextTempId = -1;

        private readonly Dictionary<string, Icb> _icbs = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Trust> _trusts = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<(int, string), Site> _sites = new();
        private readonly Dictionary<int, Site> _siteById = new();
        private readonly Dictionary<(int, string), Division> _divisions = new();
        private readonly Dictionary<int, Division> _divisionById = new();
        private readonly Dictionary<(int, string), Directorate> _directorates = new();
        private readonly Dictionary<int, Directorate> _directorateById = new();
        private readonly Dictionary<(int, string), Unit> _units = new();
        private readonly Dictionary<int, Unit> _unitById = new();
        /// <summary>When each open unit's current version began; the earliest date a rename or move may take effect.</summary>
        private readonly Dictionary<int, DateOnly> _openFrom = new();
        private readonly List<UnitAlias> _aliases = [];

        public OrganisationCsvResult Result { get; }

        private Run(HeardDbContext db, OrganisationCsvPlan plan, Audit? audit)
        {
            _db = db;
            _plan = plan;
            _audit = audit;
            Result = new OrganisationCsvResult { Applied = audit is not null };
            Result.Problems.AddRange(plan.Problems);
        }

        public static async Task<Run> LoadAsync(HeardDbContext db, OrganisationCsvPlan plan, Audit? audit, CancellationToken ct)
        {
            var r = new Run(db, plan, audit);
            IQueryable<T> Q<T>(IQueryable<T> q) where T : class => audit is null ? q.AsNoTracking() : q;
            foreach (var i in await Q(db.Icbs).ToListAsync(ct)) r._icbs[i.Code] = i;
            foreach (var t in await Q(db.Trusts).ToListAsync(ct)) r._trusts[t.OdsCode] = t;
            foreach (var s in await Q(db.Sites).ToListAsync(ct)) r.Add(s);
            foreach (var d in await Q(db.Divisions).ToListAsync(ct)) r.Add(d);
            foreach (var d in await Q(db.Directorates).ToListAsync(ct)) r.Add(d);
            foreach (var u in await Q(db.Units).ToListAsync(ct)) r.Add(u);
            var versions = await db.UnitVersions.AsNoTracking().ToListAsync(ct);
            foreach (var g in versions.GroupBy(v => v.UnitId))
            {
                var open = g.Where(v => v.ValidTo is null).OrderByDescending(v => v.ValidFrom).FirstOrDefault();
                r._openFrom[g.Key] = open?.ValidFrom ?? g.Max(v => v.ValidTo ?? v.ValidFrom);
            }
            r._aliases.AddRange(await db.UnitAliases.AsNoTracking().ToListAsync(ct));
            return r;
        }

        private void Add(Site s) { _sites[(s.TrustId, s.Code.ToUpperInvariant())] = s; _siteById[s.Id] = s; }
        private void Add(Division d) { _divisions[(d.TrustId, UnitLifecycle.NameKey(d.Name))] = d; _divisionById[d.Id] = d; }
        private void Add(Directorate d) { _directorates[(d.DivisionId, UnitLifecycle.NameKey(d.Name))] = d; _directorateById[d.Id] = d; }
        private void Add(Unit u) { _units[(u.TrustId, u.Code.ToUpperInvariant())] = u; _unitById[u.Id] = u; }

        private DateOnly OpenFrom(Unit u) => _openFrom.TryGetValue(u.Id, out var d) ? d : UnitLifecycle.Beginning;

        public async Task ExecuteAsync(CancellationToken ct)
        {
            if (!_plan.HeaderIsUsable) return;
            var closures = new List<(OrganisationCsvRow Row, Unit Unit, OrganisationCsvChange Change)>();
            var fileUnits = _plan.Rows.Select(r => (r.TrustCode.ToUpperInvariant(), r.UnitCode.ToUpperInvariant())).ToHashSet();
            foreach (var row in _plan.Rows)
            {
                try
                {
                    var (unit, change) = await ApplyRowAsync(row, fileUnits, ct);
                    if (unit is null) continue;
                    if (row.ClosedOn is not null && unit.ClosedOn is null) closures.Add((row, unit, change!));
                    else Record(change);
                }
                catch (UnitChangeException e)
                {
                    Result.Problems.Add(new(row.RowNumber, CsvField(e.Field), e.Message));
                }
            }
            // Closures and merges last, earliest first, so a merge target named later in the file already exists.
            foreach (var (row, unit, change) in closures.OrderBy(c => c.Row.ClosedOn))
            {
                try
                {
                    var closedOn = row.ClosedOn!.Value;
                    UnitLifecycle.CheckEndDate(new UnitVersion { Name = unit.Name, ValidFrom = OpenFrom(unit) }, closedOn, "closed_on");
                    var changes = change.Changes.ToList();
                    if (row.MergedIntoUnitCode is { } targetCode)
                    {
                        if (!_units.TryGetValue((unit.TrustId, targetCode.ToUpperInvariant()), out var target))
                            throw new UnitChangeException("merged_into_unit_code", $"'{targetCode}' is not a unit of trust {row.TrustCode}");
                        if (target.ClosedOn is not null)
                            throw new UnitChangeException("merged_into_unit_code", $"'{target.Code}' ({target.Name}) is closed; merge into an open unit");
                        if (Write) await UnitLifecycle.MergeAsync(_db, unit, target, closedOn, _audit!, ct);
                        else { unit.ClosedOn = closedOn; unit.MergedIntoUnitId = target.Id; }
                        changes.Add($"merged into {target.Code} ({target.Name}) on {closedOn:yyyy-MM-dd}");
                    }
                    else
                    {
                        if (Write) await UnitLifecycle.CloseAsync(_db, unit, closedOn, _audit!, ct);
                        else unit.ClosedOn = closedOn;
                        changes.Add($"closed on {closedOn:yyyy-MM-dd}");
                    }
                    _openFrom.Remove(unit.Id);
                    Record(change with { Changes = changes });
                }
                catch (UnitChangeException e)
                {
                    Result.Problems.Add(new(row.RowNumber, CsvField(e.Field), e.Message + (change.Changes.Count > 0 && !change.IsNew
                        ? "; the row's other changes are still made" : change.IsNew ? "; the unit is still created, open" : "")));
                    Record(change);
                }
            }
            Result.Problems.Sort((a, b) => a.RowNumber.CompareTo(b.RowNumber));
        }

        private void Record(OrganisationCsvChange? change)
        {
            if (change is null) return;
            if (change.IsNew) Result.Created.Add(change);
            else if (change.Changes.Count > 0) Result.Updated.Add(change);
            else Result.Unchanged++;
        }

        private static string CsvField(string field) => field switch
        {
            "name" => "unit_name",
            "code" => "unit_code",
            "siteId" => "site_code",
            "divisionId" => "division",
            "directorateId" => "directorate",
            "effectiveFrom" => "effective date",
            "targetUnitId" => "merged_into_unit_code",
            "closedOn" => "closed_on",
            "kind" => "unit_kind",
            "firstSpeciality" => "first_speciality",
            "secondSpeciality" => "second_speciality",
            "unit" => "closed_on",
            _ => field,
        };

        /// <summary>Checks a row fully before changing anything, then makes its changes (all but closure).</summary>
        private async Task<(Unit? Unit, OrganisationCsvChange? Change)> ApplyRowAsync(OrganisationCsvRow row, HashSet<(string, string)> fileUnits, CancellationToken ct)
        {
            var n = row.RowNumber;
            _trusts.TryGetValue(row.TrustCode, out var trust);
            if (_plan.TrustScope is { } scope && (trust is null || !scope.Contains(trust.Id)))
            {
                throw new UnitChangeException("trust_code", trust is null
                    ? $"'{row.TrustCode}' is not a trust in Heard, and only an administrator of the whole installation may add trusts"
                    : $"trust {row.TrustCode} is outside the part of the organisation you administer");
            }
            var site = trust is null ? null : _sites.GetValueOrDefault((trust.Id, row.SiteCode));
            var division = trust is null || row.Division is null ? null : _divisions.GetValueOrDefault((trust.Id, UnitLifecycle.NameKey(row.Division)));
            var directorate = division is null || row.Directorate is null ? null : _directorates.GetValueOrDefault((division.Id, UnitLifecycle.NameKey(row.Directorate)));
            var unit = trust is null ? null : _units.GetValueOrDefault((trust.Id, row.UnitCode.ToUpperInvariant()));

            if (row.MergedIntoUnitCode is { } target && !fileUnits.Contains((row.TrustCode.ToUpperInvariant(), target.ToUpperInvariant()))
                && (trust is null || !_units.ContainsKey((trust.Id, target.ToUpperInvariant()))))
                throw new UnitChangeException("merged_into_unit_code", $"'{target}' is not a unit of trust {row.TrustCode}, in Heard or in this file");

            var changes = new List<string>();
            var changeDate = _plan.EffectiveFrom;
            if (unit is null)
            {
                if (site is not null) CheckNameFree(site.Id, row.UnitName, null, "unit_name");
            }
            else
            {
                var moving = site is null || site.Id != unit.SiteId || division?.Id != unit.DivisionId || directorate?.Id != unit.DirectorateId
                    || (row.Division is not null && division is null) || (row.Directorate is not null && directorate is null);
                var renaming = row.UnitName != unit.Name;
                if (unit.ClosedOn is DateOnly closed)
                {
                    if (row.ClosedOn is DateOnly stillClosed)
                    {
                        var targetCode = unit.MergedIntoUnitId is int m && _unitById.TryGetValue(m, out var mt) ? mt.Code : null;
                        if (stillClosed != closed || !string.Equals(targetCode, row.MergedIntoUnitCode, StringComparison.OrdinalIgnoreCase))
                            throw new UnitChangeException("closed_on", $"the unit closed on {closed:yyyy-MM-dd}{(targetCode is null ? "" : $" (merged into {targetCode})")}; to change that, reopen it first (leave closed_on blank)");
                        if (renaming || moving)
                            throw new UnitChangeException(renaming ? "unit_name" : "site_code", $"the unit closed on {closed:yyyy-MM-dd}; a closed unit's name and place cannot change (leave closed_on blank to reopen it)");
                    }
                    else
                    {
                        // Reopening cannot precede the closure; a rename or move on the same row follows the reopening.
                        if (changeDate < closed) changeDate = closed;
                        CheckNameFree(unit.SiteId, unit.Name, unit.Id, "closed_on", unit.MergedIntoUnitId);
                        if (site is not null && (renaming || site.Id != unit.SiteId))
                            CheckNameFree(site.Id, row.UnitName, unit.Id, renaming ? "unit_name" : "site_code", unit.MergedIntoUnitId);
                    }
                }
                else if (renaming || moving)
                {
                    UnitLifecycle.CheckEffectiveFrom(new UnitVersion { Name = unit.Name, ValidFrom = OpenFrom(unit) }, changeDate, "effective date");
                    if (site is not null && (renaming || site.Id != unit.SiteId))
                        CheckNameFree(site.Id, row.UnitName, unit.Id, renaming ? "unit_name" : "site_code");
                }
                var currentFrom = renaming || moving || unit.ClosedOn is not null ? changeDate : OpenFrom(unit);
                if (row.ClosedOn is DateOnly closing && (unit.ClosedOn is null || row.ClosedOn != unit.ClosedOn) && closing <= currentFrom)
                    throw new UnitChangeException("closed_on", $"must be after {currentFrom:yyyy-MM-dd}, when the unit's current name and placement take effect");
            }

            // The row is sound: make what it needs.
            var icb = await IcbAsync(row, ct);
            if (trust is null)
            {
                trust = new Trust { OdsCode = row.TrustCode, Name = row.TrustName ?? row.TrustCode, IcbId = icb?.Id };
                await AddAsync(trust, _db.Trusts, $"trust {trust.OdsCode} ({trust.Name})", ct);
                _trusts[trust.OdsCode] = trust;
            }
            else
            {
                var updates = new List<string>();
                if (row.TrustName is not null && row.TrustName != trust.Name) { updates.Add($"name '{trust.Name}' -> '{row.TrustName}'"); trust.Name = row.TrustName; }
                if (icb is not null && icb.Id != trust.IcbId) { updates.Add($"ICB -> {icb.Code}"); trust.IcbId = icb.Id; }
                Updated("trust", trust.Id, $"trust {trust.OdsCode}", updates);
            }
            if (site is null)
            {
                site = new Site { TrustId = trust.Id, Code = row.SiteCode, Name = row.SiteName ?? row.SiteCode };
                await AddAsync(site, _db.Sites, $"site {site.Code} ({site.Name}) of {trust.OdsCode}", ct);
                Add(site);
            }
            else if (row.SiteName is not null && row.SiteName != site.Name)
            {
                Updated("site", site.Id, $"site {site.Code}", [$"name '{site.Name}' -> '{row.SiteName}'"]);
                site.Name = row.SiteName;
            }
            if (row.Division is not null && division is null)
            {
                division = new Division { TrustId = trust.Id, Name = row.Division };
                await AddAsync(division, _db.Divisions, $"division '{division.Name}' of {trust.OdsCode}", ct);
                Add(division);
            }
            if (row.Directorate is not null && directorate is null)
            {
                directorate = new Directorate { DivisionId = division!.Id, Name = row.Directorate };
                await AddAsync(directorate, _db.Directorates, $"directorate '{directorate.Name}' in {division.Name}", ct);
                Add(directorate);
            }

            if (unit is null)
            {
                unit = new Unit
                {
                    TrustId = trust.Id, SiteId = site.Id, DivisionId = division?.Id, DirectorateId = directorate?.Id, Code = row.UnitCode,
                    Name = row.UnitName, Kind = row.UnitKind, Settings = string.Join(',', row.Settings),
                    FirstSpeciality = row.FirstSpeciality, SecondSpeciality = row.SecondSpeciality,
                };
                if (Write) await UnitLifecycle.CreateAsync(_db, unit, _audit!, ct);
                else unit.Id = _nextTempId--;
                Add(unit);
                _openFrom[unit.Id] = UnitLifecycle.Beginning;
                changes.Add($"new {unit.Kind} at {site.Code}{Placement(division, directorate)}");
                return (unit, new OrganisationCsvChange(n, trust.OdsCode, unit.Code, unit.Name, true, changes));
            }

            if (unit.ClosedOn is DateOnly wasClosed && row.ClosedOn is null)
            {
                if (unit.MergedIntoUnitId is int successor && _unitById.TryGetValue(successor, out var s))
                    _aliases.RemoveAll(a => a.UnitId == successor && a.SiteId == s.SiteId && UnitLifecycle.NameKey(a.Alias) == UnitLifecycle.NameKey(unit.Name));
                if (Write) await UnitLifecycle.ReopenAsync(_db, unit, changeDate, _audit!, ct);
                else { unit.ClosedOn = null; unit.MergedIntoUnitId = null; }
                _openFrom[unit.Id] = changeDate;
                changes.Add($"reopened from {changeDate:yyyy-MM-dd} (closed {wasClosed:yyyy-MM-dd})");
            }
            if (row.UnitName != unit.Name)
            {
                var oldName = unit.Name;
                if (Write) await UnitLifecycle.RenameAsync(_db, unit, row.UnitName, changeDate, _audit!, ct);
                else unit.Name = row.UnitName;
                if (UnitLifecycle.NameKey(oldName) != UnitLifecycle.NameKey(row.UnitName))
                    _aliases.Add(new UnitAlias { UnitId = unit.Id, SiteId = unit.SiteId, Alias = oldName });
                _openFrom[unit.Id] = changeDate;
                changes.Add($"name '{oldName}' -> '{row.UnitName}' from {changeDate:yyyy-MM-dd}");
            }
            if (site.Id != unit.SiteId || division?.Id != unit.DivisionId || directorate?.Id != unit.DirectorateId)
            {
                var from = $"{SiteCode(unit.SiteId)}{Placement(Lookup(_divisionById, unit.DivisionId), Lookup(_directorateById, unit.DirectorateId))}";
                if (Write) await UnitLifecycle.MoveAsync(_db, unit, site.Id, division?.Id, directorate?.Id, changeDate, _audit!, ct);
                else { unit.SiteId = site.Id; unit.DivisionId = division?.Id; unit.DirectorateId = directorate?.Id; }
                _openFrom[unit.Id] = changeDate;
                changes.Add($"moved from {from} to {site.Code}{Placement(division, directorate)} from {changeDate:yyyy-MM-dd}");
            }
            var settings = string.Join(',', row.Settings);
            var details = new List<string>();
            if (row.UnitKind != unit.Kind) details.Add($"kind {unit.Kind} -> {row.UnitKind}");
            if (!row.Settings.ToHashSet().SetEquals(unit.SettingCodes)) details.Add($"settings '{unit.Settings.Replace(',', '|')}' -> '{string.Join('|', row.Settings)}'");
            else settings = unit.Settings;
            if (row.FirstSpeciality != unit.FirstSpeciality) details.Add($"first speciality '{unit.FirstSpeciality}' -> '{row.FirstSpeciality}'");
            if (row.SecondSpeciality != unit.SecondSpeciality) details.Add($"second speciality '{unit.SecondSpeciality}' -> '{row.SecondSpeciality}'");
            if (details.Count > 0)
            {
                if (Write) await UnitLifecycle.UpdateDetailsAsync(_db, unit, unit.Code, row.UnitKind, settings.Split(',', StringSplitOptions.RemoveEmptyEntries),
                    row.FirstSpeciality, row.SecondSpeciality, _audit!, ct);
                else { unit.Kind = row.UnitKind; unit.Settings = settings; unit.FirstSpeciality = row.FirstSpeciality; unit.SecondSpeciality = row.SecondSpeciality; }
                changes.AddRange(details);
            }
            return (unit, new OrganisationCsvChange(n, trust.OdsCode, unit.Code, unit.Name, false, changes));
        }

        private static T? Lookup<T>(Dictionary<int, T> map, int? id) where T : class => id is int i ? map.GetValueOrDefault(i) : null;

        private string SiteCode(int siteId) => _siteById.TryGetValue(siteId, out var s) ? s.Code : siteId.ToString(CultureInfo.InvariantCulture);

        private static string Placement(Division? division, Directorate? directorate) =>
            division is null ? " (no division)" : directorate is null ? $" ({division.Name})" : $" ({division.Name} / {directorate.Name})";

        /// <summary>The same rule as <see cref="UnitLifecycle"/> applies, over the in-memory state so later rows see earlier ones.</summary>
        private void CheckNameFree(int siteId, string name, int? unitId, string field, int? mergedIntoUnitId = null)
        {
            var key = UnitLifecycle.NameKey(name);
            var other = _unitById.Values.FirstOrDefault(u => u.SiteId == siteId && u.ClosedOn is null && u.Id != unitId && UnitLifecycle.NameKey(u.Name) == key);
            if (other is not null)
                throw new UnitChangeException(field, $"another open unit at site {SiteCode(siteId)} is called '{other.Name}' ({other.Code})");
            // A merge's alias on the successor goes when the merged unit reopens, so it is no clash.
            var alias = _aliases.FirstOrDefault(a => a.SiteId == siteId && a.UnitId != unitId && UnitLifecycle.NameKey(a.Alias) == key
                && !(a.UnitId == mergedIntoUnitId && key == UnitLifecycle.NameKey(_unitById[unitId!.Value].Name)));
            if (alias is not null)
            {
                var owner = _unitById.TryGetValue(alias.UnitId, out var o) ? $"{o.Name} ({o.Code})" : $"unit {alias.UnitId}";
                throw new UnitChangeException(field, $"'{alias.Alias}' is an alias of {owner} at site {SiteCode(siteId)}; remove the alias there first");
            }
        }

        private async Task<Icb?> IcbAsync(OrganisationCsvRow row, CancellationToken ct)
        {
            if (row.IcbCode is null) return null;
            if (_icbs.TryGetValue(row.IcbCode, out var icb))
            {
                if (row.IcbName is not null && row.IcbName != icb.Name)
                {
                    Updated("icb", icb.Id, $"ICB {icb.Code}", [$"name '{icb.Name}' -> '{row.IcbName}'"]);
                    icb.Name = row.IcbName;
                }
                return icb;
            }
            icb = new Icb { Code = row.IcbCode, Name = row.IcbName ?? row.IcbCode };
            await AddAsync(icb, _db.Icbs, $"ICB {icb.Code} ({icb.Name})", ct);
            _icbs[icb.Code] = icb;
            return icb;
        }

        private async Task AddAsync<T>(T entity, DbSet<T> set, string label, CancellationToken ct) where T : class
        {
            Result.OrganisationChanges.Add("new " + label);
            if (!Write)
            {
                var id = _nextTempId--;
                switch (entity)
                {
                    case Icb i: i.Id = id; break;
                    case Trust t: t.Id = id; break;
                    case Site s: s.Id = id; break;
                    case Division d: d.Id = id; break;
                    case Directorate d: d.Id = id; break;
                }
                return;
            }
            set.Add(entity);
            await _db.SaveChangesAsync(ct);
            var entityId = _db.Entry(entity).Property("Id").CurrentValue;
            _audit!.Record(Audit.Actions.Create, typeof(T).Name.ToLowerInvariant(), entityId, "from the organisation CSV: " + label);
        }

        private void Updated(string entity, int id, string label, List<string> updates)
        {
            if (updates.Count == 0) return;
            Result.OrganisationChanges.Add($"{label}: {string.Join("; ", updates)}");
            _audit?.Record(Audit.Actions.Update, entity, id, "from the organisation CSV: " + string.Join("; ", updates));
        }
    }

    // ------------------------------------------------------------------ writing

    /// <summary>Writes every unit of the installation.</summary>
    public static Task WriteAsync(HeardDbContext db, TextWriter writer, CancellationToken ct) => WriteAsync(db, writer, null, ct);

    /// <summary>Writes the units in <paramref name="unitIds"/> (null: all), one row each, in trust, site and unit order.</summary>
    public static async Task WriteAsync(HeardDbContext db, TextWriter writer, HashSet<int>? unitIds, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        if (unitIds is not null) units = units.Where(u => unitIds.Contains(u.Id)).ToList();
        var trusts = await db.Trusts.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var icbs = await db.Icbs.AsNoTracking().ToDictionaryAsync(i => i.Id, ct);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var divisions = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, ct);
        var directorates = await db.Directorates.AsNoTracking().ToDictionaryAsync(d => d.Id, ct);
        var codes = (await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code }).ToListAsync(ct)).ToDictionary(u => u.Id, u => u.Code);

        CsvText.WriteRecord(writer, Columns);
        foreach (var u in units
                     .OrderBy(u => trusts[u.TrustId].OdsCode, StringComparer.Ordinal)
                     .ThenBy(u => sites.TryGetValue(u.SiteId, out var s) ? s.Code : "", StringComparer.Ordinal)
                     .ThenBy(u => u.Code, StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            var trust = trusts[u.TrustId];
            var icb = trust.IcbId is int icbId ? icbs.GetValueOrDefault(icbId) : null;
            var site = sites.GetValueOrDefault(u.SiteId);
            CsvText.WriteRecord(writer,
            [
                icb?.Code, icb?.Name, trust.OdsCode, trust.Name, site?.Code, site?.Name,
                u.DivisionId is int dv ? divisions.GetValueOrDefault(dv)?.Name : null,
                u.DirectorateId is int dr ? directorates.GetValueOrDefault(dr)?.Name : null,
                u.Code, u.Name, u.Kind, string.Join('|', u.SettingCodes), u.FirstSpeciality, u.SecondSpeciality,
                u.ClosedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                u.MergedIntoUnitId is int m ? codes.GetValueOrDefault(m) : null,
            ]);
        }
        await writer.FlushAsync(ct);
    }
}
