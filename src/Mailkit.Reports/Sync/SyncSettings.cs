using Mailkit.Reports.Models;

namespace Mailkit.Reports.Sync;

/// <summary>The settings of one bounce sync cycle, read by the host from its own options before each cycle.</summary>
/// <param name="StartRequest">The request of the first run: the first ID, the filter (campaign, send) and the page size.</param>
/// <param name="Interval">The wait after a successful cycle, and the first wait after a failure.</param>
/// <param name="MaxFailureDelay">The longest wait after failures in a row.</param>
/// <param name="RefusedRetryInterval">The wait after a refusal or a halt; <see langword="null"/> waits for a change of the options only.</param>
/// <param name="MaxHandlerAttempts">How many times in a row the handler may fail on one page before the sync halts.</param>
internal sealed record SyncSettings(
    RawBouncesRequest StartRequest,
    TimeSpan Interval,
    TimeSpan MaxFailureDelay,
    TimeSpan? RefusedRetryInterval,
    int MaxHandlerAttempts)
    : SyncSettings<RawBouncesRequest>(StartRequest, Interval, MaxFailureDelay, RefusedRetryInterval, MaxHandlerAttempts)
{
    /// <summary>The default <see cref="SyncSettings{TRequest}.MaxHandlerAttempts"/>.</summary>
    public const int DefaultMaxHandlerAttempts = 5;

    /// <summary>
    /// Gets a value indicating whether a record the SDK refuses is set aside instead of halting the sync: it is handed to
    /// the handler in <see cref="BouncePage.SkippedRecords"/> of its page, once, and the cursor moves past it. Only raw
    /// bounces can set records aside.
    /// </summary>
    public bool SkipInvalidRecords { get; init; }
}
