namespace Heard.Web.Features.Import;

/// <summary>Where web uploads wait between preview and import. Files are named by a random id, never by the user.</summary>
public sealed class UploadStore
{
    public UploadStore(IConfiguration config)
    {
        Folder = config["Heard:UploadFolder"] is { Length: > 0 } f ? f : Path.Combine(Path.GetTempPath(), "heard-uploads");
        MaxBytes = long.TryParse(config["Heard:MaxUploadBytes"], out var max) ? max : 2L * 1024 * 1024 * 1024;
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }
    public long MaxBytes { get; }

    public string PathFor(Guid id) => Path.Combine(Folder, id.ToString("N") + ".csv");

    public async Task<Guid> SaveAsync(Stream content, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        await using var file = File.Create(PathFor(id));
        await content.CopyToAsync(file, ct);
        return id;
    }
}
