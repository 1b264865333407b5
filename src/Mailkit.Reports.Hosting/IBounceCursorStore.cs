using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// Keeps the cursor of each hosted sync: the <see cref="RawBouncesRequest"/> to send next, under a
/// <see cref="BounceSyncKey"/> (the sync's name, the account and the filter). Register one as a singleton or a scoped
/// service, optionally keyed by the sync's name, or call <c>UseFileCursorStore(directory)</c> for a
/// <see cref="FileBounceCursorStore"/>. A sync with no store makes no call and reports Unhealthy.
/// </summary>
/// <remarks>
/// <para>
/// The exactly-once pattern: the <see cref="IBounceHandler"/> saves each page's records and
/// <see cref="BounceSyncContext.Cursor"/> in one transaction, <see cref="LoadAsync"/> reads that cursor back, and
/// <see cref="SaveAsync"/> may then do nothing, as the handler has already stored the same value.
/// </para>
/// <para>
/// Keep the key's account with the cursor, and throw <see cref="BounceCursorAccountMismatchException"/> from
/// <see cref="LoadAsync"/> when the saved cursor belongs to another account: a cursor is an ID in one account's log.
/// The filter needs no check of the store's own: the cursor holds its campaign and send, and the sync refuses one that
/// differs from the key's with <see cref="BounceCursorFilterMismatchException"/>.
/// </para>
/// </remarks>
public interface IBounceCursorStore
{
    /// <summary>Reads the cursor of a sync.</summary>
    /// <param name="key">The sync's name, the account it reads and its filter.</param>
    /// <param name="cancellationToken">A token that cancels the read.</param>
    /// <returns>The request to send next, or <see langword="null"/> when the sync has never saved one (its first run).</returns>
    /// <exception cref="BounceCursorAccountMismatchException">The saved cursor belongs to another account.</exception>
    Task<RawBouncesRequest?> LoadAsync(BounceSyncKey key, CancellationToken cancellationToken);

    /// <summary>Saves the cursor of a sync, after the handler has returned for the page it follows.</summary>
    /// <param name="key">The sync's name, the account it reads and its filter.</param>
    /// <param name="cursor">The request to send next.</param>
    /// <param name="cancellationToken">A token that cancels the save.</param>
    /// <returns>A task that completes when the cursor is durable.</returns>
    Task SaveAsync(BounceSyncKey key, RawBouncesRequest cursor, CancellationToken cancellationToken);
}
