using System.Net;

namespace Mailkit.Reports;

/// <summary>
/// The call could not be completed on the network: the connection failed, was reset, or the body
/// ended before the length the server announced.
/// </summary>
public sealed class MailkitNetworkException : MailkitException
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public MailkitNetworkException()
        : this("The call to Mailkit failed on the network.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public MailkitNetworkException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MailkitNetworkException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance describing a network failure.</summary>
    /// <param name="functionName">The API function that was called.</param>
    /// <param name="statusCode">The HTTP status, when the failure happened while the body was being read.</param>
    /// <param name="innerException">The network error.</param>
    public MailkitNetworkException(string? functionName, HttpStatusCode? statusCode, Exception innerException)
        : base(
            statusCode is null
                ? $"The call of {functionName ?? "the function"} failed on the network: {innerException?.Message}"
                : $"Reading the response to {functionName ?? "the call"} (HTTP {ExceptionMessages.FormatStatus(statusCode)}) failed on the network: {innerException?.Message}",
            functionName,
            statusCode,
            innerException)
    {
    }

    /// <inheritdoc />
    public override bool IsTransient => true;
}
