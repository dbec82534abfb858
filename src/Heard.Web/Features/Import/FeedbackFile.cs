using System.Globalization;
using Heard.Analysis.Fft;
using Heard.Data.Model;

namespace Heard.Web.Features.Import;

public static class ImportKinds
{
    public const string Fft = "fft";
    public const string Eligible = "eligible";
    /// <summary>Responses Heard collected itself (survey pages, kiosks, paper entry, API), one batch per channel and day.</summary>
    public const string Collected = "collected";

    /// <summary>Other feedback sources share one file layout; the kind names the source.</summary>
    public static readonly IReadOnlyDictionary<string, string> OtherSources = new Dictionary<string, string>
    {
        ["complaint"] = FeedbackSources.Complaint,
        ["pals"] = FeedbackSources.Pals,
        ["compliment"] = FeedbackSources.Compliment,
        ["review"] = FeedbackSources.OnlineReview,
        ["story"] = FeedbackSources.PatientStory,
        ["local-survey"] = FeedbackSources.LocalSurvey,
        ["15-steps"] = FeedbackSources.FifteenSteps,
        ["national-survey"] = FeedbackSources.NationalSurvey,
    };

    public static readonly string[] All = [Fft, Eligible, .. OtherSources.Keys];
}

/// <summary>The file's header is unusable: nothing is imported and the user is told which columns are wrong.</summary>
public sealed class ImportHeaderException(string message) : Exception(message);

/// <summary>A data row that passed validation, ready to store.</summary>
public sealed record FftRow(
    string? ResponseId,
    DateOnly Date,
    string? IcbCode,
    string TrustCode,
    string? TrustName,
    string SiteCode,
    string? SiteName,
    string Unit,
    string? FirstSpeciality,
    string? SecondSpeciality,
    string? Setting,
    FftAnswer? Answer,
    FftMode Mode,
    IReadOnlyList<(string Question, string Text)> Comments,
    IReadOnlyList<(string Column, string Value)> Extra)
{
    public bool? ConsentToPublish { get; init; }
    public bool? ConsentToContact { get; init; }
    /// <summary>Name, email and phone, stored apart from the feedback in contact_detail.</summary>
    public (string? Name, string? Email, string? Phone)? Contact { get; init; }
    public IReadOnlyDictionary<string, string>? Demographics { get; init; }
    /// <summary>Answers to closed questions other than the FFT (e.g. "treated with respect"), from Heard's own surveys.</summary>
    public IReadOnlyList<(string Question, int Rating)>? Ratings { get; init; }
    public int? SurveyVersionId { get; init; }
}

/// <summary>
/// The columns of an FFT file (cli-contract.md): names are case-insensitive and in any order; unknown columns are
/// kept as extra data; comment_&lt;name&gt; columns are further free-text questions.
/// </summary>
public sealed class FftFileLayout
{
    public static readonly string[] Required = ["date", "trust_code", "site_code", "unit", "answer"];
    public static readonly string[] DemographicColumns = ["age_band", "sex", "ethnicity", "disability", "first_language"];
    private static readonly HashSet<string> Known =
    [
        "response_id", "date", "icb_code", "trust_code", "trust_name", "site_code", "site_name", "unit",
        "first_speciality", "second_speciality", "setting", "answer", "mode", "comment",
        "consent_to_publish", "consent_to_contact", "contact_name", "contact_email", "contact_phone",
        .. DemographicColumns,
    ];
    /// <summary>Columns a rejects file adds; ignored when that file is imported again after correction.</summary>
    public static readonly string[] RejectColumns = ["rejected_row", "rejected_reason"];

    private readonly Dictionary<string, int> _index;
    private readonly List<(string Question, int Index)> _comments = [];
    private readonly List<(string Column, int Index)> _extra = [];

    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string> CommentQuestions => _comments.Select(c => c.Question).ToList();
    public IReadOnlyList<string> ExtraColumns => _extra.Select(c => c.Column).ToList();

