using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// Keeps the cursor of each hosted sync: the <see cref="RawBouncesRequest"/> to send next. The default is a
/// <see cref="FileBounceCursorStore"/>; register your own (a singleton or a scoped service, optionally keyed by the sync's
/// name) to keep the cursor in your database.
/// </summary>
/// <remarks>
/// The exactly-once pattern: the <see cref="IBounceHandler"/> saves each page's records and
/// <see cref="BouncePage.NextRequest"/> in one transaction, <see cref="LoadAsync(string, CancellationToken)"/> reads that
/// cursor back, and <see cref="SaveAsync(string, RawBouncesRequest, CancellationToken)"/> may then do nothing, as the
/// handler has already stored the same value. A store that also keeps the account (the endpoint and client ID of
/// <see cref="BounceCursorAccount"/>) implements the overloads that take it, so that a sync pointed at another account
/// stops with <see cref="BounceCursorAccountMismatchException"/> instead of continuing from an ID of another log.
/// </remarks>
public interface IBounceCursorStore
{
    /// <summary>
    /// Reads the cursor of a sync. The sync calls <see cref="LoadAsync(string, BounceCursorAccount, CancellationToken)"/>,
    /// whose default implementation calls this method.
    /// </summary>
    /// <param name="syncName">The sync's name: the Mailkit account's name, or <c>default</c>.</param>
    /// <param name="cancellationToken">A token that cancels the read.</param>
    /// <returns>The request to send next, or <see langword="null"/> when the sync has never saved one (its first run).</returns>
    Task<RawBouncesRequest?> LoadAsync(string syncName, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the cursor of a sync, after the handler has returned for the page it follows. The sync calls
    /// <see cref="SaveAsync(string, BounceCursorAccount, RawBouncesRequest, CancellationToken)"/>, whose default
    /// implementation calls this method.
    /// </summary>
    /// <param name="syncName">The sync's name: the Mailkit account's name, or <c>default</c>.</param>
    /// <param name="cursor">The request to send next.</param>
    /// <param name="cancellationToken">A token that cancels the save.</param>
    /// <returns>A task that completes when the cursor is durable.</returns>
    Task SaveAsync(string syncName, RawBouncesRequest cursor, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the cursor of a sync that reads <paramref name="account"/>. The sync calls this overload; a store that keeps
    /// the account with the cursor throws <see cref="BounceCursorAccountMismatchException"/> when the saved cursor belongs
    /// to another account. The default calls <see cref="LoadAsync(string, CancellationToken)"/>, ignoring the account.
    /// </summary>
    /// <param name="syncName">The sync's name: the Mailkit account's name, or <c>default</c>.</param>
    /// <param name="account">The account the sync reads: its endpoint and client ID.</param>
    /// <param name="cancellationToken">A token that cancels the read.</param>
    /// <returns>The request to send next, or <see langword="null"/> when the sync has never saved one (its first run).</returns>
    /// <exception cref="BounceCursorAccountMismatchException">The saved cursor belongs to another account.</exception>
    Task<RawBouncesRequest?> LoadAsync(string syncName, BounceCursorAccount account, CancellationToken cancellationToken) =>
        LoadAsync(syncName, cancellationToken);

    /// <summary>
    /// Saves the cursor of a sync that reads <paramref name="account"/>, after the handler has returned for the page it
    /// follows. The sync calls this overload; the default calls <see cref="SaveAsync(string, RawBouncesRequest, CancellationToken)"/>,
    /// ignoring the account.
    /// </summary>
    /// <param name="syncName">The sync's name: the Mailkit account's name, or <c>default</c>.</param>
    /// <param name="account">The account the sync reads: its endpoint and client ID.</param>
    /// <param name="cursor">The request to send next.</param>
    /// <param name="cancellationToken">A token that cancels the save.</param>
    /// <returns>A task that completes when the cursor is durable.</returns>
    Task SaveAsync(string syncName, BounceCursorAccount account, RawBouncesRequest cursor, CancellationToken cancellationToken) =>
        SaveAsync(syncName, cursor, cancellationToken);
}
