namespace Mailkit.Reports.Models;

/// <summary>
/// One message sent to one recipient in one send, as returned by <c>mailkit.report.raw.messages</c>.
/// </summary>
/// <remarks>
/// Every documented key has a typed property; keys the SDK does not know are kept verbatim in <see cref="ExtraFields"/>.
/// Times are Mailkit's naive texts, resolved in <see cref="MailkitClientOptions.ReportTimeZoneId"/>, with the text kept.
/// </remarks>
public sealed record RawMessageRecord
{
    /// <summary>
    /// Gets the message's ID (<c>ID_send_message</c>): unique, ascending, the pagination key; a raw bounce's <see
    /// cref="BounceRecord.SendMessageId"/> points at it.
    /// </summary>
    public required long SendMessageId { get; init; }

    /// <summary>Gets the campaign ID (<c>ID_message</c>), or <see langword="null"/> when empty.</summary>
    public long? CampaignId { get; init; }

    /// <summary>Gets the send ID (<c>ID_send</c>), or <see langword="null"/> when empty.</summary>
    public long? SendId { get; init; }

    /// <summary>Gets the mailing-list ID (<c>ID_user_list</c>), or <see langword="null"/> when empty.</summary>
    public long? MailingListId { get; init; }

    /// <summary>Gets the recipient's ID (<c>ID_email</c>), or <see langword="null"/> when empty.</summary>
    public long? RecipientId { get; init; }

    /// <summary>Gets the template ID (<c>ID_template</c>), or <see langword="null"/> when empty.</summary>
    public long? TemplateId { get; init; }

    /// <summary>Gets the channel (<c>type_message</c>), for example <c>email</c> or <c>sms</c>; empty when none.</summary>
    public string MessageType { get; init; } = string.Empty;

    /// <summary>Gets the recipient's address (<c>email</c>), or a phone number for SMS; empty when none.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>
    /// Gets <c>email_date</c>; its meaning is not documented, resolved in <see
    /// cref="MailkitClientOptions.ReportTimeZoneId"/>; <see langword="null"/> when empty or not a time.
    /// </summary>
    public DateTimeOffset? EmailDate { get; init; }

    /// <summary>Gets the text of <see cref="EmailDate"/> exactly as received.</summary>
    public string EmailDateText { get; init; } = string.Empty;

    /// <summary>
    /// Gets <c>message_date</c>; its meaning is not documented, resolved in <see
    /// cref="MailkitClientOptions.ReportTimeZoneId"/>; <see langword="null"/> when empty or not a time.
    /// </summary>
    public DateTimeOffset? MessageDate { get; init; }

    /// <summary>Gets the text of <see cref="MessageDate"/> exactly as received.</summary>
    public string MessageDateText { get; init; } = string.Empty;

    /// <summary>
    /// Gets when the message left (<c>date_sent</c>), resolved in <see cref="MailkitClientOptions.ReportTimeZoneId"/>;
    /// <see langword="null"/> when empty or not a time.
    /// </summary>
    public DateTimeOffset? DateSent { get; init; }

    /// <summary>Gets the text of <see cref="DateSent"/> exactly as received.</summary>
    public string DateSentText { get; init; } = string.Empty;

    /// <summary>Gets the A/B version (<c>ab_version</c>): <c>A</c>, <c>B</c> or empty; empty when none.</summary>
    public string AbVersion { get; init; } = string.Empty;

    /// <summary>Gets the message's status (<c>message_status</c>), for example <c>sent</c>; empty when none.</summary>
    public string MessageStatus { get; init; } = string.Empty;

    /// <summary>Gets the top-level domain of the address (<c>tld</c>); empty when none.</summary>
    public string Tld { get; init; } = string.Empty;

    /// <summary>Gets the domain of the address (<c>domain</c>); empty when none.</summary>
    public string Domain { get; init; } = string.Empty;

    /// <summary>Gets the keys the SDK does not know, with their values as received.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = BounceRecord.EmptyExtraFields;
}
