using Heard.Analysis.Text;

namespace Heard.Analysis.Tests.Text;

/// <summary>Made-up comments whose labels and sentiment follow from their words, so a working learner must get them right.</summary>
internal static class ToyComments
{
    private static readonly string[] Food = ["the food was cold", "lunch was tasty", "dinner came late and was cold", "no vegetarian meals"];
    private static readonly string[] Staff = ["the nurses were kind", "staff were rude", "the doctor was caring", "reception staff were unhelpful"];
    private static readonly string[] Waiting = ["waited four hours", "the ambulance took ages", "long wait to be seen", "we waited all night"];
    private static readonly string[] Praise = ["thank you so much", "excellent", "brilliant care"];
    private static readonly string[] Complaint = ["awful", "terrible experience", "really disappointed"];

    public static List<CodedComment> Make(int count, int seed = 1)
    {
        var random = new Random(seed);
        var comments = new List<CodedComment>(count);
        for (var i = 0; i < count; i++)
        {
            var parts = new List<string>();
            var labels = new List<string>();
            if (random.Next(2) == 0) { parts.Add(Food[random.Next(Food.Length)]); labels.Add("food"); }
            if (random.Next(2) == 0) { parts.Add(Staff[random.Next(Staff.Length)]); labels.Add("staff"); }
            if (random.Next(3) == 0) { parts.Add(Waiting[random.Next(Waiting.Length)]); labels.Add("waiting"); }
            var good = random.Next(2) == 0;
            parts.Add(good ? Praise[random.Next(Praise.Length)] : Complaint[random.Next(Complaint.Length)]);
            comments.Add(new CodedComment(string.Join(", ", parts), "What could we do better?", labels, good ? 1 + random.Next(2) : 4 + random.Next(2), $"person {i / 2}"));
        }
        return comments;
    }

    public static ThemeTrainingOptions Options => new() { ThresholdFolds = 3, Framework = "toy", MaxThreads = 2 };
}
