namespace Mailkit.Reports.Models;

/// <summary>
/// One recipient of a send and the state of its message, as returned by <c>mailkit.report.message.recipients</c>.
/// </summary>
/// <remarks>
/// Every documented key has a typed property; keys the SDK does not know are kept verbatim in <see cref="ExtraFields"/>.
/// Times are Mailkit's naive texts, resolved in <see cref="MailkitClientOptions.ReportTimeZoneId"/>, with the text kept.
/// </remarks>
public sealed record MessageRecipientRecord
{
    /// <summary>Gets the send asked for: Mailkit does not repeat it in the record.</summary>
    public long SendId { get; init; }

    /// <summary>Gets the message's ID (<c>ID_SEND_MESSAGE</c>), or <see langword="null"/> when empty.</summary>
    public long? SendMessageId { get; init; }

    /// <summary>Gets the recipient's ID (<c>ID_EMAIL</c>), or <see langword="null"/> when empty.</summary>
    public long? RecipientId { get; init; }

    /// <summary>Gets the recipient's address (<c>EMAIL</c>); empty when none.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>
    /// Gets when the message was sent (<c>DATE</c>); empty for a message not yet sent, resolved in <see
    /// cref="MailkitClientOptions.ReportTimeZoneId"/>; <see langword="null"/> when empty or not a time.
    /// </summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Gets the text of <see cref="Date"/> exactly as received.</summary>
    public string DateText { get; init; } = string.Empty;

    /// <summary>Gets the message's state (<c>STATUS</c>): <c>sent</c>, <c>failed</c> (bounced), <c>wait</c> or <c>wait_ab</c>; empty when none.</summary>
    public string DeliveryStatus { get; init; } = string.Empty;

    /// <summary>Gets how many times the message was read (<c>READ_COUNT</c>), or <see langword="null"/> when empty.</summary>
    public long? ReadCount { get; init; }

    /// <summary>Gets how many times its links were clicked (<c>CLICK_COUNT</c>), or <see langword="null"/> when empty.</summary>
    public long? ClickCount { get; init; }

    /// <summary>Gets the A/B version (<c>AB_VERSION</c>): <c>A</c>, <c>B</c> or empty; empty when none.</summary>
    public string AbVersion { get; init; } = string.Empty;

    /// <summary>Gets the keys the SDK does not know, with their values as received.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = BounceRecord.EmptyExtraFields;
}
