using System.Collections.ObjectModel;
using System.Text;

namespace Mailkit.Reports.Models;

/// <summary>
/// One undelivered recipient ("bounce") as returned by <c>mailkit.report.raw.bounces</c>.
/// </summary>
/// <remarks>
/// Every documented key has a typed property; keys the SDK does not know (for example <c>BOUNCE_CAT</c>
/// or <c>SUBJECT</c>) are kept verbatim in <see cref="ExtraFields"/>. Two records are equal when every
/// property, the extra fields included, is equal.
/// </remarks>
public sealed record BounceRecord
{
    private static readonly IReadOnlyDictionary<string, string> NoExtraFields =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(0, StringComparer.Ordinal));

    /// <summary>Gets the record's ID in the bounce log (<c>ID_UNDELIVERED_LOG</c>): unique, ascending, the pagination key.</summary>
    public required long UndeliveredLogId { get; init; }

    /// <summary>Gets the campaign ID (<c>ID_MESSAGE</c>), or <see langword="null"/> when Mailkit sent an empty value.</summary>
    public long? CampaignId { get; init; }

    /// <summary>Gets the send ID (<c>ID_SEND</c>), or <see langword="null"/> when Mailkit sent an empty value.</summary>
    public long? SendId { get; init; }

    /// <summary>Gets the ID of the individual message (<c>ID_SEND_MESSGE</c>), or <see langword="null"/> when empty.</summary>
    public long? SendMessageId { get; init; }

    /// <summary>Gets the recipient's ID (<c>ID_EMAIL</c>), or <see langword="null"/> when empty.</summary>
    public long? RecipientId { get; init; }

    /// <summary>Gets the mailing-list ID (<c>ID_USER_LIST</c>), or <see langword="null"/> when empty.</summary>
    public long? MailingListId { get; init; }

    /// <summary>Gets the recipient's address (<c>EMAIL</c>) as received; it may hold non-ASCII characters.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>Gets the enhanced SMTP status code (<c>STATUS</c>), or <see langword="null"/> when Mailkit sent an empty value.</summary>
    public EnhancedStatusCode? Status { get; init; }

    /// <summary>Gets the remote server's reply (<c>TEXT_STATUS</c>), for example <c>smtp; 552 4.2.2 User has full mailbox.</c>; empty when none.</summary>
    public string ServerReply { get; init; } = string.Empty;

    /// <summary>Gets the remote mail server (<c>REMOTE_MTA</c>), for example <c>dns; mx1.seznam.cz</c>; empty when none.</summary>
    public string RemoteMta { get; init; } = string.Empty;

    /// <summary>Gets the recipient's status (<c>RECIPIENT_STATUS</c>); <see cref="RecipientStatus.Unknown"/> for an empty or new value.</summary>
    public RecipientStatus RecipientStatus { get; init; }

    /// <summary>Gets <c>RECIPIENT_STATUS</c> exactly as received, including values the SDK does not know.</summary>
    public string RecipientStatusText { get; init; } = string.Empty;

    /// <summary>
    /// Gets the keys the SDK does not know, with their values as received: a string's text, a number's digits,
    /// <c>true</c> or <c>false</c>, an empty string for null, and a nested object or array as its JSON text.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = NoExtraFields;

    internal static IReadOnlyDictionary<string, string> EmptyExtraFields => NoExtraFields;

    /// <inheritdoc />
    public bool Equals(BounceRecord? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && UndeliveredLogId == other.UndeliveredLogId
            && CampaignId == other.CampaignId
            && SendId == other.SendId
            && SendMessageId == other.SendMessageId
            && RecipientId == other.RecipientId
            && MailingListId == other.MailingListId
            && string.Equals(Email, other.Email, StringComparison.Ordinal)
            && Nullable.Equals(Status, other.Status)
            && string.Equals(ServerReply, other.ServerReply, StringComparison.Ordinal)
            && string.Equals(RemoteMta, other.RemoteMta, StringComparison.Ordinal)
            && RecipientStatus == other.RecipientStatus
            && string.Equals(RecipientStatusText, other.RecipientStatusText, StringComparison.Ordinal)
            && ExtraFieldsEqual(ExtraFields, other.ExtraFields);
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(UndeliveredLogId, CampaignId, SendId, Email, RecipientStatus, ExtraFields.Count);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("UndeliveredLogId = ").Append(UndeliveredLogId)
            .Append(", CampaignId = ").Append(CampaignId)
            .Append(", SendId = ").Append(SendId)
            .Append(", Email = ").Append(Email)
            .Append(", Status = ").Append(Status)
            .Append(", RecipientStatus = ").Append(RecipientStatus)
            .Append(", ExtraFields = ").Append(ExtraFields.Count);
        return true;
    }

    private static bool ExtraFieldsEqual(IReadOnlyDictionary<string, string> left, IReadOnlyDictionary<string, string> right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var pair in left)
        {
            if (!right.TryGetValue(pair.Key, out var value) || !string.Equals(pair.Value, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
