using System.Diagnostics;
using Heard.Analysis.Text;

namespace Heard.Analysis.Tests.Text;

public sealed class SafeguardingDetectorTests(ITestOutputHelper output)
{
    private static string[] Categories(string text) =>
        SafeguardingDetector.Detect(text).Select(c => SafeguardingCategories.Code(c.Category)).Order().ToArray();

    [Theory]
    [InlineData("I just want to end it all", "suicide")]
    [InlineData("Some nights I don't want to be here anymore", "suicide")]
    [InlineData("I thought about taking all my tablets", "suicide")]
    [InlineData("I felt sucidal on the ward", "suicide")]
    [InlineData("He hit me", "violence")]
    [InlineData("The man in the next bed shouted and pushed my mum", "violence")]
    [InlineData("She was left in soiled sheets for hours", "neglect")]
    [InlineData("Nobody gave her water", "neglect")]
    [InlineData("She was negelcted", "neglect")]
    [InlineData("I was abussed as a child", "abuse")]
    [InlineData("I have been selfharming", "self-harm")]
    [InlineData("I self harm when it gets bad", "self-harm")]
    [InlineData("The wrong medication was given", "clinical")]
    [InlineData("He stopped breathing and no one came", "clinical")]
    public void Paraphrases_and_misspellings_raise_their_category(string text, string category) =>
        Assert.Contains(category, Categories(text));

    [Theory]
    [InlineData("The staff were killing it")]
    [InlineData("I was dying to go home")]
    [InlineData("No abuse at all")]
    [InlineData("I was not neglected")]
    [InlineData("The pain killers worked")]
    [InlineData("The physio pushed me to walk")]
    [InlineData("I had a stabbing pain in my side")]
    [InlineData("I fell asleep in bed")]
    [InlineData("The staff were amused")]
    [InlineData("He showed me the way")]
    [InlineData("Call bells were answered quickly")]
    [InlineData("The bathroom wasn't cleaned for days")]
    [InlineData("I pressed the buzzer. Nobody on the ward was ever rude to me in the slightest")]
    public void Harmless_and_negated_uses_raise_nothing(string text) =>
        Assert.Empty(SafeguardingDetector.Detect(text));

    [Fact]
    public void A_concern_names_the_words_that_raised_it_and_where_they_are()
    {
        const string text = "Lovely staff. But my dad was left in soiled sheets for hours.";
        var concern = Assert.Single(SafeguardingDetector.Detect(text));

        Assert.Equal(SafeguardingCategory.Neglect, concern.Category);
        Assert.Equal("left in soiled", concern.MatchedText);
        Assert.Equal(text.IndexOf("left", StringComparison.Ordinal), concern.Start);
        Assert.Equal("left in soiled", text.Substring(concern.Start, concern.Length));
    }

    [Fact]
    public void A_misspelt_word_is_reported_as_written()
    {
        var concern = Assert.Single(SafeguardingDetector.Detect("she wasn't washed and was negelcted, it's awful"));
        Assert.Equal("negelcted", concern.MatchedText);
    }

    [Fact]
    public void A_service_mention_is_raised_at_low_severity_and_a_disclosure_beside_it_is_not_lowered()
    {
        var mention = Assert.Single(SafeguardingDetector.Detect("The self-harm team were brilliant"));
        Assert.Equal((SafeguardingCategory.SelfHarm, SafeguardingSeverity.Low), (mention.Category, mention.Severity));

        var disclosure = Assert.Single(SafeguardingDetector.Detect("I self harm and the self-harm team never rang"));
        Assert.Equal(SafeguardingSeverity.Medium, disclosure.Severity);
    }

    [Fact]
    public void A_word_repeated_close_by_keeps_its_meaning()
    {
        // "her" twice within a few words: the second must still be read as a lexicon word.
        Assert.Equal(["abuse"], Categories("My mum says her new partner locks her in the bedroom"));
    }

    [Fact]
    public void A_longer_phrase_cancelled_as_harmless_does_not_hide_a_shorter_concern()
    {
        // "blood pressure" is harmless, and cancels "pressure was dangerously"; "dangerously low" still stands.
        var concern = Assert.Single(SafeguardingDetector.Detect("My blood pressure was dangerously low"));
        Assert.Equal((SafeguardingCategory.ClinicalConcern, SafeguardingSeverity.High, "dangerously low"), (concern.Category, concern.Severity, concern.MatchedText));
    }

    [Theory]
    [InlineData("She keeps scratching her arms till they bleed", "self-harm")]
    [InlineData("My brother was jumped by two men outside", "violence")]
    [InlineData("They operated on the wrong finger", "clinical")]
    [InlineData("I got ten times the amount", "clinical")]
    [InlineData("The kids are always hungry and dirty", "neglect")]
    [InlineData("he has the rope sorted", "suicide")]
    [InlineData("My sister carves words into her legs", "self-harm")]
    public void Concern_vocabulary_raises_its_category_without_a_listed_phrase(string text, string category) =>
        Assert.Contains(category, Categories(text));

