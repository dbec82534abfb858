namespace Heard.Analysis.Fft;

/// <summary>
/// Builds NHS England's monthly FFT return for one setting and month, with its small-number suppression.
/// </summary>
/// <remarks>
/// Suppression is worked out over the whole hierarchy ICB → trust → site → ward whatever level is asked
/// for, because a ward can be starred only because its site was, and a site because its trust was.
/// </remarks>
public static class FftReturn
{
    // NHS England's threshold: 1 to 4 responses could identify a patient; 0 reveals nothing.
    private const long FirstLevelMaximum = 4;

    private static readonly string[] AnswerColumns =
        ["Very Good", "Good", "Neither Good nor Poor", "Poor", "Very Poor", "Don't Know"];

    /// <summary>The published column titles for a level, in order.</summary>
    public static IReadOnlyList<string> Header(FftReturnLevel level)
    {
        var header = new List<string> { "ICB Code", "Trust Code", "Trust Name" };
        if (level is FftReturnLevel.Site or FftReturnLevel.Ward)
        {
            header.Add("Site Code");
            header.Add("Site Name");
        }

        if (level is FftReturnLevel.Ward)
        {
            header.Add("Ward Name");
        }

        header.AddRange(["Total Responses", "Total Eligible", "Percentage Positive", "Percentage Negative"]);
        header.AddRange(AnswerColumns);
        header.AddRange(FftModes.All.Select(FftModes.ColumnTitle));
        if (level is FftReturnLevel.Ward)
        {
            header.Add("First Speciality");
            header.Add("Second Speciality");
        }

        return header;
    }

    /// <param name="units">Every unit with an FFT record in the month and setting, across all trusts
    /// that share an ICB (suppression compares trusts within an ICB).</param>
    /// <param name="trustEligible">Eligible counts submitted for a whole trust, by trust code.</param>
    /// <param name="siteEligible">Eligible counts submitted for a whole site, by (trust code, site code).</param>
    public static FftReturnTable Build(
        FftReturnLevel level,
        IReadOnlyList<FftReturnUnit> units,
        IReadOnlyDictionary<string, long>? trustEligible = null,
        IReadOnlyDictionary<(string Trust, string Site), long>? siteEligible = null)
    {
        ArgumentNullException.ThrowIfNull(units);
        foreach (var unit in units)
        {
            ArgumentNullException.ThrowIfNull(unit);
            if (string.IsNullOrEmpty(unit.TrustCode) || string.IsNullOrEmpty(unit.SiteCode) || unit.Counts is null)
            {
                throw new ArgumentException("Every unit needs a trust code, a site code and counts.", nameof(units));
            }
        }

        var trusts = BuildHierarchy(units, trustEligible, siteEligible);
        Suppress(trusts);

        var details = level switch
        {
            FftReturnLevel.Trust => trusts.Select(t => t.ToRow(level)),
            FftReturnLevel.Site => trusts.SelectMany(t => t.Children).Select(s => s.ToRow(level)),
            FftReturnLevel.Ward => trusts.SelectMany(t => t.Children).SelectMany(s => s.Children)
                .Select(w => w.ToRow(level)),
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a return level."),
        };
        return new FftReturnTable(level, details.ToList());
    }

    private static List<Node> BuildHierarchy(
        IReadOnlyList<FftReturnUnit> units,
        IReadOnlyDictionary<string, long>? trustEligible,
        IReadOnlyDictionary<(string Trust, string Site), long>? siteEligible)
    {
        // Sorting first makes the published order, and every "first value stated" choice, independent of input order.
        var sorted = units
            .OrderBy(u => u.TrustCode, StringComparer.Ordinal)
            .ThenBy(u => u.SiteCode, StringComparer.Ordinal)
            .ThenBy(u => u.WardName ?? "", StringComparer.Ordinal)
            .ThenBy(u => u.FirstSpeciality ?? "", StringComparer.Ordinal)
            .ThenBy(u => u.SecondSpeciality ?? "", StringComparer.Ordinal)
            .ToList();

        var trusts = new List<Node>();
        foreach (var trustUnits in sorted.GroupBy(u => u.TrustCode, StringComparer.Ordinal))
        {
            // ICB and names come from the first unit that states them, so one blank record cannot blank a trust,
            // and every row of a trust shows the same ICB and trust name.
            var trust = new Node
            {
                IcbCode = FirstStated(trustUnits.Select(u => u.IcbCode))?.Trim(),
                TrustCode = trustUnits.Key,
                TrustName = FirstStated(trustUnits.Select(u => u.TrustName)) ?? "",
                Counts = FftCounts.Sum(trustUnits.Select(u => u.Counts)),
                Eligible = trustEligible is not null && trustEligible.TryGetValue(trustUnits.Key, out var trustCount)
                    ? trustCount
                    : SumOfKnown(trustUnits),
            };
            trusts.Add(trust);

            foreach (var siteUnits in trustUnits.GroupBy(u => u.SiteCode, StringComparer.Ordinal))
            {
                var site = trust.ChildWith(
                    siteUnits.Key,
                    FirstStated(siteUnits.Select(u => u.SiteName)) ?? "",
                    wardName: null,
                    FftCounts.Sum(siteUnits.Select(u => u.Counts)),
                    siteEligible is not null && siteEligible.TryGetValue((trust.TrustCode, siteUnits.Key), out var siteCount)
                        ? siteCount
                        : SumOfKnown(siteUnits));
                trust.Children.Add(site);

                foreach (var unit in siteUnits)
                {
                    site.Children.Add(site.ChildWith(
                        site.SiteCode!, site.SiteName, unit.WardName ?? "", unit.Counts, unit.Eligible,
                        unit.FirstSpeciality, unit.SecondSpeciality));
                }
            }
        }

        return trusts;
    }

