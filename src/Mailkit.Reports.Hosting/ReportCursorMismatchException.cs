using System.Diagnostics.CodeAnalysis;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// The saved cursor of a report sync belongs to another Mailkit account, another report or another filter (campaign,
/// send) than the sync now reads. A cursor is an ID in one account's log of one report, for one filter, so the sync
/// neither continues from it nor starts again by itself: it logs a critical error, reports Unhealthy and makes no call
/// until the options change back or the cursor is removed (deleting it starts the sync from
/// <see cref="ReportSyncOptions.StartId"/>).
/// </summary>
/// <param name="syncName">The sync's name.</param>
/// <param name="saved">What the cursor was saved for, for example <c>client 1 at https://api.mailkit.eu/json.fcgi</c> or <c>campaign 5, every send</c>.</param>
/// <param name="current">What the sync now reads, described the same way.</param>
/// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Always names what the cursor was saved for and what the sync reads.")]
public sealed class ReportCursorMismatchException(string syncName, string saved, string current)
    : InvalidOperationException(
        $"The cursor of sync '{syncName}' was saved for {saved}, but the sync now reads {current}. Restore the sync's or the "
        + "account's options, or delete the cursor (or use another cursor store) to start from ReportSyncOptions.StartId.")
{
    /// <summary>Gets the sync's name.</summary>
    public string SyncName { get; } = syncName ?? throw new ArgumentNullException(nameof(syncName));

    /// <summary>Gets what the cursor was saved for: an account, a report or a filter.</summary>
    public string Saved { get; } = saved ?? throw new ArgumentNullException(nameof(saved));

    /// <summary>Gets what the sync now reads, described as <see cref="Saved"/> is.</summary>
    public string Current { get; } = current ?? throw new ArgumentNullException(nameof(current));
}
