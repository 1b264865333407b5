namespace Mailkit.Reports.Testing.Wire;

/// <summary>The wire kind of each key, per report; a key not named is text.</summary>
internal static class ReportSchemas
{
    /// <summary>raw.messages and raw.responses: every value a string, IDs numbers only with the quirk.</summary>
    public static WireKind Raw(string key) => key.StartsWith("ID_", StringComparison.Ordinal) ? WireKind.TextId : WireKind.Text;

    /// <summary>message.bounces: the IDs are numbers (XML-RPC <c>int</c>).</summary>
    public static WireKind MessageBounces(string key) => key is "ID_EMAIL" or "ID_USER_LIST" or "ID_SEND_MESSAGE" ? WireKind.Number : WireKind.Text;

    /// <summary>message.recipients: strings in JSON, <c>i4</c> in XML-RPC for the IDs and counts.</summary>
    public static WireKind MessageRecipients(string key) =>
        key is "READ_COUNT" or "ID_EMAIL" or "CLICK_COUNT" or "ID_SEND_MESSAGE" ? WireKind.TextCount : WireKind.Text;

    /// <summary>campaigns.list: numbers, booleans and the list of mailing lists as the example types them.</summary>
    public static WireKind CampaignsList(string key) => key switch
    {
        "ID_MESSAGE" or "REPEAT_COUNT" => WireKind.Number,
        "USE_AB" or "TEST_MODE" or "REPEAT" => WireKind.Boolean,
        "USER_LIST" => WireKind.NumberList,
        _ => WireKind.Text,
    };

    /// <summary>report.campaign: the send's ID and counts, strings in JSON and <c>i4</c> in XML-RPC.</summary>
    public static WireKind Campaign(string key) => key == "DATE" ? WireKind.Text : WireKind.TextCount;

    /// <summary>mailinglist.unsubscribed: the group is a string, or an <c>i4</c> over XML-RPC when it is one number.</summary>
    public static WireKind Unsubscribed(string key) => key == "ID_UNSUBSCRIBE_GROUP" ? WireKind.TextOrXmlInt : WireKind.Text;
}
