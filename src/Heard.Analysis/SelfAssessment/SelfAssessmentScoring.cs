namespace Heard.Analysis.SelfAssessment;

/// <summary>Mean, lowest, highest and how many: the divisions' figures for one line of the trust roll-up. Null when none scored it.</summary>
public sealed record ScoreSpread(double Mean, double Min, double Max, int N)
{
    public static ScoreSpread? Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : new ScoreSpread(list.Average(), list.Min(), list.Max(), list.Count);
    }
}

public enum FrameworkLevel { Requirement, Characteristic, Section, Overall }

/// <summary>One line of the roll-up: the trust's own figure beside the spread of its divisions' figures.</summary>
public sealed record RollUpLine(FrameworkLevel Level, string Key, double? Trust, ScoreSpread? Divisions);

/// <summary>
/// Scores for one round (requirement id to 0..5; unscored requirements are simply absent) and the figures built from them.
/// A characteristic's or section's figure is the mean of the requirements scored within it, not a mean of means, so a
/// characteristic with five requirements weighs five times one with one, as the framework's own list does.
/// </summary>
public static class SelfAssessmentScoring
{
    public static double? Mean(IReadOnlyDictionary<string, int> scores, IEnumerable<FrameworkRequirement> requirements)
    {
        var scored = requirements.Where(r => scores.ContainsKey(r.Id)).Select(r => (double)scores[r.Id]).ToList();
        return scored.Count == 0 ? null : scored.Average();
    }

    public static double? Characteristic(IReadOnlyDictionary<string, int> scores, FrameworkCharacteristic c) => Mean(scores, c.Requirements);
    public static double? Section(IReadOnlyDictionary<string, int> scores, FrameworkSection s) => Mean(scores, s.Requirements);
    public static double? Overall(IReadOnlyDictionary<string, int> scores) => Mean(scores, ImprovementFramework.Requirements);

    /// <summary>How many of the framework's requirements this round has scored.</summary>
    public static int Scored(IReadOnlyDictionary<string, int> scores) => ImprovementFramework.Requirements.Count(r => scores.ContainsKey(r.Id));

    /// <summary>
    /// The trust view: for every requirement, characteristic, section and the whole framework, the trust's own figure (null
    /// when the trust has no round or left it unscored) and the spread of the divisions' figures, each division counted once
    /// and only where it has a figure at that line.
    /// </summary>
    public static IReadOnlyList<RollUpLine> RollUp(IReadOnlyDictionary<string, int>? trust, IReadOnlyList<IReadOnlyDictionary<string, int>> divisions)
    {
        var lines = new List<RollUpLine>();
        void Add(FrameworkLevel level, string key, Func<IReadOnlyDictionary<string, int>, double?> figure) =>
            lines.Add(new RollUpLine(level, key, trust is null ? null : figure(trust),
                ScoreSpread.Of(divisions.Select(figure).Where(v => v.HasValue).Select(v => v!.Value))));
        foreach (var section in ImprovementFramework.Sections)
        {
            Add(FrameworkLevel.Section, section.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), s => Section(s, section));
            foreach (var c in section.Characteristics)
            {
                Add(FrameworkLevel.Characteristic, c.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), s => Characteristic(s, c));
                foreach (var r in c.Requirements)
                    Add(FrameworkLevel.Requirement, r.Id, s => s.TryGetValue(r.Id, out var v) ? v : null);
            }
        }
        Add(FrameworkLevel.Overall, "all", Overall);
        return lines;
    }
}
