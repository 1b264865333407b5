namespace Mailkit.Reports.Testing.Emulation;

/// <summary>A message as <c>mailkit.report.message.recipients</c> sends it.</summary>
internal sealed class RecipientRow(EmulatedMessage message) : EmulatedRecord
{
    private protected override List<KeyValuePair<string, string>> BuildFields() => message.RecipientFields();
}
