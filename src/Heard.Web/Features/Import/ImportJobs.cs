using System.Collections.Concurrent;
using Heard.Data;

namespace Heard.Web.Features.Import;

/// <summary>A web upload being imported in the background, with its progress for the page that watches it.</summary>
public sealed class ImportJob
{
    public required Guid Id { get; init; }
    public required string FileName { get; init; }
    public required string Kind { get; init; }
    public required string StartedBy { get; init; }
    public DateTime StartedAt { get; init; } = DateTime.UtcNow;
    public ImportProgress? Progress { get; set; }
    public ImportResult? Result { get; set; }
    public string? Error { get; set; }
    public bool Done => Result is not null || Error is not null;
}

/// <summary>Runs uploads one at a time off the request thread; the same importer as the command line. Each finished import is signalled.</summary>
public sealed class ImportJobs(DatabaseTarget database, ImportCompletions completions, Routing.FeedbackRouter router, ILogger<ImportJobs> log)
{
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();
    private readonly SemaphoreSlim _one = new(1, 1);

    public ImportJob? Find(Guid id) => _jobs.TryGetValue(id, out var j) ? j : null;

    public ImportJob Start(string path, string fileName, string kind, string user, bool createUnknownUnits)
    {
        var job = new ImportJob { Id = Guid.NewGuid(), FileName = fileName, Kind = kind, StartedBy = user };
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            await _one.WaitAsync();
            try
            {
                job.Result = await new FeedbackImporter(database).ImportAsync(path, new ImportOptions
                {
                    Kind = kind, StartedBy = user, CreateUnknownUnits = createUnknownUnits, Progress = p => job.Progress = p,
                });
                // Every row is now held in the database; a failed run keeps its file so the same upload can resume.
                File.Delete(path);
                completions.Completed();
            }
            catch (ImportHeaderException e) { job.Error = e.Message; }
            catch (Exception e)
            {
                log.LogError(e, "Import of {File} failed", fileName);
                job.Error = "The import stopped unexpectedly. Rows committed so far are kept; upload the same file again to resume. (" + e.Message + ")";
            }
            finally
            {
                _one.Release();
                // Whatever was stored, even by a run that stopped part way, is routed now rather than at the next minute.
                router.RouteSoon();
            }
        });
        return job;
    }
}
