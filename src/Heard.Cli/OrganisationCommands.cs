using System.Globalization;
using System.Security.Claims;
using System.Text;
using Heard.Data;
using Heard.Web.Features.Organisation;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Heard.Cli;

/// <summary>
/// <c>./heard organisation-export --out FILE</c>: every unit of the installation as one CSV row, in the format
/// <c>organisation-import</c> reads back. Last stdout line: <c>exported=N</c>.
/// </summary>
public static class OrganisationExportCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        var outPath = o.Require("--out");
        o.EnsureNoUnknown();
        if (o.Positional.Count > 0) throw new UsageException("organisation-export takes no FILE argument; give the output file with --out FILE");

        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        var full = Path.GetFullPath(outPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // With a byte order mark, as the web download has, so a spreadsheet reads accented names correctly.
        await using (var w = new StreamWriter(full, false, new UTF8Encoding(true)))
            await OrganisationCsv.WriteAsync(context, w, CancellationToken.None);
        var units = await context.Units.CountAsync();
        await CommandLineUser.Audit(context).RecordNowAsync(Audit.Actions.Export, "organisation", null,
            $"organisation CSV, whole installation, from the command line to {full}");
        Console.Out.WriteLine($"file: {full}");
        Console.Out.WriteLine($"exported={units}");
        return 0;
    }
}

/// <summary>
/// <c>./heard organisation-import FILE [--effective-from YYYY-MM-DD]</c>: creates and updates units from the
/// organisation CSV (renames and moves take effect from the given date, today by default). Rows with problems are
/// skipped and each is printed as <c>Row N: field: message</c>; the last stdout line is
/// <c>created=N updated=M unchanged=U skipped=S</c>. Exit 2 when the file or its header cannot be used.
/// </summary>
public static class OrganisationImportCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        var effectiveText = o.Get("--effective-from");
        o.EnsureNoUnknown();
        if (o.Positional.Count != 1) throw new UsageException("organisation-import needs exactly one FILE");
        var path = o.Positional[0];
        if (!File.Exists(path)) throw new UsageException($"file not found: {path}");
        var effectiveFrom = DateOnly.FromDateTime(DateTime.UtcNow);
        if (effectiveText is not null
            && !DateOnly.TryParseExact(effectiveText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out effectiveFrom))
            throw new UsageException($"--effective-from '{effectiveText}' is not a date (use YYYY-MM-DD)");

        var plan = OrganisationCsv.Parse(new StringReader(OrganisationCsv.DecodeFile(await File.ReadAllBytesAsync(path))));
        if (!plan.HeaderIsUsable)
            throw new UsageException($"{Path.GetFileName(path)}: {string.Join("; ", plan.Problems)}");
        plan.EffectiveFrom = effectiveFrom;
        // The command line acts for the whole installation, as the administrator who runs the server does.
        plan.TrustScope = null;

        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        var result = await OrganisationCsv.ApplyAsync(context, plan, CommandLineUser.Audit(context), CancellationToken.None);

        if (plan.IgnoredColumns.Count > 0) Console.Out.WriteLine($"ignored columns: {string.Join(", ", plan.IgnoredColumns)}");
        foreach (var c in result.OrganisationChanges) Console.Out.WriteLine($"organisation: {c}");
        foreach (var c in result.Created) Console.Out.WriteLine($"created: Row {c.RowNumber}: {c.TrustCode} {c.UnitCode} '{c.UnitName}': {string.Join("; ", c.Changes)}");
        foreach (var c in result.Updated) Console.Out.WriteLine($"updated: Row {c.RowNumber}: {c.TrustCode} {c.UnitCode} '{c.UnitName}': {string.Join("; ", c.Changes)}");
        foreach (var p in result.Problems) Console.Out.WriteLine(p.ToString());
        Console.Out.WriteLine($"created={result.Created.Count} updated={result.Updated.Count} unchanged={result.Unchanged} skipped={result.RowsWithProblems}");
        return 0;
    }
}

/// <summary>The person at the terminal, so the audit trail names who changed the organisation from the command line.</summary>
public static class CommandLineUser
{
    public static Audit Audit(HeardDbContext db)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Environment.UserName)], authenticationType: "command-line");
        var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity) } };
        return new Audit(db, new CurrentUser(http, db));
    }
}
