namespace Mailkit.Reports.Cli.Report;

/// <summary>A campaign (Mailkit's message ID): its name when campaigns were exported, sent, bounced (dated) and undated.</summary>
internal sealed record CampaignRow(long? MessageId, string? Name, long? Sent, long Bounced, long Undated)
{
    public double? Rate => Sent is > 0 and var sent ? (double)Bounced / sent : null;
}
