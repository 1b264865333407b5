namespace Mailkit.Reports.Models;

/// <summary>
/// One unsubscription, as returned by <c>mailkit.mailinglist.unsubscribed</c>. An address that unsubscribed twice comes twice.
/// </summary>
/// <remarks>
/// Every documented key has a typed property; keys the SDK does not know are kept verbatim in <see cref="ExtraFields"/>.
/// Times are Mailkit's naive texts, resolved in <see cref="MailkitClientOptions.ReportTimeZoneId"/>, with the text kept.
/// </remarks>
public sealed record UnsubscribeRecord
{
    /// <summary>Gets the text that identifies the unsubscription: its address, time and groups, as received.</summary>
    public string Key => string.Concat(Email, "\n", DateText, "\n", UnsubscribeGroups);

    /// <summary>Gets the address (<c>EMAIL</c>), or a phone number; empty when none.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>
    /// Gets when the recipient unsubscribed (<c>DATE</c>), resolved in <see
    /// cref="MailkitClientOptions.ReportTimeZoneId"/>; <see langword="null"/> when empty or not a time.
    /// </summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Gets the text of <see cref="Date"/> exactly as received.</summary>
    public string DateText { get; init; } = string.Empty;

    /// <summary>Gets the unsubscribe groups (<c>ID_UNSUBSCRIBE_GROUP</c>), comma-separated; empty (also when Mailkit sends <c>0</c>) for every group; empty when none.</summary>
    public string UnsubscribeGroups { get; init; } = string.Empty;

    /// <summary>Gets the keys the SDK does not know, with their values as received.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = BounceRecord.EmptyExtraFields;
}
