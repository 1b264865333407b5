using System.Net;

namespace Mailkit.Reports;

/// <summary>
/// Mailkit answered the call with an error of its own (an <c>error_status</c> other than 0 in JSON,
/// an error string or a fault in XML-RPC).
/// </summary>
public class MailkitApiException : MailkitException
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public MailkitApiException()
        : this("Mailkit answered the call with an error.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public MailkitApiException(string message)
        : base(message)
    {
        ApiMessage = string.Empty;
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MailkitApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ApiMessage = string.Empty;
    }

    /// <summary>Initializes a new instance describing an error answered by the API.</summary>
    /// <param name="functionName">The API function that was called.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="errorCode">The error code Mailkit sent (<c>error_status</c>, or the XML-RPC fault code); 0 when it sent none.</param>
    /// <param name="apiMessage">The error text Mailkit sent.</param>
    public MailkitApiException(string? functionName, HttpStatusCode? statusCode, long errorCode, string apiMessage)
        : base(FormatMessage(functionName, statusCode, errorCode, apiMessage), functionName, statusCode)
    {
        ErrorCode = errorCode;
        ApiMessage = apiMessage ?? string.Empty;
    }

    /// <summary>Gets the error code Mailkit sent (<c>error_status</c>, or the XML-RPC fault code); 0 when it sent none.</summary>
    public long ErrorCode { get; }

    /// <summary>
    /// Gets the error text Mailkit sent, for example <c>Invalid ID_send</c>. The SDK's transports trim it, replace control
    /// characters with spaces, hide the md5 and keep at most 1 024 characters of it.
    /// </summary>
    public string ApiMessage { get; }

    private static string FormatMessage(string? functionName, HttpStatusCode? statusCode, long errorCode, string apiMessage) =>
        $"Mailkit answered {functionName ?? "the call"} with an error (code {errorCode}, HTTP {ExceptionMessages.FormatStatus(statusCode)}): {apiMessage}";
}
