using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Heard.Cli;
using Heard.Data.Model;
using Heard.Web.Features.Organisation;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Heard.Web.Tests.Support.OrganisationFixtures;
using static Heard.Web.Tests.Support.CliRunner;

namespace Heard.Web.Tests;

/// <summary>
/// Units over time: renames, moves, merges, closures and the organisation CSV, through <see cref="UnitLifecycle"/>,
/// <see cref="OrganisationCsv"/> and the API. Feedback is loaded with the real importer, which creates the units.
/// </summary>
public sealed class OrganisationTests
{
    private static readonly DateOnly October = new(2026, 10, 1);

    private static async Task<(int Ward1, int Ward2, int Ward9)> SeedAsync(TestDatabase db, TempFiles files)
    {
        await ImportFeedbackAsync(db, files,
            Response("1", "2026-09-10", "Ward 1"), Response("2", "2026-09-20", "Ward 1", answer: 4),
            Response("3", "2026-09-12", "Ward 2"),
            Response("9", "2026-09-15", "Ward 9", trust: "RYY", site: "RYY01"));
        await using var ctx = db.Context();
        return ((await UnitAsync(ctx, "Ward 1")).Id, (await UnitAsync(ctx, "Ward 2")).Id, (await UnitAsync(ctx, "Ward 9")).Id);
    }

    private static async Task ChangeAsync(TestDatabase db, Func<Heard.Data.HeardDbContext, Heard.Web.Infrastructure.Audit, Task> change)
    {
        await using var ctx = db.Context();
        await change(ctx, Audit(ctx));
    }

    private static async Task<UnitChangeException> RefusedAsync(TestDatabase db, Func<Heard.Data.HeardDbContext, Heard.Web.Infrastructure.Audit, Task> change) =>
        await Assert.ThrowsAsync<UnitChangeException>(() => ChangeAsync(db, change));

