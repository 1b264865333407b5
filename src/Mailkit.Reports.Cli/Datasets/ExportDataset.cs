namespace Mailkit.Reports.Cli.Datasets;

/// <summary>What <c>export --dataset</c> can export; each has its own tables (or files) and its own checkpoint.</summary>
internal enum ExportDataset
{
    /// <summary><c>mailkit.report.raw.bounces</c> into <c>raw_bounces</c>.</summary>
    Bounces,

    /// <summary><c>mailkit.report.raw.messages</c> into <c>raw_messages</c>.</summary>
    Messages,

    /// <summary><c>mailkit.report.raw.responses</c> into <c>raw_responses</c>.</summary>
    Responses,

    /// <summary><c>mailkit.mailinglist.unsubscribed</c> into <c>unsubscribes</c>.</summary>
    Unsubscribes,

    /// <summary><c>mailkit.campaigns.list</c>, each campaign's sends and each send's bounces into <c>campaigns</c>, <c>campaign_sends</c> and <c>message_bounces</c>.</summary>
    Campaigns,
}
