using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Decoding.Schemas;

/// <summary>The table of <c>mailkit.report.message.bounces</c>: its keys as the report spells them, and how each is read.</summary>
internal sealed class MessageBounceSchema : RecordSchema
{
    private const int SendMessageIdField = 1;
    private const int RecipientIdField = 2;
    private const int MailingListIdField = 3;
    private const int EmailField = 4;
    private const int DateField = 5;
    private const int StatusField = 6;
    private const int EmailStatusField = 7;

    private MessageBounceSchema()
        : base(
            MailkitFunctionCall.MessageBouncesFunction,
            Unknown,
            ("ID_SEND_MESSAGE", FieldKind.Id),
            ("ID_EMAIL", FieldKind.Id),
            ("ID_USER_LIST", FieldKind.Id),
            ("EMAIL", FieldKind.Email),
            ("DATE", FieldKind.Date),
            ("STATUS", FieldKind.Status),
            ("EMAIL_STATUS", FieldKind.Text))
    {
    }

    public static MessageBounceSchema Instance { get; } = new();

    public override object Build(RecordAssembler values) => new MessageBounceRecord
    {
        SendMessageId = values.Id(SendMessageIdField),
        RecipientId = values.Id(RecipientIdField),
        MailingListId = values.Id(MailingListIdField),
        Email = values.Text(EmailField),
        Date = values.Date(DateField),
        DateText = values.Text(DateField),
        Status = values.Status,
        EmailStatus = values.Text(EmailStatusField),
        ExtraFields = values.ExtraFields(),
    };
}
