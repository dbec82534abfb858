using System.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Collection;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Surveys;

/// <summary>A change the survey rules do not allow, naming the form field it is about.</summary>
public sealed class SurveyChangeException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Changes to a survey's questions. A live version is never edited: the first change to it makes the next version as
/// a draft, and later changes edit that draft until it is published.
/// </summary>
public static class SurveyEditing
{
    public const int QuestionTextMax = 300;
    public const int HintMax = 300;
    public const int OptionTextMax = 100;
    public const int MinOptions = 2;
    public const int MaxOptions = 10;
    public const string CustomPrefix = "custom_";

    public sealed record LibraryGroup(string Title, string Kind, string Hint);

    /// <summary>The library as the designer shows it, in the order questions sit in a survey.</summary>
    public static readonly IReadOnlyList<LibraryGroup> Groups =
    [
        new("Follow-up questions", QuestionKinds.Text, "Free text. The FFT needs at least one, such as \"Please tell us why you gave your answer\"."),
        new("Experience questions", QuestionKinds.Choice, "Closed questions about common parts of care."),
        new("About you", QuestionKinds.Demographic, "Optional. Each has a \"Prefer not to say\" answer."),
        new("Consent", QuestionKinds.Consent, "Whether we may publish the comment, and whether we may contact the person."),
    ];

    public static IEnumerable<SurveyQuestion> LibraryQuestions(string kind) =>
        QuestionLibrary.All.Where(q => q.Kind == kind);

    public static string KindLabel(string kind) => kind switch
    {
        QuestionKinds.Fft => "Friends and Family Test",
        QuestionKinds.Text => "Free text",
        QuestionKinds.Choice => "Choice",
        QuestionKinds.Demographic => "About you",
        QuestionKinds.Consent => "Consent",
        _ => kind,
    };

    public static bool IsCustom(string key) => key.StartsWith(CustomPrefix, StringComparison.Ordinal);

    private static int GroupRank(SurveyQuestion q) => q.Kind switch
    {
        QuestionKinds.Fft => 0,
        QuestionKinds.Text => 1,
        QuestionKinds.Choice => 2,
        QuestionKinds.Demographic => 3,
        QuestionKinds.Consent => 4,
        _ => 2,
    };

    /// <summary>The FFT question first and once, whatever else happened to the list.</summary>
    public static SurveyDefinition WithFftFirst(IEnumerable<SurveyQuestion> questions) =>
        new([QuestionLibrary.Fft, .. questions.Where(q => q.Kind != QuestionKinds.Fft)]);

    public static SurveyDefinition Move(SurveyDefinition d, string key, int delta)
    {
        var list = d.Questions.ToList();
        var i = list.FindIndex(q => q.Key == key);
        if (i < 0) throw new SurveyChangeException("", "That question is not in this survey");
        if (list[i].Kind == QuestionKinds.Fft) throw new SurveyChangeException("", "The Friends and Family Test question always comes first");
        var j = i + delta;
        // Index 0 is the FFT question; nothing moves above it.
        if (j < 1 || j >= list.Count) return d;
        (list[i], list[j]) = (list[j], list[i]);
        return new SurveyDefinition(list);
    }

    public static SurveyDefinition Remove(SurveyDefinition d, string key)
    {
        var q = d.Find(key) ?? throw new SurveyChangeException("", "That question is not in this survey");
        if (q.Kind == QuestionKinds.Fft) throw new SurveyChangeException("", "The Friends and Family Test question cannot be removed: every survey asks it");
        return new SurveyDefinition(d.Questions.Where(x => x.Key != key).ToList());
    }

    /// <summary>
    /// Keeps the library questions in <paramref name="chosen"/> and drops the other library ones; custom questions stay.
    /// A newly chosen question goes after the last question of its group, so follow-ups stay before consent.
    /// </summary>
    public static SurveyDefinition ChooseLibrary(SurveyDefinition d, IReadOnlyCollection<string> chosen)
    {
        var unknown = chosen.FirstOrDefault(k => QuestionLibrary.Find(k) is null);
        if (unknown is not null) throw new SurveyChangeException("LibraryKeys", "Choose questions from the list");
        var list = d.Questions.Where(q => q.Kind == QuestionKinds.Fft || IsCustom(q.Key) || chosen.Contains(q.Key)).ToList();
        foreach (var key in QuestionLibrary.All.Select(q => q.Key).Where(chosen.Contains))
        {
            if (list.Any(q => q.Key == key)) continue;
            Insert(list, QuestionLibrary.Find(key)!);
        }
        return WithFftFirst(list);
    }

    public static SurveyDefinition AddCustom(SurveyDefinition d, SurveyQuestion question)
    {
        var list = d.Questions.ToList();
        Insert(list, question);
        return new SurveyDefinition(list);
    }

    private static void Insert(List<SurveyQuestion> list, SurveyQuestion q)
    {
        var rank = GroupRank(q);
        var lastSame = list.FindLastIndex(x => GroupRank(x) <= rank);
        list.Insert(lastSame + 1, q);
    }

