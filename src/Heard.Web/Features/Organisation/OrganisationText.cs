using Heard.Analysis.Fft;
using Heard.Data.Model;

namespace Heard.Web.Features.Organisation;

/// <summary>How organisation codes read on screen.</summary>
public static class OrganisationText
{
    public static string KindLabel(string kind) => kind switch
    {
        UnitKinds.Ward => "Ward",
        UnitKinds.Team => "Team",
        UnitKinds.Service => "Service",
        _ => kind,
    };

    public static string SettingLabel(string code) => FftSettings.IsKnown(code) ? FftSettings.Label(code) : code;

    public static string SettingsLabel(IEnumerable<string> codes)
    {
        var labels = codes.Select(SettingLabel).ToList();
        return labels.Count == 0 ? "None" : string.Join(", ", labels);
    }

    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
