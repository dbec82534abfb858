using System.Globalization;
using System.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Equality;

/// <summary>A checked row of a population profile file.</summary>
public sealed record PopulationRow(long RowNumber, string Code, string Place, string Level, int ScopeId, int TrustId, string Characteristic, string Group, double? Share, long? Count)
{
    /// <summary>Filled in once the rows of a place and characteristic are together: counts become shares of their total.</summary>
    public double ResolvedShare { get; init; }
}

public sealed record PopulationError(long RowNumber, string Field, string Message);

/// <summary>What a population file would import (or did): its rows, shares worked out, and every problem by row number.</summary>
public sealed record PopulationPreview(IReadOnlyList<PopulationRow> Rows, IReadOnlyList<PopulationError> Errors, bool Imported);

/// <summary>
/// Reads a population profile CSV: <c>code,characteristic,group,share,count</c> (an optional <c>trust_code</c> column picks the
/// trust when a site or unit code is used by more than one). The code is a trust's ODS code, a site code or a unit code.
/// Each row gives a share (0 to 1, or a percentage such as 12.5%) or a count; within one place and characteristic every row
/// gives the same kind, and counts become shares of their total. Importing a place's characteristic replaces what was there.
/// </summary>
public static class PopulationImport
{
    public static readonly string[] Characteristics = [.. FftFileLayout.DemographicColumns];

