using System.Globalization;
using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>The reports other than raw bounces that Hosting syncs.</summary>
internal static class HostedReports
{
    public static HostedReport<RawMessageRecord, RawMessagesRequest> RawMessages { get; } = new(
        SyncedReports.RawMessages,
        "raw-messages",
        "raw message",
        "raw messages",
        "AddRawMessageSync",
        static options => options.CreateRawMessagesRequest(),
        static request => BounceSyncKey.DescribeFilter(request.CampaignId, request.SendId));

    public static HostedReport<RawResponseRecord, RawResponsesRequest> RawResponses { get; } = new(
        SyncedReports.RawResponses,
        "raw-responses",
        "raw response",
        "raw responses",
        "AddRawResponseSync",
        static options => options.CreateRawResponsesRequest(),
        static request => BounceSyncKey.DescribeFilter(request.CampaignId, request.SendId)
            + (request.SendMessageId is { } message ? string.Create(CultureInfo.InvariantCulture, $", message {message}") : string.Empty));
}
