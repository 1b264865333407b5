using Mailkit.Reports.Models;
using Mailkit.Reports.Pagination;

namespace Mailkit.Reports.Sync;

/// <summary>Raw bounces, the one report whose sync may set aside a record the SDK refuses (<see cref="SyncSettings.SkipInvalidRecords"/>).</summary>
internal sealed class BounceSyncedReport : SyncedReport<RawBouncesRequest, BouncePage>
{
    public static BounceSyncedReport Instance { get; } = new();

    public override string SyncKind => "Bounce";

    public override string FunctionName => BounceReport.Instance.FunctionName;

    public override IAsyncEnumerable<BouncePage> PagesAsync(IMailkitClient client, RawBouncesRequest request, CancellationToken cancellationToken) =>
        client.GetRawBouncePagesAsync(request, cancellationToken);

    public override RawBouncesRequest NextRequestOf(BouncePage page) => page.NextRequest;

    public override int RecordCountOf(BouncePage page) => page.Records.Count;

    public override long? StartIdOf(RawBouncesRequest request) => BounceReport.Instance.StartIdOf(request);

    public override RawBouncesRequest WithPageSize(RawBouncesRequest request, int pageSize) => BounceReport.Instance.WithPageSize(request, pageSize);

    public override int PageSizeOf(RawBouncesRequest request) => BounceReport.Instance.PageSizeOf(request);

    public override bool SameFilter(RawBouncesRequest a, RawBouncesRequest b) => BounceReport.Instance.SameFilter(a, b);

    /// <summary>
    /// The one place that asks the walk to set aside a record it refuses. With <see cref="SyncSettings.SkipInvalidRecords"/>,
    /// such a record arrives in <see cref="BouncePage.SkippedRecords"/> of the page handed to the handler, and the saved
    /// cursor moves past it with the page; without it, the record halts the sync.
    /// </summary>
    public override RawBouncesRequest WithSyncPolicy(RawBouncesRequest request, SyncSettings<RawBouncesRequest> settings) =>
        settings is SyncSettings { SkipInvalidRecords: true } && !request.InvalidRecords.Skips
            ? request with { InvalidRecords = InvalidRecordHandling.Skip() }
            : request;

    /// <summary>A refused bounce is named by its <c>ID_UNDELIVERED_LOG</c>; one without a readable ID is a failure that may heal.</summary>
    public override bool IsRefusedRecord(MailkitProtocolException exception) => exception is { FieldName: not null, UndeliveredLogId: not null };
}
