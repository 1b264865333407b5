using System.Net;

namespace Mailkit.Reports;

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
        string recordText,
        string recordProblem)
        : this(problem, functionName, statusCode, bodyOffset, bodyExcerpt)
    {
        RecordProblem = recordProblem;
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

    /// <summary>Gets what is wrong with the value of <see cref="FieldName"/>, as one sentence; <see langword="null"/> when the problem is not one record.</summary>
    internal string? RecordProblem { get; }

    /// <summary>Gets at most 200 characters of the response body, from where the problem was found.</summary>
    public string BodyExcerpt { get; }

    /// <summary>Gets a value indicating whether the body ended before the document was complete (a body cut short).</summary>
    public bool IsIncomplete { get; }

    /// <inheritdoc />
    public override bool IsTransient => IsIncomplete;

    private static string FormatMessage(string problem, string? functionName, HttpStatusCode? statusCode, long bodyOffset, string bodyExcerpt) =>
        $"The response to {functionName ?? "the call"} (HTTP {ExceptionMessages.FormatStatus(statusCode)}) is not what the Mailkit API sends: "
        + $"{problem} At byte {bodyOffset}: \"{bodyExcerpt}\"";
}
