namespace Mailkit.Reports.Hosting.Internal;

/// <summary>What went wrong in a failed cycle, which decides how it is logged.</summary>
internal enum FailureKind
{
    None,

    /// <summary>A <see cref="MailkitException"/> other than a refusal: network, timeout, HTTP status, rate limit, unreadable body.</summary>
    Mailkit,

    /// <summary>The app's handler threw.</summary>
    Handler,

    /// <summary>Anything else: the cursor store, resolving the client or the handler.</summary>
    Other,
}

/// <summary>How one cycle ended: the outcome, the records handed over, the failure and the cursor it stopped at.</summary>
internal readonly record struct CycleResult(CycleOutcome Outcome, long Records, FailureKind Kind = FailureKind.None, Exception? Error = null, long? StartId = null);
