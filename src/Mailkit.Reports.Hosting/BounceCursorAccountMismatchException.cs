using System.Diagnostics.CodeAnalysis;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// The saved cursor of a sync belongs to another Mailkit account (another endpoint or client ID) than the one the sync
/// now reads. A cursor is an ID in one account's bounce log, so the sync neither continues from it nor starts again by
/// itself: it logs a critical error, reports Unhealthy and makes no call until the account's options change back or
/// the cursor is removed (deleting the cursor starts the sync from <see cref="BounceSyncOptions.StartId"/>).
/// </summary>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Always names both accounts; a store throws it with what it read.")]
public sealed class BounceCursorAccountMismatchException : InvalidOperationException
{
    /// <summary>Initializes a new instance naming the sync, both accounts and where the cursor is kept.</summary>
    /// <param name="syncName">The sync's name.</param>
    /// <param name="savedAccount">The account saved with the cursor.</param>
    /// <param name="currentAccount">The account the sync now reads.</param>
    /// <param name="location">Where the cursor is kept, for example the cursor file's path or a table's name.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public BounceCursorAccountMismatchException(string syncName, MailkitAccount savedAccount, MailkitAccount currentAccount, string location)
        : base($"The cursor of bounce sync '{syncName}' in '{location}' belongs to Mailkit {savedAccount}, but the sync now reads {currentAccount}. "
            + "Restore that account's options, or delete the cursor (or use another cursor store) to start this account from BounceSyncOptions.StartId.")
    {
        ArgumentNullException.ThrowIfNull(syncName);
        ArgumentNullException.ThrowIfNull(savedAccount);
        ArgumentNullException.ThrowIfNull(currentAccount);
        ArgumentNullException.ThrowIfNull(location);
        SyncName = syncName;
        SavedAccount = savedAccount;
        CurrentAccount = currentAccount;
        Location = location;
    }

    /// <summary>Gets the sync's name.</summary>
    public string SyncName { get; }

    /// <summary>Gets the account saved with the cursor.</summary>
    public MailkitAccount SavedAccount { get; }

    /// <summary>Gets the account the sync now reads.</summary>
    public MailkitAccount CurrentAccount { get; }

    /// <summary>Gets where the cursor is kept (a file's path, a table).</summary>
    public string Location { get; }
}
