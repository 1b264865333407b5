namespace Mailkit.Reports.Models;

/// <summary>
/// One reaction of a recipient (an open, a click, an unsubscribe), as returned by <c>mailkit.report.raw.responses</c>.
/// </summary>
/// <remarks>
/// Every documented key has a typed property; keys the SDK does not know are kept verbatim in <see cref="ExtraFields"/>.
/// Times are Mailkit's naive texts, resolved in <see cref="MailkitClientOptions.ReportTimeZoneId"/>, with the text kept.
/// </remarks>
public sealed record RawResponseRecord
{
    /// <summary>Gets the response's ID (<c>ID_log</c>): unique, ascending, the pagination key.</summary>
    public required long LogId { get; init; }

    /// <summary>Gets the message responded to (<c>ID_send_message</c>), or <see langword="null"/> when empty.</summary>
    public long? SendMessageId { get; init; }

    /// <summary>Gets the campaign ID (<c>ID_message</c>), or <see langword="null"/> when empty.</summary>
    public long? CampaignId { get; init; }

    /// <summary>Gets the send ID (<c>ID_send</c>), or <see langword="null"/> when empty.</summary>
    public long? SendId { get; init; }

    /// <summary>Gets the recipient's ID (<c>ID_email</c>), or <see langword="null"/> when empty.</summary>
    public long? RecipientId { get; init; }

    /// <summary>Gets the mailing-list ID (<c>ID_user_list</c>), or <see langword="null"/> when empty.</summary>
    public long? MailingListId { get; init; }

    /// <summary>Gets the clicked link's ID (<c>ID_url</c>), or <see langword="null"/> when empty.</summary>
    public long? UrlId { get; init; }

    /// <summary>
    /// Gets when the recipient responded (<c>date</c>), resolved in <see
    /// cref="MailkitClientOptions.ReportTimeZoneId"/>; <see langword="null"/> when empty or not a time.
    /// </summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Gets the text of <see cref="Date"/> exactly as received.</summary>
    public string DateText { get; init; } = string.Empty;

    /// <summary>Gets the kind of response (<c>type</c>), for example <c>open</c> or <c>click</c>; the values are not documented; empty when none.</summary>
    public string ResponseType { get; init; } = string.Empty;

    /// <summary>Gets the recipient's address (<c>email</c>); empty when none.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>Gets the domain of the address (<c>domain</c>); empty when none.</summary>
    public string Domain { get; init; } = string.Empty;

    /// <summary>Gets the top-level domain of the address (<c>tld</c>); empty when none.</summary>
    public string Tld { get; init; } = string.Empty;

    /// <summary>Gets the A/B version (<c>ab_version</c>); empty when none.</summary>
    public string AbVersion { get; init; } = string.Empty;

    /// <summary>Gets the clicked link (<c>link_url</c>); empty when none.</summary>
    public string LinkUrl { get; init; } = string.Empty;

    /// <summary>Gets the keys the SDK does not know, with their values as received.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = BounceRecord.EmptyExtraFields;
}
