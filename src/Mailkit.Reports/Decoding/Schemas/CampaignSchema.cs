using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Decoding.Schemas;

/// <summary>The table of <c>mailkit.campaigns.list</c>: its keys as the report spells them, and how each is read.</summary>
internal sealed class CampaignSchema : RecordSchema
{
    private const int CampaignIdField = 1;
    private const int NameField = 2;
    private const int SubjectField = 3;
    private const int MessageTypeField = 4;
    private const int CampaignTypeField = 5;
    private const int CampaignStatusField = 6;
    private const int SendDateField = 7;
    private const int LastSentField = 8;
    private const int TimeZoneField = 9;

    private CampaignSchema()
        : base(
            MailkitFunctionCall.CampaignsListFunction,
            CampaignIdField,
            ("ID_MESSAGE", FieldKind.Id),
            ("NAME", FieldKind.Email),
            ("SUBJECT", FieldKind.Email),
            ("MSG_TYPE", FieldKind.Text),
            ("CAMPAIGN_TYPE", FieldKind.Text),
            ("STATUS", FieldKind.Text),
            ("SEND_DATE", FieldKind.Date),
            ("LAST_SENT", FieldKind.Date),
            ("TIME_ZONE", FieldKind.Text))
    {
    }

    public static CampaignSchema Instance { get; } = new();

    public override object Build(RecordAssembler values) => new CampaignRecord
    {
        CampaignId = values.Id(CampaignIdField)!.Value,
        Name = values.Text(NameField),
        Subject = values.Text(SubjectField),
        MessageType = values.Text(MessageTypeField),
        CampaignType = values.Text(CampaignTypeField),
        CampaignStatus = values.Text(CampaignStatusField),
        SendDate = values.Date(SendDateField),
        SendDateText = values.Text(SendDateField),
        LastSent = values.Date(LastSentField),
        LastSentText = values.Text(LastSentField),
        TimeZone = values.Text(TimeZoneField),
        MailingListIds = MailingLists(values),
        ExtraFields = values.ExtraFields(),
    };

    /// <summary>
    /// Reads <c>USER_LIST</c> (kept among the extra fields, as its shape differs by transport): every run of digits is an
    /// ID, except one that follows a letter, such as the 4 of an XML-RPC <c>&lt;i4&gt;</c> tag in a list kept as its XML.
    /// </summary>
    private static long[] MailingLists(RecordAssembler values)
    {
        var extras = values.ExtraFields();
        if (!extras.TryGetValue("USER_LIST", out var text) && !extras.TryGetValue("user_list", out text))
        {
            return [];
        }

        var ids = new List<long>();
        foreach (System.Text.RegularExpressions.ValueMatch match in System.Text.RegularExpressions.Regex.EnumerateMatches(text, "(?<![A-Za-z0-9])[0-9]{1,18}"))
        {
            ids.Add(long.Parse(text.AsSpan(match.Index, match.Length), System.Globalization.CultureInfo.InvariantCulture));
        }

        return [.. ids];
    }
}
