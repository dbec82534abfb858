using System.Net;
using Heard.Data.Model;
using Heard.Web.Features.Organisation;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

/// <summary>Renamed sites, divisions and directorates keep their earlier names, so history reads as it was.</summary>
public sealed class OrganisationNameTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static async Task<(int TrustId, int SiteId, int DivisionId, int UnitId)> SeedAsync(TestDatabase database)
    {
        await using var db = database.Context();
        var trust = new Trust { OdsCode = "RZZ", Name = "Test Trust" };
        db.Trusts.Add(trust);
        await db.SaveChangesAsync();
        var site = new Site { TrustId = trust.Id, Code = "RZZ01", Name = "General" };
        var division = new Division { TrustId = trust.Id, Name = "Surgical Care" };
        db.Sites.Add(site);
        db.Divisions.Add(division);
        await db.SaveChangesAsync();
        var unit = new Unit
        {
            TrustId = trust.Id, SiteId = site.Id, DivisionId = division.Id, Code = "W01", Name = "Ward 1", Settings = "inpatient",
            CreatedAt = DateTime.UtcNow,
        };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        db.UnitVersions.Add(new UnitVersion { UnitId = unit.Id, Name = unit.Name, SiteId = site.Id, DivisionId = division.Id, ValidFrom = UnitLifecycle.Beginning });
        await db.SaveChangesAsync();
        return (trust.Id, site.Id, division.Id, unit.Id);
    }

    private static async Task RenameAsync(TestDatabase database, int divisionId, string from, string to, DateOnly effectiveFrom)
    {
        await using var db = database.Context();
        await OrganisationNames.RecordRenameAsync(db, OrganisationLevels.Division, divisionId, from, null, to, null, effectiveFrom, Today, "admin", default);
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_renamed_division_answers_with_the_name_it_had_on_each_date(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, _, division, _) = await SeedAsync(database);

        await RenameAsync(database, division, "Surgical Care", "Surgery", new DateOnly(2026, 4, 1));
        await RenameAsync(database, division, "Surgery", "Surgery and Theatres", new DateOnly(2026, 9, 1));

        await using var db = database.Context();
        var names = await OrganisationNames.LoadAsync(db, default);
        string At(int y, int m, int d) => names.NameAt(OrganisationLevels.Division, division, new DateOnly(y, m, d), "Surgery and Theatres");
        Assert.Equal("Surgical Care", At(2026, 3, 31));
        Assert.Equal("Surgery", At(2026, 4, 1));
        Assert.Equal("Surgery", At(2026, 8, 31));
        Assert.Equal("Surgery and Theatres", At(2026, 9, 1));
        Assert.Equal("Surgical Care", At(2019, 1, 1));
        Assert.Equal("Medicine", names.NameAt(OrganisationLevels.Division, division + 1000, new DateOnly(2020, 1, 1), "Medicine"));

        var history = await OrganisationNames.HistoryAsync(db, OrganisationLevels.Division, division, default);
        Assert.Equal(["Surgery and Theatres", "Surgery", "Surgical Care"], history.Select(h => h.Name));
        Assert.Equal([null, new DateOnly(2026, 9, 1), new DateOnly(2026, 4, 1)], history.Select(h => h.ValidTo));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_second_rename_on_the_same_day_corrects_the_first_instead_of_adding_a_name(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, _, division, _) = await SeedAsync(database);

        await RenameAsync(database, division, "Surgical Care", "Surgrey", new DateOnly(2026, 4, 1));
        await RenameAsync(database, division, "Surgrey", "Surgery", new DateOnly(2026, 4, 1));

        await using var db = database.Context();
        var history = await OrganisationNames.HistoryAsync(db, OrganisationLevels.Division, division, default);
        Assert.Equal(["Surgery", "Surgical Care"], history.Select(h => h.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rename_refuses_a_future_date_and_a_date_before_the_current_name(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, _, division, _) = await SeedAsync(database);

        var future = await Assert.ThrowsAsync<UnitChangeException>(() => RenameAsync(database, division, "Surgical Care", "Surgery", Today.AddDays(1)));
        Assert.Equal("effectiveFrom", future.Field);
        await RenameAsync(database, division, "Surgical Care", "Surgery", new DateOnly(2026, 4, 1));
        var before = await Assert.ThrowsAsync<UnitChangeException>(() => RenameAsync(database, division, "Surgery", "Theatres", new DateOnly(2026, 3, 1)));
        Assert.Contains("1 April 2026", before.Message);

        await using var db = database.Context();
        Assert.Equal(2, await db.OrganisationNames.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Renaming_a_division_on_its_page_keeps_the_old_name_in_the_units_history(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var (_, _, division, unit) = await SeedAsync(host.Database);
        await host.CreateUserAsync("px", Roles.PxAdministrator, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        var page = $"/Organisation/Divisions/Edit/{division}";

        var missingDate = await CollectionFixtures.PostFormAsync(client, page, page,
            [new("Input.Name", "Surgery"), new("Input.EffectiveFrom.Day", ""), new("Input.EffectiveFrom.Month", ""), new("Input.EffectiveFrom.Year", "")]);
        Assert.Equal(HttpStatusCode.OK, missingDate.StatusCode);
        Assert.Contains("Enter the date the new name took effect", await missingDate.Content.ReadAsStringAsync());

        var saved = await CollectionFixtures.PostFormAsync(client, page, page,
            [new("Input.Name", "Surgery"), new("Input.EffectiveFrom.Day", "1"), new("Input.EffectiveFrom.Month", "4"), new("Input.EffectiveFrom.Year", "2026")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var edit = await WebHost.ParseAsync(await client.GetAsync(page));
        var rows = edit.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Surgery", rows[0]);
        Assert.Contains("Surgical Care", rows[1]);
        Assert.Contains("1 April 2026", rows[1]);

        var details = await (await client.GetAsync($"/Organisation/Units/{unit}")).Content.ReadAsStringAsync();
        Assert.Contains("Surgical Care (now Surgery)", details);

        await using var db = host.Database.Context();
        Assert.Equal("Surgery", (await db.Divisions.SingleAsync(d => d.Id == division)).Name);
        Assert.Contains(await db.AuditEntries.Select(a => a.Detail).ToListAsync(), d => d != null && d.Contains("'Surgical Care' -> 'Surgery' from 2026-04-01"));
    }
}
