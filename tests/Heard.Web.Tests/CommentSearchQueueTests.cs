using System.Data.Common;
using Heard.Data;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

/// <summary>SQLite file imports index comments for search in sorted batches (migration 0011, CommentSearchQueue).</summary>
public sealed class CommentSearchQueueTests
{
    // Dates out of order, as in real files: the index is keyed by day, so file order is not index order.
    private const string Fft = "response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n" +
        "1,2026-09-09,RZZ,RZZ01,Ward 1,inpatient,1,sms,Kind nurses on nights\n" +
        "2,2026-09-01,RZZ,RZZ01,Ward 1,inpatient,4,sms,Waited hours for a bed\n" +
        "3,2026-09-05,RZZ,RZZ01,Ward 1,inpatient,1,sms,Lovely kind staff\n" +
        "4,2026-08-20,RZZ,RZZ01,Ward 2,inpatient,2,sms,Kind porters\n" +
        "5,2026-09-30,RZZ,RZZ01,Ward 2,inpatient,5,sms,Cold food and long waits\n" +
        "6,2026-09-02,RZZ,RZZ01,Ward 2,inpatient,1,sms,\n" +
        "7,2026-07-15,RZZ,RZZ01,Ward 2,inpatient,1,sms,Kind and quick\n";

    [Fact]
    public async Task File_import_indexes_every_comment_newest_first_and_leaves_nothing_queued()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        await new FeedbackImporter(database.Target).ImportAsync(files.Write("fft.csv", Fft),
            new ImportOptions { ChunkSize = 2, CommentsPerSearchBatch = 3 });

        await using var db = database.Context();
        var conn = await OpenAsync(db);
        Assert.Equal(0L, await ScalarAsync(conn, "SELECT COUNT(*) FROM comment_search_pending"));
        Assert.Equal(0L, await ScalarAsync(conn, "SELECT COUNT(*) FROM comment_search_deferral"));

        // Walking the index backwards is walking the comments newest first.
        var kind = await ColumnAsync(conn, """
            SELECT a.text FROM comment_search s JOIN feedback_answer a ON a.id = (s.rowid & 4294967295)
            WHERE comment_search MATCH 'kind' ORDER BY s.rowid DESC
            """);
        Assert.Equal(["Kind nurses on nights", "Lovely kind staff", "Kind porters", "Kind and quick"], kind);
        Assert.Equal(6L, await ScalarAsync(conn, "SELECT COUNT(*) FROM comment_search WHERE comment_search MATCH 'kind OR wait OR food'"));
    }

    [Fact]
    public async Task Comments_left_queued_by_an_interrupted_import_are_indexed_at_the_next_start()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        await new FeedbackImporter(database.Target).ImportAsync(files.Write("fft.csv", Fft), new ImportOptions());

        await using (var db = database.Context())
        {
            var conn = await OpenAsync(db);
            // What an import's chunk commits before its batch is indexed: the comment is stored and queued.
            await using var tx = await conn.BeginTransactionAsync();
            await CommentSearchQueue.DeferAsync(conn, tx, default);
            await ExecAsync(conn, tx, "INSERT INTO feedback_answer (feedback_record_id, question_key, text) SELECT MIN(id), 'extra', 'Parking was impossible' FROM feedback");
            await CommentSearchQueue.EndDeferralAsync(conn, tx, default);
            await tx.CommitAsync();
            Assert.Equal(0L, await ScalarAsync(conn, "SELECT COUNT(*) FROM comment_search WHERE comment_search MATCH 'parking'"));
            Assert.Equal(1L, await ScalarAsync(conn, "SELECT COUNT(*) FROM comment_search_pending"));
        }

        await Migrator.MigrateAsync(database.Target);

        await using (var db = database.Context())
        {
            var conn = await OpenAsync(db);
            Assert.Equal(1L, await ScalarAsync(conn, "SELECT COUNT(*) FROM comment_search WHERE comment_search MATCH 'parking'"));
            Assert.Equal(0L, await ScalarAsync(conn, "SELECT COUNT(*) FROM comment_search_pending"));
        }
    }

    [Fact]
    public async Task Other_writers_index_each_comment_as_it_is_stored()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        await new FeedbackImporter(database.Target).ImportAsync(files.Write("fft.csv", Fft), new ImportOptions());
        await using var db = database.Context();
        var conn = await OpenAsync(db);
        await ExecAsync(conn, null, "INSERT INTO feedback_answer (feedback_record_id, question_key, text) SELECT MIN(id), 'extra', 'Parking was impossible' FROM feedback");
        Assert.Equal(1L, await ScalarAsync(conn, "SELECT COUNT(*) FROM comment_search WHERE comment_search MATCH 'parking'"));
        Assert.Equal(0L, await ScalarAsync(conn, "SELECT COUNT(*) FROM comment_search_pending"));
    }

    private static async Task<DbConnection> OpenAsync(Heard.Data.HeardDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        return db.Database.GetDbConnection();
    }

    private static async Task ExecAsync(DbConnection conn, DbTransaction? tx, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    private static async Task<List<string>> ColumnAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var values = new List<string>();
        while (await r.ReadAsync()) values.Add(r.GetString(0));
        return values;
    }
}
