using Mailkit.Reports.Models;
using Mailkit.Reports.Pagination;

namespace Mailkit.Reports.Sync;

/// <summary>A report whose client walk yields <see cref="ReportPage{TRecord, TRequest}"/>: raw messages, raw responses.</summary>
internal sealed class PagedSyncedReport<TRecord, TRequest>(
    PagedReport<TRecord, TRequest> report,
    string syncKind,
    Func<IMailkitClient, TRequest, CancellationToken, IAsyncEnumerable<ReportPage<TRecord, TRequest>>> pages)
    : SyncedReport<TRequest, ReportPage<TRecord, TRequest>>
    where TRecord : class
    where TRequest : class
{
    public override string SyncKind => syncKind;

    public override string FunctionName => report.FunctionName;

    public override IAsyncEnumerable<ReportPage<TRecord, TRequest>> PagesAsync(IMailkitClient client, TRequest request, CancellationToken cancellationToken) =>
        pages(client, request, cancellationToken);

    public override TRequest NextRequestOf(ReportPage<TRecord, TRequest> page) => page.NextRequest;

    public override int RecordCountOf(ReportPage<TRecord, TRequest> page) => page.Records.Count;

    public override long? StartIdOf(TRequest request) => report.StartIdOf(request);

    public override TRequest WithPageSize(TRequest request, int pageSize) => report.WithPageSize(request, pageSize);

    public override int PageSizeOf(TRequest request) => report.PageSizeOf(request);

    public override bool SameFilter(TRequest a, TRequest b) => report.SameFilter(a, b);
}
