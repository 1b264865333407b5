using Mailkit.Reports.Decoding;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Pagination;

/// <summary><c>mailkit.report.raw.bounces</c>, paged by <c>ID_UNDELIVERED_LOG</c>.</summary>
internal sealed class BounceReport : PagedReport<BounceRecord, RawBouncesRequest>
{
    public static BounceReport Instance { get; } = new();

    public override RecordSchema Schema => BounceSchema.Instance;

    public override long IdOf(BounceRecord record) => record.UndeliveredLogId;

    public override long? StartIdOf(RawBouncesRequest request) => request.StartId;

    public override RawBouncesRequest WithStartId(RawBouncesRequest request, long? startId) => request with { StartId = startId };

    public override int PageSizeOf(RawBouncesRequest request) => request.PageSize;

    public override RawBouncesRequest WithPageSize(RawBouncesRequest request, int pageSize) => request with { PageSize = pageSize };

    public override bool SameFilter(RawBouncesRequest a, RawBouncesRequest b) => a.CampaignId == b.CampaignId && a.SendId == b.SendId;

    public override InvalidRecordHandling InvalidRecordsOf(RawBouncesRequest request) => request.InvalidRecords;

    public override MailkitFunctionCall CallFor(RawBouncesRequest request) => MailkitFunctionCall.ForRawBounces(request);
}
