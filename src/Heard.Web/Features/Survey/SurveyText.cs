using System.Text.Json;
using System.Text.RegularExpressions;
using Heard.Web.Features.Collection;

namespace Heard.Web.Features.PatientSurvey;

/// <summary>A language patients can choose: its code, its name in itself, and which way it is written.</summary>
public sealed record SurveyLanguage(string Code, string Name, string Direction)
{
    public bool IsRightToLeft => Direction == "rtl";
}

/// <summary>
/// The words of the patient pages in every language and format. Files named <c>{language}.json</c> or
/// <c>{language}.{format}.json</c> ship in Features/Survey/Translations; staff add languages, or change any wording,
/// with files of the same shape in the folder <c>Heard:TranslationsPath</c> names (default <c>translations/</c>), whose
/// keys win. Loaded once at start-up: a restart picks up a new file.
/// </summary>
public sealed partial class SurveyText
{
    public const string English = "en";
    public const string BuiltInFolder = "Features/Survey/Translations";
    public const string PathSetting = "Heard:TranslationsPath";

    private sealed record TranslationFile(string Language, string? Name, string? Direction, Dictionary<string, string> Strings);

    private readonly Dictionary<string, TranslationFile> _files = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<SurveyLanguage> Languages { get; }

    /// <summary>Where staff translation files were read from, if anywhere.</summary>
    public string? StaffFolder { get; }

    public SurveyText(IConfiguration config, IWebHostEnvironment env, ILogger<SurveyText> log)
        : this(Path.Combine(env.ContentRootPath, BuiltInFolder), StaffFolderFrom(config, log), log)
    {
    }

    public SurveyText(string builtInFolder, string? staffFolder, ILogger log)
    {
        if (!Directory.Exists(builtInFolder))
            builtInFolder = Path.Combine(AppContext.BaseDirectory, BuiltInFolder);
        Load(builtInFolder, log);
        if (staffFolder is not null)
        {
            StaffFolder = staffFolder;
            Load(staffFolder, log);
        }
        if (!_files.ContainsKey(English))
            throw new InvalidOperationException($"The English survey wording ({English}.json) was not found in {builtInFolder}");

        Languages = [.. _files.Where(f => !f.Key.Contains('.'))
            .Select(f => new SurveyLanguage(f.Key, f.Value.Name ?? f.Key, f.Value.Direction == "rtl" ? "rtl" : "ltr"))
            .OrderBy(l => l.Code == English ? 0 : 1).ThenBy(l => l.Code, StringComparer.Ordinal)];
    }

    private static string? StaffFolderFrom(IConfiguration config, ILogger log)
    {
        var configured = config[PathSetting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            var fallback = Path.Combine(Directory.GetCurrentDirectory(), "translations");
            return Directory.Exists(fallback) ? fallback : null;
        }
        var full = Path.GetFullPath(configured);
        if (Directory.Exists(full)) return full;
        log.LogWarning("{Setting} names {Folder}, which does not exist; only the built-in survey translations are used", PathSetting, full);
        return null;
    }

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8})?(\\.(easy-read|young-people))?$")]
    private static partial Regex FileKey();

    private void Load(string folder, ILogger log)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var key = Path.GetFileNameWithoutExtension(path).ToLowerInvariant();
            if (!FileKey().IsMatch(key))
            {
                log.LogWarning("Survey translation {File} is not named language.json or language.format.json (easy-read, young-people); skipped", path);
                continue;
            }
            TranslationFile? file;
            try
            {
                using var stream = File.OpenRead(path);
                file = JsonSerializer.Deserialize<TranslationFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            }
            catch (JsonException e)
            {
                // A typo in a staff file must not take the survey down; the other languages still work.
                log.LogError("Survey translation {File} is not valid JSON and was skipped: {Problem}", path, e.Message);
                continue;
            }
            if (file is null) continue;
            var strings = new Dictionary<string, string>(file.Strings ?? [], StringComparer.Ordinal);
            if (_files.TryGetValue(key, out var existing))
            {
                foreach (var (k, v) in strings) existing.Strings[k] = v;
                _files[key] = existing with { Name = file.Name ?? existing.Name, Direction = file.Direction ?? existing.Direction };
            }
            else
            {
                _files[key] = file with { Strings = strings };
            }
        }
    }

    public bool IsLanguage(string? code) => code is not null && !code.Contains('.') && _files.ContainsKey(code);

    public SurveyLanguage Language(string code) =>
        Languages.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase)) ?? Languages[0];

    /// <summary>The wording for a language and format: the format's own file, then the language, then English.</summary>
    public SurveyWording For(string? language, string? format)
    {
        var lang = Language(IsLanguage(language) ? language! : English);
        format = SurveyOptions.Formats.Contains(format) ? format : SurveyOptions.Standard;
        var chain = new List<Dictionary<string, string>>();
        void Add(string key)
        {
            if (_files.TryGetValue(key, out var f) && !chain.Contains(f.Strings)) chain.Add(f.Strings);
        }
        if (format != SurveyOptions.Standard) Add($"{lang.Code}.{format}");
        Add(lang.Code);
        if (format != SurveyOptions.Standard) Add($"{English}.{format}");
        Add(English);
        return new SurveyWording(lang, format!, chain);
    }
}

