namespace Heard.Web.Features.Reports;

/// <summary>What the report page shows: the figures, the narrative, and what this reader may see and do with it.</summary>
/// <param name="ShowComments">False for roles that see aggregates only: the themes keep their figures, the comments are left out.</param>
/// <param name="Generated">When the figures were generated and which version this is, in words.</param>
/// <param name="Sections">The section keys a report builder template chose; null for the whole board report.</param>
public sealed record BoardReportView(BoardReportFigures Figures, IReadOnlyDictionary<string, string> Narratives, bool ShowComments, string Generated,
    bool CanPrepare, string ExportHref, long? VersionId, IReadOnlySet<string>? Sections = null)
{
    public bool Shows(string section) => Sections is null || Sections.Contains(section);
}
