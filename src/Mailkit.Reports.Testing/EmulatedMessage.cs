using System.Globalization;
using Mailkit.Reports.Testing.Emulation;

namespace Mailkit.Reports.Testing;

/// <summary>One message to one recipient in one send of the emulator's world, as <c>mailkit.report.raw.messages</c> sends it.</summary>
public sealed class EmulatedMessage : EmulatedRecord
{
    internal EmulatedMessage(long sendMessageId, EmulatedSend send, WorldAddress address, DateTimeOffset? sentAt, string recipientStatus, string abVersion)
    {
        SendMessageId = sendMessageId;
        Send = send;
        Address = address;
        SentAt = sentAt;
        RecipientStatus = recipientStatus;
        AbVersion = abVersion;
    }

    /// <summary>Gets <c>ID_send_message</c>.</summary>
    public long SendMessageId { get; }

    /// <summary>Gets <c>ID_send</c>.</summary>
    public long SendId => Send.SendId;

    /// <summary>Gets <c>ID_message</c>, the campaign's ID.</summary>
    public long CampaignId => Send.CampaignId;

    /// <summary>Gets <c>ID_email</c>, the ID of the recipient's address.</summary>
    public long EmailId => Address.EmailId;

    /// <summary>Gets <c>email</c>.</summary>
    public string Email => Address.Email;

    /// <summary>Gets <c>domain</c>, the recipient's domain.</summary>
    public string Domain => Address.Domain;

    /// <summary>Gets when the message left (<c>date_sent</c>), or <see langword="null"/> while it waits to be sent.</summary>
    public DateTimeOffset? SentAt { get; }

    /// <summary>Gets a value indicating whether <c>mailkit.report.raw.messages</c> no longer holds the message (see <see cref="EmulatedSend.Pruned"/>).</summary>
    public bool Pruned => Send.Pruned;

    /// <summary>Gets the recipient's state as <c>mailkit.report.message.recipients</c> gives it: <c>sent</c>, <c>failed</c>, <c>wait</c> or <c>wait_ab</c>.</summary>
    public string RecipientStatus { get; internal set; }

    internal EmulatedSend Send { get; }

    internal WorldAddress Address { get; }

    internal string AbVersion { get; }

    internal int ReadCount { get; set; }

    internal int ClickCount { get; set; }

    private protected override List<KeyValuePair<string, string>> BuildFields()
    {
        var campaign = Send.Campaign;
        var fields = new List<KeyValuePair<string, string>>(21)
        {
            new("ID_message", Text(CampaignId)),
            new("ID_send", Text(SendId)),
            new("ID_send_message", Text(SendMessageId)),
            new("ID_user_list", Text(campaign.UserListIds[0])),
            new("ID_email", Text(EmailId)),
            new("ID_template", string.Empty),
            new("type_message", "email"),
            new("email", Email),
            new("email_date", PragueTime.Text(Address.AddedAt)),
            new("message_date", PragueTime.Text(Send.SentAt)),
            new("date_sent", PragueTime.Text(SentAt)),
            new("ab_version", AbVersion),
            new("message_status", SentAt is null ? "wait" : "sent"),
            new("tld", Domain[(Domain.LastIndexOf('.') + 1)..]),
            new("domain", Domain),
            new("custom_1", Address.FirstName),
            new("custom_2", string.Empty),
            new("custom_3", string.Empty),
            new("custom_4", string.Empty),
        };
        if (SendMessageId % 7 == 0)
        {
            // A key outside the documented ones, as some accounts send.
            fields.Add(new("s_country", "CZ"));
        }

        return fields;
    }

    /// <summary>The row of <c>mailkit.report.message.recipients</c> for this message.</summary>
    internal List<KeyValuePair<string, string>> RecipientFields() =>
    [
        new("DATE", PragueTime.Text(SentAt)),
        new("READ_COUNT", Text(ReadCount)),
        new("STATUS", RecipientStatus),
        new("ID_EMAIL", Text(EmailId)),
        new("EMAIL", Email),
        new("CLICK_COUNT", Text(ClickCount)),
        new("ID_SEND_MESSAGE", Text(SendMessageId)),
        new("AB_VERSION", AbVersion),
    ];

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
