using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Features.Organisation;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Collection;

/// <summary>
/// Rapid entry of paper cards by staff and volunteers, from the keyboard alone. The survey, date and mode are chosen
/// once and kept in the address; each card is then one short form, checked against the survey version as it is saved,
/// with Enter to save and the cursor back in the first box. A run of cards is listed with an Undo for each.
/// </summary>
[Authorize(Policy = Policies.EnterPaperResponses)]
public sealed partial class PaperEntryModel(HeardDbContext db, CurrentUser user, Audit audit, ResponseWriter writer) : PageModel
{
    public const int RecentCards = 10;
    public const string FieldPrefix = "q.";
    /// <summary>
    /// The page shows its own "Card 37 saved" banner rather than the layout's, because the layout's takes the focus
    /// for screen readers, and here the focus must be back in the first box for the next card.
    /// </summary>
    public const string SavedMessage = "PaperEntrySaved";

    /// <summary>A place a paper survey runs, with the questions its cards ask.</summary>
    public sealed record EntryPoint(
        int AssignmentId, string Code, int SurveyId, string SurveyName, int VersionId, int VersionNumber, SurveyDefinition Definition,
        int UnitId, string UnitName, string UnitCode, string Setting);

    public sealed record AssignmentChoice(int AssignmentId, string Label);

    public sealed record CardRow(long FeedbackId, int Number, int? FftAnswer, int Comments, DateTime EnteredAt);

    public sealed class SetupInput
    {
        public string? Code { get; set; }
        public int? AssignmentId { get; set; }
        public DateParts? Date { get; set; }
        public string? Mode { get; set; }
    }

    public static readonly (FftMode Mode, string Label, string Hint)[] Modes =
    [
        (FftMode.PaperDischarge, "Handed out on the unit", "Paper at discharge or at the end of the visit"),
        (FftMode.PaperHome, "Posted to the person's home", "Paper sent out and returned by post"),
    ];

    public SetupInput Setup { get; private set; } = new();
    public List<AssignmentChoice> Choices { get; private set; } = [];
    public EntryPoint? Point { get; private set; }
    public DateOnly Date { get; private set; }
    public FftMode Mode { get; private set; } = FftMode.PaperDischarge;
    public string Run { get; private set; } = "";
    public string CardId { get; private set; } = "";
    public int CardsInRun { get; private set; }
    public List<CardRow> Cards { get; private set; } = [];
    /// <summary>Values typed into the card being shown again with its errors.</summary>
    public IReadOnlyDictionary<string, string> Typed { get; private set; } = new Dictionary<string, string>();

    public string ModeCode => FftModes.Code(Mode);