/// <summary>The words for one page view, with every lookup falling back along the chain and finally to English.</summary>
public sealed class SurveyWording(SurveyLanguage language, string format, IReadOnlyList<Dictionary<string, string>> chain)
{
    public SurveyLanguage Language { get; } = language;
    public string Format { get; } = format;
    public string Direction => Language.Direction;

    public string? Find(string key)
    {
        foreach (var strings in chain)
            if (strings.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value)) return value;
        return null;
    }

    /// <summary>The text for a key with {name} placeholders filled; the key itself when no file has it, so a gap shows.</summary>
    public string this[string key, params (string Name, object? Value)[] values]
    {
        get
        {
            var text = Find(key) ?? key;
            foreach (var (name, value) in values)
                text = text.Replace("{" + name + "}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            return text;
        }
    }

    // A library question whose wording staff changed is shown as they wrote it: a translation of the old words would be wrong.
    private static bool IsLibraryWording(SurveyQuestion q) =>
        QuestionLibrary.Find(q.Key) is not { } library || library.Text == q.Text;

    public string Question(SurveyQuestion q) =>
        (IsLibraryWording(q) ? Find($"q.{q.Key}.text") : null) ?? q.Text;

    public string? Hint(SurveyQuestion q)
    {
        var library = QuestionLibrary.Find(q.Key);
        var sameHint = library is null || library.Hint == q.Hint;
        return (IsLibraryWording(q) && sameHint ? Find($"q.{q.Key}.hint") : null) ?? q.Hint;
    }

    public string Option(SurveyQuestion q, QuestionOption option)
    {
        var library = QuestionLibrary.Find(q.Key)?.Options.FirstOrDefault(o => o.Value == option.Value);
        var sameWords = QuestionLibrary.Find(q.Key) is null || library?.Text == option.Text;
        return (sameWords ? Find($"q.{q.Key}.option.{option.Value}") : null) ?? option.Text;
    }

    /// <summary>A problem with an answer, in the patient's language, naming the question it is about.</summary>
    public string Problem(ResponseProblem problem, SurveyDefinition survey, string? answer)
    {
        var q = survey.Find(problem.Field);
        var question = q is not null ? Question(q) : this[$"contact.{problem.Field.Replace("contact_", "")}"];
        var specific = q?.Kind == QuestionKinds.Fft ? Find($"problem.{problem.Code}.fft") : null;
        var template = specific ?? Find($"problem.{problem.Code}");
        if (template is null) return problem.Message;
        var max = problem.Code == ProblemCodes.TooLong
            ? (q is null ? ResponseValidation.ContactMaxLength : q.MaxLength > 0 ? q.MaxLength : QuestionLibrary.TextMaxLength)
            : 0;
        return template.Replace("{question}", question)
            .Replace("{max}", max.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{count}", (answer?.Trim().Length ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