    [Theory]
    [InlineData("her stepdad smacks her", "violence")]                  // "smack" listed, "smacks" its inflection
    [InlineData("he tried to hang himslef", "suicide")]                 // "himself" marked for misspellings
    [InlineData("i wish i could disappear, nobody would notice", "suicide")]
    [InlineData("my baby went floppy and grey and the nurse said he was just tired", "clinical")]
    [InlineData("Found him picking at his arms till they were raw", "self-harm")]
    public void Inflections_misspellings_and_weighted_concern_words_raise_their_category(string text, string category) =>
        Assert.Contains(category, Categories(text));

    [Theory]
    [InlineData("The nurse told my dad he could go home tomorrow")]        // context words only, no harm word
    [InlineData("I was left alone to get dressed which I appreciated")]
    [InlineData("Staff dealt calmly with a drunk man shouting")]
    [InlineData("The consultant choked up when she told us the good news")]
    [InlineData("The doctor made me laugh which helped my nerves")]
    [InlineData("I was starving after the op and they brought toast")]   // "starved" stands only for itself
    [InlineData("Lost my glasses but the ward found them")]             // "glassed" too
    [InlineData("The midwife stayed with me all night")]                // no guessed form of "stab" takes a misspelling
    public void Context_words_guessed_forms_and_idioms_raise_nothing(string text) =>
        Assert.Empty(SafeguardingDetector.Detect(text));

    [Theory]
    [InlineData("The nurse was brilliant with my dad's overdose of paperwork")]
    [InlineData("Cutting-edge care in the cardiac unit")]
    [InlineData("My mum's dry sense of humour kept us going")]
    [InlineData("The knife and fork were missing from the tray")]
    [InlineData("Thanks for saving my husband after his heart attack")]
    [InlineData("The painkillers knocked me out and I slept for hours")]
    [InlineData("The wait was ridiculous")]
    public void Harmless_uses_of_concern_vocabulary_raise_nothing(string text) =>
        Assert.Empty(SafeguardingDetector.Detect(text));

    [Fact]
    public void Negation_stops_at_the_end_of_a_clause()
    {
        Assert.Empty(SafeguardingDetector.Detect("I never felt neglected"));
        Assert.Equal(["neglect"], Categories("It was not good, she was neglected"));
        Assert.Equal(["neglect"], Categories("Not the nurses' fault but she was neglected"));
    }

    [Fact]
    public void One_edit_is_tolerated_only_in_words_of_five_letters_or_more()
    {
        Assert.Equal(["suicide"], Categories("suicidle thoughts"));   // two letters swapped
        Assert.Equal(["suicide"], Categories("sucidal thoughts"));    // one missing
        Assert.Equal(["abuse"], Categories("she was abussed"));       // one extra
        Assert.Equal(["abuse"], Categories("she was abuzed"));        // one wrong
        Assert.Empty(SafeguardingDetector.Detect("she was amused"));  // a real word is never a misspelling
    }

    // The labelled test set: comments written for this purpose (none taken from real feedback), about 40% concerning.
    // "development" comments were written with the phrase list. Each "held-out-N" round was written after the lexicon
    // was frozen and measured once (docs/safeguarding.md has every first measurement); all but the last were then used
    // to broaden it, so only "held-out-7" is still unseen.
    private static readonly Lazy<(string Text, string[] Expected, string Split)[]> TestSet = new(() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Text", "safeguarding-test-set.tsv")).Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(f => (f[0], f[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), f[2]))
            .ToArray());

