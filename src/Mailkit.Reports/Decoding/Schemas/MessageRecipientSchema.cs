using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Decoding.Schemas;

/// <summary>The table of <c>mailkit.report.message.recipients</c>: its keys as the report spells them, and how each is read.</summary>
internal sealed class MessageRecipientSchema : RecordSchema
{
    private const int SendMessageIdField = 1;
    private const int RecipientIdField = 2;
    private const int EmailField = 3;
    private const int DateField = 4;
    private const int DeliveryStatusField = 5;
    private const int ReadCountField = 6;
    private const int ClickCountField = 7;
    private const int AbVersionField = 8;

    private MessageRecipientSchema()
        : base(
            MailkitFunctionCall.MessageRecipientsFunction,
            Unknown,
            ("ID_SEND_MESSAGE", FieldKind.Id),
            ("ID_EMAIL", FieldKind.Id),
            ("EMAIL", FieldKind.Email),
            ("DATE", FieldKind.Date),
            ("STATUS", FieldKind.Text),
            ("READ_COUNT", FieldKind.Id),
            ("CLICK_COUNT", FieldKind.Id),
            ("AB_VERSION", FieldKind.Text))
    {
    }

    public static MessageRecipientSchema Instance { get; } = new();

    public override object Build(RecordAssembler values) => new MessageRecipientRecord
    {
        SendMessageId = values.Id(SendMessageIdField),
        RecipientId = values.Id(RecipientIdField),
        Email = values.Text(EmailField),
        Date = values.Date(DateField),
        DateText = values.Text(DateField),
        DeliveryStatus = values.Text(DeliveryStatusField),
        ReadCount = values.Id(ReadCountField),
        ClickCount = values.Id(ClickCountField),
        AbVersion = values.Text(AbVersionField),
        ExtraFields = values.ExtraFields(),
    };
}