    /// <summary>custom_1, custom_2, ...: never reusing a key an earlier version gave another question.</summary>
    public static string NextCustomKey(IEnumerable<SurveyDefinition> versions)
    {
        var max = 0;
        foreach (var q in versions.SelectMany(v => v.Questions))
            if (IsCustom(q.Key) && int.TryParse(q.Key.AsSpan(CustomPrefix.Length), out var n) && n > max)
                max = n;
        return CustomPrefix + (max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Checks a custom question; each problem is keyed by its form field under <paramref name="prefix"/>.</summary>
    public static SurveyQuestion? CheckCustom(string prefix, string? kind, string? text, string? hint, string? options, string key,
        Action<string, string> problem)
    {
        var ok = true;
        void Fail(string field, string message) { ok = false; problem($"{prefix}.{field}", message); }
        if (kind is not (QuestionKinds.Text or QuestionKinds.Choice))
            Fail("Kind", "Choose whether the question has a free-text answer or a list of answers");
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) Fail("Text", "Enter the question");
        else if (text.Length > QuestionTextMax) Fail("Text", $"The question must be {QuestionTextMax} characters or fewer. It is {text.Length} characters.");
        hint = string.IsNullOrWhiteSpace(hint) ? null : hint.Trim();
        if (hint is { Length: > HintMax }) Fail("Hint", $"The hint must be {HintMax} characters or fewer. It is {hint.Length} characters.");
        var lines = (options ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (kind == QuestionKinds.Choice)
        {
            if (lines.Count < MinOptions || lines.Count > MaxOptions)
                Fail("Options", $"Enter between {MinOptions} and {MaxOptions} answers, one on each line. You entered {lines.Count}.");
            else if (lines.FirstOrDefault(l => l.Length > OptionTextMax) is { } longOne)
                Fail("Options", $"Each answer must be {OptionTextMax} characters or fewer. \"{longOne[..20]}...\" is {longOne.Length} characters.");
            else if (lines.GroupBy(l => l, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
                Fail("Options", $"Each answer must be different. \"{twice.Key}\" is there more than once.");
        }
        if (!ok) return null;
        return new SurveyQuestion
        {
            Key = key,
            Kind = kind!,
            Text = text!,
            Hint = hint,
            MaxLength = kind == QuestionKinds.Text ? QuestionLibrary.TextMaxLength : 0,
            Options = kind == QuestionKinds.Choice ? OptionValues(lines) : [],
        };
    }

    /// <summary>Option values are made from the wording ("Yes, definitely" to "yes-definitely"), unique within the question.</summary>
    private static List<QuestionOption> OptionValues(IReadOnlyList<string> texts)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var options = new List<QuestionOption>();
        for (var i = 0; i < texts.Count; i++)
        {
            var slug = Slug(texts[i]);
            if (slug.Length == 0 || !used.Add(slug))
            {
                slug = $"option-{i + 1}";
                used.Add(slug);
            }
            options.Add(new QuestionOption(slug, texts[i]));
        }
        return options;
    }

    private static string Slug(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= 40) break;
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>
    /// The version to change: the latest when it is a draft, otherwise a new draft copying the latest. Returns whether
    /// a new version was made, so the page can say so.
    /// </summary>
    public static async Task<(SurveyVersion Draft, SurveyVersion? From)> EnsureDraftAsync(HeardDbContext db, Survey survey, string userName, Audit audit,
        CancellationToken ct)
    {
        var latest = await db.SurveyVersions.Where(v => v.SurveyId == survey.Id).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (latest is { Status: SurveyStatuses.Draft }) return (latest, null);
        var draft = new SurveyVersion
        {
            SurveyId = survey.Id,
            Number = (latest?.Number ?? 0) + 1,
            Status = SurveyStatuses.Draft,
            DefinitionJson = latest?.DefinitionJson ?? QuestionLibrary.Starter().ToJson(),
            CreatedAt = DateTime.UtcNow,
            CreatedBy = userName,
        };
        db.SurveyVersions.Add(draft);
        audit.Record(Audit.Actions.Create, "survey_version", survey.Id,
            $"survey {survey.Id} '{survey.Name}': version {draft.Number} created as a draft from version {latest?.Number}");
        return (draft, latest);
    }

    /// <summary>Makes the latest draft live and retires the version it replaces; answers stay with the version they answered.</summary>
    public static async Task<SurveyVersion> PublishAsync(HeardDbContext db, Survey survey, Audit audit, CancellationToken ct)
    {
        var versions = await db.SurveyVersions.Where(v => v.SurveyId == survey.Id).OrderByDescending(v => v.Number).ToListAsync(ct);
        var draft = versions.FirstOrDefault();
        if (draft is not { Status: SurveyStatuses.Draft })
            throw new SurveyChangeException("Publish", "There is no draft to publish: change the questions first");
        var definition = SurveyDefinition.FromJson(draft.DefinitionJson);
        if (definition.Questions.Count(q => q.Kind == QuestionKinds.Fft) != 1)
            throw new SurveyChangeException("Publish", "The survey must ask the Friends and Family Test question");
        if (!definition.Questions.Any(q => q.Kind == QuestionKinds.Text))
            throw new SurveyChangeException("Publish", "Add at least one free-text follow-up question before publishing: the FFT needs one, such as \"Please tell us why you gave your answer\"");
        var now = DateTime.UtcNow;
        foreach (var live in versions.Where(v => v.Status == SurveyStatuses.Live))
        {
            live.Status = SurveyStatuses.Retired;
            audit.Record(Audit.Actions.Update, "survey_version", survey.Id, $"survey {survey.Id} '{survey.Name}': version {live.Number} retired, replaced by version {draft.Number}");
        }
        draft.Status = SurveyStatuses.Live;
        draft.PublishedAt = now;
        audit.Record(Audit.Actions.Update, "survey_version", survey.Id, $"survey {survey.Id} '{survey.Name}': version {draft.Number} published");
        return draft;
    }

    /// <summary>The survey when it belongs to a trust the user may see; null otherwise, so a page answers 404.</summary>
    public static async Task<Survey?> FindInScopeAsync(HeardDbContext db, CurrentUser user, int id, CancellationToken ct)
    {
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null) return null;
        var trusts = await user.TrustIdsAsync(ct);
        return trusts is null || trusts.Contains(survey.TrustId) ? survey : null;
    }
}