    public async Task<IActionResult> OnGetAsync(int? assignment, string? date, string? mode, string? run, bool change, CancellationToken ct)
    {
        var today = CollectionDates.TodayInEngland();
        Setup = new SetupInput
        {
            AssignmentId = assignment,
            Date = DateParts.From(ParseDate(date) ?? today),
            Mode = mode is "paper-home" ? "paper-home" : "paper-discharge",
        };
        if (!change && assignment is int id && ParseDate(date) is { } day && ParseMode(mode) is { } m && IsRun(run))
        {
            var point = await FindAsync(id, ct);
            if (point is not null && DateProblem(day, today) is null)
            {
                await ShowCardAsync(point, day, m, run!, ct);
                return Page();
            }
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync([Bind(Prefix = "Setup")] SetupInput setup, CancellationToken ct)
    {
        Setup = setup;
        ModelState.Clear();
        await LoadChoicesAsync(ct);
        EntryPoint? point = null;
        var code = setup.Code?.Trim();
        if (!string.IsNullOrEmpty(code))
        {
            var (found, error) = await FindByCodeAsync(code, ct);
            if (error is not null) ModelState.AddModelError("Setup.Code", error);
            point = found;
        }
        else if (setup.AssignmentId is int id)
        {
            point = await FindAsync(id, ct);
            if (point is null) ModelState.AddModelError("Setup.AssignmentId", "Choose a survey from the list");
        }
        else
            ModelState.AddModelError("Setup.Code", "Enter the code printed on the card, or choose the survey from the list");

        DateOnly? date = null;
        if (setup.Date is null) ModelState.AddModelError("Setup.Date", "Enter the date on the cards");
        else
        {
            date = setup.Date.Read("the date on the cards", out var dateError);
            dateError ??= date is { } d ? DateProblem(d, CollectionDates.TodayInEngland()) : null;
            if (dateError is not null) ModelState.AddModelError("Setup.Date", dateError);
        }
        var mode = ParseMode(setup.Mode);
        if (mode is null) ModelState.AddModelError("Setup.Mode", "Choose how the cards were given out");
        if (!ModelState.IsValid) return Page();

        return Redirect(EntryUrl(point!.AssignmentId, date!.Value, mode!.Value, NewRun()));
    }

    public async Task<IActionResult> OnPostCardAsync(int assignment, string? date, string? mode, string? run, int version, string? cardId, CancellationToken ct)
    {
        var point = await FindAsync(assignment, ct);
        if (point is null || ParseDate(date) is not { } day || ParseMode(mode) is not { } m || !IsRun(run)
            || DateProblem(day, CollectionDates.TodayInEngland()) is not null)
            return RedirectToPage("/Collection/PaperEntry");
        // The card was typed against the questions on screen; a version published meanwhile must not change what they meant.
        if (version != point.VersionId)
        {
            var asked = await db.SurveyVersions.AsNoTracking()
                .FirstOrDefaultAsync(v => v.Id == version && v.SurveyId == point.SurveyId && v.Status != SurveyStatuses.Draft, ct);
            if (asked is not null)
                point = point with { VersionId = asked.Id, VersionNumber = asked.Number, Definition = SurveyDefinition.FromJson(asked.DefinitionJson) };
        }

        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Request.Form)
            if (key.StartsWith(FieldPrefix, StringComparison.Ordinal) || key.StartsWith("contact.", StringComparison.Ordinal))
                typed[key] = value.ToString();
        var card = Guid.TryParse(cardId, out var g) ? g : Guid.NewGuid();

        var answers = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var q in point.Definition.Questions)
            answers[q.Key] = FromKeyboard(q, typed.GetValueOrDefault(FieldPrefix + q.Key));
        var paperDefinition = ForPaper(point.Definition);
        var checkedAnswers = ResponseValidation.Check(paperDefinition, answers,
            typed.GetValueOrDefault("contact.name"), typed.GetValueOrDefault("contact.email"), typed.GetValueOrDefault("contact.phone"), out var problems);
        if (checkedAnswers is null)
        {
            foreach (var problem in problems)
            {
                var (field, message) = Explain(point.Definition, problem, typed);
                ModelState.AddModelError(field, message);
            }
            Typed = typed;
            await ShowCardAsync(point, day, m, run!, ct, card.ToString());
            return Page();
        }

        var responseId = $"paper:{card}";
        var outcome = await writer.SubmitAsync(new CollectedResponse
        {
            UnitId = point.UnitId,
            Setting = point.Setting,
            Date = day,
            Mode = m,
            Channel = CollectionChannels.Paper,
            ResponseId = responseId,
            RawText = RawText(point, day, m, card, typed),
            Answer = checkedAnswers.Answer,
            Comments = checkedAnswers.Comments,
            Ratings = checkedAnswers.Ratings,
            Demographics = checkedAnswers.Demographics,
            ConsentToPublish = checkedAnswers.ConsentToPublish,
            ConsentToContact = checkedAnswers.ConsentToContact,
            Contact = checkedAnswers.Contact,
            SurveyVersionId = point.VersionId,
            Extra = [("entered_by", user.Name), ("paper_run", run!)],
        }, ct);

        var count = await CountRunAsync(point.UnitId, day, run!, ct);
        if (outcome == StoreWriter.Outcome.Imported)
        {
            var trustId = await db.Units.AsNoTracking().Where(u => u.Id == point.UnitId).Select(u => u.TrustId).FirstAsync(ct);
            var id = await db.Feedback.AsNoTracking()
                .Where(f => f.TrustId == trustId && f.Source == FeedbackSources.Fft && f.DedupeKey == "id:" + responseId)
                .Select(f => (long?)f.Id).FirstOrDefaultAsync(ct);
            await audit.RecordNowAsync(Audit.Actions.Create, "feedback", id,
                $"paper card {count} of run {run} entered for {point.UnitName} ({point.UnitCode}), {point.Setting}, {day:yyyy-MM-dd}, {FftModes.Code(m)}; survey {point.SurveyId} version {point.VersionNumber}", ct);
            TempData[SavedMessage] = $"Card {count} saved";
        }
        else
            TempData[SavedMessage] = $"That card was already saved. {count} {(count == 1 ? "card" : "cards")} in this session.";
        return Redirect(EntryUrl(point.AssignmentId, day, m, run!));
    }

