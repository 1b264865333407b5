namespace Mailkit.Reports.Decoding;

/// <summary>A documented field of a record; <see cref="Unknown"/> for every other key, which is kept as an extra field.</summary>
internal enum BounceField
{
    Unknown = 0,
    UndeliveredLogId,
    CampaignId,
    SendId,
    SendMessageId,
    RecipientId,
    MailingListId,
    Email,
    Status,
    ServerReply,
    RemoteMta,
    RecipientStatus,
}
