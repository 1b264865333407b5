namespace Mailkit.Reports.Hosting.Internal;

/// <summary>What went wrong in a failed cycle, which decides how it is logged.</summary>
internal enum FailureKind
{
    None,

    /// <summary>A <see cref="MailkitException"/> other than a refusal: network, timeout, HTTP status, rate limit, unreadable body.</summary>
    Mailkit,

    /// <summary>The app's handler threw.</summary>
    Handler,

    /// <summary>The saved cursor belongs to another Mailkit account (<see cref="BounceCursorAccountMismatchException"/>).</summary>
    CursorAccount,

    /// <summary>Anything else: the cursor store, resolving the client or the handler.</summary>
    Other,
}