    public async Task<IActionResult> OnPostUndoAsync(int assignment, string? date, string? mode, string? run, long feedbackId, CancellationToken ct)
    {
        var point = await FindAsync(assignment, ct);
        if (point is null || ParseDate(date) is not { } day || ParseMode(mode) is not { } m || !IsRun(run))
            return RedirectToPage("/Collection/PaperEntry");
        var record = await db.Feedback.AsNoTracking().FirstOrDefaultAsync(f => f.Id == feedbackId && f.UnitId == point.UnitId, ct);
        // Only a card this person entered in this run can be undone here; anything else is a deletion for the PX team.
        if (record is null || !record.DedupeKey.StartsWith("id:paper:", StringComparison.Ordinal) || !IsInRun(record.DetailsJson, run!))
            return NotFound();
        var number = (await RunCardsAsync(point.UnitId, record.ReceivedOn, run!, ct)).FirstOrDefault(c => c.FeedbackId == feedbackId)?.Number;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await PaperCards.RemoveAsync(db, record, $"removed with Undo by {user.Name} straight after entry", ct);
        audit.Record(Audit.Actions.Delete, "feedback", record.Id,
            $"paper card {number} of run {run} undone for {point.UnitName} ({point.UnitCode}), {record.ReceivedOn:yyyy-MM-dd}; FFT counts for {record.Month} taken down by one; original row kept as dismissed");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData[SavedMessage] = $"Card {number} removed. Enter it again if it was wrong.";
        return Redirect(EntryUrl(point.AssignmentId, day, m, run!));
    }

    /// <summary>
    /// Paper cards are entered as they came: a card with no FFT box ticked is kept as "no rating given", so the FFT
    /// question is not required here as it is on screen.
    /// </summary>
    public static SurveyDefinition ForPaper(SurveyDefinition d) =>
        new(d.Questions.Select(q => q.Kind == QuestionKinds.Fft ? q with { Required = false } : q).ToList());

    /// <summary>What a single key means on a card: a number picks the option at that place, y and n answer yes-or-no questions, 0 is no answer.</summary>
    public static string? FromKeyboard(SurveyQuestion q, string? typed)
    {
        var value = typed?.Trim();
        if (string.IsNullOrEmpty(value) || value == "0") return null;
        if (q.Kind == QuestionKinds.Text) return typed;
        if (q.Kind == QuestionKinds.Fft) return value;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return n >= 1 && n <= q.Options.Count ? q.Options[n - 1].Value : value;
        if (q.Kind == QuestionKinds.Consent)
            return value.ToLowerInvariant() switch { "y" or "yes" => "yes", "n" or "no" => "no", _ => value };
        return value;
    }

    /// <summary>Keys typed for a question: the hint beside the box.</summary>
    public static string KeysFor(SurveyQuestion q) => q.Kind switch
    {
        QuestionKinds.Fft => "1 to 6; 0 or blank if no box is ticked",
        QuestionKinds.Consent => "y for Yes, n for No; blank if not answered",
        _ => $"1 to {q.Options.Count}; blank if not answered",
    };

