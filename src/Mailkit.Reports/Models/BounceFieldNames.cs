namespace Mailkit.Reports.Models;

/// <summary>
/// The keys of a raw bounce record as Mailkit sends them (upper case, including the API's own spelling of
/// <see cref="SendMessageId"/>).
/// </summary>
public static class BounceFieldNames
{
    /// <summary><c>ID_UNDELIVERED_LOG</c>: the record's ID in the bounce log, the pagination key.</summary>
    public const string UndeliveredLogId = "ID_UNDELIVERED_LOG";

    /// <summary><c>ID_MESSAGE</c>: the campaign ID.</summary>
    public const string CampaignId = "ID_MESSAGE";

    /// <summary><c>ID_SEND</c>: the send (campaign delivery) ID.</summary>
    public const string SendId = "ID_SEND";

    /// <summary><c>ID_SEND_MESSGE</c>: the ID of the individual message (misspelt in the API itself).</summary>
    public const string SendMessageId = "ID_SEND_MESSGE";

    /// <summary><c>ID_EMAIL</c>: the recipient's ID.</summary>
    public const string RecipientId = "ID_EMAIL";

    /// <summary><c>ID_USER_LIST</c>: the mailing-list ID.</summary>
    public const string MailingListId = "ID_USER_LIST";

    /// <summary><c>EMAIL</c>: the recipient's address.</summary>
    public const string Email = "EMAIL";

    /// <summary><c>STATUS</c>: the enhanced SMTP status code.</summary>
    public const string Status = "STATUS";

    /// <summary><c>TEXT_STATUS</c>: the remote server's reply.</summary>
    public const string ServerReply = "TEXT_STATUS";

    /// <summary><c>REMOTE_MTA</c>: the remote mail server.</summary>
    public const string RemoteMta = "REMOTE_MTA";

    /// <summary><c>RECIPIENT_STATUS</c>: <c>permanent</c> or <c>temporary</c>.</summary>
    public const string RecipientStatus = "RECIPIENT_STATUS";

    /// <summary>
    /// <c>BOUNCE_CAT</c>: Mailkit's own category of the bounce, for example <c>bad-mailbox</c>. Mailkit sends it, but it is
    /// not one of the documented keys: it is kept in <see cref="BounceRecord.ExtraFields"/>, and is not in <see cref="All"/>.
    /// </summary>
    public const string BounceCategory = "BOUNCE_CAT";

    /// <summary>Gets every documented key, in the order of Mailkit's documentation.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        UndeliveredLogId, CampaignId, SendId, SendMessageId, RecipientId, MailingListId,
        Email, Status, ServerReply, RemoteMta, RecipientStatus,
    ];
}
