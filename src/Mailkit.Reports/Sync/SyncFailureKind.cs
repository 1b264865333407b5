namespace Mailkit.Reports.Sync;

/// <summary>What went wrong in a cycle that did not succeed.</summary>
internal enum SyncFailureKind
{
    /// <summary>Nothing: the cycle succeeded or the host stopped.</summary>
    None,

    /// <summary>A <see cref="MailkitException"/> that may heal: network, timeout, HTTP status, rate limit, an unreadable body.</summary>
    Mailkit,

    /// <summary>Mailkit refused the credentials or the caller's IP address.</summary>
    AccessRefused,

    /// <summary>The options of the sync or of its account are invalid (a reload with a bad value).</summary>
    InvalidOptions,

    /// <summary>The handler threw on a page; the page is handed over again.</summary>
    Handler,

    /// <summary>The handler threw on the same page <see cref="SyncSettings{TRequest}.MaxHandlerAttempts"/> times in a row (permanent).</summary>
    HandlerRepeatedly,

    /// <summary>The handler could not be resolved or built (permanent).</summary>
    HandlerUnavailable,

    /// <summary>Mailkit sent a record the SDK refuses, named by its field and ID (permanent).</summary>
    InvalidRecord,

    /// <summary>The saved cursor is for another filter (campaign or send) than the sync now asks for (permanent).</summary>
    FilterMismatch,

    /// <summary>The host's store reports a cursor that cannot be used: corrupt, or of another account (permanent).</summary>
    UnusableCursor,

    /// <summary>Anything else: the cursor store failing, resolving the client.</summary>
    Other,
}
