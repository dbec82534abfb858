using System.Text;
using Heard.Data;
using Heard.Web.Features.Import;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Cli;

/// <summary>
/// <c>./heard export-coded --out FILE [--trust ODS] [--reviewed-only]</c>: the comments people have reviewed (or all
/// coded comments), with their current codes and sentiment, as a training file: columns
/// <c>comment_id,question,comment,labels,sentiment</c>, labels joined by <c>|</c>. Corrections made in the review queue
/// thus feed the next <c>./heard train --input FILE --text-column comment --labels-column labels --separator '|'
/// --question-column question --sentiment-column sentiment</c>. Last stdout line: <c>exported=N</c>.
/// </summary>
public static class ExportCodedCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        var outPath = o.Require("--out");
        var trustCode = o.Get("--trust");
        var all = !o.Flag("--reviewed-only");
        o.EnsureNoUnknown();
        if (o.Positional.Count > 0) throw new UsageException("export-coded takes no FILE argument; give the output file with --out FILE");

        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        int? trustId = null;
        if (trustCode is not null)
            trustId = await context.Trusts.Where(t => t.OdsCode == trustCode).Select(t => (int?)t.Id).FirstOrDefaultAsync()
                ?? throw new UsageException($"no trust has the ODS code '{trustCode}'");

        var answers = from a in context.FeedbackAnswers.AsNoTracking()
                      join f in context.Feedback.AsNoTracking() on a.FeedbackRecordId equals f.Id
                      where a.Text != null && (a.ReviewedAt != null || (all && a.TextModelId != null)) && (trustId == null || f.TrustId == trustId)
                      orderby a.Id
                      select new { a.Id, a.QuestionKey, a.Text, a.Sentiment };
        var full = Path.GetFullPath(outPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var exported = 0;
        await using (var w = new StreamWriter(full, false, new UTF8Encoding(false)))
        {
            await w.WriteLineAsync("comment_id,question,comment,labels,sentiment");
            // Read in pages so memory stays flat however many comments there are.
            long after = 0;
            while (true)
            {
                var page = await answers.Where(a => a.Id > after).Take(5000).ToListAsync();
                if (page.Count == 0) break;
                var ids = page.Select(p => p.Id).ToList();
                var codes = (await context.CommentCodes.AsNoTracking().Where(c => ids.Contains(c.FeedbackAnswerId) && c.RemovedAt == null)
                        .Select(c => new { c.FeedbackAnswerId, c.Label }).ToListAsync())
                    .ToLookup(c => c.FeedbackAnswerId, c => c.Label);
                foreach (var p in page)
                {
                    await w.WriteLineAsync(CsvText.Line([p.Id.ToString(), p.QuestionKey, p.Text!,
                        string.Join('|', codes[p.Id].Distinct().Order(StringComparer.Ordinal)), p.Sentiment?.ToString() ?? ""]));
                    exported++;
                }
                after = page[^1].Id;
            }
        }
        await CommandLineUser.Audit(context).RecordNowAsync(Audit.Actions.Export, "comments", null,
            $"{exported} coded comments{(trustCode is null ? "" : " of " + trustCode)} for training, to {full}");
        Console.Out.WriteLine($"file: {full}");
        Console.Out.WriteLine($"exported={exported}");
        return 0;
    }
}

