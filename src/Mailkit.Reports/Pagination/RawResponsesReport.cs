using Mailkit.Reports.Decoding;
using Mailkit.Reports.Decoding.Schemas;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Pagination;

/// <summary><c>mailkit.report.raw.responses</c>, paged by <c>ID_log</c>.</summary>
internal sealed class RawResponsesReport : PagedReport<RawResponseRecord, RawResponsesRequest>
{
    public static RawResponsesReport Instance { get; } = new();

    public override RecordSchema Schema => RawResponseSchema.Instance;

    public override long IdOf(RawResponseRecord record) => record.LogId;

    public override long? StartIdOf(RawResponsesRequest request) => request.StartId;

    public override RawResponsesRequest WithStartId(RawResponsesRequest request, long? startId) => request with { StartId = startId };

    public override int PageSizeOf(RawResponsesRequest request) => request.PageSize;

    public override RawResponsesRequest WithPageSize(RawResponsesRequest request, int pageSize) => request with { PageSize = pageSize };

    public override bool SameFilter(RawResponsesRequest a, RawResponsesRequest b) => a.CampaignId == b.CampaignId && a.SendId == b.SendId && a.SendMessageId == b.SendMessageId;

    public override MailkitFunctionCall CallFor(RawResponsesRequest request) => MailkitFunctionCall.ForRawResponses(request);
}
