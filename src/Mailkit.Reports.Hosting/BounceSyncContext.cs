using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting;

/// <summary>What an <see cref="IBounceHandler"/> knows about the page it is handed: which sync, which account, and the cursor to keep with it.</summary>
public sealed class BounceSyncContext
{
    /// <summary>Initializes a context, for example to test a handler.</summary>
    /// <param name="key">The sync, the account and the filter.</param>
    /// <param name="cursor">The cursor that follows the page: the page's <see cref="BouncePage.NextRequest"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public BounceSyncContext(BounceSyncKey key, RawBouncesRequest cursor)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(cursor);
        Key = key;
        Cursor = cursor;
    }

    /// <summary>Gets the key the sync's cursor is kept under: the sync's name, the account and the filter.</summary>
    public BounceSyncKey Key { get; }

    /// <summary>Gets the sync's name: the account's name, or <c>default</c> for the account registered without one.</summary>
    public string SyncName => Key.SyncName;

    /// <summary>Gets the Mailkit account the page comes from.</summary>
    public MailkitAccount Account => Key.Account;

    /// <summary>
    /// Gets the cursor to store with the page's records for exactly-once delivery: the request that continues after the
    /// page. The sync saves it in its <see cref="IBounceCursorStore"/> after the handler returns.
    /// </summary>
    public RawBouncesRequest Cursor { get; }
}
