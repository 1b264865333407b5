namespace Mailkit.Reports.Models;

/// <summary>
/// One send of a campaign, as returned by <c>mailkit.report.campaign</c>.
/// </summary>
/// <remarks>
/// Every documented key has a typed property; keys the SDK does not know are kept verbatim in <see cref="ExtraFields"/>.
/// Times are Mailkit's naive texts, resolved in <see cref="MailkitClientOptions.ReportTimeZoneId"/>, with the text kept.
/// </remarks>
public sealed record CampaignSendRecord
{
    /// <summary>Gets the campaign asked for: Mailkit does not repeat it in the record.</summary>
    public long CampaignId { get; init; }

    /// <summary>Gets the send ID (<c>ID_SEND</c>).</summary>
    public required long SendId { get; init; }

    /// <summary>
    /// Gets when the send went out (<c>DATE</c>), resolved in <see cref="MailkitClientOptions.ReportTimeZoneId"/>; <see
    /// langword="null"/> when empty or not a time.
    /// </summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Gets the text of <see cref="Date"/> exactly as received.</summary>
    public string DateText { get; init; } = string.Empty;

    /// <summary>Gets how many messages it sent (<c>SEND_COUNT</c>), or <see langword="null"/> when empty.</summary>
    public long? SendCount { get; init; }

    /// <summary>Gets how many were delivered (<c>DELIVERED_COUNT</c>), or <see langword="null"/> when empty.</summary>
    public long? DeliveredCount { get; init; }

    /// <summary>Gets how many were read (<c>READ_COUNT</c>), or <see langword="null"/> when empty.</summary>
    public long? ReadCount { get; init; }

    /// <summary>Gets the keys the SDK does not know, with their values as received.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = BounceRecord.EmptyExtraFields;
}
