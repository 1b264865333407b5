namespace Mailkit.Reports.Sync;

/// <summary>The wait before the next cycle: the one home of the interval, backoff and refusal rules.</summary>
internal static class SyncDelay
{
    /// <summary>The wait after a cycle; <see langword="null"/> waits for a change of the options only.</summary>
    /// <param name="outcome">How the cycle ended.</param>
    /// <param name="consecutiveFailures">Failed cycles in a row, this one included.</param>
    /// <param name="settings">The sync's settings.</param>
    public static TimeSpan? After<TRequest>(SyncOutcome outcome, int consecutiveFailures, SyncSettings<TRequest> settings)
        where TRequest : class
    {
        switch (outcome)
        {
            case SyncOutcome.Refused:
            case SyncOutcome.Halted:
                return settings.RefusedRetryInterval;
            case SyncOutcome.Failed:
                // Doubling from the interval, up to the ceiling: Interval × 2^(n-1).
                var ceiling = settings.MaxFailureDelay > settings.Interval ? settings.MaxFailureDelay : settings.Interval;
                var doublings = Math.Clamp(consecutiveFailures - 1, 0, 30);
                var ticks = settings.Interval.Ticks * Math.Pow(2, doublings);
                return ticks >= ceiling.Ticks ? ceiling : TimeSpan.FromTicks((long)ticks);
            default:
                return settings.Interval;
        }
    }
}
