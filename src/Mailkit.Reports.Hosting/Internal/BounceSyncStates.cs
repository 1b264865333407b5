using System.Collections.Concurrent;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>The state of every sync of one app (a singleton of its services), read by the health checks and the gauges.</summary>
internal sealed class BounceSyncStates
{
    private readonly ConcurrentDictionary<string, BounceSyncState> _states = new(StringComparer.Ordinal);

    public BounceSyncState Get(string syncName) => _states.GetOrAdd(syncName, static name => new BounceSyncState(name));

    public IEnumerable<BounceSyncState> All => _states.Values;
}
