using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Fft;
using Heard.Web.Features.Quality;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Demo;

/// <summary>
/// Safety, staffing and staff figures for the demo wards, so the Quality pages have something to show. Each month's
/// figures lean with the ward's own FFT result that month (a ward under strain has more falls, a lower fill rate and
/// unhappier staff), plus noise, so the cross-unit view finds links of believable, imperfect strength. They go in
/// through the quality importer like any file.
/// </summary>
public static class DemoQuality
{
    public static async Task AddAsync(HeardDbContext db, int seed, CancellationToken ct)
    {
        var wards = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKinds.Ward).Select(u => new { u.Id, u.Code }).ToListAsync(ct);
        var ids = wards.Select(w => w.Id).ToList();
        var positive = (await db.FftMonthly.AsNoTracking().Where(m => ids.Contains(m.UnitId)).ToListAsync(ct))
            .GroupBy(m => (m.UnitId, m.Month))
            .ToDictionary(g => g.Key, g => FftCounts.Sum(g.Select(FftReturnQuery.ToCounts)).PercentagePositive);
        var random = new Random(seed + 10);
        double Noise() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var inv = CultureInfo.InvariantCulture;
        const string header = "unit_code,month,measure,value";
        var text = new StringBuilder(header).Append('\n');
        var rows = new List<QualityRowInput>();
        string[] measures = ["falls", "pressure_ulcers", "incidents", "staffing_fill_rate", "vacancy_rate", "staff_fft_work", "staff_fft_care", "staff_survey_feedback_used"];
        foreach (var ward in wards.OrderBy(w => w.Code))
        {
            // What sets each ward apart whatever its patients say (its case mix, its estate, its manager), so that no
            // measure tracks patient experience too neatly.
            var own = measures.ToDictionary(m => m, _ => Noise() * 1.3);
            foreach (var ((_, month), percent) in positive.Where(p => p.Key.UnitId == ward.Id && p.Value is not null).OrderBy(p => p.Key.Month))
            {
                // About 0 for a ward at 90% positive that month, rising by one for every ten points below.
                var shared = Math.Clamp((90 - percent!.Value) / 10, -1.5, 3) + Noise() * 0.6;
                var monthText = QualityEndpoints.MonthText(month);
                double Strain(string measure) => shared + own[measure];
                void Add(string measure, double value)
                {
                    var line = string.Create(inv, $"{ward.Code},{monthText},{measure},{value}");
                    text.Append(line).Append('\n');
                    rows.Add(new QualityRowInput(rows.Count + 2, line, null, ward.Code, null, null, monthText, measure, value.ToString(inv)));
                }
                Add("falls", Math.Max(0, Math.Round(2 + 1.2 * Strain("falls") + Noise())));
                Add("pressure_ulcers", Math.Max(0, Math.Round(0.6 + 0.5 * Strain("pressure_ulcers") + Noise() * 0.7)));
                Add("incidents", Math.Max(0, Math.Round(9 + 1.5 * Strain("incidents") + Noise() * 3)));
                Add("staffing_fill_rate", Math.Round(96 - 3.5 * Strain("staffing_fill_rate") + Noise() * 2.5, 1));
                Add("vacancy_rate", Math.Clamp(Math.Round(7 + 2.5 * Strain("vacancy_rate") + Noise() * 1.5, 1), 0, 100));
                // The staff FFT is quarterly; the Staff Survey's results come once a year, in March.
                if (month % 100 % 3 == 0)
                {
                    Add("staff_fft_work", Math.Clamp(Math.Round(72 - 7 * Strain("staff_fft_work") + Noise() * 5), 0, 100));
                    Add("staff_fft_care", Math.Clamp(Math.Round(80 - 5 * Strain("staff_fft_care") + Noise() * 4), 0, 100));
                }
                if (month % 100 == 3) Add("staff_survey_feedback_used", Math.Clamp(Math.Round(62 - 5 * Strain("staff_survey_feedback_used") + Noise() * 6), 0, 100));
            }
        }
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        await new QualityImporter(db).ImportAsync(QualityChannels.File, "demo-quality.csv", fingerprint, header, rows, null, "demo", keepRejectedRows: true, ct);
    }
}
