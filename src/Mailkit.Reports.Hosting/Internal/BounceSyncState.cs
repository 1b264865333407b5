using Mailkit.Reports.Sync;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>What one sync has done so far, for its health check, its credentials probe and its gauges. Thread-safe.</summary>
internal sealed class BounceSyncState(string syncName)
{
    private readonly object _gate = new();
    private Snapshot _snapshot = new();

    public string SyncName { get; } = syncName;

    public Snapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    public void Started(DateTimeOffset now) => Update(s => s with { StartedAt = now });

    /// <summary>A page was handed over and its cursor saved: the sync is making progress even if the walk is long.</summary>
    public void Progressed(DateTimeOffset now) => Update(s => s with { LastSuccess = now });

    /// <summary>A cycle ended.</summary>
    public void Ended(SyncCycleResult result, DateTimeOffset now) => Update(s => s with
    {
        LastSuccess = result.Outcome == SyncOutcome.Succeeded ? now : s.LastSuccess,
        ConsecutiveFailures = result.ConsecutiveFailures,
        LastOutcome = result.Outcome,
        LastFailure = result.Kind,
        LastException = result.Error,
        StartId = result.StartId,
        Cycles = s.Cycles + 1,
    });

    /// <summary>The sync is waiting for its next cycle; set once the timer is armed, so a test may move a fake clock.</summary>
    public void Waiting(DateTimeOffset? until) => Update(s => s with { IsWaiting = true, NextCycleAt = until });

    public void Running() => Update(s => s with { IsWaiting = false, NextCycleAt = null });

    private void Update(Func<Snapshot, Snapshot> change)
    {
        lock (_gate)
        {
            _snapshot = change(_snapshot);
        }
    }

    /// <summary>The state at one moment.</summary>
    internal sealed record Snapshot
    {
        /// <summary>Gets when the sync started, or <see langword="null"/> before it has.</summary>
        public DateTimeOffset? StartedAt { get; init; }

        /// <summary>Gets when a page was last handled or a cycle last succeeded.</summary>
        public DateTimeOffset? LastSuccess { get; init; }

        /// <summary>Gets the cycles in a row that did not succeed.</summary>
        public int ConsecutiveFailures { get; init; }

        /// <summary>Gets how the last cycle ended, or <see langword="null"/> before the first has.</summary>
        public SyncOutcome? LastOutcome { get; init; }

        /// <summary>Gets what went wrong in the last cycle.</summary>
        public SyncFailureKind LastFailure { get; init; }

        /// <summary>Gets the last cycle's failure (never holding the md5: the SDK's messages do not).</summary>
        public Exception? LastException { get; init; }

        /// <summary>Gets the ID the next cycle continues from, when known.</summary>
        public long? StartId { get; init; }

        /// <summary>Gets a value indicating whether the sync is waiting for its next cycle (its timer is armed).</summary>
        public bool IsWaiting { get; init; }

        /// <summary>Gets when the next cycle starts while the sync waits; <see langword="null"/> while a cycle runs, or while waiting for a change of the options only.</summary>
        public DateTimeOffset? NextCycleAt { get; init; }

        /// <summary>Gets the cycles completed, successful or not.</summary>
        public long Cycles { get; init; }

        /// <summary>Gets a value indicating whether the sync makes no call until its options change: refused, or halted.</summary>
        public bool IsRefused => LastOutcome is SyncOutcome.Refused or SyncOutcome.Halted;

        /// <summary>Gets the last failure as its type and message, for tests and logs.</summary>
        public string? LastError => LastException is { } e ? $"{e.GetType().Name}: {e.Message}" : null;
    }
}
