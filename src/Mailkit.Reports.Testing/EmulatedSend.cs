using System.Globalization;
using Mailkit.Reports.Testing.Emulation;

namespace Mailkit.Reports.Testing;

/// <summary>One send (delivery) of a campaign in the emulator's world, as <c>mailkit.report.campaign</c> sends its row.</summary>
public sealed class EmulatedSend : EmulatedRecord
{
    internal EmulatedSend(long sendId, EmulatedCampaign campaign, DateTimeOffset sentAt)
    {
        SendId = sendId;
        Campaign = campaign;
        SentAt = sentAt;
    }

    /// <summary>Gets <c>ID_SEND</c>.</summary>
    public long SendId { get; }

    /// <summary>Gets the campaign's ID (<c>ID_MESSAGE</c>).</summary>
    public long CampaignId => Campaign.CampaignId;

    /// <summary>Gets when the send started (<c>DATE</c>).</summary>
    public DateTimeOffset SentAt { get; internal set; }

    /// <summary>
    /// Gets a value indicating whether <c>mailkit.report.raw.messages</c> no longer holds the send's messages (an old send);
    /// its bounces stay in <c>mailkit.report.raw.bounces</c> and find no message there.
    /// </summary>
    public bool Pruned { get; internal set; }

    internal EmulatedCampaign Campaign { get; }

    internal int SendCount { get; set; }

    internal int DeliveredCount { get; set; }

    internal int ReadCount { get; set; }

    private protected override List<KeyValuePair<string, string>> BuildFields() =>
    [
        new("ID_SEND", SendId.ToString(CultureInfo.InvariantCulture)),
        new("DATE", PragueTime.Text(SentAt)),
        new("SEND_COUNT", SendCount.ToString(CultureInfo.InvariantCulture)),
        new("DELIVERED_COUNT", DeliveredCount.ToString(CultureInfo.InvariantCulture)),
        new("READ_COUNT", ReadCount.ToString(CultureInfo.InvariantCulture)),
    ];
}
