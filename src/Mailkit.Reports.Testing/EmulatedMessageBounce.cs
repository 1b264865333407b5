using System.Globalization;
using Mailkit.Reports.Testing.Emulation;

namespace Mailkit.Reports.Testing;

/// <summary>
/// One bounce of the emulator's world as <c>mailkit.report.message.bounces</c> sends it for its send (with its date,
/// without <c>ID_SEND</c>); the same bounce is in <c>mailkit.report.raw.bounces</c> as <see cref="UndeliveredLogId"/>.
/// </summary>
public sealed class EmulatedMessageBounce : EmulatedRecord
{
    internal EmulatedMessageBounce(EmulatedMessage message, DateTimeOffset bouncedAt)
    {
        Message = message;
        BouncedAt = bouncedAt;
    }

    /// <summary>Gets the bounce's <c>ID_UNDELIVERED_LOG</c> in <c>mailkit.report.raw.bounces</c>.</summary>
    public long UndeliveredLogId { get; internal set; }

    /// <summary>Gets <c>ID_SEND_MESSAGE</c>, the message that bounced.</summary>
    public long SendMessageId => Message.SendMessageId;

    /// <summary>Gets the send the bounce belongs to (the <c>ID_send</c> it is asked for by).</summary>
    public long SendId => Message.SendId;

    /// <summary>Gets <c>EMAIL</c>.</summary>
    public string Email => Message.Email;

    /// <summary>Gets when the message bounced (<c>DATE</c>).</summary>
    public DateTimeOffset BouncedAt { get; }

    /// <summary>Gets <c>STATUS</c>, the enhanced status code (for example <c>5.1.1</c>), or <c>""</c>.</summary>
    public string Status { get; internal set; } = string.Empty;

    /// <summary>Gets <c>EMAIL_STATUS</c>: <c>permanent</c> or <c>temporary</c>.</summary>
    public string EmailStatus { get; internal set; } = string.Empty;

    internal EmulatedMessage Message { get; }

    private protected override List<KeyValuePair<string, string>> BuildFields() =>
    [
        new("EMAIL", Email),
        new("ID_EMAIL", Text(Message.EmailId)),
        new("ID_USER_LIST", Text(Message.Send.Campaign.UserListIds[0])),
        new("ID_SEND_MESSAGE", Text(SendMessageId)),
        new("DATE", PragueTime.Text(BouncedAt)),
        new("STATUS", Status),
        new("EMAIL_STATUS", EmailStatus),
    ];

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
