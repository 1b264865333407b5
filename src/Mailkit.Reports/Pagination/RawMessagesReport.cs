using Mailkit.Reports.Decoding;
using Mailkit.Reports.Decoding.Schemas;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Pagination;

/// <summary><c>mailkit.report.raw.messages</c>, paged by <c>ID_send_message</c>.</summary>
internal sealed class RawMessagesReport : PagedReport<RawMessageRecord, RawMessagesRequest>
{
    public static RawMessagesReport Instance { get; } = new();

    public override RecordSchema Schema => RawMessageSchema.Instance;

    public override long IdOf(RawMessageRecord record) => record.SendMessageId;

    public override long? StartIdOf(RawMessagesRequest request) => request.StartId;

    public override RawMessagesRequest WithStartId(RawMessagesRequest request, long? startId) => request with { StartId = startId };

    public override int PageSizeOf(RawMessagesRequest request) => request.PageSize;

    public override RawMessagesRequest WithPageSize(RawMessagesRequest request, int pageSize) => request with { PageSize = pageSize };

    public override bool SameFilter(RawMessagesRequest a, RawMessagesRequest b) => a.CampaignId == b.CampaignId && a.SendId == b.SendId;

    public override MailkitFunctionCall CallFor(RawMessagesRequest request) => MailkitFunctionCall.ForRawMessages(request);
}
