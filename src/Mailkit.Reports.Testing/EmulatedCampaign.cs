using System.Globalization;
using Mailkit.Reports.Testing.Emulation;

namespace Mailkit.Reports.Testing;

/// <summary>One campaign of the emulator's world, as <c>mailkit.campaigns.list</c> sends it.</summary>
public sealed class EmulatedCampaign : EmulatedRecord
{
    internal EmulatedCampaign(long campaignId, string name, string subject, bool useAb, IReadOnlyList<long> userListIds)
    {
        CampaignId = campaignId;
        Name = name;
        Subject = subject;
        UseAb = useAb;
        UserListIds = userListIds;
    }

    /// <summary>Gets <c>ID_MESSAGE</c>, the campaign's ID.</summary>
    public long CampaignId { get; }

    /// <summary>Gets <c>NAME</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the mailing lists the campaign is sent to (<c>USER_LIST</c>).</summary>
    public IReadOnlyList<long> UserListIds { get; }

    /// <summary>Gets when the campaign's first send started (<c>SEND_DATE</c>).</summary>
    public DateTimeOffset FirstSentAt { get; internal set; }

    /// <summary>Gets when the campaign's last send started (<c>LAST_SENT</c>).</summary>
    public DateTimeOffset LastSentAt { get; internal set; }

    internal string Subject { get; }

    internal bool UseAb { get; }

    private protected override List<KeyValuePair<string, string>> BuildFields() =>
    [
        new("NAME", Name),
        new("SUBJECT", Subject),
        new("SUBJECT_B", UseAb ? Subject + " (B)" : string.Empty),
        new("ID_MESSAGE", CampaignId.ToString(CultureInfo.InvariantCulture)),
        new("MSG_TYPE", "email"),
        new("CAMPAIGN_TYPE", "normal"),
        new("TYPE", "single"),
        new("STATUS", "enabled"),
        new("USE_AB", UseAb ? "true" : "false"),
        new("TEST_MODE", "false"),
        new("REPEAT", "false"),
        new("SEND_DATE", PragueTime.Text(FirstSentAt)),
        new("LAST_SENT", PragueTime.Text(LastSentAt)),
        new("TIME_ZONE", PragueTime.ZoneName),
        new("REPEAT_COUNT", "1"),
        new("PERIOD", string.Empty),
        new("DAYS", string.Empty),
        new("USER_LIST", string.Join(',', UserListIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))),
    ];
}
