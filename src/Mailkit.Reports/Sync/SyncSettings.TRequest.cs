namespace Mailkit.Reports.Sync;

/// <summary>The settings of one sync cycle of any report, read by the host from its own options before each cycle.</summary>
/// <typeparam name="TRequest">The report's request, which is also the sync's cursor.</typeparam>
/// <param name="StartRequest">The request of the first run: the first ID, the filter (campaign, send) and the page size.</param>
/// <param name="Interval">The wait after a successful cycle, and the first wait after a failure.</param>
/// <param name="MaxFailureDelay">The longest wait after failures in a row.</param>
/// <param name="RefusedRetryInterval">The wait after a refusal or a halt; <see langword="null"/> waits for a change of the options only.</param>
/// <param name="MaxHandlerAttempts">How many times in a row the handler may fail on one page before the sync halts.</param>
internal record SyncSettings<TRequest>(
    TRequest StartRequest,
    TimeSpan Interval,
    TimeSpan MaxFailureDelay,
    TimeSpan? RefusedRetryInterval,
    int MaxHandlerAttempts)
    where TRequest : class;
