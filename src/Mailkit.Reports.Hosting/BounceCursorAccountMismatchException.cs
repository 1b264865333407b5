namespace Mailkit.Reports.Hosting;

/// <summary>
/// The saved cursor of a sync belongs to another Mailkit account (another endpoint or client ID) than the one the sync
/// now reads. A cursor is an ID in one account's bounce log, so the sync neither continues from it nor starts again by
/// itself: it logs a critical error, reports Unhealthy and makes no call until the account's options change back or
/// the cursor is removed (deleting the cursor starts the sync from <see cref="BounceSyncOptions.StartId"/>).
/// </summary>
public sealed class BounceCursorAccountMismatchException : InvalidOperationException
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public BounceCursorAccountMismatchException()
        : this("The bounce cursor belongs to another Mailkit account.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public BounceCursorAccountMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public BounceCursorAccountMismatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance naming the sync, both accounts and where the cursor is kept.</summary>
    /// <param name="syncName">The sync's name.</param>
    /// <param name="savedAccount">The account saved with the cursor.</param>
    /// <param name="currentAccount">The account the sync now reads.</param>
    /// <param name="location">Where the cursor is kept, for example the cursor file's path.</param>
    public BounceCursorAccountMismatchException(string syncName, BounceCursorAccount savedAccount, BounceCursorAccount currentAccount, string location)
        : base($"The cursor of bounce sync '{syncName}' in '{location}' belongs to Mailkit {savedAccount}, but the sync now reads {currentAccount}. "
            + "Restore that account's options, or delete the cursor (or use another cursor folder) to start this account from BounceSyncOptions.StartId.")
    {
        SyncName = syncName;
        SavedAccount = savedAccount;
        CurrentAccount = currentAccount;
        Location = location;
    }

    /// <summary>Gets the sync's name, or <see langword="null"/> when none was given.</summary>
    public string? SyncName { get; }

    /// <summary>Gets the account saved with the cursor, or <see langword="null"/> when none was given.</summary>
    public BounceCursorAccount? SavedAccount { get; }

    /// <summary>Gets the account the sync now reads, or <see langword="null"/> when none was given.</summary>
    public BounceCursorAccount? CurrentAccount { get; }

    /// <summary>Gets where the cursor is kept (a file's path, a table), or <see langword="null"/> when none was given.</summary>
    public string? Location { get; }
}