    private static (string Field, string Message) Explain(SurveyDefinition d, ResponseProblem problem, IReadOnlyDictionary<string, string> typed)
    {
        var q = d.Find(problem.Field);
        if (q is null)
        {
            var field = problem.Field switch { "contact_name" => "contact.name", "contact_phone" => "contact.phone", _ => "contact.email" };
            var what = field switch { "contact.name" => "Contact name", "contact.phone" => "Contact phone number", _ => "Contact email address" };
            return (field, problem.Code == ProblemCodes.ContactMissing
                ? "The card says they may be contacted: type the email address or phone number from the card, or n for \"May we contact you\""
                : $"{what}: {problem.Message}");
        }
        var name = FieldPrefix + q.Key;
        var shown = typed.GetValueOrDefault(name)?.Trim();
        return problem.Code switch
        {
            ProblemCodes.NotAnOption when q.Kind == QuestionKinds.Fft =>
                (name, $"FFT answer must be a number from 1 to 6, or 0 or blank if no box is ticked. You typed \"{shown}\"."),
            ProblemCodes.NotAnOption when q.Kind == QuestionKinds.Consent =>
                (name, $"\"{q.Text}\" must be y or n, or blank if not answered. You typed \"{shown}\"."),
            ProblemCodes.NotAnOption =>
                (name, $"\"{q.Text}\" must be a number from 1 to {q.Options.Count}, or blank if not answered. You typed \"{shown}\"."),
            ProblemCodes.TooLong => (name, $"\"{q.Text}\": {problem.Message}"),
            _ => (name, $"\"{q.Text}\": {problem.Message}"),
        };
    }

    private static readonly JsonSerializerOptions RawJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The card as typed, for the row kept verbatim. Contact details are held apart and not copied here.</summary>
    private static string RawText(EntryPoint point, DateOnly day, FftMode mode, Guid card, IReadOnlyDictionary<string, string> typed)
    {
        var fields = typed.Where(t => t.Key.StartsWith(FieldPrefix, StringComparison.Ordinal) && t.Value.Length > 0)
            .ToDictionary(t => t.Key[FieldPrefix.Length..], t => t.Value);
        if (typed.Any(t => t.Key.StartsWith("contact.", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(t.Value)))
            fields["contact"] = "held apart from the response";
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["channel"] = CollectionChannels.Paper,
            ["survey_code"] = point.Code,
            ["survey_version"] = point.VersionNumber,
            ["date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["mode"] = FftModes.Code(mode),
            ["card_id"] = card.ToString(),
            ["fields"] = fields,
        }, RawJson);
    }

    private async Task ShowCardAsync(EntryPoint point, DateOnly day, FftMode mode, string run, CancellationToken ct, string? cardId = null)
    {
        Point = point;
        Date = day;
        Mode = mode;
        Run = run;
        CardId = cardId ?? Guid.NewGuid().ToString();
        var cards = await RunCardsAsync(point.UnitId, day, run, ct);
        CardsInRun = cards.Count;
        Cards = cards.Take(RecentCards).ToList();
    }

    private async Task<int> CountRunAsync(int unitId, DateOnly day, string run, CancellationToken ct) =>
        (await RunCardsAsync(unitId, day, run, ct)).Count;

    /// <summary>The cards of this run, newest first, numbered from the first. A run is one person at one unit, date and address.</summary>
    private async Task<List<CardRow>> RunCardsAsync(int unitId, DateOnly day, string run, CancellationToken ct)
    {
        var rows = await db.Feedback.AsNoTracking()
            .Where(f => f.UnitId == unitId && f.ReceivedOn == day && f.Source == FeedbackSources.Fft && f.DetailsJson != null && f.DetailsJson.Contains(run))
            .Select(f => new { f.Id, f.FftAnswer, f.DetailsJson, f.CreatedAt })
            .ToListAsync(ct);
        var mine = rows.Where(r => IsInRun(r.DetailsJson, run)).OrderBy(r => r.Id).ToList();
        var ids = mine.Select(r => r.Id).TakeLast(RecentCards).ToList();
        var comments = (await db.FeedbackAnswers.AsNoTracking().Where(a => ids.Contains(a.FeedbackRecordId) && a.Text != null)
            .Select(a => a.FeedbackRecordId).ToListAsync(ct)).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        return mine.Select((r, i) => new CardRow(r.Id, i + 1, r.FftAnswer, comments.GetValueOrDefault(r.Id), r.CreatedAt))
            .OrderByDescending(c => c.Number).ToList();
    }

