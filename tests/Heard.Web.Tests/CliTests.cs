using Heard.Cli;
using Heard.Web.Tests.Support;
using static Heard.Web.Tests.Support.CliRunner;

namespace Heard.Web.Tests;

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>The command line as outside checks use it: exit codes, the last stdout line, the files written.</summary>
[Collection("console")]
public sealed class CliTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_then_fft_return_writes_the_suppressed_ward_return(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        // Site RZZ01: Ward A has 3 responses (first level), Ward B 10, Ward C 20. Ward B is rank 2 so it loses counts.
        var rows = new List<string> { "response_id,date,icb_code,trust_code,trust_name,site_code,site_name,unit,first_speciality,second_speciality,setting,answer,mode,comment" };
        void Add(string ward, params int[] answers)
        {
            foreach (var a in answers) rows.Add($"{ward}-{rows.Count},2026-10-0{1 + rows.Count % 9},QZZ,RZZ,Test Trust,RZZ01,General,{ward},General Medicine,,inpatient,{a},sms,");
        }
        Add("Ward A", 1, 1, 4);
        Add("Ward B", 1, 1, 1, 1, 1, 2, 2, 3, 5, 6);
        Add("Ward C", Enumerable.Repeat(1, 15).Concat([2, 2, 4, 5, 6]).ToArray());
        var input = files.Write("fft.csv", string.Join("\n", rows) + "\n");
        var output = files.Path_("return.csv");

        var import = await Run("import", input, "--database", db.Setting);
        var ret = await Run("fft-return", "--month", "2026-10", "--setting", "inpatient", "--level", "ward", "--out", output, "--database", db.Setting);

        Assert.Equal(0, import.Code);
        Assert.Equal("imported=33 rejected=0 duplicates=0", LastLine(import.Out));
        Assert.Equal(0, ret.Code);
        var lines = File.ReadAllLines(output);
        Assert.Equal("ICB Code,Trust Code,Trust Name,Site Code,Site Name,Ward Name,Total Responses,Total Eligible,Percentage Positive,Percentage Negative,Very Good,Good,Neither Good nor Poor,Poor,Very Poor,Don't Know,Mode SMS,Mode Electronic Discharge,Mode Electronic Home,Mode Paper Discharge,Mode Paper Home,Mode Telephone,Mode Online,Mode Other,First Speciality,Second Speciality", lines[0]);
        Assert.Equal("QZZ,RZZ,Test Trust,RZZ01,General,Ward A,3,,*,*,*,*,*,*,*,*,*,*,*,*,*,*,*,*,General Medicine,", lines[1]);
        // Ward B: 7 positive of 10 = 70%; 1 negative = 10%. Counts and modes starred (second level).
        Assert.Equal("QZZ,RZZ,Test Trust,RZZ01,General,Ward B,10,,70,10,*,*,*,*,*,*,*,*,*,*,*,*,*,*,General Medicine,", lines[2]);
        // Ward C: 17 of 20 positive = 85%; 2 of 20 negative = 10%.
        Assert.Equal("QZZ,RZZ,Test Trust,RZZ01,General,Ward C,20,,85,10,15,2,0,1,1,1,20,0,0,0,0,0,0,0,General Medicine,", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task Import_with_a_wrong_header_exits_2_naming_the_missing_columns()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        var input = files.Write("bad.csv", "when,trust_code,site_code,ward,answer\n2026-10-01,RZZ,RZZ01,Ward 1,1\n");

        var (code, _, err) = await Run("import", input, "--database", db.Setting);

        Assert.Equal(2, code);
        Assert.Contains("missing required columns date, unit", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public async Task Rejected_rows_are_reported_with_exit_0_and_written_to_a_named_rejects_file()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        var input = files.Write("fft.csv", "date,trust_code,site_code,unit,setting,answer\n2026-10-01,RZZ,RZZ01,Ward 1,inpatient,1\n31/13/2026,RZZ,RZZ01,Ward 1,inpatient,1\n");

        var (code, output, _) = await Run("import", input, "--database", db.Setting);

        Assert.Equal(0, code);
        Assert.Equal("imported=1 rejected=1 duplicates=0", LastLine(output));
        var rejects = files.Path_("fft.rejects.csv");
        Assert.Contains(rejects, output);
        var lines = File.ReadAllLines(rejects);
        Assert.Equal("rejected_row,rejected_reason,date,trust_code,site_code,unit,setting,answer", lines[0]);
        Assert.StartsWith("3,date: '31/13/2026' is not a real date", lines[1]);
        Assert.EndsWith(",31/13/2026,RZZ,RZZ01,Ward 1,inpatient,1", lines[1]);
    }

    [Theory]
    [InlineData("fft-return", "--month", "2026-13", "--setting", "inpatient", "--level", "ward", "--out", "x.csv")]
    [InlineData("fft-return", "--month", "2026-10", "--setting", "wards", "--level", "ward", "--out", "x.csv")]
    [InlineData("fft-return", "--month", "2026-10", "--setting", "inpatient", "--level", "icb", "--out", "x.csv")]
    [InlineData("import", "/no/such/file.csv")]
    [InlineData("import", "x.csv", "--colour", "blue")]
    [InlineData("frobnicate")]
    public async Task Unusable_input_exits_2_with_one_line_on_stderr(params string[] args)
    {
        var (code, _, err) = await Run(args);
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
    }
}
