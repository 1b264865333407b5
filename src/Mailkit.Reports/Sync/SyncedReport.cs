using Mailkit.Reports.Pagination;

namespace Mailkit.Reports.Sync;

/// <summary>
/// What the <see cref="SyncEngine{TRequest, TPage}"/> needs to know of one report paged by record ID: how to walk its
/// pages with a client, the cursor each page ends at, and how a cursor is compared. The cursor arithmetic is the
/// report's own (<see cref="PagedReport{TRecord, TRequest}"/>); the instances are in <see cref="SyncedReports"/>.
/// </summary>
/// <typeparam name="TRequest">The report's request, which is also the sync's cursor.</typeparam>
/// <typeparam name="TPage">The page the client's page walk yields and the handler receives.</typeparam>
internal abstract class SyncedReport<TRequest, TPage>
    where TRequest : class
    where TPage : class
{
    /// <summary>Gets what the sync is called in logs and messages, for example <c>Bounce</c> in <c>Bounce sync 'eu'</c>.</summary>
    public abstract string SyncKind { get; }

    /// <summary>Gets the Mailkit function the sync reads, for example <c>mailkit.report.raw.messages</c>.</summary>
    public abstract string FunctionName { get; }

    /// <summary>Walks the pages from <paramref name="request"/> on.</summary>
    public abstract IAsyncEnumerable<TPage> PagesAsync(IMailkitClient client, TRequest request, CancellationToken cancellationToken);

    /// <summary>Gets the cursor that follows a page.</summary>
    public abstract TRequest NextRequestOf(TPage page);

    /// <summary>Gets the number of records a page hands over.</summary>
    public abstract int RecordCountOf(TPage page);

    /// <summary>Gets the ID a cursor continues from, or <see langword="null"/> for the beginning.</summary>
    public abstract long? StartIdOf(TRequest request);

    /// <summary>Gets the same cursor asking for another number of records.</summary>
    public abstract TRequest WithPageSize(TRequest request, int pageSize);

    /// <summary>Gets the number of records a request asks for.</summary>
    public abstract int PageSizeOf(TRequest request);

    /// <summary>Gets a value indicating whether two cursors are of the same query (campaign, send and other filters).</summary>
    public abstract bool SameFilter(TRequest a, TRequest b);

    /// <summary>Gets the cursor a cycle walks from, with the sync's policies applied; the default applies none.</summary>
    public virtual TRequest WithSyncPolicy(TRequest request, SyncSettings<TRequest> settings) => request;

    /// <summary>
    /// Gets a value indicating whether a failure is a record the SDK refuses: Mailkit sends it on every call, so asking
    /// again cannot heal it and the sync halts at it.
    /// </summary>
    public virtual bool IsRefusedRecord(MailkitProtocolException exception) => exception is { FieldName: not null, IsIncomplete: false };
}
