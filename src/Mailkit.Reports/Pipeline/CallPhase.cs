namespace Mailkit.Reports.Pipeline;

/// <summary>Where in a call a failure happened.</summary>
internal enum CallPhase
{
    /// <summary>Before the response headers were handed over: sending, retries, waiting for the answer.</summary>
    Headers,

    /// <summary>While the body of a successful response was read.</summary>
    Body,
}
