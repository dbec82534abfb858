using Heard.Analysis.SelfAssessment;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.SelfAssessment;

/// <summary>The changes a round goes through. Callers check <see cref="SelfAssessmentAccess"/> first; each change is audited.</summary>
public static class SelfAssessmentRounds
{
    public const string Entity = "self-assessment round";
    public const int MaxText = 4000;

    public static async Task<SelfAssessmentRound> CreateAsync(HeardDbContext db, Audit audit, CurrentUser user, int trustId, int? divisionId,
        string title, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var round = new SelfAssessmentRound
        {
            TrustId = trustId, DivisionId = divisionId, Title = title, PeriodStart = start, PeriodEnd = end,
            Status = SelfAssessmentStatuses.Draft, CreatedAt = DateTime.UtcNow, CreatedBy = user.Name,
        };
        db.SelfAssessmentRounds.Add(round);
        await db.SaveChangesAsync(ct);
        audit.Record(Audit.Actions.Create, Entity, round.Id, $"{title}; {start:yyyy-MM-dd} to {end:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return round;
    }

    /// <summary>Sets one requirement's answer, creating the row the first time.</summary>
    public static async Task SaveAnswerAsync(HeardDbContext db, CurrentUser user, int roundId, string requirementId, ImportedAnswer answer, CancellationToken ct)
    {
        var row = await db.SelfAssessmentAnswers.SingleOrDefaultAsync(a => a.RoundId == roundId && a.RequirementId == requirementId, ct);
        if (row is null)
        {
            row = new SelfAssessmentAnswer { RoundId = roundId, RequirementId = requirementId };
            db.SelfAssessmentAnswers.Add(row);
        }
        row.Score = answer.Score;
        row.CurrentPosition = Clip(answer.CurrentPosition);
        row.PlannedAction = Clip(answer.PlannedAction);
        row.WhatGoodLooksLike = Clip(answer.WhatGoodLooksLike);
        row.UpdatedAt = DateTime.UtcNow;
        row.UpdatedBy = user.Name;
    }

    /// <summary>Writes every answer a re-opened document holds into a draft round, in one transaction.</summary>
    public static async Task<int> ApplyAsync(HeardDbContext db, Audit audit, CurrentUser user, SelfAssessmentRound round, ImportedRound imported, CancellationToken ct)
    {
        foreach (var (id, answer) in imported.Answers)
            await SaveAnswerAsync(db, user, round.Id, ImprovementFramework.RequirementsById[id].Id, answer, ct);
        audit.Record(Audit.Actions.Import, Entity, round.Id, $"re-opened from Word: {imported.Answers.Count} requirements");
        await db.SaveChangesAsync(ct);
        return imported.Answers.Count;
    }

    public static async Task CompleteAsync(HeardDbContext db, Audit audit, CurrentUser user, SelfAssessmentRound round, CancellationToken ct)
    {
        round.Status = SelfAssessmentStatuses.Complete;
        round.CompletedAt = DateTime.UtcNow;
        round.CompletedBy = user.Name;
        audit.Record(Audit.Actions.Update, Entity, round.Id, "completed: now read-only");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An administrator's reopening of a complete round, so it can be corrected; the audit trail keeps who and when.</summary>
    public static async Task ReopenAsync(HeardDbContext db, Audit audit, SelfAssessmentRound round, CancellationToken ct)
    {
        audit.Record(Audit.Actions.Update, Entity, round.Id, $"reopened (was completed {round.CompletedAt:yyyy-MM-dd HH:mm} by {round.CompletedBy})");
        round.Status = SelfAssessmentStatuses.Draft;
        round.CompletedAt = null;
        round.CompletedBy = null;
        await db.SaveChangesAsync(ct);
    }

    private static string? Clip(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim() is { Length: > MaxText } t ? t[..MaxText] : s.Trim();
}
