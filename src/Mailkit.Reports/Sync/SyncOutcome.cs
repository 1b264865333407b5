namespace Mailkit.Reports.Sync;

/// <summary>How one sync cycle ended, which decides the wait before the next one.</summary>
internal enum SyncOutcome
{
    /// <summary>The walk reached the end of the report.</summary>
    Succeeded,

    /// <summary>A failure that may heal (network, timeout, HTTP 5xx, the handler or the store failing): tried again with backoff.</summary>
    Failed,

    /// <summary>
    /// Mailkit refused the credentials or the caller's IP address, or the options cannot be read: no call until the
    /// options change or the refusal's retry interval has passed.
    /// </summary>
    Refused,

    /// <summary>
    /// A failure that cannot heal by waiting (<see cref="SyncFailureKind"/>): no call to Mailkit until the options change
    /// or the cursor is changed by hand.
    /// </summary>
    Halted,

    /// <summary>The host is stopping.</summary>
    Stopped,
}
