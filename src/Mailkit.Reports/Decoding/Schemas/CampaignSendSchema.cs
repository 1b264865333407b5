using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Decoding.Schemas;

/// <summary>The table of <c>mailkit.report.campaign</c>: its keys as the report spells them, and how each is read.</summary>
internal sealed class CampaignSendSchema : RecordSchema
{
    private const int SendIdField = 1;
    private const int DateField = 2;
    private const int SendCountField = 3;
    private const int DeliveredCountField = 4;
    private const int ReadCountField = 5;

    private CampaignSendSchema()
        : base(
            MailkitFunctionCall.CampaignReportFunction,
            SendIdField,
            ("ID_SEND", FieldKind.Id),
            ("DATE", FieldKind.Date),
            ("SEND_COUNT", FieldKind.Id),
            ("DELIVERED_COUNT", FieldKind.Id),
            ("READ_COUNT", FieldKind.Id))
    {
    }

    public static CampaignSendSchema Instance { get; } = new();

    public override object Build(RecordAssembler values) => new CampaignSendRecord
    {
        SendId = values.Id(SendIdField)!.Value,
        Date = values.Date(DateField),
        DateText = values.Text(DateField),
        SendCount = values.Id(SendCountField),
        DeliveredCount = values.Id(DeliveredCountField),
        ReadCount = values.Id(ReadCountField),
        ExtraFields = values.ExtraFields(),
    };
}