    public static async Task<PopulationPreview> ReadAsync(HeardDbContext db, Stream csv, HashSet<int>? scope, bool import, string? importedBy, CancellationToken ct)
    {
        var rows = new List<PopulationRow>();
        var errors = new List<PopulationError>();
        var trusts = await db.Trusts.AsNoTracking().Select(t => new { t.Id, t.OdsCode, t.Name }).ToListAsync(ct);
        var sites = await db.Sites.AsNoTracking().Select(s => new { s.Id, s.TrustId, s.Code, s.Name }).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.TrustId, u.SiteId, u.Code, u.Name }).ToListAsync(ct);
        bool Visible(string level, int id) => scope is null || level switch
        {
            // Setting a whole trust's or site's profile needs every unit of it in scope.
            PopulationLevels.Trust => units.Where(u => u.TrustId == id).All(u => scope.Contains(u.Id)),
            PopulationLevels.Site => units.Where(u => u.SiteId == id).All(u => scope.Contains(u.Id)),
            _ => scope.Contains(id),
        };

        // A place's characteristic with a bad row is not checked as a whole: its shares would not add up for that reason alone.
        var failedSets = new HashSet<(string Code, string Characteristic)>();
        using var reader = new CsvRecordReader(csv);
        if (!reader.TryRead(out var header))
            return new PopulationPreview([], [new(1, "file", "The file is empty: it needs a header row code,characteristic,group,share,count")], false);
        var columns = header.Fields.Select((name, i) => (Name: name.Trim().ToLowerInvariant(), i)).ToDictionary(x => x.Name, x => x.i);
        foreach (var required in new[] { "code", "characteristic", "group" })
            if (!columns.ContainsKey(required)) errors.Add(new(1, required, $"The header has no {required} column"));
        if (!columns.ContainsKey("share") && !columns.ContainsKey("count")) errors.Add(new(1, "share", "The header needs a share column, a count column or both"));
        if (errors.Count > 0) return new PopulationPreview([], errors, false);

        while (reader.TryRead(out var record))
        {
            var n = record.RowNumber;
            if (record.Error is not null) { errors.Add(new(n, "row", record.Error)); continue; }
            string Field(string name) => columns.TryGetValue(name, out var i) && i < record.Fields.Length ? record.Fields[i].Trim() : "";
            if (record.Fields.All(string.IsNullOrWhiteSpace)) continue;
            var before = errors.Count;
            var code = Field("code");
            var trustCode = Field("trust_code");
            var candidates = new List<(string Level, int Id, int TrustId, string Name)>();
            candidates.AddRange(trusts.Where(t => string.Equals(t.OdsCode, code, StringComparison.OrdinalIgnoreCase)).Select(t => (PopulationLevels.Trust, t.Id, t.Id, t.Name)));
            candidates.AddRange(sites.Where(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase)).Select(s => (PopulationLevels.Site, s.Id, s.TrustId, s.Name)));
            candidates.AddRange(units.Where(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase)).Select(u => (PopulationLevels.Unit, u.Id, u.TrustId, u.Name)));
            if (trustCode.Length > 0)
                candidates = candidates.Where(c => trusts.Any(t => t.Id == c.TrustId && string.Equals(t.OdsCode, trustCode, StringComparison.OrdinalIgnoreCase))).ToList();
            candidates = candidates.Where(c => Visible(c.Level, c.Id)).ToList();
            (string Level, int Id, int TrustId, string Name)? place = null;
            if (code.Length == 0) errors.Add(new(n, "code", "Enter the trust's ODS code, a site code or a unit code"));
            else if (candidates.Count == 0) errors.Add(new(n, "code", $"No trust, site or unit you can manage has the code {code}"));
            else if (candidates.Count > 1) errors.Add(new(n, "code", $"{code} is the code of more than one place ({string.Join(", ", candidates.Select(c => c.Name))}): add a trust_code column"));
            else place = candidates[0];

            var characteristic = Field("characteristic").ToLowerInvariant().Replace(' ', '_');
            if (!Characteristics.Contains(characteristic))
                errors.Add(new(n, "characteristic", $"Characteristic must be one of {string.Join(", ", Characteristics)}"));
            var group = NormaliseGroup(characteristic, Field("group"));
            if (group.Length == 0) errors.Add(new(n, "group", "Enter the group, for example 25-34 or asian"));

            double? share = null;
            long? count = null;
            var shareText = Field("share");
            var countText = Field("count");
            if (shareText.Length > 0)
            {
                var percent = shareText.EndsWith('%');
                if (double.TryParse(percent ? shareText[..^1] : shareText, NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
                    && s >= 0 && (percent ? s <= 100 : s <= 1))
                    share = percent ? s / 100 : s;
                else errors.Add(new(n, "share", "Share must be a fraction from 0 to 1 (0.125) or a percentage (12.5%)"));
            }
            if (countText.Length > 0)
            {
                if (long.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) && c >= 0) count = c;
                else errors.Add(new(n, "count", "Count must be a whole number, 0 or more"));
            }
            if (shareText.Length == 0 && countText.Length == 0) errors.Add(new(n, "share", "Give a share or a count"));
            if (shareText.Length > 0 && countText.Length > 0) errors.Add(new(n, "share", "Give a share or a count, not both"));
            if (errors.Count > before || place is not { } p)
            {
                failedSets.Add((code.ToUpperInvariant(), characteristic));
                continue;
            }
            rows.Add(new PopulationRow(n, code, p.Name, p.Level, p.Id, p.TrustId, characteristic, group, share, count));
        }

        // Whole sets: one place's characteristic either all shares or all counts, each group once, shares adding up to about 1.
        var resolved = new List<PopulationRow>();
        foreach (var set in rows.GroupBy(r => (r.ScopeId, r.Level, r.Characteristic)))
        {
            var list = set.ToList();
            var first = list[0].RowNumber;
            if (list.Any(r => failedSets.Contains((r.Code.ToUpperInvariant(), r.Characteristic)))) continue;
            var problems = errors.Count;
            foreach (var dup in list.GroupBy(r => r.Group).Where(g => g.Count() > 1))
                errors.Add(new(dup.Skip(1).First().RowNumber, "group", $"{dup.Key} appears more than once for {list[0].Place}, {list[0].Characteristic}"));
            if (list.Any(r => r.Share is not null) && list.Any(r => r.Count is not null))
                errors.Add(new(first, "share", $"{list[0].Place}, {list[0].Characteristic}: give shares for every group or counts for every group, not a mix"));
            else if (list.All(r => r.Count is not null))
            {
                var total = list.Sum(r => r.Count!.Value);
                if (total == 0) errors.Add(new(first, "count", $"{list[0].Place}, {list[0].Characteristic}: the counts add up to 0"));
                else resolved.AddRange(list.Select(r => r with { ResolvedShare = (double)r.Count!.Value / total }));
            }
            else
            {
                var total = list.Sum(r => r.Share!.Value);
                // Published shares are rounded, so a little either side of 1 is allowed.
                if (total is < 0.95 or > 1.05)
                    errors.Add(new(first, "share", $"{list[0].Place}, {list[0].Characteristic}: the shares add up to {total:0.###}, not 1 (or 100%)"));
                else resolved.AddRange(list.Select(r => r with { ResolvedShare = r.Share!.Value / total }));
            }
            if (errors.Count > problems) resolved.RemoveAll(r => list.Any(l => l.RowNumber == r.RowNumber));
        }
        var ordered = errors.OrderBy(e => e.RowNumber).ToList();
        if (!import || ordered.Count > 0 || resolved.Count == 0) return new PopulationPreview(resolved.OrderBy(r => r.RowNumber).ToList(), ordered, false);

        var now = DateTime.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var set in resolved.GroupBy(r => (r.ScopeId, r.TrustId, r.Level, r.Characteristic)))
        {
            var (id, trustId, level, characteristic) = set.Key;
            await db.PopulationProfiles.Where(x => x.Level == level && x.ScopeId == id && x.Characteristic == characteristic).ExecuteDeleteAsync(ct);
            db.PopulationProfiles.AddRange(set.Select(r => new PopulationProfile
            {
                TrustId = trustId, Level = level, ScopeId = id, Characteristic = characteristic, GroupName = r.Group,
                Share = r.ResolvedShare, PeopleCount = r.Count, ImportedAt = now, ImportedBy = importedBy,
            }));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PopulationPreview(resolved.OrderBy(r => r.RowNumber).ToList(), [], true);
    }

    /// <summary>
    /// The group as respondents' answers store it: a library option's label ("Asian or Asian British") becomes its value
    /// ("asian"), so a file can use either.
    /// </summary>
    public static string NormaliseGroup(string characteristic, string group)
    {
        var g = group.Trim();
        var options = QuestionLibrary.Find(characteristic)?.Options ?? [];
        var match = options.FirstOrDefault(o => string.Equals(o.Value, g, StringComparison.OrdinalIgnoreCase) || string.Equals(o.Text, g, StringComparison.OrdinalIgnoreCase));
        return match?.Value ?? g;
    }

    public static Stream FromText(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));
}
