using System.Text.Json.Serialization;
using Heard.Analysis.SelfAssessment;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.SelfAssessment;

public sealed record EvidenceLink(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("target_id")] int? TargetId,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("href")] string Href);

public sealed record RequirementAnswer(
    [property: JsonPropertyName("requirement_id")] string RequirementId,
    [property: JsonPropertyName("requirement")] string Requirement,
    [property: JsonPropertyName("score")] int? Score,
    [property: JsonPropertyName("current_position")] string? CurrentPosition,
    [property: JsonPropertyName("planned_action")] string? PlannedAction,
    [property: JsonPropertyName("what_good_looks_like")] string? WhatGoodLooksLike,
    [property: JsonPropertyName("evidence")] IReadOnlyList<EvidenceLink> Evidence);

public sealed record CharacteristicAnswers(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("characteristic")] string Characteristic,
    [property: JsonPropertyName("score")] double? Score,
    [property: JsonPropertyName("requirements")] IReadOnlyList<RequirementAnswer> Requirements);

public sealed record SectionAnswers(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("score")] double? Score,
    [property: JsonPropertyName("scored")] int Scored,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("characteristics")] IReadOnlyList<CharacteristicAnswers> Characteristics);

/// <summary>A round as a list shows it.</summary>
public sealed record RoundSummary(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("trust_id")] int TrustId,
    [property: JsonPropertyName("division_id")] int? DivisionId,
    [property: JsonPropertyName("organisation")] string Organisation,
    [property: JsonPropertyName("period_start")] DateOnly PeriodStart,
    [property: JsonPropertyName("period_end")] DateOnly PeriodEnd,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("scored")] int Scored,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("overall_score")] double? OverallScore);

/// <summary>A round in full: every section, characteristic and requirement of the framework with this round's answers.</summary>
public sealed record RoundDetail(
    [property: JsonPropertyName("round")] RoundSummary Round,
    [property: JsonPropertyName("completed_at")] DateTime? CompletedAt,
    [property: JsonPropertyName("completed_by")] string? CompletedBy,
    [property: JsonPropertyName("sections")] IReadOnlyList<SectionAnswers> Sections)
{
    public IEnumerable<RequirementAnswer> Requirements => Sections.SelectMany(s => s.Characteristics).SelectMany(c => c.Requirements);
}

public static class SelfAssessmentQuery
{
    public static int Total => ImprovementFramework.RequirementsById.Count;

    public static Dictionary<string, int> Scores(IEnumerable<SelfAssessmentAnswer> answers) =>
        answers.Where(a => a.Score is not null && ImprovementFramework.RequirementsById.ContainsKey(a.RequirementId))
            .ToDictionary(a => a.RequirementId.ToUpperInvariant(), a => a.Score!.Value);

    /// <summary>Every round the user may read, newest period first.</summary>
    public static async Task<List<RoundSummary>> ListAsync(HeardDbContext db, SelfAssessmentAccess access, CancellationToken ct)
    {
        var rounds = await db.SelfAssessmentRounds.AsNoTracking().Include(r => r.Answers)
            .OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.Id).ToListAsync(ct);
        var result = new List<RoundSummary>();
        foreach (var r in rounds)
            if (await access.CanReadAsync(r, ct)) result.Add(await SummaryAsync(r, access, ct));
        return result;
    }

    public static async Task<RoundSummary> SummaryAsync(SelfAssessmentRound r, SelfAssessmentAccess access, CancellationToken ct)
    {
        var scores = Scores(r.Answers);
        return new RoundSummary(r.Id, r.Title, r.TrustId, r.DivisionId, await access.NameAsync(r.TrustId, r.DivisionId, ct), r.PeriodStart, r.PeriodEnd,
            r.Status, SelfAssessmentScoring.Scored(scores), Total, SelfAssessmentScoring.Overall(scores));
    }

    /// <summary>The round with its answers and evidence, or null when it does not exist or is outside the user's scope.</summary>
    public static async Task<(SelfAssessmentRound Entity, RoundDetail Detail)?> LoadAsync(HeardDbContext db, SelfAssessmentAccess access, int id, CancellationToken ct)
    {
        var r = await db.SelfAssessmentRounds.AsNoTracking().Include(x => x.Answers).Include(x => x.Evidence).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null || !await access.CanReadAsync(r, ct)) return null;
        return (r, Detail(r, await SummaryAsync(r, access, ct)));
    }

    public static RoundDetail Detail(SelfAssessmentRound r, RoundSummary summary)
    {
        var answers = r.Answers.ToDictionary(a => a.RequirementId.ToUpperInvariant());
        var evidence = r.Evidence.OrderBy(e => e.Id).ToLookup(e => e.RequirementId.ToUpperInvariant());
        var scores = Scores(r.Answers);
        var sections = ImprovementFramework.Sections.Select(s => new SectionAnswers(s.Number, s.Title, SelfAssessmentScoring.Section(scores, s),
            s.Requirements.Count(q => scores.ContainsKey(q.Id)), s.Requirements.Count(),
            s.Characteristics.Select(c => new CharacteristicAnswers(c.Number, c.Text, SelfAssessmentScoring.Characteristic(scores, c),
                c.Requirements.Select(q =>
                {
                    var a = answers.GetValueOrDefault(q.Id);
                    return new RequirementAnswer(q.Id, q.Text, a?.Score, a?.CurrentPosition, a?.PlannedAction, a?.WhatGoodLooksLike,
                        evidence[q.Id].Select(e => new EvidenceLink(e.Id, e.Kind, e.TargetId, e.Label, e.Href)).ToList());
                }).ToList())).ToList())).ToList();
        return new RoundDetail(summary, r.CompletedAt, r.CompletedBy, sections);
    }

    /// <summary>
    /// The rounds a trust view rolls up for a period: the trust's own latest round whose period ends within it, and for each
    /// of its divisions the latest round whose period ends within it. Drafts count as well as complete rounds (the page says
    /// which are drafts), so a board can see work in progress.
    /// </summary>
    public static async Task<(SelfAssessmentRound? Trust, List<(SelfAssessmentRound Round, string Division)> Divisions)> RollUpRoundsAsync(
        HeardDbContext db, int trustId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rounds = await db.SelfAssessmentRounds.AsNoTracking().Include(r => r.Answers).Include(r => r.Division)
            .Where(r => r.TrustId == trustId && r.PeriodEnd >= from && r.PeriodEnd <= to).ToListAsync(ct);
        static SelfAssessmentRound Latest(IEnumerable<SelfAssessmentRound> rs) => rs.OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.Id).First();
        var trust = rounds.Where(r => r.DivisionId is null).ToList();
        var divisions = rounds.Where(r => r.DivisionId is not null).GroupBy(r => r.DivisionId)
            .Select(g => Latest(g)).OrderBy(r => r.Division!.Name).Select(r => (r, r.Division!.Name)).ToList();
        return (trust.Count == 0 ? null : Latest(trust), divisions);
    }

    /// <summary>One organisation's rounds in period order, for the trend: never another organisation's.</summary>
    public static Task<List<SelfAssessmentRound>> TrendRoundsAsync(HeardDbContext db, int trustId, int? divisionId, CancellationToken ct) =>
        db.SelfAssessmentRounds.AsNoTracking().Include(r => r.Answers)
            .Where(r => r.TrustId == trustId && r.DivisionId == divisionId)
            .OrderBy(r => r.PeriodEnd).ThenBy(r => r.Id).ToListAsync(ct);
}