/// <summary>
/// <c>./heard model-install --model DIR|FILE --trust ODS [--name NAME] [--activate]</c>: stores a model made by
/// <c>./heard train</c> for a trust; with --activate it codes that trust's new comments from now on.
/// <c>./heard model-activate --trust ODS --id N</c> switches between installed models (the built-in one included);
/// <c>./heard models</c> lists them. Last stdout line: <c>model=N active=true|false</c>.
/// </summary>
public static class ModelCommands
{
    public static async Task<int> InstallAsync(CliOptions o)
    {
        var db = o.Database();
        var modelPath = o.Require("--model");
        var trustCode = o.Require("--trust");
        var name = o.Get("--name");
        var activate = o.Flag("--activate");
        o.EnsureNoUnknown();
        var file = Directory.Exists(modelPath)
            ? Directory.GetFiles(modelPath, "*.heardmodel").FirstOrDefault()
                ?? throw new UsageException($"no .heardmodel file in {modelPath}")
            : File.Exists(modelPath) ? modelPath : throw new UsageException($"model not found: {modelPath}");
        var scores = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "scores.json");

        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        var trust = await context.Trusts.FirstOrDefaultAsync(t => t.OdsCode == trustCode)
            ?? throw new UsageException($"no trust has the ODS code '{trustCode}'");
        Heard.Data.Model.TextModel record;
        try
        {
            record = await Heard.Web.Features.Coding.TextModels.InstallAsync(context, trust.Id, name ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file)))!,
                await File.ReadAllBytesAsync(file), File.Exists(scores) ? await File.ReadAllTextAsync(scores) : null, "command line", activate);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        await CommandLineUser.Audit(context).RecordNowAsync(Audit.Actions.Create, "text-model", record.Id,
            $"model '{record.Name}' ({record.Framework}, {record.VersionLabel}) installed for {trustCode}{(activate ? " and made active" : "")}");
        Console.Out.WriteLine($"model={record.Id} active={(activate ? "true" : "false")}");
        return 0;
    }

    public static async Task<int> ActivateAsync(CliOptions o)
    {
        var db = o.Database();
        var trustCode = o.Require("--trust");
        if (!int.TryParse(o.Require("--id"), out var id)) throw new UsageException("--id must be a model number from ./heard models");
        o.EnsureNoUnknown();
        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        var trust = await context.Trusts.FirstOrDefaultAsync(t => t.OdsCode == trustCode)
            ?? throw new UsageException($"no trust has the ODS code '{trustCode}'");
        try
        {
            await Heard.Web.Features.Coding.TextModels.ActivateAsync(context, trust.Id, id);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        await CommandLineUser.Audit(context).RecordNowAsync(Audit.Actions.Update, "text-model", id, $"model {id} made active for {trustCode}");
        Console.Out.WriteLine($"model={id} active=true");
        return 0;
    }

    public static async Task<int> ListAsync(CliOptions o)
    {
        var db = o.Database();
        o.EnsureNoUnknown();
        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        if (Heard.Web.Features.Coding.CodingModels.BuiltInShipped) await Heard.Web.Features.Coding.CodingModels.EnsureBuiltInAsync(context);
        var trusts = await context.Trusts.ToDictionaryAsync(t => t.Id, t => t.OdsCode);
        Console.Out.WriteLine("id,trust,name,framework,version,active,created_at");
        foreach (var m in await context.TextModels.AsNoTracking().OrderBy(m => m.Id).ToListAsync())
            Console.Out.WriteLine(CsvText.Line([m.Id.ToString(), m.TrustId is int t ? trusts[t] : "(built in)", m.Name, m.Framework, m.VersionLabel,
                m.IsBuiltIn ? "for trusts without their own" : m.IsActive ? "yes" : "no", m.CreatedAt.ToString("yyyy-MM-dd")]));
        return 0;
    }

    /// <summary><c>./heard recode [--trust ODS] [--all]</c>: codes stored comments with the active model. Last line <c>coded=N</c>.</summary>
    public static async Task<int> RecodeAsync(CliOptions o)
    {
        var db = o.Database();
        var trustCode = o.Get("--trust");
        var all = o.Flag("--all");
        o.EnsureNoUnknown();
        await Startup.PrepareAsync(db, Console.Error);
        int? trustId = null;
        await using (var context = db.CreateContext())
        {
            if (trustCode is not null)
                trustId = await context.Trusts.Where(t => t.OdsCode == trustCode).Select(t => (int?)t.Id).FirstOrDefaultAsync()
                    ?? throw new UsageException($"no trust has the ODS code '{trustCode}'");
        }
        var result = await new Heard.Web.Features.Coding.Recoder(db).RunAsync(trustId, all,
            p => Console.Error.Write($"\rcoding: {p.Coded:N0} comments, {p.PerSecond:N0} a second   "));
        Console.Error.WriteLine();
        Console.Out.WriteLine($"coded={result.Coded}");
        return 0;
    }
}
