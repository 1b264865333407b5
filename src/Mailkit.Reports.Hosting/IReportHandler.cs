using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// Receives the new records of a hosted sync of a report paged by record ID (raw messages, raw responses), one page at
/// a time. Registered with <c>AddRawMessageSync&lt;THandler&gt;</c> or <c>AddRawResponseSync&lt;THandler&gt;</c>;
/// resolved from a new dependency-injection scope for every sync cycle, so it may take scoped services such as a
/// <c>DbContext</c>.
/// </summary>
/// <typeparam name="TRecord">The report's record, for example <see cref="RawMessageRecord"/>.</typeparam>
/// <typeparam name="TRequest">The report's request, which is also the sync's cursor, for example <see cref="RawMessagesRequest"/>.</typeparam>
/// <remarks>
/// Delivery works as for <see cref="IBounceHandler"/>: the sync saves <see cref="ReportSyncContext{TRequest}.Cursor"/>
/// in its <see cref="IReportCursorStore{TRequest}"/> after <see cref="HandleAsync"/> returns, and only then, so delivery
/// is at least once. For exactly once, save the page's records and the cursor in one transaction of your own database,
/// and register an <see cref="IReportCursorStore{TRequest}"/> that reads the cursor back from it. A page whose handler
/// throws is handed over again at the next cycle; after <see cref="ReportSyncOptions.MaxHandlerAttempts"/> failures in a
/// row on one page the sync stops and reports Unhealthy.
/// </remarks>
public interface IReportHandler<TRecord, TRequest>
    where TRecord : class
    where TRequest : class
{
    /// <summary>Stores or acts on one page of new records.</summary>
    /// <param name="page">The records, in ascending ID order, and the cursor that continues after them.</param>
    /// <param name="context">The sync, the account, and the cursor to keep with the page.</param>
    /// <param name="cancellationToken">
    /// A token cancelled only when the host stops waiting for the sync (its shutdown timeout): the page in flight is
    /// allowed to complete when the host stops.
    /// </param>
    /// <returns>A task that completes when the page is handled.</returns>
    Task HandleAsync(ReportPage<TRecord, TRequest> page, ReportSyncContext<TRequest> context, CancellationToken cancellationToken);
}
