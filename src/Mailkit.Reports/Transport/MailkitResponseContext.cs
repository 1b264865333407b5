using System.Net;
using System.Text;
using Mailkit.Reports.Diagnostics;

namespace Mailkit.Reports.Transport;

/// <summary>
/// What a transport knows about the response it decodes, and the factories for the SDK's typed errors,
/// so that every transport reports the same problem with the same exception.
/// </summary>
public sealed class MailkitResponseContext
{
    private const int ExcerptLength = 200;
    private const int MaxApiMessageLength = 1024;
    private readonly MailkitCredentials? _credentials;

    /// <summary>Initializes a new context.</summary>
    /// <param name="functionName">The function that was called.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="credentials">The credentials of the call, so that the md5 can be kept out of error messages.</param>
    /// <param name="maxResponseBytes">The largest body the client reads; decoders size their own limits from it.</param>
    /// <exception cref="ArgumentException"><paramref name="functionName"/> is null or empty.</exception>
    public MailkitResponseContext(
        string functionName,
        HttpStatusCode statusCode,
        MailkitCredentials? credentials = null,
        long maxResponseBytes = MailkitClientOptions.DefaultMaxResponseBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        FunctionName = functionName;
        StatusCode = statusCode;
        _credentials = credentials;
        MaxResponseBytes = maxResponseBytes;
    }

    /// <summary>Gets the function that was called.</summary>
    public string FunctionName { get; }

    /// <summary>Gets the HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets the largest body the client reads (<see cref="MailkitClientOptions.MaxResponseBytes"/>).</summary>
    public long MaxResponseBytes { get; }

    /// <summary>Gets the largest single record a decoder accepts, in body bytes (<see cref="MailkitClientOptions.MaxRecordBytes"/>).</summary>
    /// <value>The default is <see cref="MailkitClientOptions.DefaultMaxRecordBytes"/>.</value>
    public int MaxRecordBytes { get; init; } = MailkitClientOptions.DefaultMaxRecordBytes;

    /// <summary>Gets the most fields a decoder accepts in a single record (<see cref="MailkitClientOptions.MaxRecordFields"/>).</summary>
    /// <value>The default is <see cref="MailkitClientOptions.DefaultMaxRecordFields"/>.</value>
    public int MaxRecordFields { get; init; } = MailkitClientOptions.DefaultMaxRecordFields;

    /// <summary>
    /// Gets a value indicating whether the SDK's own decoders set a record with a value they cannot accept aside and read
    /// on (<see cref="Models.InvalidRecordHandling.Skip()"/>), instead of throwing.
    /// </summary>
    internal bool SkipsInvalidRecords { get; init; }

    /// <summary>Gets the table of the records the response holds: raw bounces unless the call is for another report.</summary>
    internal Decoding.RecordSchema Schema { get; init; } = Decoding.BounceSchema.Instance;

    /// <summary>Gets the zone Mailkit's naive times are read in (<see cref="MailkitClientOptions.ReportTimeZoneId"/>).</summary>
    internal TimeZoneInfo TimeZone { get; init; } = Decoding.ReportTime.DefaultZone;

    /// <summary>
    /// Creates the exception for an error Mailkit answered: <see cref="MailkitAuthenticationException"/> for
    /// <c>Unauthorized</c>, <see cref="MailkitIpNotAllowedException"/> for <c>Disallowed IP …</c>,
    /// <see cref="MailkitApiException"/> for any other. The text is trimmed, its control characters become spaces, the md5
    /// is hidden and at most 1 024 characters are kept.
    /// </summary>
    /// <param name="errorCode">The error code Mailkit sent; 0 when none.</param>
    /// <param name="message">The error text Mailkit sent.</param>
    /// <returns>The exception to throw.</returns>
    public MailkitApiException CreateApiException(long errorCode, string? message)
    {
        var text = Redact(Clean((message ?? string.Empty).Trim()));
        if (text.Length > MaxApiMessageLength)
        {
            text = text[..MaxApiMessageLength] + "…";
        }

        if (text.Equals("Unauthorized", StringComparison.OrdinalIgnoreCase))
        {
            return new MailkitAuthenticationException(FunctionName, StatusCode, errorCode, text);
        }

        const string disallowed = "Disallowed IP";
        if (text.StartsWith(disallowed, StringComparison.OrdinalIgnoreCase))
        {
            var address = text[disallowed.Length..].Trim();
            return new MailkitIpNotAllowedException(FunctionName, StatusCode, errorCode, text, address.Length == 0 ? null : address);
        }

        return new MailkitApiException(FunctionName, StatusCode, errorCode, text);
    }

