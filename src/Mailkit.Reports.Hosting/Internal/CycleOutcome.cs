namespace Mailkit.Reports.Hosting.Internal;

/// <summary>How a cycle ended.</summary>
internal enum CycleOutcome
{
    /// <summary>The walk reached the end of the bounce log.</summary>
    Succeeded,

    /// <summary>A transient or unexpected failure, the handler or the cursor store failing.</summary>
    Failed,

    /// <summary>Mailkit refused the credentials or the caller's IP address, or the saved cursor belongs to another account: no call until the options change.</summary>
    Refused,

    /// <summary>The host is stopping.</summary>
    Stopped,
}
