using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Demo;

/// <summary>
/// The demo trust's own surveys, so a newcomer can open a patient page, print a poster and enter paper cards at once:
/// a live ward survey on every inpatient unit, a live maternity survey, and a draft outpatient survey being written.
/// </summary>
public static class DemoSurveys
{
    public static async Task AddAsync(HeardDbContext db, DemoManifest manifest, int seed, CancellationToken ct)
    {
        var trust = await db.Trusts.SingleAsync(t => t.OdsCode == manifest.TrustCode, ct);
        var units = await db.Units.Where(u => u.TrustId == trust.Id).OrderBy(u => u.Code).ToListAsync(ct);
        var random = new Random(seed);
        var now = DateTime.UtcNow;
        var start = new DateOnly(DemoLoader.LastMonth().Year, 1, 1).AddYears(-1);

        string[] wardQuestions = ["fft", "why", "better", "respect", "involved", "information", "welcome",
            "age_band", "sex", "ethnicity", "disability", "first_language", "consent_to_publish", "consent_to_contact"];
        string[] maternityQuestions = ["fft", "why", "better", "respect", "involved", "information", "age_band", "ethnicity",
            "first_language", "consent_to_publish", "consent_to_contact"];

        Add("Ward experience survey", "Inpatient FFT and the four experience questions, on every ward.",
            "Patient Experience Team", wardQuestions, SurveyStatuses.Live,
            units.Where(u => u.SettingCodes.Contains("inpatient")).Select(u => (u, "inpatient")));
        Add("Maternity experience survey", "FFT at each maternity touchpoint.", "Maternity Voices Partnership lead",
            maternityQuestions, SurveyStatuses.Live,
            units.SelectMany(u => u.SettingCodes.Where(s => s.StartsWith("maternity", StringComparison.Ordinal)).Select(s => (u, s))));
        Add("Outpatient clinic survey", "Being written with the outpatient matrons; not yet live.", "Outpatients Matron",
            ["fft", "why", "information", "welcome", "consent_to_publish", "consent_to_contact"], SurveyStatuses.Draft, []);
        await db.SaveChangesAsync(ct);

        void Add(string name, string purpose, string owner, string[] keys, string status, IEnumerable<(Unit Unit, string Setting)> where)
        {
            var survey = new Survey
            {
                TrustId = trust.Id, Name = name, Purpose = purpose, Owner = owner, StartsOn = start, CreatedAt = now, CreatedBy = "demo",
            };
            survey.Versions.Add(new SurveyVersion
            {
                Number = 1, Status = status, CreatedAt = now, CreatedBy = "demo",
                PublishedAt = status == SurveyStatuses.Live ? now : null,
                DefinitionJson = new SurveyDefinition([.. keys.Select(k => QuestionLibrary.Find(k)!)]).ToJson(),
            });
            foreach (var (unit, setting) in where)
                survey.Assignments.Add(new SurveyAssignment
                {
                    UnitId = unit.Id, Setting = setting, Code = SurveyPoints.NewCode(random), CreatedAt = now,
                });
            db.Surveys.Add(survey);
        }
    }
}
