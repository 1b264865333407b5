using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Decoding.Schemas;

/// <summary>The table of <c>mailkit.report.raw.messages</c>: its keys as the report spells them, and how each is read.</summary>
internal sealed class RawMessageSchema : RecordSchema
{
    private const int SendMessageIdField = 1;
    private const int CampaignIdField = 2;
    private const int SendIdField = 3;
    private const int MailingListIdField = 4;
    private const int RecipientIdField = 5;
    private const int TemplateIdField = 6;
    private const int MessageTypeField = 7;
    private const int EmailField = 8;
    private const int EmailDateField = 9;
    private const int MessageDateField = 10;
    private const int DateSentField = 11;
    private const int AbVersionField = 12;
    private const int MessageStatusField = 13;
    private const int TldField = 14;
    private const int DomainField = 15;

    private RawMessageSchema()
        : base(
            MailkitFunctionCall.RawMessagesFunction,
            SendMessageIdField,
            ("ID_send_message", FieldKind.Id),
            ("ID_message", FieldKind.Id),
            ("ID_send", FieldKind.Id),
            ("ID_user_list", FieldKind.Id),
            ("ID_email", FieldKind.Id),
            ("ID_template", FieldKind.Id),
            ("type_message", FieldKind.Text),
            ("email", FieldKind.Email),
            ("email_date", FieldKind.Date),
            ("message_date", FieldKind.Date),
            ("date_sent", FieldKind.Date),
            ("ab_version", FieldKind.Text),
            ("message_status", FieldKind.Text),
            ("tld", FieldKind.Text),
            ("domain", FieldKind.Text))
    {
    }

    public static RawMessageSchema Instance { get; } = new();

    public override object Build(RecordAssembler values) => new RawMessageRecord
    {
        SendMessageId = values.Id(SendMessageIdField)!.Value,
        CampaignId = values.Id(CampaignIdField),
        SendId = values.Id(SendIdField),
        MailingListId = values.Id(MailingListIdField),
        RecipientId = values.Id(RecipientIdField),
        TemplateId = values.Id(TemplateIdField),
        MessageType = values.Text(MessageTypeField),
        Email = values.Text(EmailField),
        EmailDate = values.Date(EmailDateField),
        EmailDateText = values.Text(EmailDateField),
        MessageDate = values.Date(MessageDateField),
        MessageDateText = values.Text(MessageDateField),
        DateSent = values.Date(DateSentField),
        DateSentText = values.Text(DateSentField),
        AbVersion = values.Text(AbVersionField),
        MessageStatus = values.Text(MessageStatusField),
        Tld = values.Text(TldField),
        Domain = values.Text(DomainField),
        ExtraFields = values.ExtraFields(),
    };
}