    private static long? SumOfKnown(IEnumerable<FftReturnUnit> units)
    {
        var known = units.Where(u => u.Eligible is not null).Select(u => u.Eligible!.Value).ToList();
        return known.Count > 0 ? known.Sum() : null;
    }

    private static string? FirstStated(IEnumerable<string?> values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static void Suppress(List<Node> trusts)
    {
        // Trusts without an ICB code are compared with each other as one group, but there is no published
        // ICB row for them, so nothing cascades down to them from above.
        var icbGroups = trusts.GroupBy(t => t.IcbCode, StringComparer.Ordinal);
        foreach (var group in icbGroups)
        {
            var members = group.ToList();
            var parentSuppressed = false;
            if (group.Key is not null)
            {
                var icbTotal = members.Sum(t => t.Counts.Total);
                parentSuppressed = IsFirstLevel(icbTotal);
            }

            SuppressSiblings(members, parentSuppressed, BySizeThenCode);
        }

        foreach (var trust in trusts)
        {
            SuppressSiblings(trust.Children, trust.Suppression != FftSuppression.None, BySizeThenCode);
            foreach (var site in trust.Children)
            {
                SuppressSiblings(site.Children, site.Suppression != FftSuppression.None, WardRanking);
            }
        }
    }

    private static void SuppressSiblings(List<Node> siblings, bool parentSuppressed, Comparison<Node> ranking)
    {
        foreach (var node in siblings)
        {
            if (IsFirstLevel(node.Counts.Total))
            {
                node.Suppression |= FftSuppression.FirstLevel;
            }
        }

        // Rows with no responses take no rank: they hide nothing and cannot be back-calculated.
        // OrderBy is stable, so rows that tie on every key keep their published order.
        var ranked = siblings.Where(n => n.Counts.Total > 0).OrderBy(n => n, Comparer<Node>.Create(ranking)).ToList();

        if (ranked.Count >= 2 && (ranked[0].Suppression & FftSuppression.FirstLevel) != 0)
        {
            // Otherwise the smallest row's counts could be recovered as parent minus the visible siblings.
            ranked[1].Suppression |= FftSuppression.SecondLevel;
        }

        if (parentSuppressed)
        {
            foreach (var node in ranked.Take(2))
            {
                node.Suppression |= FftSuppression.Cascade;
            }
        }
    }

    /// <summary>
    /// NHS England's first-level rule: 1 to 4 responses are too few to publish their counts or percentages. Other views
    /// that show a unit's percentage (the funnel plot) hide it by the same rule.
    /// </summary>
    public static bool IsFirstLevel(long total) => total is >= 1 and <= FirstLevelMaximum;

    private static int BySizeThenCode(Node a, Node b)
    {
        var bySize = a.Counts.Total.CompareTo(b.Counts.Total);
        return bySize != 0 ? bySize : string.CompareOrdinal(a.Code, b.Code);
    }

    private static int WardRanking(Node a, Node b)
    {
        var result = a.Counts.Total.CompareTo(b.Counts.Total);
        if (result == 0)
        {
            result = string.CompareOrdinal(a.FirstSpeciality ?? "", b.FirstSpeciality ?? "");
        }

        if (result == 0)
        {
            result = string.CompareOrdinal(a.SecondSpeciality ?? "", b.SecondSpeciality ?? "");
        }

        if (result == 0)
        {
            result = string.CompareOrdinal(a.WardName ?? "", b.WardName ?? "");
        }

        return result;
    }

    private sealed class Node
    {
        public string? IcbCode { get; init; }

        public required string TrustCode { get; init; }

        public required string TrustName { get; init; }

        public string? SiteCode { get; init; }

        public string? SiteName { get; init; }

        public string? WardName { get; init; }

        public string? FirstSpeciality { get; init; }

        public string? SecondSpeciality { get; init; }

        public required FftCounts Counts { get; init; }

        public long? Eligible { get; init; }

        public List<Node> Children { get; } = [];

        public FftSuppression Suppression { get; set; }

        /// <summary>The code that breaks ties between siblings: site code for sites, trust code for trusts.</summary>
        public string Code => SiteCode ?? TrustCode;

        public Node ChildWith(
            string siteCode, string? siteName, string? wardName, FftCounts counts, long? eligible,
            string? firstSpeciality = null, string? secondSpeciality = null) => new()
        {
            IcbCode = IcbCode,
            TrustCode = TrustCode,
            TrustName = TrustName,
            SiteCode = siteCode,
            SiteName = siteName,
            WardName = wardName,
            FirstSpeciality = firstSpeciality,
            SecondSpeciality = secondSpeciality,
            Counts = counts,
            Eligible = eligible,
        };

        public FftReturnRow ToRow(FftReturnLevel level) => new(
            level, IcbCode, TrustCode, TrustName, SiteCode, SiteName, WardName,
            FirstSpeciality, SecondSpeciality, Counts, Eligible, Suppression);
    }
}
