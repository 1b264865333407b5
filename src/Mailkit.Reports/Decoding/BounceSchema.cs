using Mailkit.Reports.Models;

namespace Mailkit.Reports.Decoding;

/// <summary>The table of <c>mailkit.report.raw.bounces</c>: its keys are numbered as <see cref="BounceField"/> numbers them.</summary>
internal sealed class BounceSchema : RecordSchema
{
    private BounceSchema()
        : base(
            Transport.MailkitFunctionCall.RawBouncesFunction,
            (int)BounceField.UndeliveredLogId,
            (BounceFieldNames.UndeliveredLogId, FieldKind.Id),
            (BounceFieldNames.CampaignId, FieldKind.Id),
            (BounceFieldNames.SendId, FieldKind.Id),
            (BounceFieldNames.SendMessageId, FieldKind.Id),
            (BounceFieldNames.RecipientId, FieldKind.Id),
            (BounceFieldNames.MailingListId, FieldKind.Id),
            (BounceFieldNames.Email, FieldKind.Email),
            (BounceFieldNames.Status, FieldKind.Status),
            (BounceFieldNames.ServerReply, FieldKind.Text),
            (BounceFieldNames.RemoteMta, FieldKind.Text),
            (BounceFieldNames.RecipientStatus, FieldKind.Text))
    {
    }

    public static BounceSchema Instance { get; } = new();

    /// <summary>The documented keys by length first: the hot path of every bounce decoder.</summary>
    public override int Classify(ReadOnlySpan<byte> key) => (int)BounceFields.Classify(key);

    public override object Build(RecordAssembler values)
    {
        var recipientStatus = values.Text((int)BounceField.RecipientStatus);
        return new BounceRecord
        {
            UndeliveredLogId = values.Id((int)BounceField.UndeliveredLogId)!.Value,
            CampaignId = values.Id((int)BounceField.CampaignId),
            SendId = values.Id((int)BounceField.SendId),
            SendMessageId = values.Id((int)BounceField.SendMessageId),
            RecipientId = values.Id((int)BounceField.RecipientId),
            MailingListId = values.Id((int)BounceField.MailingListId),
            Email = values.Text((int)BounceField.Email),
            Status = values.Status,
            ServerReply = values.Text((int)BounceField.ServerReply),
            RemoteMta = values.Text((int)BounceField.RemoteMta),
            RecipientStatus = RecipientStatusText.Parse(recipientStatus),
            RecipientStatusText = recipientStatus,
            ExtraFields = values.ExtraFields(),
        };
    }
}
