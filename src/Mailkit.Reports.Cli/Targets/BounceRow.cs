using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>A record's documented fields as the targets store them: the IDs as numbers, the texts as the API sent them.</summary>
internal sealed record BounceRow(
    long UndeliveredLogId,
    long? CampaignId,
    long? SendId,
    long? SendMessageId,
    long? RecipientId,
    long? MailingListId,
    string Email,
    string Status,
    string ServerReply,
    string RemoteMta,
    string RecipientStatus)
{
    /// <summary>The documented keys of <see cref="Ids"/>, in the same order.</summary>
    public static readonly IReadOnlyList<string> IdFields =
    [
        BounceFieldNames.UndeliveredLogId, BounceFieldNames.CampaignId, BounceFieldNames.SendId,
        BounceFieldNames.SendMessageId, BounceFieldNames.RecipientId, BounceFieldNames.MailingListId,
    ];

    /// <summary>The documented keys of <see cref="Texts"/>, in the same order.</summary>
    public static readonly IReadOnlyList<string> TextFields =
    [
        BounceFieldNames.Email, BounceFieldNames.Status, BounceFieldNames.ServerReply, BounceFieldNames.RemoteMta, BounceFieldNames.RecipientStatus,
    ];

    /// <summary>Gets the IDs, in the order of <see cref="IdFields"/>.</summary>
    public IReadOnlyList<long?> Ids => [UndeliveredLogId, CampaignId, SendId, SendMessageId, RecipientId, MailingListId];

    /// <summary>Gets the texts, in the order of <see cref="TextFields"/>; empty for a field the record lacks.</summary>
    public IReadOnlyList<string> Texts => [Email, Status, ServerReply, RemoteMta, RecipientStatus];

    public static BounceRow Of(BounceRecord record) => new(
        record.UndeliveredLogId,
        record.CampaignId,
        record.SendId,
        record.SendMessageId,
        record.RecipientId,
        record.MailingListId,
        record.Email,
        record.Status?.Text ?? string.Empty,
        record.ServerReply,
        record.RemoteMta,
        record.RecipientStatusText);
}
