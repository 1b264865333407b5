using System.Net;
using Mailkit.Reports.Models;

namespace Mailkit.Reports;

/// <summary>
/// The base of every error the SDK raises for something that went wrong talking to Mailkit:
/// an error answered by the API, a response the SDK cannot read, an HTTP failure or a network failure.
/// </summary>
/// <remarks>
/// Messages name the function and the HTTP status and may quote a short excerpt of the response body;
/// they never contain the client md5. When the exception ends a walk over many pages,
/// <see cref="ResumeRequest"/> says where to continue so that no record is lost or repeated.
/// </remarks>
public class MailkitException : Exception
{
    private object? _resumeRequest;
    private bool _isBodyFailure;

    /// <summary>Initializes a new instance with a generic message.</summary>
    public MailkitException()
        : this("The Mailkit API call failed.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public MailkitException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MailkitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance describing a failed call of <paramref name="functionName"/>.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="functionName">The API function that was called, for example <c>mailkit.report.raw.bounces</c>.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> when none was received.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MailkitException(string message, string? functionName, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        FunctionName = functionName;
        StatusCode = statusCode;
    }

    /// <summary>Gets the API function that was called, for example <c>mailkit.report.raw.bounces</c>.</summary>
    public string? FunctionName { get; }

    /// <summary>Gets the HTTP status of the response, or <see langword="null"/> when no response was received.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// Gets the request to start a new walk from so that it yields exactly the records the failed walk had not yet yielded,
    /// or <see langword="null"/> when the exception did not end a walk.
    /// </summary>
    /// <remarks>
    /// Settable at construction so that code which mocks <see cref="IMailkitClient"/> can raise a resumable failure:
    /// <c>new MailkitNetworkException("The connection was reset.") { ResumeRequest = request with { StartId = 42 } }</c>.
    /// </remarks>
    public RawBouncesRequest? ResumeRequest { get => _resumeRequest as RawBouncesRequest; init => _resumeRequest = value; }

    /// <summary>
    /// Gets the ID of the first record the failed walk had not yet yielded (the <see cref="RawBouncesRequest.StartId"/> of
    /// <see cref="ResumeRequest"/>), or <see langword="null"/> when the exception did not end a walk.
    /// </summary>
    public long? ResumeStartId => ResumeRequest?.StartId;

    /// <summary>
    /// Gets the request that continues a failed walk of any report, when it is of type <typeparamref name="TRequest"/>:
    /// for example a <see cref="RawMessagesRequest"/> after <see cref="IMailkitClient.GetAllRawMessagesAsync"/> failed,
    /// or a <see cref="RawBouncesRequest"/> (then the same as <see cref="ResumeRequest"/>).
    /// </summary>
    /// <typeparam name="TRequest">The request type of the walk.</typeparam>
    /// <returns>The request to start a new walk from, or <see langword="null"/> when the exception did not end a walk of that report.</returns>
    public TRequest? GetResumeRequest<TRequest>()
        where TRequest : class => _resumeRequest as TRequest;

    /// <summary>
    /// Gets a value indicating whether trying the same call again later may succeed
    /// (a network failure, a timeout, an overloaded server, a body cut short).
    /// </summary>
    public virtual bool IsTransient => false;

    /// <summary>Gets a value indicating whether the failure happened while a response body was being read.</summary>
    internal bool IsBodyFailure { get => _isBodyFailure; init => _isBodyFailure = value; }

    /// <summary>
    /// A copy of this exception (same type, message, inner exception and state) that ends a walk at
    /// <paramref name="resumeRequest"/>. This instance is left as it is.
    /// </summary>
    internal MailkitException WithResumeRequest(object resumeRequest)
    {
        var copy = (MailkitException)MemberwiseClone();
        copy._resumeRequest = resumeRequest;
        return copy;
    }

    /// <summary>This exception marked as a failure while a body was read: itself when it is marked already, else a marked copy.</summary>
    internal MailkitException AsBodyFailure()
    {
        if (_isBodyFailure)
        {
            return this;
        }

        var copy = (MailkitException)MemberwiseClone();
        copy._isBodyFailure = true;
        return copy;
    }
}