    /// <summary>Creates the exception for a response that is not what the API sends.</summary>
    /// <param name="problem">What is wrong, as one sentence.</param>
    /// <param name="bodyOffset">The byte offset in the body where the problem was found.</param>
    /// <param name="bodyFromOffset">The body's bytes from that offset; the first 200 characters are quoted.</param>
    /// <param name="isIncomplete">Whether the body ended before the document was complete.</param>
    /// <param name="innerException">
    /// The decoder's own exception, if any. Its message may quote the body, so it is not attached as it is: the inner
    /// exception keeps its type's name, its stack trace and its message cleaned and with the md5 hidden, and so does each
    /// exception inside it.
    /// </param>
    /// <returns>The exception to throw.</returns>
    public MailkitProtocolException CreateProtocolException(
        string problem,
        long bodyOffset,
        ReadOnlySpan<byte> bodyFromOffset,
        bool isIncomplete = false,
        Exception? innerException = null) =>
        new(
            Redact(problem),
            FunctionName,
            StatusCode,
            bodyOffset,
            Excerpt(bodyFromOffset),
            isIncomplete,
            innerException is null ? null : RedactedException.From(innerException, text => Redact(Clean(text))));

    /// <summary>
    /// Creates the exception for one record that holds a value the SDK cannot accept, naming the field and, when the record
    /// has one, its <c>ID_UNDELIVERED_LOG</c>, so that a caller can report or skip that record.
    /// </summary>
    /// <param name="problem">What is wrong with the value, as one sentence.</param>
    /// <param name="fieldName">The key of the field, as the response spells it.</param>
    /// <param name="undeliveredLogId">The record's <c>ID_UNDELIVERED_LOG</c>, or <see langword="null"/> when it has none that can be read.</param>
    /// <param name="bodyOffset">The byte offset in the body where the record starts.</param>
    /// <param name="recordText">The record's bytes as the response holds them.</param>
    /// <returns>The exception to throw.</returns>
    public MailkitProtocolException CreateInvalidRecordException(
        string problem,
        string fieldName,
        long? undeliveredLogId,
        long bodyOffset,
        ReadOnlySpan<byte> recordText)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(fieldName);
        return CreateInvalidRecordException(problem, fieldName, "ID_UNDELIVERED_LOG", undeliveredLogId, bodyOffset, recordText);
    }

    /// <summary>
    /// Creates the exception for a record of any report: <paramref name="idName"/> is the key of the record's ID, which the
    /// message names. Only a raw bounce's ID is kept in <see cref="MailkitProtocolException.UndeliveredLogId"/>.
    /// </summary>
    internal MailkitProtocolException CreateInvalidRecordException(
        string problem,
        string fieldName,
        string idName,
        long? recordId,
        long bodyOffset,
        ReadOnlySpan<byte> recordText)
    {
        var where = recordId is { } id
            ? $"{fieldName} of the record with {idName} {id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : Schema.CursorField == Decoding.RecordSchema.Unknown
                ? $"{fieldName} of a record"
                : $"{fieldName} of a record without a readable {idName}";
        var undeliveredLogId = Schema is Decoding.BounceSchema ? recordId : null;
        var text = Redact(Encoding.UTF8.GetString(recordText));
        return new MailkitProtocolException(
            Redact($"{where}: {problem}"),
            FunctionName,
            StatusCode,
            bodyOffset,
            Excerpt(recordText),
            fieldName,
            undeliveredLogId,
            text,
            Redact(problem));
    }

    /// <summary>
    /// Quotes at most 200 characters of a body: control characters become spaces, the md5 is hidden. The md5 is hidden
    /// before the quote is cut, so that a cut through it cannot leave a part of it in view.
    /// </summary>
    internal string Excerpt(ReadOnlySpan<byte> body)
    {
        var window = (ExcerptLength + 32) * 4;
        var bytes = body.Length > window ? body[..window] : body;
        var text = Redact(Clean(Encoding.UTF8.GetString(bytes)));
        return text.Length > ExcerptLength ? text[..ExcerptLength] : text;
    }

    /// <summary>Replaces control characters (escape sequences included) with spaces, so that a text is safe to print.</summary>
    internal static string Clean(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u0000', '\u001f') && !text.AsSpan().ContainsAnyInRange('\u007f', '\u009f'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            builder.Append(char.IsControl(ch) ? ' ' : ch);
        }

        return builder.ToString();
    }

    private string Redact(string text) => _credentials?.Redact(text) ?? text;
}
