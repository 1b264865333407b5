using Mailkit.Reports.Models;
using Mailkit.Reports.Pagination;

namespace Mailkit.Reports.Sync;

/// <summary>The reports a sync can follow: every report paged by record ID.</summary>
internal static class SyncedReports
{
    /// <summary>Gets <c>mailkit.report.raw.bounces</c>.</summary>
    public static SyncedReport<RawBouncesRequest, BouncePage> RawBounces => BounceSyncedReport.Instance;

    /// <summary>Gets <c>mailkit.report.raw.messages</c>.</summary>
    public static SyncedReport<RawMessagesRequest, ReportPage<RawMessageRecord, RawMessagesRequest>> RawMessages { get; } =
        new PagedSyncedReport<RawMessageRecord, RawMessagesRequest>(
            RawMessagesReport.Instance, "Raw message", static (client, request, cancellationToken) => client.GetRawMessagePagesAsync(request, cancellationToken));

    /// <summary>Gets <c>mailkit.report.raw.responses</c>.</summary>
    public static SyncedReport<RawResponsesRequest, ReportPage<RawResponseRecord, RawResponsesRequest>> RawResponses { get; } =
        new PagedSyncedReport<RawResponseRecord, RawResponsesRequest>(
            RawResponsesReport.Instance, "Raw response", static (client, request, cancellationToken) => client.GetRawResponsePagesAsync(request, cancellationToken));
}