    private bool IsInRun(string? detailsJson, string run)
    {
        if (string.IsNullOrEmpty(detailsJson)) return false;
        try
        {
            var details = JsonSerializer.Deserialize<Dictionary<string, string>>(detailsJson);
            return details is not null && details.GetValueOrDefault("paper_run") == run && details.GetValueOrDefault("entered_by") == user.Name;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<EntryPoint?> FindAsync(int assignmentId, CancellationToken ct)
    {
        var found = await (
            from a in db.SurveyAssignments.AsNoTracking()
            join s in db.Surveys.AsNoTracking() on a.SurveyId equals s.Id
            join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
            where a.Id == assignmentId
            select new { a, s.Name, UnitName = u.Name, UnitCode = u.Code }).FirstOrDefaultAsync(ct);
        if (found is null || !await user.CanSeeUnitAsync(found.a.UnitId, ct)) return null;
        var live = await db.SurveyVersions.AsNoTracking()
            .Where(v => v.SurveyId == found.a.SurveyId && v.Status == SurveyStatuses.Live)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (live is null) return null;
        return new EntryPoint(found.a.Id, found.a.Code, found.a.SurveyId, found.Name, live.Id, live.Number, SurveyDefinition.FromJson(live.DefinitionJson),
            found.a.UnitId, found.UnitName, found.UnitCode, found.a.Setting);
    }

    /// <summary>The code on a card: a survey point's short code, or a unit code when that unit runs only one live survey.</summary>
    private async Task<(EntryPoint? Point, string? Error)> FindByCodeAsync(string code, CancellationToken ct)
    {
        var lower = code.ToLowerInvariant();
        var byCode = await db.SurveyAssignments.AsNoTracking().Where(a => a.Code == lower).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        if (byCode is int id)
        {
            var point = await FindAsync(id, ct);
            return point is not null ? (point, null) : (null, $"The survey with code {code} is not live, or is for a unit outside your part of the organisation");
        }
        var upper = code.ToUpperInvariant();
        var unitIds = await db.Units.AsNoTracking().Where(u => u.Code.ToUpper() == upper).Select(u => u.Id).ToListAsync(ct);
        var matches = new List<EntryPoint>();
        foreach (var assignmentId in await db.SurveyAssignments.AsNoTracking().Where(a => unitIds.Contains(a.UnitId)).Select(a => a.Id).ToListAsync(ct))
            if (await FindAsync(assignmentId, ct) is { } p) matches.Add(p);
        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => (null, $"No live survey has the code {code}. Check the code printed on the card, or choose the survey from the list."),
            _ => (null, $"Unit {code} runs {matches.Count} surveys. Enter the 6-character survey code from the card, or choose the survey from the list."),
        };
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        var rows = await (
            from a in db.SurveyAssignments.AsNoTracking()
            join s in db.Surveys.AsNoTracking() on a.SurveyId equals s.Id
            join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
            where u.ClosedOn == null && db.SurveyVersions.Any(v => v.SurveyId == s.Id && v.Status == SurveyStatuses.Live)
            select new { a.Id, a.Code, a.Setting, a.UnitId, UnitName = u.Name, UnitCode = u.Code, SurveyName = s.Name }).ToListAsync(ct);
        Choices = rows.Where(r => scope is null || scope.Contains(r.UnitId))
            .OrderBy(r => r.UnitName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Setting, StringComparer.Ordinal).ThenBy(r => r.SurveyName, StringComparer.OrdinalIgnoreCase)
            .Select(r => new AssignmentChoice(r.Id, $"{r.UnitName} ({r.UnitCode}), {OrganisationText.SettingLabel(r.Setting)}: {r.SurveyName} (code {r.Code})"))
            .ToList();
    }

    public string EntryUrl(int assignment, DateOnly day, FftMode mode, string run) =>
        $"/Collection/PaperEntry?assignment={assignment}&date={day:yyyy-MM-dd}&mode={FftModes.Code(mode)}&run={run}";

    private static string? DateProblem(DateOnly day, DateOnly today) =>
        day > today ? "The date on the cards cannot be in the future"
        : day < today.AddYears(-2) ? "The date on the cards must be within the last two years; import older cards as a file"
        : null;

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static FftMode? ParseMode(string? code) => code switch
    {
        "paper-discharge" => FftMode.PaperDischarge,
        "paper-home" => FftMode.PaperHome,
        _ => null,
    };

    private static string NewRun() => Guid.NewGuid().ToString("N")[..12];

    [GeneratedRegex("^[a-z0-9]{8,32}$")]
    private static partial Regex RunPattern();

    private static bool IsRun(string? run) => run is not null && RunPattern().IsMatch(run);
}

/// <summary>Takes one paper card back out of the store, as if it had never been entered, keeping its row as typed.</summary>
public static class PaperCards
{
    private static readonly string[] AnswerColumns = ["very_good", "good", "neither", "poor", "very_poor", "dont_know"];

