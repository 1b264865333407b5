using System.Diagnostics.CodeAnalysis;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// The saved cursor of a sync was saved for another filter (<see cref="BounceSyncOptions.CampaignId"/>,
/// <see cref="BounceSyncOptions.SendId"/>) than the one the sync now asks for. The cursor is a point in that filter's
/// results, so the sync neither continues from it nor starts again by itself: it logs a critical error, reports
/// Unhealthy and makes no call until the filter is restored or the cursor is removed (deleting it starts the new filter
/// from <see cref="BounceSyncOptions.StartId"/>).
/// </summary>
/// <param name="syncName">The sync's name.</param>
/// <param name="savedCampaignId">The campaign the cursor was saved for, or <see langword="null"/> for every campaign.</param>
/// <param name="savedSendId">The send the cursor was saved for, or <see langword="null"/> for every send.</param>
/// <param name="campaignId">The campaign the sync now asks for, or <see langword="null"/> for every campaign.</param>
/// <param name="sendId">The send the sync now asks for, or <see langword="null"/> for every send.</param>
/// <exception cref="ArgumentNullException"><paramref name="syncName"/> is <see langword="null"/>.</exception>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Always names both filters.")]
public sealed class BounceCursorFilterMismatchException(string syncName, long? savedCampaignId, long? savedSendId, long? campaignId, long? sendId)
    : InvalidOperationException(
        $"The cursor of bounce sync '{syncName}' was saved for {BounceSyncKey.DescribeFilter(savedCampaignId, savedSendId)}, "
        + $"but the sync now asks for {BounceSyncKey.DescribeFilter(campaignId, sendId)}. Restore BounceSyncOptions.CampaignId and SendId, "
        + "or delete the cursor (or use another cursor store) to start the new filter from BounceSyncOptions.StartId.")
{
    /// <summary>Gets the sync's name.</summary>
    public string SyncName { get; } = syncName ?? throw new ArgumentNullException(nameof(syncName));

    /// <summary>Gets the campaign the cursor was saved for, or <see langword="null"/> for every campaign.</summary>
    public long? SavedCampaignId => savedCampaignId;

    /// <summary>Gets the send the cursor was saved for, or <see langword="null"/> for every send.</summary>
    public long? SavedSendId => savedSendId;

    /// <summary>Gets the campaign the sync now asks for, or <see langword="null"/> for every campaign.</summary>
    public long? CampaignId => campaignId;

    /// <summary>Gets the send the sync now asks for, or <see langword="null"/> for every send.</summary>
    public long? SendId => sendId;
}
