namespace Mailkit.Reports.Sync;

/// <summary>How one cycle ended.</summary>
/// <param name="Outcome">The outcome, which decides the wait.</param>
/// <param name="Records">The records handed over and saved past in this cycle.</param>
/// <param name="Kind">What went wrong, or <see cref="SyncFailureKind.None"/>.</param>
/// <param name="Error">The failure, or <see langword="null"/>.</param>
/// <param name="StartId">The ID the next cycle continues from, when known.</param>
/// <param name="ConsecutiveFailures">Cycles in a row that did not succeed, this one included.</param>
/// <param name="Delay">The wait before the next cycle; <see langword="null"/> waits for a change of the options only.</param>
internal sealed record SyncCycleResult(
    SyncOutcome Outcome,
    long Records,
    SyncFailureKind Kind,
    Exception? Error,
    long? StartId,
    int ConsecutiveFailures,
    TimeSpan? Delay);
