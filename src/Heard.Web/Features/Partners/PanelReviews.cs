using Heard.Data.Model;

namespace Heard.Web.Features.Partners;

/// <summary>A criterion's scores across the panel.</summary>
public sealed record CriterionSummary(int Criterion, string Text, int N, double? Mean)
{
    /// <summary>Below 3 of 5 the panel, on average, did not agree the item met the criterion: worth an action.</summary>
    public bool IsLow => Mean is < PanelReviews.LowBelow;
}

public static class PanelReviews
{
    public const double LowBelow = 3.0;

    public static readonly string DefaultCriteria = string.Join("\n",
        "The response apologised where appropriate",
        "It answered every question raised",
        "It is written in plain English",
        "It explained what will change as a result",
        "It was kind and respectful in tone");

    public static readonly (string Key, string Label)[] Kinds = [("complaint-response", "Complaint response"), ("report", "Report")];
    public static string KindLabel(string key) => Kinds.FirstOrDefault(k => k.Key == key).Label ?? key;

    public static List<CriterionSummary> Summarise(ReviewProforma proforma, IEnumerable<PanelScore> scores)
    {
        var byCriterion = scores.GroupBy(s => s.Criterion).ToDictionary(g => g.Key, g => g.Select(s => s.Score).ToList());
        return proforma.CriteriaList.Select((text, i) =>
        {
            var list = byCriterion.GetValueOrDefault(i) ?? [];
            return new CriterionSummary(i, text, list.Count, list.Count == 0 ? null : list.Average());
        }).ToList();
    }

    /// <summary>The actions feature's create page, with the review named as the evidence.</summary>
    public static string ActionLink(PanelReview review, CriterionSummary c) =>
        "/Actions/Create?evidenceKind=review&evidenceLabel=" + Uri.EscapeDataString(
            $"Panel review \"{review.Title}\": {c.Text} (mean {c.Mean:0.0} of 5, n={c.N})");
}
