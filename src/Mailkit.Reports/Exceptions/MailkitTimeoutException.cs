namespace Mailkit.Reports;

/// <summary>
/// The call took longer than the configured per-attempt or per-call timeout.
/// </summary>
public sealed class MailkitTimeoutException : MailkitException
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public MailkitTimeoutException()
        : this("The call to Mailkit timed out.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public MailkitTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MailkitTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance describing a timeout.</summary>
    /// <param name="functionName">The API function that was called.</param>
    /// <param name="timeout">The timeout that elapsed.</param>
    /// <param name="setting">The name of the setting that holds the timeout.</param>
    /// <param name="innerException">The cancellation raised by the timeout.</param>
    public MailkitTimeoutException(string? functionName, TimeSpan timeout, string setting, Exception? innerException)
        : base($"The call of {functionName ?? "the function"} did not complete within {timeout} ({setting}).", functionName, null, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>Gets the timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public override bool IsTransient => true;
}
