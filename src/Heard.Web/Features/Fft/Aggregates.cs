using Heard.Data;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Fft;

/// <summary>
/// The monthly aggregates are a cache of the raw feedback. Imports keep them current; this recomputes them from the
/// raw records alone, and tests compare the two so a drift can never go unnoticed.
/// </summary>
public static class Aggregates
{
    public static async Task<(int Fft, int Sources, int Themes)> RebuildAsync(HeardDbContext db, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM fft_monthly", ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM source_monthly", ct);
        static string Answer(int a) => $"SUM(CASE WHEN f.fft_answer = {a} THEN 1 ELSE 0 END)";
        static string Mode(string m) => $"SUM(CASE WHEN f.fft_answer IS NOT NULL AND f.mode = '{m}' THEN 1 ELSE 0 END)";
        // Only constants are interpolated here: the answer codes and mode names.
        var insertFft = $"""
            INSERT INTO fft_monthly (unit_id, site_id, month, setting, trust_id, very_good, good, neither, poor, very_poor, dont_know, no_rating,
                mode_sms, mode_electronic_discharge, mode_electronic_home, mode_paper_discharge, mode_paper_home, mode_telephone, mode_online, mode_other, comments)
            SELECT f.unit_id, f.site_id, f.month, f.setting, MIN(u.trust_id), {Answer(1)}, {Answer(2)}, {Answer(3)}, {Answer(4)}, {Answer(5)}, {Answer(6)},
                SUM(CASE WHEN f.fft_answer IS NULL THEN 1 ELSE 0 END),
                {Mode("sms")}, {Mode("electronic-discharge")}, {Mode("electronic-home")}, {Mode("paper-discharge")}, {Mode("paper-home")},
                {Mode("telephone")}, {Mode("online")}, {Mode("other")},
                SUM(CASE WHEN EXISTS (SELECT 1 FROM feedback_answer a WHERE a.feedback_record_id = f.id AND a.text IS NOT NULL) THEN 1 ELSE 0 END)
            FROM feedback f JOIN unit u ON u.id = f.unit_id
            WHERE f.source = 'fft' AND f.setting IS NOT NULL
            GROUP BY f.unit_id, f.site_id, f.month, f.setting
            """;
        var fft = await db.Database.ExecuteSqlRawAsync(insertFft, ct);
        var sources = await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO source_monthly (unit_id, month, source, trust_id, records)
            SELECT f.unit_id, f.month, f.source, MIN(f.trust_id), COUNT(*)
            FROM feedback f WHERE f.source <> 'fft'
            GROUP BY f.unit_id, f.month, f.source
            """, ct);
        var (themes, _) = await Themes.ThemeAggregates.RebuildAsync(db, ct);
        await tx.CommitAsync(ct);
        return (fft, sources, themes);
    }
}
