namespace Mailkit.Reports.Hosting.Internal;

/// <summary>The wait before the next cycle: the one home of the interval, backoff and refusal rules.</summary>
internal static class SyncDelay
{
    /// <summary>The wait after a cycle; <see langword="null"/> waits for a change of the options only.</summary>
    /// <param name="outcome">How the cycle ended.</param>
    /// <param name="consecutiveFailures">Failed cycles in a row, this one included.</param>
    /// <param name="options">The sync's settings.</param>
    public static TimeSpan? After(CycleOutcome outcome, int consecutiveFailures, BounceSyncOptions options)
    {
        switch (outcome)
        {
            case CycleOutcome.Refused:
                return options.RefusedRetryInterval;
            case CycleOutcome.Failed:
                var ceiling = options.MaxFailureDelay > options.Interval ? options.MaxFailureDelay : options.Interval;
                var doublings = Math.Clamp(consecutiveFailures - 1, 0, 30);
                var ticks = options.Interval.Ticks * Math.Pow(2, doublings);
                return ticks >= ceiling.Ticks ? ceiling : TimeSpan.FromTicks((long)ticks);
            default:
                return options.Interval;
        }
    }
}
