using System.Data.Common;
using Heard.Data;
using Microsoft.EntityFrameworkCore;
using Heard.Web.Infrastructure;

namespace Heard.Web.Features.Coding;

public sealed record RecodeProgress(long Coded, double PerSecond);

/// <summary>
/// Codes comments already in the store with each trust's active model: comments stored before a model existed, or
/// all of them after a new model is made active. Codes a person set or confirmed are never touched: a reviewed comment
/// keeps its codes and sentiment, and person-added codes stay on every comment.
/// </summary>
public sealed class Recoder(DatabaseTarget target)
{
    private const int PageSize = 2000;

    /// <param name="all">False codes only comments with no model yet; true recodes every unreviewed comment.</param>
    public async Task<RecodeProgress> RunAsync(int? trustId, bool all, Action<RecodeProgress>? progress = null, CancellationToken ct = default)
    {
        await using var db = target.CreateContext();
        var models = await CodingModels.LoadAsync(db, ct) ?? throw new InvalidOperationException("no comment model is installed in this build");
        var coder = new CommentCoder(models);
        await db.Database.OpenConnectionAsync(ct);
        var conn = db.Database.GetDbConnection();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long coded = 0, after = 0;

        await using var read = Command(conn, $"""
            SELECT a.id, a.feedback_record_id, f.trust_id, a.question_key, a.text, f.unit_id, f.month, f.source, f.setting, a.sentiment
            FROM feedback_answer a JOIN feedback f ON f.id = a.feedback_record_id
            WHERE a.id > @after AND a.text IS NOT NULL AND a.reviewed_at IS NULL
              {(all ? "" : "AND a.text_model_id IS NULL")} {(trustId is null ? "" : "AND f.trust_id = @trust")}
            ORDER BY a.id LIMIT {PageSize}
            """, "@after", "@trust");
        await using var update = Command(conn,
            "UPDATE feedback_answer SET sentiment = @s, sentiment_confidence = @sc, text_model_id = @m, certainty = @c WHERE id = @id",
            "@s", "@sc", "@m", "@c", "@id");
        await using var clear = Command(conn, "DELETE FROM comment_code WHERE feedback_answer_id = @id AND set_by IS NULL", "@id");
        // The codes a page's comments carry now, so the theme aggregates can take them out before the new ones go in.
        await using var held = Command(conn, """
            SELECT feedback_answer_id, label, category, set_by FROM comment_code
            WHERE feedback_answer_id >= @first AND feedback_answer_id <= @last AND removed_at IS NULL
            """, "@first", "@last");
        using var themes = new Themes.ThemeTally();
        await using var insert = Command(conn, """
            INSERT INTO comment_code (feedback_answer_id, feedback_record_id, label, category, confidence, text_model_id, set_by, set_at, removed_at, removed_by)
            VALUES (@aid, @fid, @label, @category, @confidence, @model, NULL, @at, NULL, NULL)
            """, "@aid", "@fid", "@label", "@category", "@confidence", "@model", "@at");

        while (true)
        {
            var page = new List<(long Id, long FeedbackId, int TrustId, string Question, string Text, int Unit, int Month, string Source, string? Setting, int? Sentiment)>(PageSize);
            read.Parameters[0].Value = after;
            read.Parameters[1].Value = trustId ?? 0;
            read.Transaction = null;
            await using (var r = await read.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct))
                    page.Add((r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.GetString(4),
                        r.GetInt32(5), r.GetInt32(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetInt32(9)));
            if (page.Count == 0) break;
            var codes = new Dictionary<long, List<(string Label, string? Category, bool ByPerson)>>();
            Set(held, page[0].Id, page[^1].Id);
            held.Transaction = null;
            await using (var r = await held.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct))
                {
                    var answer = r.GetInt64(0);
                    if (!codes.TryGetValue(answer, out var list)) codes[answer] = list = [];
                    list.Add((r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), !r.IsDBNull(3)));
                }

            var now = DateTime.UtcNow;
            await using var tx = await conn.BeginTransactionAsync(ct);
            update.Transaction = clear.Transaction = insert.Transaction = tx;
            foreach (var (id, feedbackId, trust, question, text, unit, month, source, setting, sentiment) in page)
            {
                var result = coder.Score(trust, text, question);
                var before = codes.GetValueOrDefault(id) ?? [];
                themes.Add(trust, unit, month, source, setting, before.Select(c => (c.Label, c.Category)).ToList(), sentiment, -1);
                themes.Add(trust, unit, month, source, setting,
                    before.Where(c => c.ByPerson).Select(c => (c.Label, c.Category)).Concat(result.Codes.Select(c => (c.Label, (string?)c.Category))).ToList(),
                    result.Sentiment);
                Set(update, result.Sentiment, result.SentimentConfidence, result.TextModelId, result.Certainty, id);
                await update.ExecuteNonQueryAsync(ct);
                Set(clear, id);
                await clear.ExecuteNonQueryAsync(ct);
                foreach (var code in result.Codes)
                {
                    Set(insert, id, feedbackId, code.Label, code.Category, code.Confidence, result.TextModelId, now);
                    await insert.ExecuteNonQueryAsync(ct);
                }
                coded++;
            }
            await themes.FlushAsync(conn, tx, ct);
            await tx.CommitAsync(ct);
            after = page[^1].Id;
            progress?.Invoke(new RecodeProgress(coded, coded / Math.Max(0.001, clock.Elapsed.TotalSeconds)));
        }
        return new RecodeProgress(coded, coded / Math.Max(0.001, clock.Elapsed.TotalSeconds));
    }

    private static DbCommand Command(DbConnection conn, string sql, params string[] names) => PreparedCommands.Create(conn, sql, names);

    private static void Set(DbCommand cmd, params object?[] values) => PreparedCommands.Set(cmd, values);
}
