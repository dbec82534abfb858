using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Routing;

public sealed record TeamView(int Id, int TrustId, string TrustName, string Name, string? Email, List<(string UserName, string DisplayName)> Members);

/// <summary>Teams routing can send feedback to, and their members. PX administrators manage them, within their trusts.</summary>
public static class Teams
{
    public static async Task<List<TeamView>> ListAsync(HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var trusts = await user.TrustIdsAsync(ct);
        var teams = await (from t in db.Teams.AsNoTracking()
                           join tr in db.Trusts on t.TrustId equals tr.Id
                           where trusts == null || trusts.Contains(t.TrustId)
                           orderby tr.Name, t.Name
                           select new { Team = t, TrustName = tr.Name }).ToListAsync(ct);
        var ids = teams.Select(t => t.Team.Id).ToList();
        var members = (await (from m in db.TeamMembers join u in db.Users on m.UserId equals u.Id
                              where ids.Contains(m.TeamId)
                              select new { m.TeamId, u.UserName, u.DisplayName }).ToListAsync(ct)).ToLookup(m => m.TeamId);
        return teams.Select(t => new TeamView(t.Team.Id, t.Team.TrustId, t.TrustName, t.Team.Name, t.Team.Email,
            members[t.Team.Id].OrderBy(m => m.UserName).Select(m => (m.UserName ?? "", m.DisplayName)).ToList())).ToList();
    }

    public static async Task<Team?> FindAsync(HeardDbContext db, CurrentUser user, int id, CancellationToken ct)
    {
        var trusts = await user.TrustIdsAsync(ct);
        return await db.Teams.FirstOrDefaultAsync(t => t.Id == id && (trusts == null || trusts.Contains(t.TrustId)), ct);
    }

    /// <summary>Adds a member by user name; null when it worked, otherwise what was wrong.</summary>
    public static async Task<string?> AddMemberAsync(HeardDbContext db, Audit audit, Team team, string? userName, CancellationToken ct)
    {
        var name = userName?.Trim();
        if (string.IsNullOrEmpty(name)) return "Enter the user name of the person to add";
        var userId = await db.Users.Where(u => u.UserName == name).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (userId is null) return "There is no user with that user name";
        if (await db.TeamMembers.AnyAsync(m => m.TeamId == team.Id && m.UserId == userId, ct)) return $"{name} is already a member of {team.Name}";
        db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = userId, AddedAt = DateTime.UtcNow });
        audit.Record(Audit.Actions.Update, "team", team.Id, $"added {name} to {team.Name}");
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static async Task RemoveMemberAsync(HeardDbContext db, Audit audit, Team team, string userName, CancellationToken ct)
    {
        var member = await (from m in db.TeamMembers join u in db.Users on m.UserId equals u.Id
                            where m.TeamId == team.Id && u.UserName == userName select m).FirstOrDefaultAsync(ct);
        if (member is null) return;
        db.TeamMembers.Remove(member);
        audit.Record(Audit.Actions.Update, "team", team.Id, $"removed {userName} from {team.Name}");
        await db.SaveChangesAsync(ct);
    }
}
