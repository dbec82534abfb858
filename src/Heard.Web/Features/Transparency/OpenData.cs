using System.Globalization;
using System.Text;
using Heard.Analysis.Fft;

namespace Heard.Web.Features.Transparency;

/// <summary>A column of the open data file, as the data dictionary on the page describes it.</summary>
public sealed record OpenDataColumn(string Name, string Type, string Meaning);

/// <summary>
/// The open data file: one row per month, setting and level (trust, site, unit), the same rows and the same suppression
/// as the page. Built only from <see cref="TransparencyRow"/>, which holds counts and never text written by a patient.
/// </summary>
public static class OpenData
{
    public static readonly IReadOnlyList<OpenDataColumn> Columns =
    [
        new("month", "text, yyyy-mm", "The calendar month the responses were given in."),
        new("setting", "text", "The FFT setting (care type) code, for example inpatient, ae, outpatient or maternity-birth."),
        new("setting_name", "text", "The setting's name, for example Inpatient or A&E."),
        new("level", "text", "trust (the whole trust), site (one hospital or site) or unit (one ward, team or service)."),
        new("trust_code", "text", "The trust's ODS code."),
        new("trust_name", "text", "The trust's name."),
        new("site_code", "text", "The site's ODS code; blank on trust rows."),
        new("site_name", "text", "The site's name; blank on trust rows."),
        new("unit_code", "text", "The unit's short code, as on its feedback posters; blank on trust and site rows."),
        new("unit_name", "text", "The unit's name in that month; blank on trust and site rows."),
        new("total_responses", "whole number", "FFT responses: the six answers, Don't know included. Responses with no answer are not counted. Always shown, as in NHS England's publication."),
        new("percentage_positive", "whole number, or * or -", "Very good and Good as a percentage of total responses, rounded to a whole number (halves up). * when suppressed; - when there were no responses."),
        new("percentage_negative", "whole number, or * or -", "Poor and Very poor as a percentage of total responses, rounded the same way. * when suppressed; - when there were no responses."),
        new("very_good", "whole number or *", "Responses answering Very good; * when suppressed."),
        new("good", "whole number or *", "Responses answering Good; * when suppressed."),
        new("neither_good_nor_poor", "whole number or *", "Responses answering Neither good nor poor; * when suppressed."),
        new("poor", "whole number or *", "Responses answering Poor; * when suppressed."),
        new("very_poor", "whole number or *", "Responses answering Very poor; * when suppressed."),
        new("dont_know", "whole number or *", "Responses answering Don't know; * when suppressed."),
        new("suppressed", "yes or no", "yes when any figure on the row is hidden by small-number suppression."),
    ];

    public static string Level(FftReturnLevel level) => level switch
    {
        FftReturnLevel.Trust => "trust",
        FftReturnLevel.Site => "site",
        _ => "unit",
    };

    public static string Month(int month) => $"{month / 100:0000}-{month % 100:00}";

    public static IReadOnlyList<string> Cells(TransparencyRow r)
    {
        var unit = r.Level == FftReturnLevel.Ward;
        var site = r.Level != FftReturnLevel.Trust;
        return
        [
            Month(r.Month), r.Setting, TransparencyQuery.SettingLabel(r.Setting), Level(r.Level), r.Row.TrustCode, r.Row.TrustName,
            site ? r.Row.SiteCode ?? "" : "", site ? r.Row.SiteName ?? "" : "", unit ? r.UnitCode ?? "" : "", unit ? r.Row.WardName ?? "" : "",
            r.Responses.ToString(CultureInfo.InvariantCulture), r.PercentagePositive, r.PercentageNegative,
            r.Count(FftAnswer.VeryGood), r.Count(FftAnswer.Good), r.Count(FftAnswer.NeitherGoodNorPoor), r.Count(FftAnswer.Poor),
            r.Count(FftAnswer.VeryPoor), r.Count(FftAnswer.DontKnow), r.Suppressed ? "yes" : "no",
        ];
    }

    public static byte[] Write(IEnumerable<TransparencyRow> rows)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        Organisation.CsvText.WriteRecord(writer, Columns.Select(c => c.Name));
        foreach (var row in rows) Organisation.CsvText.WriteRecord(writer, Cells(row));
        return Encoding.UTF8.GetBytes(writer.ToString());
    }
}
