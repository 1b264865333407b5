namespace Mailkit.Reports;

/// <summary>
/// The client-side rate limit's queue was full, so the call was refused without being sent.
/// Raise <see cref="Resilience.MailkitRateLimitOptions.QueueLimit"/> or make fewer concurrent calls.
/// </summary>
public sealed class MailkitRateLimitRejectedException : MailkitException
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public MailkitRateLimitRejectedException()
        : this("The client-side rate limit refused the call: too many calls are waiting.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public MailkitRateLimitRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MailkitRateLimitRejectedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance describing a full queue.</summary>
    /// <param name="functionName">The API function that was to be called.</param>
    /// <param name="setting">The setting that bounds the queue.</param>
    /// <param name="limit">Its value.</param>
    public MailkitRateLimitRejectedException(string? functionName, string setting, int limit)
        : base($"The client-side rate limit refused {functionName ?? "the call"}: {limit} calls of this account are already waiting ({setting}).", functionName, null)
    {
    }

    /// <inheritdoc />
    public override bool IsTransient => true;
}
