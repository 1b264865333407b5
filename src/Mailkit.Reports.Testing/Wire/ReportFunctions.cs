namespace Mailkit.Reports.Testing.Wire;

/// <summary>The functions the emulator serves beside raw bounces, and the positional order of each one's XML-RPC parameters.</summary>
internal static class ReportFunctions
{
    public const string RawMessages = "mailkit.report.raw.messages";
    public const string RawResponses = "mailkit.report.raw.responses";
    public const string MessageBounces = "mailkit.report.message.bounces";
    public const string MessageRecipients = "mailkit.report.message.recipients";
    public const string CampaignsList = "mailkit.campaigns.list";
    public const string Campaign = "mailkit.report.campaign";
    public const string Unsubscribed = "mailkit.mailinglist.unsubscribed";

    private static readonly string[] RawBouncesOrder = ["ID_message", "ID_send", "ID_undelivered_log", "limit"];

    /// <summary>
    /// The names of the parameters that follow the client ID and the md5 in an XML-RPC call of <paramref name="function"/>,
    /// in order; an unknown function is read as raw bounces are.
    /// </summary>
    public static IReadOnlyList<string> PositionalOrder(string? function) => function switch
    {
        RawMessages => ["ID_message", "ID_send", "ID_send_message", "limit"],
        RawResponses => ["ID_message", "ID_send", "ID_send_message", "ID_log", "limit"],
        MessageBounces or MessageRecipients => ["ID_send"],
        CampaignsList => ["ID_message"],
        Campaign => ["ID_message", "range_from", "range_to"],
        Unsubscribed => ["range_from"],
        _ => RawBouncesOrder,
    };
}