    private static async Task<Unit> Reload(TestDatabase db, int id)
    {
        await using var ctx = db.Context();
        return await ctx.Units.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private static async Task<UnitVersion?> VersionAt(TestDatabase db, int unitId, DateOnly date)
    {
        await using var ctx = db.Context();
        return await UnitLifecycle.VersionAtAsync(ctx, unitId, date);
    }

    private static async Task<List<string>> AliasesOf(TestDatabase db, int unitId)
    {
        await using var ctx = db.Context();
        return await ctx.UnitAliases.Where(a => a.UnitId == unitId).Select(a => a.Alias).ToListAsync();
    }

    private static async Task<Dictionary<string, int>> FeedbackUnits(TestDatabase db)
    {
        await using var ctx = db.Context();
        return await ctx.Feedback.ToDictionaryAsync(f => f.ExternalId!, f => f.UnitId);
    }

    // ------------------------------------------------------------------ rename

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rename_keeps_the_old_name_for_earlier_months_and_as_an_alias(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var (ward1, _, _) = await SeedAsync(db, files);

        await ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.RenameAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward1), "Cedar Ward", October, audit));

        Assert.Equal("Cedar Ward", (await Reload(db, ward1)).Name);
        Assert.Equal("Ward 1", (await VersionAt(db, ward1, new DateOnly(2026, 9, 30)))!.Name);
        Assert.Equal("Ward 1", (await VersionAt(db, ward1, UnitLifecycle.Beginning))!.Name);
        Assert.Equal("Cedar Ward", (await VersionAt(db, ward1, October))!.Name);
        Assert.Equal(["Ward 1"], await AliasesOf(db, ward1));
        await using (var ctx = db.Context())
        {
            var entry = await ctx.AuditEntries.SingleAsync(a => a.Entity == "unit" && a.EntityId == ward1.ToString());
            Assert.Equal(("organisation-tests", "update"), (entry.UserName, entry.Action));
            Assert.Equal("renamed 'Ward 1' -> 'Cedar Ward' from 2026-10-01", entry.Detail);
        }

        // A source system still sending the old name (in any case) and one sending the new name both reach the unit.
        var later = await ImportFeedbackAsync(db, files, Response("10", "2026-11-02", "ward 1"), Response("11", "2026-11-03", "Cedar Ward"));

        Assert.Equal(2L, later.Imported);
        Assert.Empty(later.Created);
        var units = await FeedbackUnits(db);
        Assert.Equal(ward1, units["10"]);
        Assert.Equal(ward1, units["11"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rename_refuses_a_date_before_the_current_name_and_a_name_already_in_use_at_the_site(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var (ward1, ward2, _) = await SeedAsync(db, files);
        await ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.RenameAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward1), "Cedar Ward", October, audit));

        var backdated = await RefusedAsync(db, async (ctx, audit) =>
            await UnitLifecycle.RenameAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward1), "Oak Ward", new DateOnly(2026, 9, 1), audit));
        var takenByUnit = await RefusedAsync(db, async (ctx, audit) =>
            await UnitLifecycle.RenameAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward2), "CEDAR  ward", October, audit));
        var takenByAlias = await RefusedAsync(db, async (ctx, audit) =>
            await UnitLifecycle.RenameAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward2), "Ward 1", October, audit));

        Assert.Equal("effectiveFrom", backdated.Field);
        Assert.Contains("1 October 2026", backdated.Message);
        Assert.Equal("name", takenByUnit.Field);
        Assert.Contains("Another open unit at this site is called 'Cedar Ward'", takenByUnit.Message);
        Assert.Equal("name", takenByAlias.Field);
        Assert.Contains("'Ward 1' is an alias of unit Cedar Ward", takenByAlias.Message);
        Assert.Equal("Cedar Ward", (await Reload(db, ward1)).Name);
        Assert.Equal("Ward 2", (await Reload(db, ward2)).Name);
        await using var check = db.Context();
        Assert.Equal(1, await check.UnitVersions.CountAsync(v => v.UnitId == ward2));
    }

    // ------------------------------------------------------------------ move

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Move_does_not_reattribute_earlier_months_to_the_new_division(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var (ward1, _, _) = await SeedAsync(db, files);
        await ImportFeedbackAsync(db, files, Response("4", "2026-10-05", "Ward 1"));
        int medicine, surgery, site1, site2;
        await using (var ctx = db.Context())
        {
            var trust = await ctx.Trusts.SingleAsync(t => t.OdsCode == "RZZ");
            var m = new Division { TrustId = trust.Id, Name = "Medicine" };
            var s = new Division { TrustId = trust.Id, Name = "Surgery" };
            var annex = new Site { TrustId = trust.Id, Code = "RZZ02", Name = "Annex" };
            ctx.AddRange(m, s, annex);
            await ctx.SaveChangesAsync();
            (medicine, surgery, site2) = (m.Id, s.Id, annex.Id);
            site1 = (await ctx.Sites.SingleAsync(x => x.Code == "RZZ01")).Id;
        }
        // Placing the unit from the beginning corrects its only version rather than adding one.
        await ChangeAsync(db, async (ctx, audit) =>
            await UnitLifecycle.MoveAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward1), site1, medicine, null, UnitLifecycle.Beginning, audit));
        var before = await FeedbackSnapshotAsync(db);

        await ChangeAsync(db, async (ctx, audit) =>
            await UnitLifecycle.MoveAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward1), site2, surgery, null, October, audit));

        Assert.Equal(before, await FeedbackSnapshotAsync(db));
        var september = (await VersionAt(db, ward1, new DateOnly(2026, 9, 30)))!;
        var october = (await VersionAt(db, ward1, October))!;
        Assert.Equal((site1, (int?)medicine), (september.SiteId, september.DivisionId));
        Assert.Equal((site2, (int?)surgery), (october.SiteId, october.DivisionId));
        var unit = await Reload(db, ward1);
        Assert.Equal((site2, (int?)surgery), (unit.SiteId, unit.DivisionId));
        await using var check = db.Context();
        Assert.Equal(2, await check.UnitVersions.CountAsync(v => v.UnitId == ward1));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Move_refuses_another_trusts_site_and_a_placement_the_unit_already_has(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var (ward1, _, ward9) = await SeedAsync(db, files);
        var (otherSite, ownSite) = ((await Reload(db, ward9)).SiteId, (await Reload(db, ward1)).SiteId);

        var otherTrust = await RefusedAsync(db, async (ctx, audit) =>
            await UnitLifecycle.MoveAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward1), otherSite, null, null, October, audit));
        var nowhere = await RefusedAsync(db, async (ctx, audit) =>
            await UnitLifecycle.MoveAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward1), ownSite, null, null, October, audit));

        Assert.Equal(("siteId", "Choose a site of the unit's own trust"), (otherTrust.Field, otherTrust.Message));
        Assert.Equal("siteId", nowhere.Field);
        Assert.Equal(ownSite, (await Reload(db, ward1)).SiteId);
    }

    // ------------------------------------------------------------------ merge

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merge_keeps_feedback_with_the_closed_unit(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var (ward1, ward2, _) = await SeedAsync(db, files);
        var before = await FeedbackSnapshotAsync(db);

        await ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.MergeAsync(ctx,
            await ctx.Units.SingleAsync(u => u.Id == ward1), await ctx.Units.SingleAsync(u => u.Id == ward2), October, audit));

        Assert.Equal(before, await FeedbackSnapshotAsync(db));
        var source = await Reload(db, ward1);
        Assert.Equal((October, (int?)ward2), (source.ClosedOn, source.MergedIntoUnitId));
        Assert.Equal("Ward 1", (await VersionAt(db, ward1, new DateOnly(2026, 9, 30)))!.Name);
        Assert.Null(await VersionAt(db, ward1, October));
        await using var ctx = db.Context();
        var target = (await OrganisationQueries.UnitAsync(ctx, ward2, null, CancellationToken.None))!;
        var merged = Assert.Single(target.MergedFrom);
        Assert.Equal(ward1, merged.Id);
        Assert.StartsWith("Merged into Ward 2 (", merged.Status);
        Assert.Equal(["Ward 1"], target.Aliases.Select(a => a.Alias));
        Assert.Equal(2, await ctx.AuditEntries.CountAsync(a => a.Entity == "unit" && (a.Detail!.StartsWith("merged") || a.Detail.StartsWith("took over"))));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Feedback_imported_after_a_merge_lands_on_the_successor_only_from_the_merge_date(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var (ward1, ward2, _) = await SeedAsync(db, files);
        await ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.MergeAsync(ctx,
            await ctx.Units.SingleAsync(u => u.Id == ward1), await ctx.Units.SingleAsync(u => u.Id == ward2), October, audit));

        // A late file for September and the first file for October, both still using the old ward's name.
        var result = await ImportFeedbackAsync(db, files,
            Response("20", "2026-09-28", "Ward 1"), Response("21", "2026-10-01", "Ward 1"), Response("22", "2026-10-15", "WARD 1"));

        Assert.Equal((3L, 0L), (result.Imported, result.Rejected));
        Assert.Empty(result.Created);
        var units = await FeedbackUnits(db);
        Assert.Equal(ward1, units["20"]);
        Assert.Equal(ward2, units["21"]);
        Assert.Equal(ward2, units["22"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merge_refuses_itself_another_trust_a_closed_target_and_a_date_not_after_the_current_version(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var (ward1, ward2, ward9) = await SeedAsync(db, files);
        await ImportFeedbackAsync(db, files, Response("5", "2026-09-01", "Ward 3"));
        await ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.CloseAsync(ctx, await UnitAsync(ctx, "Ward 3"), October, audit));
        await ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.RenameAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward1), "Cedar Ward", October, audit));
        Task Merge(int source, int target, DateOnly on) => ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.MergeAsync(ctx,
            await ctx.Units.SingleAsync(u => u.Id == source), await ctx.Units.SingleAsync(u => u.Id == target), on, audit));
        int ward3;
        await using (var ctx = db.Context()) ward3 = (await UnitAsync(ctx, "Ward 3")).Id;

        var itself = await Assert.ThrowsAsync<UnitChangeException>(() => Merge(ward2, ward2, October));
        var otherTrust = await Assert.ThrowsAsync<UnitChangeException>(() => Merge(ward2, ward9, October));
        var closed = await Assert.ThrowsAsync<UnitChangeException>(() => Merge(ward2, ward3, October));
        var sameDayAsRename = await Assert.ThrowsAsync<UnitChangeException>(() => Merge(ward1, ward2, October));

        Assert.Equal(["targetUnitId", "targetUnitId", "targetUnitId", "effectiveFrom"], new[] { itself, otherTrust, closed, sameDayAsRename }.Select(e => e.Field));
        Assert.Contains("'Ward 3' is closed", closed.Message);
        Assert.Null((await Reload(db, ward1)).ClosedOn);
        Assert.Null((await Reload(db, ward2)).ClosedOn);
    }

    // ------------------------------------------------------------------ close and reopen

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reopening_on_the_closing_day_leaves_no_gap_and_a_later_day_leaves_one(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var (ward1, ward2, _) = await SeedAsync(db, files);
        var december = new DateOnly(2026, 12, 1);
        foreach (var id in new[] { ward1, ward2 })
            await ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.CloseAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == id), October, audit));
        Assert.Null(await VersionAt(db, ward1, October));
        Assert.Equal("Closed", UnitLifecycle.StatusOf(await Reload(db, ward1)));

        await ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.ReopenAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward1), October, audit));
        await ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.ReopenAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward2), december, audit));

        await using var check = db.Context();
        var history1 = await check.UnitVersions.Where(v => v.UnitId == ward1).ToListAsync();
        var single = Assert.Single(history1);
        Assert.Equal((UnitLifecycle.Beginning, (DateOnly?)null), (single.ValidFrom, single.ValidTo));
        var history2 = await check.UnitVersions.Where(v => v.UnitId == ward2).OrderBy(v => v.ValidFrom).ToListAsync();
        Assert.Equal([(UnitLifecycle.Beginning, (DateOnly?)October), (december, (DateOnly?)null)], history2.Select(v => (v.ValidFrom, v.ValidTo)));
        Assert.Null(await VersionAt(db, ward2, new DateOnly(2026, 11, 15)));
        Assert.Equal("Ward 2", (await VersionAt(db, ward2, december))!.Name);
        Assert.Null((await Reload(db, ward2)).ClosedOn);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Close_and_reopen_refuse_dates_and_states_that_would_break_the_history(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var (ward1, ward2, _) = await SeedAsync(db, files);
        Task Do(int id, Func<Heard.Data.HeardDbContext, Unit, Heard.Web.Infrastructure.Audit, Task> change) =>
            ChangeAsync(db, async (ctx, audit) => await change(ctx, await ctx.Units.SingleAsync(u => u.Id == id), audit));

        var closeAtTheBeginning = await Assert.ThrowsAsync<UnitChangeException>(() => Do(ward1, (c, u, a) => UnitLifecycle.CloseAsync(c, u, UnitLifecycle.Beginning, a)));
        var reopenOpen = await Assert.ThrowsAsync<UnitChangeException>(() => Do(ward1, (c, u, a) => UnitLifecycle.ReopenAsync(c, u, October, a)));
        await Do(ward1, (c, u, a) => UnitLifecycle.CloseAsync(c, u, October, a));
        var closeTwice = await Assert.ThrowsAsync<UnitChangeException>(() => Do(ward1, (c, u, a) => UnitLifecycle.CloseAsync(c, u, new DateOnly(2026, 11, 1), a)));
        var renameClosed = await Assert.ThrowsAsync<UnitChangeException>(() => Do(ward1, (c, u, a) => UnitLifecycle.RenameAsync(c, u, "Oak Ward", new DateOnly(2026, 11, 1), a)));
        var reopenEarly = await Assert.ThrowsAsync<UnitChangeException>(() => Do(ward1, (c, u, a) => UnitLifecycle.ReopenAsync(c, u, new DateOnly(2026, 9, 30), a)));
        // The closed ward's name is free for another unit; reopening it then would give the site two wards of one name.
        await Do(ward2, (c, u, a) => UnitLifecycle.RenameAsync(c, u, "Ward 1", new DateOnly(2026, 11, 1), a));
        var reopenClash = await Assert.ThrowsAsync<UnitChangeException>(() => Do(ward1, (c, u, a) => UnitLifecycle.ReopenAsync(c, u, new DateOnly(2026, 11, 1), a)));

        Assert.Equal(("closedOn", "reopenedOn", "unit", "unit", "reopenedOn", "reopenedOn"),
            (closeAtTheBeginning.Field, reopenOpen.Field, closeTwice.Field, renameClosed.Field, reopenEarly.Field, reopenClash.Field));
        Assert.Contains("closed on 1 October 2026; reopen it before you rename it", renameClosed.Message);
        Assert.Contains("Another open unit at this site is now called 'Ward 1'", reopenClash.Message);
        Assert.Equal(October, (await Reload(db, ward1)).ClosedOn);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reopening_a_merged_unit_takes_its_name_back_from_the_successor(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var (ward1, ward2, _) = await SeedAsync(db, files);
        await ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.MergeAsync(ctx,
            await ctx.Units.SingleAsync(u => u.Id == ward1), await ctx.Units.SingleAsync(u => u.Id == ward2), October, audit));

        await ChangeAsync(db, async (ctx, audit) => await UnitLifecycle.ReopenAsync(ctx, await ctx.Units.SingleAsync(u => u.Id == ward1), new DateOnly(2026, 11, 1), audit));
        var result = await ImportFeedbackAsync(db, files, Response("30", "2026-11-10", "Ward 1"));

        var unit = await Reload(db, ward1);
        Assert.Equal(((DateOnly?)null, (int?)null), (unit.ClosedOn, unit.MergedIntoUnitId));
        Assert.Empty(await AliasesOf(db, ward2));
        Assert.Equal(1L, result.Imported);
        Assert.Equal(ward1, (await FeedbackUnits(db))["30"]);
    }

    // ------------------------------------------------------------------ organisation CSV

    private const string OrganisationFile =
        "icb_code,icb_name,trust_code,trust_name,site_code,site_name,division,directorate,unit_code,unit_name,unit_kind,settings,first_speciality,second_speciality,closed_on,merged_into_unit_code\n" +
        "QZZ,Test ICB,RZZ,Test Trust,RZZ01,General Hospital,Medicine,Cardiology,W1,Ward 1,ward,inpatient,Cardiology,,,\n" +
        "QZZ,Test ICB,RZZ,Test Trust,RZZ01,General Hospital,Medicine,,W2,\"St Mary's, Ward 2\",ward,inpatient|ae,,,,\n" +
        "QZZ,Test ICB,RZZ,Test Trust,RZZ02,Annex,Surgery,,W3,=Day Unit,service,outpatient,,,2026-06-30,\n" +
        "QZZ,Test ICB,RZZ,Test Trust,RZZ01,General Hospital,Medicine,Cardiology,W4,Ward 4,ward,inpatient,,,2026-07-31,W1\n" +
        ",,RYY,Other Trust,RYY01,Other Hospital,,,CT1,Community Team Ŵ,team,community,Community nursing,District nursing,,\n";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Csv_export_then_import_changes_nothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var first = await ApplyCsvAsync(db, OrganisationFile, new DateOnly(2026, 1, 1));
        Assert.Empty(first.Problems);
        Assert.Equal(5, first.Created.Count);
        var exported = await ExportCsvAsync(db);
        int versions, audits;
        await using (var ctx = db.Context())
            (versions, audits) = (await ctx.UnitVersions.CountAsync(), await ctx.AuditEntries.CountAsync());

        var again = await ApplyCsvAsync(db, exported, new DateOnly(2026, 12, 1));

        Assert.Empty(again.Problems);
        Assert.Equal((0, 0, 5), (again.Created.Count, again.Updated.Count, again.Unchanged));
        Assert.Empty(again.OrganisationChanges);
        Assert.Equal(exported, await ExportCsvAsync(db));
        await using var check = db.Context();
        Assert.Equal(versions, await check.UnitVersions.CountAsync());
        // Only the import's own summary is added to the audit trail.
        Assert.Equal(audits + 1, await check.AuditEntries.CountAsync());
        Assert.StartsWith(string.Join(',', OrganisationCsv.Columns) + "\r\n", exported);
        Assert.Contains(",W2,\"St Mary's, Ward 2\",ward,inpatient|ae,,,,\r\n", exported);
        Assert.Contains(",W3,'=Day Unit,service,outpatient,,,2026-06-30,\r\n", exported);
        Assert.Contains(",W4,Ward 4,ward,inpatient,,,2026-07-31,W1\r\n", exported);
        Assert.Equal("=Day Unit", (await check.Units.SingleAsync(u => u.Code == "W3")).Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Csv_import_names_the_row_and_field_of_each_problem(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        const string file =
            "trust_code,site_code,unit_code,unit_name,unit_kind,settings,closed_on,merged_into_unit_code,division,directorate,notes\n" + // 1
            "RZZ,RZZ01,W1,Ward 1,ward,inpatient,,,,,fine\n" +          // 2
            "RZZ,RZZ01,W2,Ward 2,cupboard,inpatient,,,,,\n" +          // 3
            "R!,RZZ01,W3,Ward 3,ward,,,,,,\n" +                        // 4
            "RZZ,RZZ01,W4,\"Ward\n4\",ward,,,,,,\n" +                  // 5 and 6: a line break inside quotes
            "RZZ,RZZ01,W5,Ward 5,ward,\"inpatient,ae\",,,,,\n" +       // 7
            "RZZ,RZZ01,w1,Ward 1 again,ward,,,,,,\n" +                 // 8
            "RZZ,RZZ01,W6,Ward 6,ward,,31/02/2026,,,,\n" +             // 9
            "RZZ,RZZ01,W7,Ward 7,ward,,,W1,,,\n" +                     // 10
            "RZZ,RZZ01,W8,Ward 8,ward,,,,,Cardiology,\n" +             // 11
            "RZZ,RZZ01,W9,Ward 9,ward,,2026-10-01,W99,,,\n" +          // 12: only the database can tell
            "RZZ,RZZ01,W10,ward 1,ward,,,,,,\n" +                      // 13: nor this
            "RZZ,RZZ01,W11,Ward 11\n";                                 // 14

        var plan = Plan(file);
        await using var ctx = db.Context();
        var result = await OrganisationCsv.ApplyAsync(ctx, plan, Audit(ctx), CancellationToken.None);

        Assert.Equal(["notes"], plan.IgnoredColumns);
        Assert.Equal(
            [(3, "unit_kind"), (4, "trust_code"), (5, "unit_name"), (7, "settings"), (8, "unit_code"), (9, "closed_on"), (10, "closed_on"),
             (11, "division"), (12, "merged_into_unit_code"), (13, "unit_name"), (14, "row")],
            result.Problems.Select(p => (p.RowNumber, p.Field)));
        Assert.Equal("Row 3: unit_kind: 'cupboard' is not a kind of unit (ward, team or service)", result.Problems[0].ToString());
        Assert.Equal("Row 7: settings: 'inpatient,ae' is not an FFT setting (separate settings with |, not commas)", result.Problems[3].ToString());
        Assert.Equal("Row 8: unit_code: 'w1' of trust RZZ is already on row 2", result.Problems[4].ToString());
        Assert.Equal("Row 12: merged_into_unit_code: 'W99' is not a unit of trust RZZ, in Heard or in this file", result.Problems[8].ToString());
        Assert.Contains("another open unit at site RZZ01 is called 'Ward 1' (W1)", result.Problems[9].Message);
        Assert.Equal(11, result.RowsWithProblems);
        Assert.Equal(["W1"], result.Created.Select(c => c.UnitCode));
        await using var check = db.Context();
        Assert.Equal(["W1"], await check.Units.Select(u => u.Code).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Csv_without_a_required_column_is_refused_whole(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        var missing = Plan("trust_code,site_code,unit_name\nRZZ,RZZ01,Ward 1\n");
        var twice = Plan("trust_code,site_code,unit_code,unit_name,Unit_Code\nRZZ,RZZ01,W1,Ward 1,W1\n");
        var empty = Plan("");
        await using var ctx = db.Context();
        var result = await OrganisationCsv.ApplyAsync(ctx, missing, Audit(ctx), CancellationToken.None);

        Assert.False(missing.HeaderIsUsable);
        Assert.StartsWith("Row 1: unit_code: missing from the header row", Assert.Single(missing.Problems).ToString());
        Assert.Equal((1, "unit_code"), (Assert.Single(twice.Problems).RowNumber, twice.Problems[0].Field));
        Assert.False(twice.HeaderIsUsable);
        Assert.Equal((0, "file"), (Assert.Single(empty.Problems).RowNumber, empty.Problems[0].Field));
        Assert.False(result.Applied);
        await using var check = db.Context();
        Assert.Equal(0, await check.Units.CountAsync());
        Assert.Equal(0, await check.AuditEntries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Csv_preview_writes_nothing_then_applying_renames_and_moves_from_the_effective_date(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await ApplyCsvAsync(db, OrganisationFile, new DateOnly(2026, 1, 1));
        var changed = OrganisationFile.Replace(
            "RZZ01,General Hospital,Medicine,Cardiology,W1,Ward 1,", "RZZ02,Annex,Surgery,,W1,Cedar Ward,");
        var before = await ExportCsvAsync(db);

        OrganisationCsvResult preview;
        await using (var ctx = db.Context())
            preview = await OrganisationCsv.PreviewAsync(ctx, Plan(changed, October), CancellationToken.None);
        Assert.Equal(before, await ExportCsvAsync(db));
        var applied = await ApplyCsvAsync(db, changed, October);

        Assert.False(preview.Applied);
        Assert.True(applied.Applied);
        var expected = new[] { "name 'Ward 1' -> 'Cedar Ward' from 2026-10-01", "moved from RZZ01 (Medicine / Cardiology) to RZZ02 (Surgery) from 2026-10-01" };
        Assert.Equal(expected, Assert.Single(preview.Updated).Changes);
        Assert.Equal(expected, Assert.Single(applied.Updated).Changes);
        Assert.Equal((4, 4), (preview.Unchanged, applied.Unchanged));
        int w1;
        await using (var ctx = db.Context())
        {
            var unit = await ctx.Units.SingleAsync(u => u.Code == "W1");
            w1 = unit.Id;
            // Its old name, and the name of the ward merged into it, stay at the site they were used at.
            Assert.Equal(["Ward 1", "Ward 4"], (await ctx.UnitAliases.Where(a => a.UnitId == w1).Select(a => a.Alias).ToListAsync()).Order());
            Assert.Equal(2, await ctx.UnitVersions.CountAsync(v => v.UnitId == w1));
        }
        var september = (await VersionAt(db, w1, new DateOnly(2026, 9, 30)))!;
        var october = (await VersionAt(db, w1, October))!;
        Assert.Equal("Ward 1", september.Name);
        Assert.Equal("Cedar Ward", october.Name);
        Assert.NotEqual(september.SiteId, october.SiteId);
        Assert.NotEqual(september.DivisionId, october.DivisionId);
        Assert.Null(october.DirectorateId);
    }

    // ------------------------------------------------------------------ API

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ward_manager_reads_only_their_own_trust_and_unit_through_the_api(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        using var files = new TempFiles();
        var (ward1, ward2, ward9) = await SeedAsync(host.Database, files);
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, ward1));
        var client = await host.SignedInAsync("manager");

        var trusts = await client.GetFromJsonAsync<List<TrustSummary>>("/api/organisation/trusts");
        var units = await client.GetFromJsonAsync<List<UnitSummary>>("/api/organisation/units");
        var own = await client.GetFromJsonAsync<UnitDetail>($"/api/organisation/units/{ward1}");
        var sameTrust = await client.GetAsync($"/api/organisation/units/{ward2}");
        var otherTrust = await client.GetAsync($"/api/organisation/units/{ward9}");
        var otherTrustUnits = await client.GetAsync("/api/organisation/units?trust=RYY");
        var export = await client.GetStringAsync("/api/organisation/export.csv");

        var trust = Assert.Single(trusts!);
        Assert.Equal(("RZZ", 1, 0), (trust.OdsCode, trust.OpenUnits, trust.ClosedUnits));
        Assert.Equal([ward1], units!.Select(u => u.Id));
        Assert.Equal("Ward 1", own!.Unit.Name);
        Assert.Single(own.History);
        Assert.Equal(HttpStatusCode.NotFound, sameTrust.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTrust.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTrustUnits.StatusCode);
        Assert.Contains("Ward 1", export);
        Assert.DoesNotContain("Ward 2", export);
        Assert.DoesNotContain("RYY", export);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Non_administrator_cannot_rename_a_unit_through_the_api(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        using var files = new TempFiles();
        var (ward1, ward2, _) = await SeedAsync(host.Database, files);
        int site;
        await using (var ctx = host.Database.Context()) site = (await ctx.Units.SingleAsync(u => u.Id == ward1)).SiteId;
        await host.CreateUserAsync("analyst", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("analyst");

        var responses = new[]
        {
            await client.PostAsJsonAsync($"/api/organisation/units/{ward1}/rename", new { name = "Cedar Ward", effectiveFrom = "2026-10-01" }),
            await client.PostAsJsonAsync($"/api/organisation/units/{ward1}/move", new { siteId = site, effectiveFrom = "2026-10-01" }),
            await client.PostAsJsonAsync($"/api/organisation/units/{ward1}/merge", new { targetUnitId = ward2, effectiveFrom = "2026-10-01" }),
            await client.PostAsJsonAsync($"/api/organisation/units/{ward1}/close", new { closedOn = "2026-10-01" }),
            await client.PostAsJsonAsync($"/api/organisation/units/{ward1}/reopen", new { reopenedOn = "2026-10-01" }),
            await client.PostAsJsonAsync("/api/organisation/units", new { siteId = site, code = "W9", name = "Ward 99" }),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var unit = await Reload(host.Database, ward1);
        Assert.Equal(("Ward 1", (DateOnly?)null), (unit.Name, unit.ClosedOn));
        await using var check = host.Database.Context();
        Assert.Equal(2, await check.Units.CountAsync(u => u.TrustId == unit.TrustId));
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Entity == "unit"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Administrator_changes_units_in_scope_through_the_api_and_each_broken_rule_names_its_field(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        using var files = new TempFiles();
        var (ward1, ward2, ward9) = await SeedAsync(host.Database, files);
        int otherTrust;
        await using (var ctx = host.Database.Context()) otherTrust = (await ctx.Units.SingleAsync(u => u.Id == ward9)).TrustId;
        await host.CreateUserAsync("orgadmin", Roles.PxAdministrator, (ScopeLevels.All, null));
        await host.CreateUserAsync("ryyadmin", Roles.PxAdministrator, (ScopeLevels.Trust, otherTrust));
        var admin = await host.SignedInAsync("orgadmin");
        var otherAdmin = await host.SignedInAsync("ryyadmin");

        var renamed = await admin.PostAsJsonAsync($"/api/organisation/units/{ward1}/rename", new { name = "Cedar Ward", effectiveFrom = "2026-10-01" });
        var incomplete = await admin.PostAsJsonAsync($"/api/organisation/units/{ward2}/rename", new { name = " " });
        var acrossTrusts = await admin.PostAsJsonAsync($"/api/organisation/units/{ward2}/merge", new { targetUnitId = ward9, effectiveFrom = "2026-10-01" });
        var tooEarly = await admin.PostAsJsonAsync($"/api/organisation/units/{ward1}/close", new { closedOn = "2026-09-01" });
        var outOfScope = await otherAdmin.PostAsJsonAsync($"/api/organisation/units/{ward2}/close", new { closedOn = "2026-10-01" });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var detail = (await renamed.Content.ReadFromJsonAsync<UnitDetail>())!;
        Assert.Equal("Cedar Ward", detail.Unit.Name);
        Assert.Equal([("Cedar Ward", October), ("Ward 1", UnitLifecycle.Beginning)], detail.History.Select(h => (h.Name, h.ValidFrom)));
        Assert.Equal(["Ward 1"], detail.Aliases.Select(a => a.Alias));
        Assert.Equal(["effectiveFrom", "name"], await ErrorFieldsAsync(incomplete));
        Assert.Equal(["targetUnitId"], await ErrorFieldsAsync(acrossTrusts));
        Assert.Equal(["closedOn"], await ErrorFieldsAsync(tooEarly));
        Assert.Equal(HttpStatusCode.NotFound, outOfScope.StatusCode);
        Assert.Null((await Reload(host.Database, ward2)).ClosedOn);
        await using var check = host.Database.Context();
        var entry = await check.AuditEntries.SingleAsync(a => a.Entity == "unit");
        Assert.Equal(("orgadmin", ward1.ToString()), (entry.UserName, entry.EntityId));
    }

    private static async Task<List<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
    }
}

/// <summary>The organisation commands of the command line, which redirect the console and so run alone.</summary>
[Collection("console")]
public sealed class OrganisationCliTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Organisation_import_then_export_then_import_again_changes_nothing_and_audits_the_user(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var input = files.Write("organisation.csv",
            "trust_code,trust_name,site_code,site_name,division,unit_code,unit_name,unit_kind,settings\n" +
            "RZZ,Test Trust,RZZ01,General,Medicine,W1,Ward 1,ward,inpatient\n" +
            "RZZ,Test Trust,RZZ01,General,Medicine,W2,Ward 2,ward,inpatient|ae\n" +
            "RZZ,Test Trust,RZZ01,General,Medicine,W3,Ward 3,cupboard,inpatient\n");
        var renamed = files.Write("renamed.csv",
            "trust_code,site_code,division,unit_code,unit_name,settings\nRZZ,RZZ01,Medicine,W1,Cedar Ward,inpatient\n");
        var output = files.Path_("export.csv");

        var import = await Run("organisation-import", input, "--effective-from", "2026-01-01", "--database", db.Setting);
        var rename = await Run("organisation-import", renamed, "--effective-from", "2026-10-01", "--database", db.Setting);
        var export = await Run("organisation-export", "--out", output, "--database", db.Setting);
        var again = await Run("organisation-import", output, "--database", db.Setting);

        Assert.Equal((0, 0, 0, 0), (import.Code, rename.Code, export.Code, again.Code));
        Assert.Equal("created=2 updated=0 unchanged=0 skipped=1", LastLine(import.Out));
        Assert.Contains("Row 4: unit_kind: 'cupboard' is not a kind of unit (ward, team or service)", import.Out);
        Assert.Contains("created: Row 2: RZZ W1 'Ward 1'", import.Out);
        Assert.Equal("created=0 updated=1 unchanged=0 skipped=0", LastLine(rename.Out));
        Assert.Contains("updated: Row 2: RZZ W1 'Cedar Ward': name 'Ward 1' -> 'Cedar Ward' from 2026-10-01", rename.Out);
        Assert.Equal("exported=2", LastLine(export.Out));
        var lines = File.ReadAllLines(output);
        Assert.Equal(3, lines.Length);
        Assert.Equal(",,RZZ,Test Trust,RZZ01,General,Medicine,,W1,Cedar Ward,ward,inpatient,,,,", lines[1]);
        Assert.Equal("created=0 updated=0 unchanged=2 skipped=0", LastLine(again.Out));
        await using var ctx = db.Context();
        var audit = await ctx.AuditEntries.Where(a => a.Entity == "organisation").Select(a => new { a.UserName, a.Action }).ToListAsync();
        Assert.Equal(4, audit.Count);
        Assert.All(audit, a => Assert.Equal(Environment.UserName, a.UserName));
        Assert.Single(audit, a => a.Action == "export");
        Assert.Equal(Environment.UserName, (await ctx.AuditEntries.FirstAsync(a => a.Entity == "unit" && a.Detail!.StartsWith("renamed"))).UserName);
    }

    [Theory]
    [InlineData("trust_code,site_code,unit_name\nRZZ,RZZ01,Ward 1\n", "organisation-import", "unit_code: missing from the header row")]
    [InlineData("trust_code,site_code,unit_code,unit_name\n", "organisation-import --effective-from 2026-13-01", "--effective-from '2026-13-01' is not a date")]
    [InlineData("", "organisation-import", "The file is empty")]
    [InlineData("", "organisation-export", "missing required option --out")]
    public async Task Unusable_organisation_input_exits_2_with_one_line_on_stderr(string content, string command, string reason)
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        var path = files.Write("organisation.csv", content);
        var args = command.Split(' ').ToList();
        if (args[0] == "organisation-import") args.Insert(1, path);

        var (code, _, err) = await Run([.. args, "--database", db.Setting]);

        Assert.Equal(2, code);
        Assert.Contains(reason, err);
        Assert.Single(err.Trim().Split('\n'));
        await using var ctx = db.Context();
        Assert.Equal(0, await ctx.Units.CountAsync());
    }
}
