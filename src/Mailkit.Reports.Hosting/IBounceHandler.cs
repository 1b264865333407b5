using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// Receives the new bounces of a hosted sync, one page at a time. Registered with <c>AddBounceSync&lt;THandler&gt;</c>;
/// resolved from a new dependency-injection scope for every sync cycle, so it may take scoped services such as a
/// <c>DbContext</c>.
/// </summary>
/// <remarks>
/// <para>
/// The sync saves <see cref="BounceSyncContext.Cursor"/> in its <see cref="IBounceCursorStore"/> after
/// <see cref="HandleAsync"/> returns, and only then. A page whose handler throws is handed over again at the next cycle;
/// after <see cref="BounceSyncOptions.MaxHandlerAttempts"/> failures in a row on one page the sync stops and reports
/// Unhealthy.
/// </para>
/// <para>
/// Delivery is therefore <b>at least once</b>: a page is handed over again only when the process stops (or the cursor
/// store fails) between the handler's return and the cursor's save, so duplicates can only come from the page in
/// flight at a crash. For <b>exactly once</b>, save the page's records and <see cref="BounceSyncContext.Cursor"/> in one
/// transaction of your own database here, and register an <see cref="IBounceCursorStore"/> that reads the cursor back
/// from that database.
/// </para>
/// </remarks>
public interface IBounceHandler
{
    /// <summary>Stores or acts on one page of new bounces.</summary>
    /// <param name="page">The records, in ascending <see cref="BounceRecord.UndeliveredLogId"/> order, and the cursor that continues after them.</param>
    /// <param name="context">The sync, the account, and the cursor to keep with the page.</param>
    /// <param name="cancellationToken">
    /// A token cancelled only when the host stops waiting for the sync (its shutdown timeout): the page in flight is
    /// allowed to complete when the host stops.
    /// </param>
    /// <returns>A task that completes when the page is handled.</returns>
    Task HandleAsync(BouncePage page, BounceSyncContext context, CancellationToken cancellationToken);
}