    private FftFileLayout(IReadOnlyList<string> header)
    {
        Header = header;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = Normalise(header[i]);
            if (name.Length == 0 || !_index.TryAdd(name, i))
            {
                if (name.Length == 0) continue;
                throw new ImportHeaderException($"column '{header[i]}' appears twice in the header");
            }
            if (name == "comment") _comments.Add(("why", i));
            else if (name.StartsWith("comment_", StringComparison.Ordinal)) _comments.Add((name["comment_".Length..], i));
            else if (!Known.Contains(name) && !RejectColumns.Contains(name)) _extra.Add((header[i].Trim(), i));
        }
    }

    public static string Normalise(string column) =>
        column.Trim().Trim('\uFEFF').ToLowerInvariant().Replace(' ', '_');

    public static FftFileLayout FromHeader(IReadOnlyList<string> header)
    {
        var layout = new FftFileLayout(header);
        var missing = Required.Where(r => !layout._index.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            throw new ImportHeaderException(
                $"the header is missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} " +
                $"(found: {string.Join(", ", header.Select(h => h.Trim()))})");
        return layout;
    }

    private string Field(string[] fields, string name) =>
        _index.TryGetValue(name, out var i) && i < fields.Length ? fields[i].Trim() : "";

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    /// <summary>Validates one record; returns the row, or null with every problem named (field and value).</summary>
    public FftRow? Parse(string[] fields, out string? reason)
    {
        var problems = new List<string>(2);
        if (fields.Length > Header.Count)
            problems.Add($"the row has {fields.Length} values but the header has {Header.Count} columns (is there an unquoted comma?)");

        var dateText = Field(fields, "date");
        DateOnly date = default;
        if (dateText.Length == 0) problems.Add("date: missing");
        else if (!TryParseDate(dateText, out date))
            problems.Add($"date: '{dateText}' is not a real date (use yyyy-mm-dd or dd/mm/yyyy)");

        var trust = Field(fields, "trust_code");
        if (trust.Length == 0) problems.Add("trust_code: missing");
        var site = Field(fields, "site_code");
        if (site.Length == 0) problems.Add("site_code: missing");
        var unit = Field(fields, "unit");
        if (unit.Length == 0) problems.Add("unit: missing (name the ward, team or department)");

        var answerText = Field(fields, "answer");
        if (!FftAnswers.TryParse(answerText, out var answer))
            problems.Add($"answer: '{answerText}' is not an FFT answer (use 1-6 or the wording, e.g. 'Very good'; leave blank for no rating)");

        var modeText = Field(fields, "mode");
        if (!FftModes.TryParse(modeText, out var mode))
            problems.Add($"mode: '{modeText}' is not a mode (use {string.Join(", ", FftModes.All.Select(FftModes.Code))})");

        var settingText = Field(fields, "setting");
        string? setting = null;
        if (settingText.Length > 0)
        {
            if (FftSettings.IsKnown(settingText)) setting = FftSettings.Normalise(settingText);
            else problems.Add($"setting: '{settingText}' is not an FFT setting (use {string.Join(", ", FftSettings.All)})");
        }

        var publish = YesNo(fields, "consent_to_publish", problems);
        var contactConsent = YesNo(fields, "consent_to_contact", problems);

        if (problems.Count > 0)
        {
            reason = string.Join("; ", problems);
            return null;
        }
        reason = null;
        var (contactName, email, phone) = (Optional(Field(fields, "contact_name")), Optional(Field(fields, "contact_email")), Optional(Field(fields, "contact_phone")));
        Dictionary<string, string>? demographics = null;
        foreach (var d in DemographicColumns)
            if (Field(fields, d) is { Length: > 0 } v) (demographics ??= [])[d] = v;
        var comments = new List<(string, string)>(_comments.Count);
        foreach (var (q, i) in _comments)
            if (i < fields.Length && fields[i].Trim().Length > 0) comments.Add((q, fields[i].Trim()));
        var extra = new List<(string, string)>(_extra.Count);
        foreach (var (c, i) in _extra)
            if (i < fields.Length && fields[i].Length > 0) extra.Add((c, fields[i]));

        return new FftRow(
            Optional(Field(fields, "response_id")), date, Optional(Field(fields, "icb_code")), trust.ToUpperInvariant(),
            Optional(Field(fields, "trust_name")), site.ToUpperInvariant(), Optional(Field(fields, "site_name")), unit,
            Optional(Field(fields, "first_speciality")), Optional(Field(fields, "second_speciality")), setting,
            answer, mode, comments, extra)
        {
            ConsentToPublish = publish,
            ConsentToContact = contactConsent,
            Contact = contactName is null && email is null && phone is null ? null : (contactName, email, phone),
            Demographics = demographics,
        };
    }

    private bool? YesNo(string[] fields, string column, List<string> problems)
    {
        var text = Field(fields, column).ToLowerInvariant();
        switch (text)
        {
            case "": return null;
            case "yes" or "y" or "true" or "1": return true;
            case "no" or "n" or "false" or "0": return false;
            default:
                problems.Add($"{column}: '{Field(fields, column)}' is not yes or no");
                return null;
        }
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

/// <summary>An eligible-count row: month, setting, trust, optional site and unit, count.</summary>
public sealed record EligibleRow(int Month, string Setting, string TrustCode, string? SiteCode, string? Unit, long Count);

public sealed class EligibleFileLayout
{
    private static readonly string[] CountNames = ["count", "eligible", "total_eligible"];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly string _countColumn;
    public IReadOnlyList<string> Header { get; }

    private EligibleFileLayout(IReadOnlyList<string> header)
    {
        Header = header;
        for (var i = 0; i < header.Count; i++) _index.TryAdd(FftFileLayout.Normalise(header[i]), i);
        var missing = new[] { "month", "setting", "trust_code" }.Where(r => !_index.ContainsKey(r)).ToList();
        _countColumn = CountNames.FirstOrDefault(_index.ContainsKey) ?? "";
        if (_countColumn.Length == 0) missing.Add("count");
        if (missing.Count > 0)
            throw new ImportHeaderException($"the header is missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (found: {string.Join(", ", header)})");
    }

    public static EligibleFileLayout FromHeader(IReadOnlyList<string> header) => new(header);

    private string Field(string[] f, string name) => _index.TryGetValue(name, out var i) && i < f.Length ? f[i].Trim() : "";

    public EligibleRow? Parse(string[] fields, out string? reason)
    {
        var problems = new List<string>();
        var monthText = Field(fields, "month");
        var month = 0;
        if (!DateOnly.TryParseExact(monthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
            problems.Add($"month: '{monthText}' is not a month (use yyyy-mm)");
        else month = m.Year * 100 + m.Month;
        var setting = Field(fields, "setting");
        if (!FftSettings.IsKnown(setting)) problems.Add($"setting: '{setting}' is not an FFT setting");
        var trust = Field(fields, "trust_code");
        if (trust.Length == 0) problems.Add("trust_code: missing");
        var countText = Field(fields, _countColumn);
        if (!long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            problems.Add($"{_countColumn}: '{countText}' is not a whole number of patients");
        var site = Field(fields, "site_code");
        var unit = Field(fields, "unit");
        if (unit.Length > 0 && site.Length == 0) problems.Add("site_code: needed when unit is given");
        if (problems.Count > 0) { reason = string.Join("; ", problems); return null; }
        reason = null;
        return new EligibleRow(month, FftSettings.Normalise(setting), trust.ToUpperInvariant(),
            site.Length == 0 ? null : site.ToUpperInvariant(), unit.Length == 0 ? null : unit, count);
    }
}

/// <summary>A complaint, PALS concern, compliment, review or other non-FFT record.</summary>
public sealed record OtherFeedbackRow(string Source, string? Reference, DateOnly Date, string TrustCode, string? TrustName, string SiteCode,
    string? SiteName, string Unit, string? Text, bool? ConsentToPublish, IReadOnlyList<(string Column, string Value)> Details);

/// <summary>
/// One layout for every other source: where and when, an optional reference and text, and every other column kept as
/// source-specific details (subjects, outcome, star rating...), so a new source needs no schema change.
/// </summary>
public sealed class OtherFeedbackLayout
{
    public static readonly string[] Required = ["date", "trust_code", "site_code", "unit"];
    private static readonly string[] TextColumns = ["text", "description", "comment", "review"];
    private static readonly HashSet<string> Known = ["reference", "date", "trust_code", "trust_name", "site_code", "site_name", "unit", "consent_to_publish", .. TextColumns];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<(string Column, int Index)> _details = [];
    private readonly string _source;
    public IReadOnlyList<string> Header { get; }

    private OtherFeedbackLayout(string source, IReadOnlyList<string> header)
    {
        _source = source;
        Header = header;
        for (var i = 0; i < header.Count; i++)
        {
            var name = FftFileLayout.Normalise(header[i]);
            if (name.Length == 0) continue;
            if (!_index.TryAdd(name, i)) throw new ImportHeaderException($"column '{header[i]}' appears twice in the header");
            if (!Known.Contains(name) && !FftFileLayout.RejectColumns.Contains(name)) _details.Add((name, i));
        }
        var missing = Required.Where(r => !_index.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            throw new ImportHeaderException($"the header is missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (found: {string.Join(", ", header.Select(h => h.Trim()))})");
    }

    public static OtherFeedbackLayout FromHeader(string kind, IReadOnlyList<string> header) => new(ImportKinds.OtherSources[kind], header);

    private string Field(string[] f, string name) => _index.TryGetValue(name, out var i) && i < f.Length ? f[i].Trim() : "";

    public OtherFeedbackRow? Parse(string[] fields, out string? reason)
    {
        var problems = new List<string>();
        if (fields.Length > Header.Count)
            problems.Add($"the row has {fields.Length} values but the header has {Header.Count} columns (is there an unquoted comma?)");
        var dateText = Field(fields, "date");
        if (!FftFileLayout.TryParseDate(dateText, out var date))
            problems.Add(dateText.Length == 0 ? "date: missing" : $"date: '{dateText}' is not a real date (use yyyy-mm-dd or dd/mm/yyyy)");
        foreach (var r in Required.Skip(1))
            if (Field(fields, r).Length == 0) problems.Add($"{r}: missing");
        var consentText = Field(fields, "consent_to_publish").ToLowerInvariant();
        bool? consent = consentText switch { "" => null, "yes" or "y" or "true" or "1" => true, "no" or "n" or "false" or "0" => false, _ => null };
        if (consentText.Length > 0 && consent is null) problems.Add($"consent_to_publish: '{Field(fields, "consent_to_publish")}' is not yes or no");
        if (problems.Count > 0) { reason = string.Join("; ", problems); return null; }
        reason = null;
        var text = TextColumns.Select(c => Field(fields, c)).FirstOrDefault(t => t.Length > 0);
        var details = _details.Where(d => d.Index < fields.Length && fields[d.Index].Trim().Length > 0).Select(d => (d.Column, fields[d.Index].Trim())).ToList();
        return new OtherFeedbackRow(_source, Field(fields, "reference") is { Length: > 0 } reference ? reference : null, date,
            Field(fields, "trust_code").ToUpperInvariant(), Field(fields, "trust_name") is { Length: > 0 } tn ? tn : null,
            Field(fields, "site_code").ToUpperInvariant(), Field(fields, "site_name") is { Length: > 0 } sn ? sn : null,
            Field(fields, "unit"), text, consent, details);
    }
}
