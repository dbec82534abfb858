using Heard.Analysis.Text;
using Heard.Web.Features.Coding;

namespace Heard.Web.Features.Import;

/// <summary>
/// Codes a chunk's comments and checks them for safeguarding on another core while the writer stores the rows. Coding is
/// the costliest step that needs no database, so on a machine with two cores it overlaps the writing instead of adding to
/// it. The writer takes each row's results in row order and waits only if it catches up with the coder.
/// </summary>
public sealed class PreparedComments
{
    public sealed record Comment(string Text, CommentCoder.Result? Coded, IReadOnlyList<SafeguardingConcern> Concerns);

    private const int PublishEvery = 32;
    private readonly Comment[]?[] _rows;
    private readonly object _gate = new();
    private int _ready;
    private Exception? _failure;

    private PreparedComments(int rows) => _rows = new Comment[]?[rows];

    /// <summary>Finishes when every row is prepared (or preparation failed).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <param name="rows">Each row's comments with the trust whose model codes them, or null for a row with none.</param>
    /// <param name="coder">Used by this preparation alone (a coder is for one thread); null stores comments uncoded.</param>
    public static PreparedComments Start(IReadOnlyList<(int TrustId, IReadOnlyList<(string Question, string Text)> Comments)?> rows,
        CommentCoder? coder, CancellationToken ct)
    {
        var prepared = new PreparedComments(rows.Count);
        prepared.Completion = Task.Run(() => prepared.Run(rows, coder, ct), CancellationToken.None);
        return prepared;
    }

    private void Run(IReadOnlyList<(int TrustId, IReadOnlyList<(string Question, string Text)> Comments)?> rows, CommentCoder? coder, CancellationToken ct)
    {
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i] is { } row && row.Comments.Count > 0)
                {
                    var comments = new Comment[row.Comments.Count];
                    for (var j = 0; j < comments.Length; j++)
                    {
                        var (question, text) = row.Comments[j];
                        comments[j] = new Comment(text, coder?.Score(row.TrustId, text, question), SafeguardingDetector.Detect(text));
                    }
                    _rows[i] = comments;
                }
                if ((i + 1) % PublishEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    Publish(i + 1);
                }
            }
            Publish(rows.Count);
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failure = e;
                Monitor.PulseAll(_gate);
            }
            throw;
        }
    }

    private void Publish(int ready)
    {
        lock (_gate)
        {
            _ready = ready;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Row <paramref name="index"/>'s comments, waiting for the coder if it is behind.</summary>
    public Comment[]? Row(int index)
    {
        if (Volatile.Read(ref _ready) <= index)
        {
            lock (_gate)
            {
                while (_ready <= index && _failure is null) Monitor.Wait(_gate);
                if (_ready <= index) throw new InvalidOperationException("preparing the import's comments failed", _failure);
            }
        }
        return _rows[index];
    }
}
