using System.Text.RegularExpressions;
using Heard.Data;

namespace Heard.Web.Tests;

/// <summary>The hand-written SQL migrations, read as they are embedded: the two providers must stay in step.</summary>
public sealed partial class MigrationScriptTests
{
    [Fact]
    public void Both_providers_have_the_same_migrations_in_the_same_order()
    {
        var sqlite = Migrator.Available(DatabaseProvider.Sqlite).Select(m => $"{m.Version}_{m.Name}").ToList();
        var postgres = Migrator.Available(DatabaseProvider.Postgres).Select(m => $"{m.Version}_{m.Name}").ToList();
        Assert.Equal(sqlite, postgres);
        Assert.Equal(sqlite.Count, sqlite.Select(m => m[..4]).Distinct().Count());
    }

    // PostgreSQL silently cuts longer names to 63 bytes, so two long names sharing a prefix would collide at run time.
    [Fact]
    public void PostgreSQL_names_fit_in_63_characters()
    {
        var tooLong = Migrator.Available(DatabaseProvider.Postgres)
            .SelectMany(m => NamedObject().Matches(m.Sql).Select(x => (m.Version, Name: x.Groups["name"].Value)))
            .Where(x => x.Name.Length > 63)
            .Select(x => $"{x.Version}: {x.Name} ({x.Name.Length})")
            .ToList();
        Assert.Empty(tooLong);
    }

    [GeneratedRegex(@"\b(?:INDEX|CONSTRAINT|TABLE|VIEW|SEQUENCE|TRIGGER|FUNCTION)\s+(?:IF\s+NOT\s+EXISTS\s+)?""?(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex NamedObject();
}
