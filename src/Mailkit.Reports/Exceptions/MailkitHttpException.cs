using System.Net;

namespace Mailkit.Reports;

/// <summary>
/// The server answered with an HTTP status that is not a success and a body that is not a Mailkit error.
/// </summary>
public sealed class MailkitHttpException : MailkitException
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public MailkitHttpException()
        : this("The server answered with an HTTP error.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public MailkitHttpException(string message)
        : base(message)
    {
        BodyExcerpt = string.Empty;
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MailkitHttpException(string message, Exception? innerException)
        : base(message, innerException)
    {
        BodyExcerpt = string.Empty;
    }

    /// <summary>Initializes a new instance describing an HTTP error status.</summary>
    /// <param name="functionName">The API function that was called.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="bodyExcerpt">At most 200 characters of the response body.</param>
    /// <param name="retryAfter">The delay the server asked for in <c>Retry-After</c>, if any.</param>
    public MailkitHttpException(string? functionName, HttpStatusCode statusCode, string bodyExcerpt, TimeSpan? retryAfter = null)
        : base(
            $"The server answered {functionName ?? "the call"} with HTTP {(int)statusCode} ({statusCode}): \"{bodyExcerpt}\"",
            functionName,
            statusCode)
    {
        BodyExcerpt = bodyExcerpt ?? string.Empty;
        RetryAfter = retryAfter;
    }

    /// <summary>Initializes a new instance whose message says more than the status does.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="functionName">The API function that was called.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="followedRedirect">
    /// Whether the status is that of an address the caller's handler was redirected to: the failure is then never transient,
    /// whatever the status, because every new attempt would post the md5 there again.
    /// </param>
    internal MailkitHttpException(string message, string? functionName, HttpStatusCode statusCode, bool followedRedirect = false)
        : base(message, functionName, statusCode)
    {
        BodyExcerpt = string.Empty;
        FollowedRedirect = followedRedirect;
    }

    /// <summary>Gets at most 200 characters of the response body.</summary>
    public string BodyExcerpt { get; }

    /// <summary>Gets the delay the server asked for in its <c>Retry-After</c> header, or <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets a value indicating whether the handler followed a redirect, so that the status is not the endpoint's.</summary>
    internal bool FollowedRedirect { get; }

    /// <inheritdoc />
    public override bool IsTransient => !FollowedRedirect && StatusCode is { } code && HttpStatusRules.IsTransient(code);
}
