namespace Mailkit.Reports.Hosting.Internal;

/// <summary>What one sync has done so far, for its health check and its gauges. Thread-safe.</summary>
internal sealed class BounceSyncState(string syncName)
{
    private readonly object _gate = new();
    private Snapshot _snapshot = new(null, null, 0, false, null, false, null, 0);

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

    public void Succeeded(DateTimeOffset now) => Update(s => s with
    {
        LastSuccess = now,
        ConsecutiveFailures = 0,
        IsRefused = false,
        IsCursorOfAnotherAccount = false,
        LastError = null,
        Cycles = s.Cycles + 1,
    });

    public void Failed(string error) => Update(s => s with
    {
        ConsecutiveFailures = s.ConsecutiveFailures + 1,
        IsRefused = false,
        IsCursorOfAnotherAccount = false,
        LastError = error,
        Cycles = s.Cycles + 1,
    });

    public void Refused(string error, bool cursorOfAnotherAccount = false) =>
        Update(s => s with
        {
            ConsecutiveFailures = s.ConsecutiveFailures + 1,
            IsRefused = true,
            IsCursorOfAnotherAccount = cursorOfAnotherAccount,
            LastError = error,
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

    /// <param name="StartedAt">When the sync started, or <see langword="null"/> before it has.</param>
    /// <param name="LastSuccess">When a page was last handled or a cycle last succeeded.</param>
    /// <param name="ConsecutiveFailures">Failed cycles since the last successful one.</param>
    /// <param name="IsRefused">
    /// Mailkit refused the credentials or the IP address in the last cycle, or the saved cursor belongs to another account:
    /// the sync makes no call until the options change.
    /// </param>
    /// <param name="LastError">The last failure's exception type and message (never the md5: the SDK's messages do not hold it).</param>
    /// <param name="IsWaiting">The sync is waiting for its next cycle (its timer is armed).</param>
    /// <param name="NextCycleAt">
    /// When the next cycle starts while the sync waits; <see langword="null"/> while a cycle runs, or while waiting for a
    /// change of the options only.
    /// </param>
    /// <param name="Cycles">Cycles completed, successful or not.</param>
    /// <param name="IsCursorOfAnotherAccount">The stop (<paramref name="IsRefused"/>) is a saved cursor of another Mailkit account, not Mailkit's refusal.</param>
    internal sealed record Snapshot(
        DateTimeOffset? StartedAt,
        DateTimeOffset? LastSuccess,
        int ConsecutiveFailures,
        bool IsRefused,
        string? LastError,
        bool IsWaiting,
        DateTimeOffset? NextCycleAt,
        long Cycles,
        bool IsCursorOfAnotherAccount = false);
}
