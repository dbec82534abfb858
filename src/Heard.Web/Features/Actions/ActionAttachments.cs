namespace Heard.Web.Features.Actions;

/// <summary>
/// What may be attached to an action: documents and pictures of the kinds a ward shares (minutes, posters, photos of
/// a new notice board), checked by name and by their first bytes, at most <see cref="DefaultMaxBytes"/> unless
/// Heard:Actions:MaxAttachmentBytes says otherwise. Files are served back with the type decided here, never the one
/// the browser sent, and always as a download.
/// </summary>
public static class ActionAttachments
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    private static readonly byte[] Pdf = "%PDF"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    private static readonly Dictionary<string, (string ContentType, byte[]? Signature)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", Pdf),
        [".png"] = ("image/png", Png),
        [".jpg"] = ("image/jpeg", Jpeg),
        [".jpeg"] = ("image/jpeg", Jpeg),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        [".pptx"] = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", Zip),
        [".txt"] = ("text/plain", null),
        [".csv"] = ("text/csv", null),
    };

    public static string AllowedList => string.Join(", ", Allowed.Keys.Select(k => k.TrimStart('.').ToUpperInvariant()).Distinct());

    public static long MaxBytes(IConfiguration config) => config.GetValue("Heard:Actions:MaxAttachmentBytes", DefaultMaxBytes);

    /// <summary>The content type to store and serve, or the reason the file is refused.</summary>
    public static (string? ContentType, string? Error) Check(string fileName, byte[] content, long maxBytes)
    {
        if (content.Length == 0) return (null, "The file is empty");
        if (content.Length > maxBytes) return (null, $"The file must be smaller than {maxBytes / (1024 * 1024)} MB");
        if (!Allowed.TryGetValue(Path.GetExtension(fileName), out var kind)) return (null, $"The file must be one of {AllowedList}");
        if (kind.Signature is { } sig && !content.AsSpan().StartsWith(sig)) return (null, $"The file's contents are not a {Path.GetExtension(fileName).TrimStart('.').ToUpperInvariant()} file");
        // Plain text must be text: a NUL byte says it is something else under a text name.
        if (kind.Signature is null && content.AsSpan().Contains((byte)0)) return (null, "The file is not plain text");
        return (kind.ContentType, null);
    }

    /// <summary>A file name safe to store and to put in a download header: no folders, no control characters.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c != '"').ToArray()).Trim();
        return name.Length == 0 ? "attachment" : name.Length > 200 ? name[^200..] : name;
    }
}
