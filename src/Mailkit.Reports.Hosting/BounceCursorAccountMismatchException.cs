using System.Diagnostics.CodeAnalysis;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// The saved cursor of a sync belongs to another Mailkit account (another endpoint or client ID) than the one the sync
/// now reads. A cursor is an ID in one account's bounce log, so the sync neither continues from it nor starts again by
/// itself: it logs a critical error, reports Unhealthy and makes no call until the account's options change back or
/// the cursor is removed (deleting the cursor starts the sync from <see cref="BounceSyncOptions.StartId"/>).
/// </summary>
/// <param name="syncName">The sync's name.</param>
/// <param name="savedAccount">The account saved with the cursor.</param>
/// <param name="currentAccount">The account the sync now reads.</param>
/// <param name="location">Where the cursor is kept, for example the cursor file's path or a table's name.</param>
/// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Always names both accounts; a store throws it with what it read.")]
public sealed class BounceCursorAccountMismatchException(string syncName, MailkitAccount savedAccount, MailkitAccount currentAccount, string location)
    : InvalidOperationException(
        $"The cursor of bounce sync '{syncName}' in '{location}' belongs to Mailkit {savedAccount}, but the sync now reads {currentAccount}. "
        + "Restore that account's options, or delete the cursor (or use another cursor store) to start this account from BounceSyncOptions.StartId.")
{
    /// <summary>Gets the sync's name.</summary>
    public string SyncName { get; } = syncName ?? throw new ArgumentNullException(nameof(syncName));

    /// <summary>Gets the account saved with the cursor.</summary>
    public MailkitAccount SavedAccount { get; } = savedAccount ?? throw new ArgumentNullException(nameof(savedAccount));

    /// <summary>Gets the account the sync now reads.</summary>
    public MailkitAccount CurrentAccount { get; } = currentAccount ?? throw new ArgumentNullException(nameof(currentAccount));

    /// <summary>Gets where the cursor is kept (a file's path, a table).</summary>
    public string Location { get; } = location ?? throw new ArgumentNullException(nameof(location));
}
