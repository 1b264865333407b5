using System.Net;

namespace Mailkit.Reports;

/// <summary>
/// Mailkit refused the call because the caller's IP address is not on the account's allow-list
/// (<c>Disallowed IP a.b.c.d</c>). Retrying does not help; add the address in the Mailkit account.
/// </summary>
public sealed class MailkitIpNotAllowedException : MailkitApiException
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public MailkitIpNotAllowedException()
        : this("Mailkit refused the caller's IP address.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public MailkitIpNotAllowedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MailkitIpNotAllowedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance describing a refused IP address.</summary>
    /// <param name="functionName">The API function that was called.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="errorCode">The error code Mailkit sent.</param>
    /// <param name="apiMessage">The error text Mailkit sent, for example <c>Disallowed IP 192.0.2.10</c>.</param>
    /// <param name="ipAddress">The refused address as Mailkit named it, when it named one.</param>
    public MailkitIpNotAllowedException(string? functionName, HttpStatusCode? statusCode, long errorCode, string apiMessage, string? ipAddress)
        : base(functionName, statusCode, errorCode, apiMessage)
    {
        IpAddress = ipAddress;
    }

    /// <summary>Gets the refused IP address as Mailkit named it, or <see langword="null"/> when it named none.</summary>
    public string? IpAddress { get; }
}
