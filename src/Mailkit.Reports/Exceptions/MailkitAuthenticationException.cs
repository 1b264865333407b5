using System.Net;

namespace Mailkit.Reports;

/// <summary>
/// Mailkit refused the credentials (<c>Unauthorized</c>): the client ID or the client md5 is wrong.
/// Retrying does not help; check the values under Profile / Integration in the Mailkit account.
/// </summary>
public sealed class MailkitAuthenticationException : MailkitApiException
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public MailkitAuthenticationException()
        : this("Mailkit refused the client ID or the client md5.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public MailkitAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MailkitAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance describing refused credentials.</summary>
    /// <param name="functionName">The API function that was called.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="errorCode">The error code Mailkit sent.</param>
    /// <param name="apiMessage">The error text Mailkit sent.</param>
    public MailkitAuthenticationException(string? functionName, HttpStatusCode? statusCode, long errorCode, string apiMessage)
        : base(functionName, statusCode, errorCode, apiMessage)
    {
    }
}
