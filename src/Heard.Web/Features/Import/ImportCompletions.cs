using System.Threading.Channels;

namespace Heard.Web.Features.Import;

/// <summary>
/// Says that an import has finished, for whatever reads the aggregates it changed (the early-warning evaluation) without
/// the importer knowing who listens. Imports finishing while the listener is busy fold into one signal.
/// </summary>
public sealed class ImportCompletions
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Completed() => _signal.Writer.TryWrite(true);

    public ChannelReader<bool> Reader => _signal.Reader;
}
