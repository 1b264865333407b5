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
    public RawBouncesRequest? ResumeRequest { get; internal set; }

    /// <summary>
    /// Gets the ID of the first record the failed walk had not yet yielded (the <see cref="RawBouncesRequest.StartId"/> of
    /// <see cref="ResumeRequest"/>), or <see langword="null"/> when the exception did not end a walk.
    /// </summary>
    public long? ResumeStartId => ResumeRequest?.StartId;

    /// <summary>
    /// Gets a value indicating whether trying the same call again later may succeed
    /// (a network failure, a timeout, an overloaded server, a body cut short).
    /// </summary>
    public virtual bool IsTransient => false;

    /// <summary>Gets or sets a value indicating whether the failure happened while a response body was being read.</summary>
    internal bool IsBodyFailure { get; set; }
}

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
        $"Mailkit answered {functionName ?? "the call"} with an error (code {errorCode}, HTTP {FormatStatus(statusCode)}): {apiMessage}";

    internal static string FormatStatus(HttpStatusCode? statusCode) =>
        statusCode is { } code ? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
}

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

/// <summary>
/// The response is not what the API sends: not JSON or XML-RPC, cut short, a record without
/// <c>ID_UNDELIVERED_LOG</c>, a value of the wrong kind, or larger than the configured cap.
/// </summary>
public sealed class MailkitProtocolException : MailkitException
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public MailkitProtocolException()
        : this("The response is not what the Mailkit API sends.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public MailkitProtocolException(string message)
        : base(message)
    {
        BodyExcerpt = string.Empty;
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MailkitProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
        BodyExcerpt = string.Empty;
    }

    /// <summary>Initializes a new instance describing an unreadable response.</summary>
    /// <param name="problem">What is wrong with the response, as one sentence.</param>
    /// <param name="functionName">The API function that was called.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="bodyOffset">The byte offset in the body where the problem was found.</param>
    /// <param name="bodyExcerpt">At most 200 characters of the body from where the problem was found.</param>
    /// <param name="isIncomplete">Whether the body ended before the document was complete.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MailkitProtocolException(
        string problem,
        string? functionName,
        HttpStatusCode? statusCode,
        long bodyOffset,
        string bodyExcerpt,
        bool isIncomplete = false,
        Exception? innerException = null)
        : base(FormatMessage(problem, functionName, statusCode, bodyOffset, bodyExcerpt), functionName, statusCode, innerException)
    {
        BodyOffset = bodyOffset;
        BodyExcerpt = bodyExcerpt ?? string.Empty;
        IsIncomplete = isIncomplete;
    }

    /// <summary>Initializes a new instance describing one record with a value the SDK cannot accept.</summary>
    internal MailkitProtocolException(
        string problem,
        string? functionName,
        HttpStatusCode? statusCode,
        long bodyOffset,
        string bodyExcerpt,
        string fieldName,
        long? undeliveredLogId,
        string recordText)
        : this(problem, functionName, statusCode, bodyOffset, bodyExcerpt)
    {
        FieldName = fieldName;
        UndeliveredLogId = undeliveredLogId;
        RecordText = recordText;
    }

    /// <summary>Gets the byte offset in the response body where the problem was found.</summary>
    public long BodyOffset { get; }

    /// <summary>
    /// Gets the key of the field whose value could not be accepted, or <see langword="null"/> when the problem is not
    /// one field of one record.
    /// </summary>
    public string? FieldName { get; }

    /// <summary>
    /// Gets the <c>ID_UNDELIVERED_LOG</c> of the record that could not be accepted, or <see langword="null"/> when the
    /// problem is not one record, or the record has no ID that can be read.
    /// </summary>
    public long? UndeliveredLogId { get; }

    /// <summary>
    /// Gets the whole text of the record that could not be accepted, as the response holds it (at most
    /// <see cref="MailkitClientOptions.MaxRecordBytes"/>), or <see langword="null"/> when the problem is not one record.
    /// </summary>
    public string? RecordText { get; }

    /// <summary>Gets at most 200 characters of the response body, from where the problem was found.</summary>
    public string BodyExcerpt { get; }

    /// <summary>Gets a value indicating whether the body ended before the document was complete (a body cut short).</summary>
    public bool IsIncomplete { get; }

    /// <inheritdoc />
    public override bool IsTransient => IsIncomplete;

    private static string FormatMessage(string problem, string? functionName, HttpStatusCode? statusCode, long bodyOffset, string bodyExcerpt) =>
        $"The response to {functionName ?? "the call"} (HTTP {MailkitApiException.FormatStatus(statusCode)}) is not what the Mailkit API sends: {problem} At byte {bodyOffset}: \"{bodyExcerpt}\"";
}

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
    internal MailkitHttpException(string message, string? functionName, HttpStatusCode statusCode)
        : base(message, functionName, statusCode)
    {
        BodyExcerpt = string.Empty;
    }

    /// <summary>Gets at most 200 characters of the response body.</summary>
    public string BodyExcerpt { get; }

    /// <summary>Gets the delay the server asked for in its <c>Retry-After</c> header, or <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <inheritdoc />
    public override bool IsTransient => StatusCode is { } code && Internal.HttpStatusRules.IsTransient(code);
}

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
                : $"Reading the response to {functionName ?? "the call"} (HTTP {MailkitApiException.FormatStatus(statusCode)}) failed on the network: {innerException?.Message}",
            functionName,
            statusCode,
            innerException)
    {
    }

    /// <inheritdoc />
    public override bool IsTransient => true;
}

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