    /// <summary>
    /// Deletes the feedback with its answers, their codes and contact details, takes its counts out of the one monthly aggregate row
    /// it added to (dropping the row when nothing is left, as a rebuild would), and marks its original row dismissed
    /// with the reason. Run inside the caller's transaction.
    /// </summary>
    public static async Task RemoveAsync(HeardDbContext db, FeedbackRecord record, string reason, CancellationToken ct)
    {
        var hasComment = await db.FeedbackAnswers.AnyAsync(a => a.FeedbackRecordId == record.Id && a.Text != null, ct);
        // Only constant column names are put in the SQL; values go as parameters.
        var answerColumn = record.FftAnswer is int a and >= 1 and <= 6 ? AnswerColumns[a - 1] : "no_rating";
        var sets = new List<string> { $"{answerColumn} = {answerColumn} - 1" };
        if (record.FftAnswer is not null && FftModes.TryParse(record.Mode, out var mode))
        {
            var modeColumn = "mode_" + FftModes.Code(mode).Replace('-', '_');
            sets.Add($"{modeColumn} = {modeColumn} - 1");
        }
        if (hasComment) sets.Add("comments = comments - 1");
        var setting = record.Setting ?? "";
        var update = "UPDATE fft_monthly SET " + string.Join(", ", sets) + " WHERE unit_id = {0} AND site_id = {1} AND month = {2} AND setting = {3}";
        await db.Database.ExecuteSqlRawAsync(update, [record.UnitId, record.SiteId, record.Month, setting], ct);
        await db.Database.ExecuteSqlRawAsync("""
            DELETE FROM fft_monthly WHERE unit_id = {0} AND site_id = {1} AND month = {2} AND setting = {3}
                AND very_good = 0 AND good = 0 AND neither = 0 AND poor = 0 AND very_poor = 0 AND dont_know = 0 AND no_rating = 0 AND comments = 0
            """, [record.UnitId, record.SiteId, record.Month, setting], ct);

        var rows = await db.ImportedRows.Where(r => r.FeedbackRecordId == record.Id).ToListAsync(ct);
        foreach (var row in rows)
        {
            row.Status = RowStatuses.Dismissed;
            row.Reason = reason;
            row.FeedbackRecordId = null;
            await db.Database.ExecuteSqlRawAsync("UPDATE import_batch SET imported = imported - 1 WHERE id = {0} AND imported > 0", [row.ImportBatchId], ct);
        }
        await db.SaveChangesAsync(ct);
        await db.ContactDetails.Where(c => c.FeedbackRecordId == record.Id).ExecuteDeleteAsync(ct);
        await db.CommentCodes.Where(c => c.FeedbackRecordId == record.Id).ExecuteDeleteAsync(ct);
        await db.FeedbackAnswers.Where(x => x.FeedbackRecordId == record.Id).ExecuteDeleteAsync(ct);
        await db.Feedback.Where(f => f.Id == record.Id).ExecuteDeleteAsync(ct);
        await Themes.ThemeAggregates.RefreshAsync(db, [(record.UnitId, record.Month)], ct);
    }
}
