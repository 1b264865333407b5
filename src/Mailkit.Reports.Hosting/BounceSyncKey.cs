using System.Globalization;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// What a saved cursor belongs to: the sync, the Mailkit account it reads and the filter (campaign, send) it asks for.
/// A cursor is an ID in one account's bounce log, for one filter, so an <see cref="IBounceCursorStore"/> keeps it under
/// this key, or keeps the key with it and refuses a cursor saved under another.
/// </summary>
/// <param name="syncName">The sync's name: the account's name, or <c>default</c> for the account registered without one.</param>
/// <param name="account">The Mailkit account the sync reads.</param>
/// <param name="campaignId">The campaign the sync asks for (<see cref="BounceSyncOptions.CampaignId"/>), or <see langword="null"/> for every campaign.</param>
/// <param name="sendId">The send the sync asks for (<see cref="BounceSyncOptions.SendId"/>), or <see langword="null"/> for every send.</param>
/// <exception cref="ArgumentNullException"><paramref name="syncName"/> or <paramref name="account"/> is <see langword="null"/>.</exception>
/// <exception cref="ArgumentException"><paramref name="syncName"/> is empty.</exception>
public sealed class BounceSyncKey(string syncName, MailkitAccount account, long? campaignId, long? sendId) : IEquatable<BounceSyncKey>
{
    /// <summary>Gets the sync's name.</summary>
    public string SyncName { get; } = syncName switch
    {
        null => throw new ArgumentNullException(nameof(syncName)),
        "" => throw new ArgumentException("The sync's name must not be empty.", nameof(syncName)),
        _ => syncName,
    };

    /// <summary>Gets the Mailkit account the sync reads.</summary>
    public MailkitAccount Account { get; } = account ?? throw new ArgumentNullException(nameof(account));

    /// <summary>Gets the campaign the sync asks for, or <see langword="null"/> for every campaign.</summary>
    public long? CampaignId => campaignId;

    /// <summary>Gets the send the sync asks for, or <see langword="null"/> for every send.</summary>
    public long? SendId => sendId;

    /// <inheritdoc/>
    public bool Equals(BounceSyncKey? other) =>
        other is not null
        && string.Equals(SyncName, other.SyncName, StringComparison.Ordinal)
        && Account.Equals(other.Account)
        && CampaignId == other.CampaignId
        && SendId == other.SendId;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BounceSyncKey);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(SyncName), Account, CampaignId, SendId);

    /// <summary>Describes the key as <c>sync 'eu', client 123 at https://api.mailkit.eu/json.fcgi, campaign 5, every send</c>.</summary>
    /// <returns>The sync's name, the account and the filter.</returns>
    public override string ToString() => $"sync '{SyncName}', {Account}, {DescribeFilter(CampaignId, SendId)}";

    /// <summary>Describes a filter as <c>campaign 5, every send</c>.</summary>
    internal static string DescribeFilter(long? campaignId, long? sendId) => string.Create(
        CultureInfo.InvariantCulture,
        $"{(campaignId is { } c ? $"campaign {c}" : "every campaign")}, {(sendId is { } s ? $"send {s}" : "every send")}");
}
