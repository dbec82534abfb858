using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Heard.Web.Features.Organisation;

/// <summary>Maps a lifecycle rule's field name onto the form field it is about.</summary>
public static class FormFields
{
    public static void AddError(ModelStateDictionary state, string prefix, UnitChangeException e, IReadOnlyDictionary<string, string> fields) =>
        state.AddModelError(fields.TryGetValue(e.Field, out var f) ? $"{prefix}.{f}" : "", e.Message);
}

/// <summary>A date typed into the three boxes of the NHS date input.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public static DateParts From(DateOnly d) => new()
    {
        Day = d.Day.ToString(CultureInfo.InvariantCulture),
        Month = d.Month.ToString(CultureInfo.InvariantCulture),
        Year = d.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The date, or null with a message naming what is wrong, in the words the NHS design system uses.</summary>
    public DateOnly? Read(string what, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year))
        {
            error = $"Enter {what}";
            return null;
        }
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(Day)) missing.Add("a day");
        if (string.IsNullOrWhiteSpace(Month)) missing.Add("a month");
        if (string.IsNullOrWhiteSpace(Year)) missing.Add("a year");
        if (missing.Count > 0)
        {
            error = $"{Capitalise(what)} must include {string.Join(" and ", missing)}";
            return null;
        }
        if (!int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(Year!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || y is < 1900 or > 2200 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            error = $"{Capitalise(what)} must be a real date";
            return null;
        }
        return new DateOnly(y, m, d);
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

/// <summary>What the date input partial needs: the field's name (its ModelState key), its legend, and the value typed.</summary>
public sealed record DateInput(string Name, string Legend, DateParts? Value, string? Hint = null);

/// <summary>What the text input partial needs.</summary>
public sealed record TextInput(string Name, string Label, string? Value, string? Hint = null, string WidthClass = "", bool Bold = false);

/// <summary>What the confirmation checkbox partial needs: the field's name and what the person confirms.</summary>
public sealed record ConfirmInput(string Name, string Label);

/// <summary>What the name history partial needs: the date typed for a rename and the names so far.</summary>
public sealed record NameHistory(string What, DateParts? EffectiveFrom, IReadOnlyList<OrganisationNameView> History, bool ShowCode = false);
