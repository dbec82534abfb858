using Heard.Analysis.SelfAssessment;

namespace Heard.Analysis.Tests.SelfAssessment;

public sealed class ImprovementFrameworkTests
{
    [Fact]
    public void Framework_has_six_sections_23_characteristics_and_57_requirements()
    {
        Assert.Equal(6, ImprovementFramework.Sections.Count);
        Assert.Equal(Enumerable.Range(1, 23), ImprovementFramework.Characteristics.Select(c => c.Number));
        Assert.Equal(57, ImprovementFramework.Requirements.Count());
        // Per section, counted by hand from the seed: 10 + 11 + 13 + 8 + 11 + 4.
        Assert.Equal([10, 11, 13, 8, 11, 4], ImprovementFramework.Sections.Select(s => s.Requirements.Count()));
        Assert.Equal([4, 4, 4, 4, 4, 3], ImprovementFramework.Sections.Select(s => s.Characteristics.Count));
    }

    [Fact]
    public void Requirement_ids_are_unique_and_lettered_in_order_within_each_characteristic()
    {
        Assert.Equal(57, ImprovementFramework.RequirementsById.Count);
        foreach (var c in ImprovementFramework.Characteristics)
            Assert.Equal(c.Requirements.Select((_, i) => $"{c.Number}{(char)('A' + i)}"), c.Requirements.Select(r => r.Id));
        Assert.Equal(["6A", "6B", "6C", "6D", "6E"], ImprovementFramework.Characteristic(6).Requirements.Select(r => r.Id));
        Assert.Equal(["10A", "10B", "10C", "10D", "10E"], ImprovementFramework.Characteristic(10).Requirements.Select(r => r.Id));
    }

    [Fact]
    public void Requirement_text_is_the_frameworks_own_words()
    {
        Assert.Equal("Complaints information is clearly displayed on the trust's website and available within two clicks.", ImprovementFramework.RequirementsById["10B"].Text);
        Assert.Equal("Departments and teams receive feedback fast and in a form they can use.", ImprovementFramework.RequirementsById["16A"].Text);
        Assert.Equal("The organisation has a Communications strategy in place which is clear about who the organisation shares information about patient experience.", ImprovementFramework.RequirementsById["22B"].Text);
        Assert.StartsWith("The organisation performs above peer in the NHS Mandate goal to 'improve the percentage of NHS staff", ImprovementFramework.RequirementsById["20C"].Text);
        Assert.Contains("including complements, complaints, testimonials", ImprovementFramework.RequirementsById["2B"].Text);
        // Joined across the source's page break.
        Assert.EndsWith("who routinely presents reports and leads discussion with board colleagues on patient experience.", ImprovementFramework.Characteristic(3).Text);
        Assert.Equal("Using patient feedback to drive quality improvement and learning", ImprovementFramework.Sections[4].Title);
        Assert.Equal(6, ImprovementFramework.ScoreMeanings.Count);
    }
}

public sealed class SelfAssessmentScoringTests
{
    private static Dictionary<string, int> Scores(params (string Id, int Score)[] s) => s.ToDictionary(x => x.Id, x => x.Score);

    [Fact]
    public void Characteristic_and_section_figures_are_means_of_the_scored_requirements_only()
    {
        // Characteristic 1: 1A=2, 1C=5 (1B unscored) -> 3.5. Characteristic 2: 2A=1 -> 1.
        // Section 1 over the requirements scored: (2 + 5 + 1) / 3 = 2.667, not the mean of 3.5 and 1.
        var s = Scores(("1A", 2), ("1C", 5), ("2A", 1));
        Assert.Equal(3.5, SelfAssessmentScoring.Characteristic(s, ImprovementFramework.Characteristic(1)));
        Assert.Equal(1.0, SelfAssessmentScoring.Characteristic(s, ImprovementFramework.Characteristic(2)));
        Assert.Null(SelfAssessmentScoring.Characteristic(s, ImprovementFramework.Characteristic(3)));
        Assert.Equal(8.0 / 3, SelfAssessmentScoring.Section(s, ImprovementFramework.Sections[0])!.Value, 10);
        Assert.Null(SelfAssessmentScoring.Section(s, ImprovementFramework.Sections[1]));
        Assert.Equal(3, SelfAssessmentScoring.Scored(s));
    }

    [Fact]
    public void Roll_up_gives_the_trusts_own_figure_beside_the_divisions_mean_min_max_and_n()
    {
        var trust = Scores(("1A", 3));
        var medicine = Scores(("1A", 1), ("1B", 3));       // characteristic 1: 2
        var surgery = Scores(("1A", 4));                    // characteristic 1: 4
        var women = Scores(("2A", 5));                      // nothing in characteristic 1
        var lines = SelfAssessmentScoring.RollUp(trust, [medicine, surgery, women]);

        var r1A = lines.Single(l => l.Level == FrameworkLevel.Requirement && l.Key == "1A");
        Assert.Equal(3.0, r1A.Trust);
        Assert.Equal(new ScoreSpread(2.5, 1, 4, 2), r1A.Divisions);          // (1 + 4) / 2

        var c1 = lines.Single(l => l.Level == FrameworkLevel.Characteristic && l.Key == "1");
        Assert.Equal(new ScoreSpread(3, 2, 4, 2), c1.Divisions);              // (2 + 4) / 2

        var s1 = lines.Single(l => l.Level == FrameworkLevel.Section && l.Key == "1");
        Assert.Equal(3, s1.Divisions!.N);                                     // medicine 2, surgery 4, women 5
        Assert.Equal(11.0 / 3, s1.Divisions.Mean, 10);
        Assert.Equal(2, s1.Divisions.Min);
        Assert.Equal(5, s1.Divisions.Max);

        var r1B = lines.Single(l => l.Key == "1B");
        Assert.Null(r1B.Trust);
        Assert.Equal(new ScoreSpread(3, 3, 3, 1), r1B.Divisions);
        Assert.Null(lines.Single(l => l.Key == "23A").Divisions);
        Assert.Equal(57 + 23 + 6 + 1, lines.Count);
    }

    [Fact]
    public void Roll_up_without_a_trust_round_leaves_the_trust_column_empty()
    {
        var lines = SelfAssessmentScoring.RollUp(null, [Scores(("5A", 2))]);
        Assert.All(lines, l => Assert.Null(l.Trust));
        Assert.Equal(2.0, lines.Single(l => l.Level == FrameworkLevel.Overall).Divisions!.Mean);
    }
}
