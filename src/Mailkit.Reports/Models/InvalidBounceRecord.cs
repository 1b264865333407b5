namespace Mailkit.Reports.Models;

/// <summary>
/// A record that a walk set aside under <see cref="InvalidRecordHandling.Skip()"/>: the response was sound, but one of
/// the record's values could not be accepted.
/// </summary>
/// <remarks>
/// The record text is the record as the response held it, with the md5 hidden, exactly as
/// <see cref="MailkitProtocolException.RecordText"/> of the <see cref="Exception"/> that
/// <see cref="InvalidRecordHandling.Throw"/> would have thrown.
/// </remarks>
public sealed record InvalidBounceRecord
{
    /// <summary>Gets the record's <c>ID_UNDELIVERED_LOG</c>: a record is set aside only when its ID can be read.</summary>
    public required long UndeliveredLogId { get; init; }

    /// <summary>Gets the key of the field whose value could not be accepted, as the response spells it.</summary>
    public required string FieldName { get; init; }

    /// <summary>Gets what is wrong with the value, as one sentence.</summary>
    public required string Problem { get; init; }

    /// <summary>Gets the whole text of the record as the response holds it, with the md5 hidden.</summary>
    public string RecordText { get; init; } = string.Empty;

    /// <summary>
    /// Gets the exception that <see cref="InvalidRecordHandling.Throw"/> would have thrown for this record (never thrown,
    /// so without a stack trace), for a log entry or a message that reads as the failure would have.
    /// </summary>
    public required MailkitProtocolException Exception { get; init; }

    /// <summary>The record that an exception names, when it names one with an ID.</summary>
    internal static InvalidBounceRecord? From(MailkitProtocolException ex) =>
        ex is { FieldName: { } field, UndeliveredLogId: { } id, IsIncomplete: false }
            ? new InvalidBounceRecord
            {
                UndeliveredLogId = id,
                FieldName = field,
                Problem = ex.RecordProblem ?? ex.Message,
                RecordText = ex.RecordText ?? string.Empty,
                Exception = ex,
            }
            : null;
}
