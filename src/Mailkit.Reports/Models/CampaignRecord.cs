namespace Mailkit.Reports.Models;

/// <summary>
/// One campaign of the account, as returned by <c>mailkit.campaigns.list</c>.
/// </summary>
/// <remarks>
/// Every documented key has a typed property; keys the SDK does not know are kept verbatim in <see cref="ExtraFields"/>.
/// Times are Mailkit's naive texts, resolved in <see cref="MailkitClientOptions.ReportTimeZoneId"/>, with the text kept.
/// </remarks>
public sealed record CampaignRecord
{
    /// <summary>
    /// Gets the campaign's mailing lists (<c>USER_LIST</c>): a list over JSON, a single number over XML-RPC, both read here.
    /// </summary>
    public IReadOnlyList<long> MailingListIds { get; init; } = [];

    /// <summary>Gets the campaign ID (<c>ID_MESSAGE</c>).</summary>
    public required long CampaignId { get; init; }

    /// <summary>Gets the campaign's name (<c>NAME</c>); empty when none.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the subject (<c>SUBJECT</c>); empty when none.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Gets the channel (<c>MSG_TYPE</c>), for example <c>email</c>; empty when none.</summary>
    public string MessageType { get; init; } = string.Empty;

    /// <summary>Gets the campaign type (<c>CAMPAIGN_TYPE</c>); empty when none.</summary>
    public string CampaignType { get; init; } = string.Empty;

    /// <summary>Gets the campaign's state (<c>STATUS</c>), for example <c>enabled</c>; empty when none.</summary>
    public string CampaignStatus { get; init; } = string.Empty;

    /// <summary>
    /// Gets the scheduled send time (<c>SEND_DATE</c>), resolved in <see
    /// cref="MailkitClientOptions.ReportTimeZoneId"/>; <see langword="null"/> when empty or not a time.
    /// </summary>
    public DateTimeOffset? SendDate { get; init; }

    /// <summary>Gets the text of <see cref="SendDate"/> exactly as received.</summary>
    public string SendDateText { get; init; } = string.Empty;

    /// <summary>
    /// Gets the last send time (<c>LAST_SENT</c>), resolved in <see cref="MailkitClientOptions.ReportTimeZoneId"/>;
    /// <see langword="null"/> when empty or not a time.
    /// </summary>
    public DateTimeOffset? LastSent { get; init; }

    /// <summary>Gets the text of <see cref="LastSent"/> exactly as received.</summary>
    public string LastSentText { get; init; } = string.Empty;

    /// <summary>Gets the campaign's scheduling zone (<c>TIME_ZONE</c>), for example <c>Europe/Prague</c>; empty when none.</summary>
    public string TimeZone { get; init; } = string.Empty;

    /// <summary>Gets the keys the SDK does not know, with their values as received.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = BounceRecord.EmptyExtraFields;
}
