using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Admin.Users;

/// <summary>
/// Every part of the organisation a user can be given, for the scope picker and for describing scopes in words.
/// A scope travels through forms as one value, "level:id" (or "all"), so one select covers every level.
/// </summary>
public sealed class ScopeCatalogue
{
    public sealed record Option(string Value, string Label);
    public sealed record Group(string Level, string Label, IReadOnlyList<Option> Options);

    private readonly Dictionary<string, string> _labels = [];

    public IReadOnlyList<Group> Groups { get; }

    private ScopeCatalogue(List<Group> groups)
    {
        Groups = groups;
        foreach (var option in groups.SelectMany(g => g.Options))
            _labels[option.Value] = option.Label;
    }

    public static async Task<ScopeCatalogue> LoadAsync(HeardDbContext db, CancellationToken ct = default)
    {
        var icbs = await db.Icbs.AsNoTracking().OrderBy(x => x.Name)
            .Select(x => new Option(ValueOf(ScopeLevels.Icb, x.Id), x.Name + " (" + x.Code + ")")).ToListAsync(ct);
        var trusts = await db.Trusts.AsNoTracking().OrderBy(x => x.Name)
            .Select(x => new Option(ValueOf(ScopeLevels.Trust, x.Id), x.Name + " (" + x.OdsCode + ")")).ToListAsync(ct);
        var sites = await db.Sites.AsNoTracking().OrderBy(x => x.Trust!.Name).ThenBy(x => x.Name)
            .Select(x => new Option(ValueOf(ScopeLevels.Site, x.Id), x.Name + " (" + x.Code + "), " + x.Trust!.Name)).ToListAsync(ct);
        var divisions = await db.Divisions.AsNoTracking().OrderBy(x => x.Trust!.Name).ThenBy(x => x.Name)
            .Select(x => new Option(ValueOf(ScopeLevels.Division, x.Id), x.Name + ", " + x.Trust!.Name)).ToListAsync(ct);
        var directorates = await db.Directorates.AsNoTracking().OrderBy(x => x.Division!.Name).ThenBy(x => x.Name)
            .Select(x => new Option(ValueOf(ScopeLevels.Directorate, x.Id), x.Name + ", " + x.Division!.Name)).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().OrderBy(x => x.Site!.Name).ThenBy(x => x.Name)
            .Select(x => new Option(ValueOf(ScopeLevels.Unit, x.Id), x.Name + " (" + x.Code + "), " + x.Site!.Name)).ToListAsync(ct);

        return new ScopeCatalogue(
        [
            new Group(ScopeLevels.All, "Everything", [new Option(ScopeLevels.All, "Everything in this installation")]),
            new Group(ScopeLevels.Icb, "Integrated care boards", icbs),
            new Group(ScopeLevels.Trust, "Trusts", trusts),
            new Group(ScopeLevels.Site, "Sites", sites),
            new Group(ScopeLevels.Division, "Divisions", divisions),
            new Group(ScopeLevels.Directorate, "Directorates", directorates),
            new Group(ScopeLevels.Unit, "Wards, teams and services", units),
        ]);
    }

    public static string ValueOf(string level, int? scopeId) =>
        level == ScopeLevels.All || scopeId is null ? ScopeLevels.All : level + ":" + scopeId;

    public static string ValueOf(UserScope scope) => ValueOf(scope.Level, scope.ScopeId);

    /// <summary>Reads a form value back into a level and id; false for anything malformed.</summary>
    public static bool TryParse(string? value, out string level, out int? scopeId)
    {
        level = "";
        scopeId = null;
        if (string.IsNullOrWhiteSpace(value))
            return false;
        if (value == ScopeLevels.All)
        {
            level = ScopeLevels.All;
            return true;
        }
        var colon = value.IndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out var id))
            return false;
        level = value[..colon];
        scopeId = id;
        return ScopeLevels.Levels.Contains(level) && level != ScopeLevels.All;
    }

    /// <summary>True when the value names something that exists.</summary>
    public bool Contains(string? value) => value is not null && _labels.ContainsKey(value);

    public string Describe(string level, int? scopeId)
    {
        var value = ValueOf(level, scopeId);
        if (_labels.TryGetValue(value, out var label))
            return level == ScopeLevels.All ? label : $"{LevelName(level)}: {label}";
        return $"{LevelName(level)} {scopeId} (no longer exists)";
    }

    public static string LevelName(string level) => level switch
    {
        ScopeLevels.All => "Everything",
        ScopeLevels.Icb => "ICB",
        ScopeLevels.Trust => "Trust",
        ScopeLevels.Site => "Site",
        ScopeLevels.Division => "Division",
        ScopeLevels.Directorate => "Directorate",
        ScopeLevels.Unit => "Unit",
        _ => level,
    };
}
