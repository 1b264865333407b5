using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Decoding.Schemas;

/// <summary>The table of <c>mailkit.report.raw.responses</c>: its keys as the report spells them, and how each is read.</summary>
internal sealed class RawResponseSchema : RecordSchema
{
    private const int LogIdField = 1;
    private const int SendMessageIdField = 2;
    private const int CampaignIdField = 3;
    private const int SendIdField = 4;
    private const int RecipientIdField = 5;
    private const int MailingListIdField = 6;
    private const int UrlIdField = 7;
    private const int DateField = 8;
    private const int ResponseTypeField = 9;
    private const int EmailField = 10;
    private const int DomainField = 11;
    private const int TldField = 12;
    private const int AbVersionField = 13;
    private const int LinkUrlField = 14;

    private RawResponseSchema()
        : base(
            MailkitFunctionCall.RawResponsesFunction,
            LogIdField,
            ("ID_log", FieldKind.Id),
            ("ID_send_message", FieldKind.Id),
            ("ID_message", FieldKind.Id),
            ("ID_send", FieldKind.Id),
            ("ID_email", FieldKind.Id),
            ("ID_user_list", FieldKind.Id),
            ("ID_url", FieldKind.Id),
            ("date", FieldKind.Date),
            ("type", FieldKind.Text),
            ("email", FieldKind.Email),
            ("domain", FieldKind.Text),
            ("tld", FieldKind.Text),
            ("ab_version", FieldKind.Text),
            ("link_url", FieldKind.Email))
    {
    }

    public static RawResponseSchema Instance { get; } = new();

    public override object Build(RecordAssembler values) => new RawResponseRecord
    {
        LogId = values.Id(LogIdField)!.Value,
        SendMessageId = values.Id(SendMessageIdField),
        CampaignId = values.Id(CampaignIdField),
        SendId = values.Id(SendIdField),
        RecipientId = values.Id(RecipientIdField),
        MailingListId = values.Id(MailingListIdField),
        UrlId = values.Id(UrlIdField),
        Date = values.Date(DateField),
        DateText = values.Text(DateField),
        ResponseType = values.Text(ResponseTypeField),
        Email = values.Text(EmailField),
        Domain = values.Text(DomainField),
        Tld = values.Text(TldField),
        AbVersion = values.Text(AbVersionField),
        LinkUrl = values.Text(LinkUrlField),
        ExtraFields = values.ExtraFields(),
    };
}
