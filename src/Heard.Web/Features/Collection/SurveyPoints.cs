using System.Security.Cryptography;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Collection;

/// <summary>Where a patient lands from a link or QR code: the unit, its setting and the live questions.</summary>
public sealed record SurveyPoint(
    int AssignmentId, string Code, int SurveyId, string SurveyName, int VersionId, int VersionNumber, SurveyDefinition Definition,
    int UnitId, string UnitName, string UnitCode, string Setting, string TrustName);

public static class SurveyPoints
{
    // No 0/o, 1/l/i: people type these codes from posters.
    private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
    public const int CodeLength = 6;

    public static string NewCode()
    {
        Span<char> code = stackalloc char[CodeLength];
        for (var i = 0; i < code.Length; i++) code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(code);
    }

    /// <summary>A code from a seeded generator, so the demo trust's links are the same on every machine.</summary>
    public static string NewCode(Random seeded)
    {
        Span<char> code = stackalloc char[CodeLength];
        for (var i = 0; i < code.Length; i++) code[i] = Alphabet[seeded.Next(Alphabet.Length)];
        return new string(code);
    }

    public static bool IsWellFormed(string? code) =>
        code is { Length: CodeLength } && code.All(c => Alphabet.Contains(c));

    /// <summary>
    /// The live survey at a code today, or null when the code is unknown, the survey has no live version, it has not
    /// started or has ended, or the unit has closed.
    /// </summary>
    public static async Task<SurveyPoint?> FindAsync(HeardDbContext db, string? code, DateOnly today, CancellationToken ct)
    {
        code = code?.Trim().ToLowerInvariant();
        if (!IsWellFormed(code)) return null;
        var found = await (
            from a in db.SurveyAssignments.AsNoTracking()
            join s in db.Surveys.AsNoTracking() on a.SurveyId equals s.Id
            join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
            join t in db.Trusts.AsNoTracking() on u.TrustId equals t.Id
            where a.Code == code
            select new { a, s, u, TrustName = t.Name }).SingleOrDefaultAsync(ct);
        if (found is null) return null;
        var (assignment, survey, unit) = (found.a, found.s, found.u);
        if (unit.ClosedOn is { } closed && closed <= today) return null;
        if ((assignment.StartsOn ?? survey.StartsOn) is { } start && start > today) return null;
        if ((assignment.EndsOn ?? survey.EndsOn) is { } end && end < today) return null;
        var live = await db.SurveyVersions.AsNoTracking()
            .Where(v => v.SurveyId == survey.Id && v.Status == SurveyStatuses.Live)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (live is null) return null;
        return new SurveyPoint(assignment.Id, assignment.Code, survey.Id, survey.Name, live.Id, live.Number, SurveyDefinition.FromJson(live.DefinitionJson),
            unit.Id, unit.Name, unit.Code, assignment.Setting, found.TrustName);
    }
}
