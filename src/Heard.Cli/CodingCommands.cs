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
