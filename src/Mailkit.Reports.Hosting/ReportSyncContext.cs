namespace Mailkit.Reports.Hosting;

/// <summary>
/// What an <see cref="IReportHandler{TRecord, TRequest}"/> knows about the page it is handed: which sync, which account
/// and report, and the cursor to keep with it.
/// </summary>
/// <typeparam name="TRequest">The report's request, which is also the sync's cursor.</typeparam>
public sealed class ReportSyncContext<TRequest>
    where TRequest : class
{
    /// <summary>Initializes a context, for example to test a handler.</summary>
    /// <param name="key">The sync, the account and the report.</param>
    /// <param name="cursor">The cursor that follows the page: the page's <c>NextRequest</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ReportSyncContext(ReportSyncKey key, TRequest cursor)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(cursor);
        Key = key;
        Cursor = cursor;
    }

    /// <summary>Gets the key the sync's cursor is kept under: the sync's name, the account and the report.</summary>
    public ReportSyncKey Key { get; }

    /// <summary>Gets the sync's name, for example <c>default.raw-messages</c>.</summary>
    public string SyncName => Key.SyncName;

    /// <summary>Gets the Mailkit account the page comes from.</summary>
    public MailkitAccount Account => Key.Account;

    /// <summary>
    /// Gets the cursor to store with the page's records for exactly-once delivery: the request that continues after the
    /// page. The sync saves it in its <see cref="IReportCursorStore{TRequest}"/> after the handler returns.
    /// </summary>
    public TRequest Cursor { get; }
}
