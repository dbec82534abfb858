using BenchmarkDotNet.Attributes;
using Heard.Analysis.EarlyWarning;
using Heard.Data;
using Heard.Web.Features.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Heard.Bench;

/// <summary>
/// The early-warning evaluation for 1,000 units × 10 metrics × 36 months: FFT % positive, % negative and responses,
/// complaints, PALS concerns and five themes' negative comments per unit. First the rules alone on series in memory
/// (every SPC chart, Poisson test and collapse check); then the whole evaluation as the daily run does it, reading the
/// monthly aggregates from a SQLite database of that size (built once in the temp folder) and checking which alerts
/// are already stored. Series are random with the odd step change, so some units raise alerts.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class EarlyWarningBenchmarks
{
    public const int Units = 1_000, Months = 36, Themes = 5;
    public const int FirstMonth = 202311;
    private static readonly string[] ThemeNames = ["Staff attitude", "Waiting", "Food", "Communication", "Cleanliness"];
    private UnitMonthlySeries[] _units = [];
    private DatabaseTarget _target = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(36);
        _units = new UnitMonthlySeries[Units];
        for (var u = 0; u < Units; u++)
        {
            long[] Walk(double level, double step)
            {
                var values = new long[Months];
                for (var m = 0; m < Months; m++)
                {
                    if (random.Next(30) == 0) level *= 0.4 + random.NextDouble() * 1.2;
                    values[m] = Math.Max(0, (long)Math.Round(level + (random.NextDouble() - 0.5) * step));
                }
                return values;
            }
            var responses = Walk(20 + random.Next(200), 20);
            var positive = responses.Select(r => (long)Math.Round(r * (0.75 + random.NextDouble() * 0.2))).ToArray();
            var negative = responses.Select((r, i) => Math.Min(r - positive[i], (long)Math.Round(r * random.NextDouble() * 0.1))).ToArray();
            _units[u] = new UnitMonthlySeries
            {
                UnitId = u + 1, UnitName = $"Unit {u + 1}", FirstMonth = FirstMonth,
                FftResponses = responses, FftPositive = positive, FftNegative = negative,
                Complaints = Walk(random.Next(4), 3), Pals = Walk(random.Next(6), 4),
                Themes = ThemeNames.Select(t => new ThemeNegativeSeries(t, Walk(random.Next(6), 4))).ToList(),
            };
        }
        _target = Database(_units);
    }

    /// <summary>The same series stored as the monthly aggregates the evaluation reads.</summary>
    private static DatabaseTarget Database(UnitMonthlySeries[] units)
    {
        var path = Path.Combine(Path.GetTempPath(), $"heard-bench-early-warning-v1-{Units}.db");
        var target = DatabaseTarget.Parse("sqlite:" + path);
        var existed = File.Exists(path);
        Migrator.MigrateAsync(target).GetAwaiter().GetResult();
        if (existed) return target;
        using var db = target.CreateContext();
        db.Database.OpenConnection();
        using var tx = db.Database.BeginTransaction();
        var conn = db.Database.GetDbConnection();
        void Exec(string sql)
        {
            using var cmd = conn.CreateCommand();
            cmd.Transaction = tx.GetDbTransaction();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
        Exec("INSERT INTO trust (id, ods_code, name) VALUES (1, 'RBB', 'Bench trust'); INSERT INTO site (id, trust_id, code, name) VALUES (1, 1, 'RBB01', 'Main site');");
        foreach (var u in units)
        {
            var sql = new System.Text.StringBuilder();
            sql.Append($"INSERT INTO unit (id, trust_id, site_id, code, name, kind, settings, created_at) VALUES ({u.UnitId}, 1, 1, 'U{u.UnitId}', '{u.UnitName}', 'ward', 'inpatient', '2023-01-01');");
            for (var m = 0; m < Months; m++)
            {
                var month = Heard.Analysis.EarlyWarning.Months.Add(FirstMonth, m);
                var neither = u.FftResponses[m] - u.FftPositive[m] - u.FftNegative[m];
                sql.Append($"INSERT INTO fft_monthly VALUES ({u.UnitId}, 1, {month}, 'inpatient', 1, {u.FftPositive[m]}, 0, {neither}, {u.FftNegative[m]}, 0, 0, 0, {u.FftResponses[m]}, 0, 0, 0, 0, 0, 0, 0, 0);");
                if (u.Complaints[m] > 0) sql.Append($"INSERT INTO source_monthly VALUES ({u.UnitId}, {month}, 'complaint', 1, {u.Complaints[m]});");
                if (u.Pals[m] > 0) sql.Append($"INSERT INTO source_monthly VALUES ({u.UnitId}, {month}, 'pals', 1, {u.Pals[m]});");
                foreach (var t in u.Themes)
                {
                    if (t.Negative[m] == 0) continue;
                    sql.Append("INSERT INTO theme_monthly (unit_id, month, source, setting, label, trust_id, category, comments, sentiment_count, sentiment_sum, positive, negative) ")
                        .Append($"VALUES ({u.UnitId}, {month}, 'fft', 'inpatient', '{t.Theme}', 1, NULL, {t.Negative[m] * 3}, {t.Negative[m] * 3}, {t.Negative[m] * 9}, 0, {t.Negative[m]});");
                }
            }
            Exec(sql.ToString());
        }
        tx.Commit();
        return target;
    }

    [Benchmark(Description = "Early warning rules: 1,000 units × 10 metrics × 36 months, in memory")]
    public int RulesOnly()
    {
        var alerts = 0;
        foreach (var unit in _units) alerts += EarlyWarningRules.Evaluate(unit).Count;
        return alerts;
    }

    [Benchmark(Description = "Early warning evaluation: the same read from the SQLite aggregates, stored alerts checked")]
    public int FromDatabase()
    {
        using var db = _target.CreateContext();
        var summary = EarlyWarningEvaluation.RunAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return summary.Raised + summary.AlreadyRaised;
    }
}