    private static MultiLabelMetrics Score(string? split, out int concerning, out int alerted, out int benign, out int falseAlerts, List<string> misses)
    {
        var set = TestSet.Value.Where(t => split is null || t.Split == split).Select(t => (t.Text, t.Expected)).ToArray();
        var labels = SafeguardingCategories.All;
        var truth = new int[set.Length][];
        var predicted = new int[set.Length][];
        concerning = alerted = benign = falseAlerts = 0;
        for (var i = 0; i < set.Length; i++)
        {
            var (text, expected) = set[i];
            var found = Categories(text);
            truth[i] = expected.Select(e => Array.IndexOf(labels, e)).ToArray();
            Assert.DoesNotContain(-1, truth[i]);
            predicted[i] = found.Select(e => Array.IndexOf(labels, e)).ToArray();
            if (expected.Length > 0) { concerning++; if (found.Length > 0) alerted++; }
            else { benign++; if (found.Length > 0) falseAlerts++; }
            if (!expected.Order().SequenceEqual(found))
                misses.Add($"expected [{string.Join(",", expected)}] found [{string.Join(",", found)}]: {text}");
        }
        return MultiLabelMetrics.Compute(labels, truth, predicted, minimumExamples: 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("development")]
    [InlineData("held-out")]
    [InlineData("held-out-2")]
    [InlineData("held-out-3")]
    [InlineData("held-out-4")]
    [InlineData("held-out-5")]
    [InlineData("held-out-6")]
    [InlineData("held-out-7")]
    public void Test_set_figures_are_reported(string? split)
    {
        var misses = new List<string>();
        var m = Score(split, out var concerning, out var alerted, out var benign, out var falseAlerts, misses);
        Report(split ?? "all", m, concerning, alerted, benign, falseAlerts, misses);
    }

    private void Report(string split, MultiLabelMetrics m, int concerning, int alerted, int benign, int falseAlerts, List<string> misses)
    {
        output.WriteLine($"{split}: comments {concerning + benign}: concerning {concerning}, benign {benign}");
        output.WriteLine($"alert raised: recall {alerted}/{concerning} = {(double)alerted / concerning:F3}; false alerts {falseAlerts}/{benign}; precision {(double)alerted / (alerted + falseAlerts):F3}");
        output.WriteLine($"categories (micro): precision {m.MicroPrecision:F3} recall {m.MicroRecall:F3}");
        foreach (var l in m.Labels)
            output.WriteLine($"  {l.Label,-10} support {l.Support,3} predicted {l.Predicted,3} precision {l.Precision:F3} recall {l.Recall:F3}");
        foreach (var miss in misses) output.WriteLine(miss);
    }

    [Fact]
    public void Development_set_recall_and_precision_stay_at_or_above_what_was_measured()
    {
        var misses = new List<string>();
        var m = Score("development", out var concerning, out var alerted, out var benign, out var falseAlerts, misses);
        Report("development", m, concerning, alerted, benign, falseAlerts, misses);

        // Measured when the lexicon was last frozen (docs/safeguarding.md), less a small margin. Recall comes first.
        Assert.True((double)alerted / concerning >= 0.97, $"alert recall {(double)alerted / concerning:F3}");
        Assert.True(m.MicroRecall >= 0.97, $"category recall {m.MicroRecall:F3}");
        Assert.True(m.MicroPrecision >= 0.94, $"category precision {m.MicroPrecision:F3}");
        Assert.True((double)alerted / (alerted + falseAlerts) >= 0.95, "alert precision");
        var recall = new Dictionary<string, double> { ["abuse"] = 0.95, ["neglect"] = 0.95, ["self-harm"] = 0.97, ["suicide"] = 0.97, ["violence"] = 0.97, ["clinical"] = 0.97 };
        var precision = new Dictionary<string, double> { ["abuse"] = 0.95, ["neglect"] = 0.95, ["self-harm"] = 0.93, ["suicide"] = 0.90, ["violence"] = 0.90, ["clinical"] = 0.97 };
        foreach (var l in m.Labels)
        {
            Assert.True(l.Recall >= recall[l.Label], $"{l.Label} recall {l.Recall:F3}");
            Assert.True(l.Precision >= precision[l.Label], $"{l.Label} precision {l.Precision:F3}");
        }
    }

    /// <summary>
    /// The held-out rounds. "held-out-5" was written after the lexicon was last frozen and never tuned on: its recall is
    /// the honest estimate on wording the lexicon has not seen, and it is low (docs/safeguarding.md says what that means
    /// for a trust). The earlier rounds were measured once each and then used to broaden the lexicon, so their floors
    /// only guard against a change that loses what was added for them.
    /// </summary>
    [Theory]
    [InlineData("held-out", 0.95, 1)]
    [InlineData("held-out-2", 0.92, 1)]
    [InlineData("held-out-3", 0.95, 1)]
    [InlineData("held-out-4", 0.95, 1)]
    [InlineData("held-out-5", 0.65, 1)]
    [InlineData("held-out-6", 0.88, 3)]
    [InlineData("held-out-7", 0.70, 4)]
    public void Held_out_recall_and_false_alerts_stay_at_or_better_than_what_was_measured(string split, double recallFloor, int mostFalseAlerts)
    {
        var misses = new List<string>();
        var m = Score(split, out var concerning, out var alerted, out var benign, out var falseAlerts, misses);
        Report(split, m, concerning, alerted, benign, falseAlerts, misses);

        Assert.True((double)alerted / concerning >= recallFloor, $"alert recall {(double)alerted / concerning:F3}");
        Assert.True(falseAlerts <= mostFalseAlerts, $"false alerts {falseAlerts}");
    }

    /// <summary>
    /// Comments a second on one thread, by wall clock and by this process's processor time (the fairer figure on a
    /// shared machine). Run alone: dotnet test -c Release --filter "FullyQualifiedName~Throughput".
    /// </summary>
    [Fact]
    public void Throughput_is_reported()
    {
        var texts = TestSet.Value.Select(t => t.Text).ToArray();
        foreach (var t in texts) SafeguardingDetector.Detect(t);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var n = 0;
        while (sw.ElapsedMilliseconds < 2000)
            foreach (var t in texts) { SafeguardingDetector.Detect(t); n++; }
        sw.Stop();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        output.WriteLine($"{n / sw.Elapsed.TotalSeconds:N0} comments a second by wall clock, {n / cpuSeconds:N0} per processor second " +
            $"({n:N0} comments, mean {texts.Average(t => t.Length):N0} characters)");
    }
}
