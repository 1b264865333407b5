using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Decoding.Schemas;

/// <summary>The table of <c>mailkit.mailinglist.unsubscribed</c>: its keys as the report spells them, and how each is read.</summary>
internal sealed class UnsubscribeSchema : RecordSchema
{
    private const int EmailField = 1;
    private const int DateField = 2;
    private const int UnsubscribeGroupsField = 3;

    private UnsubscribeSchema()
        : base(
            MailkitFunctionCall.UnsubscribedFunction,
            Unknown,
            ("EMAIL", FieldKind.Email),
            ("DATE", FieldKind.Date),
            ("ID_UNSUBSCRIBE_GROUP", FieldKind.IdList))
    {
    }

    public static UnsubscribeSchema Instance { get; } = new();

    public override object Build(RecordAssembler values) => new UnsubscribeRecord
    {
        Email = values.Text(EmailField),
        Date = values.Date(DateField),
        DateText = values.Text(DateField),
        UnsubscribeGroups = NoGroup(values.Text(UnsubscribeGroupsField)),
        ExtraFields = values.ExtraFields(),
    };

    /// <summary>Mailkit sends <c>0</c> or an empty text for "every group"; both are read as empty.</summary>
    private static string NoGroup(string groups) => groups.Trim() is "0" or "" ? string.Empty : groups;
}
