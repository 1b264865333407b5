namespace Mailkit.Reports.Hosting;

/// <summary>
/// Keeps the cursor of each hosted sync of a report paged by record ID: the request to send next, under a
/// <see cref="ReportSyncKey"/> (the sync's name, the account and the report). Register one as a singleton or a scoped
/// service, optionally keyed by the sync's name, or call <c>UseFileCursorStore(directory)</c>, whose
/// <see cref="FileBounceCursorStore"/> keeps the cursors of every report. A sync with no store makes no call and reports
/// Unhealthy.
/// </summary>
/// <typeparam name="TRequest">The report's request, for example <see cref="Models.RawMessagesRequest"/>.</typeparam>
/// <remarks>
/// The exactly-once pattern is that of <see cref="IBounceCursorStore"/>: the handler saves each page's records and
/// <see cref="ReportSyncContext{TRequest}.Cursor"/> in one transaction, <see cref="LoadAsync"/> reads that cursor back,
/// and <see cref="SaveAsync"/> may then do nothing. Keep the key's account and report with the cursor, and throw
/// <see cref="ReportCursorMismatchException"/> from <see cref="LoadAsync"/> when the saved cursor belongs to another.
/// </remarks>
public interface IReportCursorStore<TRequest>
    where TRequest : class
{
    /// <summary>Reads the cursor of a sync.</summary>
    /// <param name="key">The sync's name, the account it reads and the report.</param>
    /// <param name="cancellationToken">A token that cancels the read.</param>
    /// <returns>The request to send next, or <see langword="null"/> when the sync has never saved one (its first run).</returns>
    /// <exception cref="ReportCursorMismatchException">The saved cursor belongs to another account or report.</exception>
    Task<TRequest?> LoadAsync(ReportSyncKey key, CancellationToken cancellationToken);

    /// <summary>Saves the cursor of a sync, after the handler has returned for the page it follows.</summary>
    /// <param name="key">The sync's name, the account it reads and the report.</param>
    /// <param name="cursor">The request to send next.</param>
    /// <param name="cancellationToken">A token that cancels the save.</param>
    /// <returns>A task that completes when the cursor is durable.</returns>
    Task SaveAsync(ReportSyncKey key, TRequest cursor, CancellationToken cancellationToken);
}
