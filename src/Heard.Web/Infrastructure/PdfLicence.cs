namespace Heard.Web.Infrastructure;

/// <summary>
/// PDFsharp from 6.5 refuses to work until the application loads a licence: the free AGPL-3.0 one or a commercial key.
/// Choosing AGPL binds how Heard itself may be distributed, so Heard never chooses for the operator: the setting
/// Heard:Pdf:License ("AGPL", or a commercial key) makes the choice, and without it PDF export is switched off and says why.
/// </summary>
public static class PdfLicence
{
    public const string Setting = "Heard:Pdf:License";
    public const string Missing = "PDF export is switched off: PDFsharp needs a licence choice. Set Heard__Pdf__License to AGPL (if Heard is run under AGPL-3.0 terms) or to a commercial PDFsharp key. The Word export works without it.";
    private static readonly Lock Gate = new();

    private static bool _loaded;

    /// <summary>True when PDFsharp holds a valid licence, loading the configured one the first time.</summary>
    public static bool EnsureLoaded(IConfiguration configuration)
    {
        if (_loaded) return true;
        var choice = configuration[Setting];
        if (string.IsNullOrWhiteSpace(choice)) return false;
        lock (Gate)
        {
            if (_loaded) return true;
            if (string.Equals(choice.Trim(), "AGPL", StringComparison.OrdinalIgnoreCase)) PdfSharp.PdfSharpLicense.SetAgplLicense();
            else PdfSharp.PdfSharpLicense.LoadLicense(choice.Trim());
        }
        _loaded = true;
        return true;
    }
}
