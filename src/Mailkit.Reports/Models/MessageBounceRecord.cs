namespace Mailkit.Reports.Models;

/// <summary>
/// One undelivered message of a send, with its date, as returned by <c>mailkit.report.message.bounces</c>.
/// </summary>
/// <remarks>
/// Every documented key has a typed property; keys the SDK does not know are kept verbatim in <see cref="ExtraFields"/>.
/// Times are Mailkit's naive texts, resolved in <see cref="MailkitClientOptions.ReportTimeZoneId"/>, with the text kept.
/// </remarks>
public sealed record MessageBounceRecord
{
    /// <summary>Gets the send asked for: Mailkit does not repeat it in the record.</summary>
    public long SendId { get; init; }

    /// <summary>Gets the message's ID (<c>ID_SEND_MESSAGE</c>), or <see langword="null"/> when empty.</summary>
    public long? SendMessageId { get; init; }

    /// <summary>Gets the recipient's ID (<c>ID_EMAIL</c>), or <see langword="null"/> when empty.</summary>
    public long? RecipientId { get; init; }

    /// <summary>Gets the mailing-list ID (<c>ID_USER_LIST</c>), or <see langword="null"/> when empty.</summary>
    public long? MailingListId { get; init; }

    /// <summary>Gets the recipient's address (<c>EMAIL</c>); empty when none.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>
    /// Gets the bounce's time (<c>DATE</c>); Mailkit does not say whether it is the bounce's or the send's, and the SDK
    /// reads it as the bounce's, resolved in <see cref="MailkitClientOptions.ReportTimeZoneId"/>; <see
    /// langword="null"/> when empty or not a time.
    /// </summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Gets the text of <see cref="Date"/> exactly as received.</summary>
    public string DateText { get; init; } = string.Empty;

    /// <summary>Gets the enhanced status code (<c>STATUS</c>), or <see langword="null"/> when empty.</summary>
    public EnhancedStatusCode? Status { get; init; }

    /// <summary>Gets Mailkit's status of the address (<c>EMAIL_STATUS</c>); the values are not documented; empty when none.</summary>
    public string EmailStatus { get; init; } = string.Empty;

    /// <summary>Gets the keys the SDK does not know, with their values as received.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = BounceRecord.EmptyExtraFields;
}
