using Heard.Data.Model;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

/// <summary><c>./heard yswd digest</c>: the monthly email as HTML in the pickup folder, once per person and month.</summary>
[Collection("console")]
public sealed class YouSaidWeDidCliTests
{
    [Fact]
    public async Task Yswd_digest_writes_one_html_email_per_person_and_month_and_rejects_a_bad_month()
    {
        await using var host = await WebHost.StartAsync("sqlite");
        var pickup = Path.Combine(Path.GetTempPath(), "heard-tests", "yswd-" + Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable("Heard__Mail__PickupDirectory", pickup);
        try
        {
            int trustId;
            await using (var db = host.Database.Context())
            {
                var trust = new Trust { OdsCode = "RZZ", Name = "Test Trust" };
                db.Trusts.Add(trust);
                await db.SaveChangesAsync();
                var site = new Site { TrustId = trust.Id, Code = "RZZ01", Name = "Main site" };
                db.Sites.Add(site);
                await db.SaveChangesAsync();
                var unit = new Unit { TrustId = trust.Id, SiteId = site.Id, Code = "W1", Name = "Ward 1", CreatedAt = DateTime.UtcNow };
                db.Units.Add(unit);
                db.YouSaidWeDidRecords.Add(new YouSaidWeDidRecord
                {
                    TrustId = trust.Id, UnitId = null, Title = "Quieter nights", YouSaid = "Nights were noisy.", WeDid = "Soft-close bins on every bay.",
                    Status = YouSaidWeDidStatuses.Published, PublishedAt = new DateTime(2026, 10, 14, 9, 0, 0, DateTimeKind.Utc), PublishedBy = "px",
                    CreatedAt = DateTime.UtcNow, CreatedBy = "px", UpdatedAt = DateTime.UtcNow, UpdatedBy = "px",
                });
                await db.SaveChangesAsync();
                trustId = trust.Id;
            }
            var lead = await host.CreateUserAsync("lead", Roles.PxAnalyst, (ScopeLevels.Trust, trustId));
            await using (var db = host.Database.Context())
            {
                (await db.Users.SingleAsync(u => u.Id == lead.Id)).Email = "lead@example.nhs.uk";
                await db.SaveChangesAsync();
            }

            var (code, stdout, _) = await CliRunner.Run("yswd", "digest", "--month", "2026-10", "--database", host.Database.Setting);
            Assert.Equal(0, code);
            Assert.Equal("published=1 queued=1 already=0", CliRunner.LastLine(stdout));
            var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(pickup, "*.eml")));
            Assert.Contains("Content-Type: multipart/alternative", eml);
            Assert.Contains("<h2>Quieter nights</h2>", Eml.Part(eml, "text/html"));
            Assert.Contains("/you-said-we-did/RZZ", Eml.Part(eml, "text/html"));
            Assert.Contains("Quieter nights", Eml.Part(eml, "text/plain"));

            (code, stdout, _) = await CliRunner.Run("yswd", "digest", "--month", "2026-10", "--database", host.Database.Setting);
            Assert.Equal("published=1 queued=0 already=1", CliRunner.LastLine(stdout));
            Assert.Single(Directory.GetFiles(pickup, "*.eml"));

            var (bad, _, stderr) = await CliRunner.Run("yswd", "digest", "--month", "October", "--database", host.Database.Setting);
            Assert.Equal(2, bad);
            Assert.Contains("--month 'October' is not a month", stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Heard__Mail__PickupDirectory", null);
            if (Directory.Exists(pickup)) Directory.Delete(pickup, true);
        }
    }
}
