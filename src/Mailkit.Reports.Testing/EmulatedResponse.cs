using System.Globalization;
using Mailkit.Reports.Testing.Emulation;

namespace Mailkit.Reports.Testing;

/// <summary>One reaction of a recipient to a message in the emulator's world, as <c>mailkit.report.raw.responses</c> sends it.</summary>
public sealed class EmulatedResponse : EmulatedRecord
{
    internal EmulatedResponse(EmulatedMessage message, string type, DateTimeOffset at, long? urlId, string linkUrl)
    {
        Message = message;
        Type = type;
        At = at;
        UrlId = urlId;
        LinkUrl = linkUrl;
    }

    /// <summary>Gets <c>ID_log</c>, the record's ID and the report's cursor.</summary>
    public long LogId { get; internal set; }

    /// <summary>Gets <c>ID_send_message</c>, the message reacted to.</summary>
    public long SendMessageId => Message.SendMessageId;

    /// <summary>Gets <c>ID_send</c>.</summary>
    public long SendId => Message.SendId;

    /// <summary>Gets <c>ID_message</c>, the campaign's ID.</summary>
    public long CampaignId => Message.CampaignId;

    /// <summary>Gets <c>email</c>.</summary>
    public string Email => Message.Email;

    /// <summary>Gets <c>type</c>: <c>open</c>, <c>click</c> or <c>unsubscribe</c>.</summary>
    public string Type { get; }

    /// <summary>Gets when the recipient reacted (<c>date</c>).</summary>
    public DateTimeOffset At { get; }

    internal EmulatedMessage Message { get; }

    internal long? UrlId { get; }

    internal string LinkUrl { get; }

    private protected override List<KeyValuePair<string, string>> BuildFields() =>
    [
        new("ID_log", Text(LogId)),
        new("date", PragueTime.Text(At)),
        new("email", Email),
        new("ID_email", Text(Message.EmailId)),
        new("ID_user_list", Text(Message.Send.Campaign.UserListIds[0])),
        new("ID_message", Text(CampaignId)),
        new("ID_send", Text(SendId)),
        new("ID_send_message", Text(SendMessageId)),
        new("ab_version", Message.AbVersion),
        new("domain", Message.Domain),
        new("tld", Message.Domain[(Message.Domain.LastIndexOf('.') + 1)..]),
        new("type", Type),
        new("ID_url", UrlId is { } url ? Text(url) : string.Empty),
        new("link_url", LinkUrl),
        new("link_type", Type == "click" ? "link" : string.Empty),
    ];

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
