using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// The settings of one hosted bounce sync, registered with <c>AddBounceSync&lt;THandler&gt;</c> on the builder that
/// <c>AddMailkitClient</c> returns, or bound from configuration (for example the <c>Mailkit:Sync</c> section).
/// </summary>
/// <remarks>
/// Checked when the app starts: a value out of range stops the start with a message that names it. The values are read
/// again at every cycle, so a configuration reload applies from the next cycle. A reload with a value out of range is
/// logged as a critical error naming the setting; the sync keeps its last valid options, makes no call and reports
/// Unhealthy until the value is fixed, and the host keeps running. The options of the sync registered without a name
/// are the unnamed ones (<see cref="Microsoft.Extensions.Options.Options.DefaultName"/>), so
/// <c>services.Configure&lt;BounceSyncOptions&gt;(…)</c> configures it.
/// </remarks>
public sealed class BounceSyncOptions
{
    /// <summary>The default <see cref="Interval"/>: 15 minutes.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);

    /// <summary>The default <see cref="MaxHandlerAttempts"/>: 5.</summary>
    public const int DefaultMaxHandlerAttempts = 5;

    /// <summary>The longest <see cref="Interval"/>, <see cref="MaxFailureDelay"/> or <see cref="RefusedRetryInterval"/> accepted: 30 days.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(30);

    /// <summary>Gets or sets the time from the end of one cycle to the start of the next, when the cycle succeeded.</summary>
    /// <value>The default is 15 minutes: 4 calls an hour while there are no new bounces.</value>
    public TimeSpan Interval { get; set; } = DefaultInterval;

    /// <summary>
    /// Gets or sets the longest wait after failed cycles. After <c>n</c> failures in a row (network, timeout, HTTP 5xx, rate
    /// limited, a response that cannot be read, the handler or the cursor store failing) the next cycle starts after
    /// <c>Interval × 2^(n-1)</c>, at most this, and never less than <see cref="Interval"/>.
    /// </summary>
    /// <value>The default is 1 hour.</value>
    public TimeSpan MaxFailureDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how long the sync waits before trying again after it stopped: Mailkit refused the credentials or the
    /// caller's IP address, the options are invalid, or a failure that waiting cannot heal (a cursor it cannot use, a
    /// record the SDK refuses, the handler failing on one page <see cref="MaxHandlerAttempts"/> times). A change of the
    /// sync's or the account's options (a configuration reload) ends the wait at once. A retry after a stop at a cursor
    /// makes no call while the cursor is the same.
    /// </summary>
    /// <value>The default is 6 hours; <see langword="null"/> waits for a change of the options only.</value>
    public TimeSpan? RefusedRetryInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Gets or sets the ID of the first record the sync hands over on its first run, when its store holds no cursor yet.</summary>
    /// <value>The default is <see langword="null"/>: from the beginning of the bounce log.</value>
    public long? StartId { get; set; }

    /// <summary>
    /// Gets or sets the campaign to sync (<c>ID_message</c>). The saved cursor is for one filter: when this or
    /// <see cref="SendId"/> differs from the cursor's, the sync stops with <see cref="BounceCursorFilterMismatchException"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/>: every campaign.</value>
    public long? CampaignId { get; set; }

    /// <summary>Gets or sets the send to sync (<c>ID_send</c>); like <see cref="CampaignId"/>, it must match the saved cursor's.</summary>
    /// <value>The default is <see langword="null"/>: every send.</value>
    public long? SendId { get; set; }

    /// <summary>Gets or sets the number of records asked for in one call, from 1 to <see cref="RawBouncesRequest.MaxPageSize"/>; it also applies to a saved cursor.</summary>
    /// <value>The default is <see cref="RawBouncesRequest.MaxPageSize"/> (25 000).</value>
    public int PageSize { get; set; } = RawBouncesRequest.MaxPageSize;

    /// <summary>
    /// Gets or sets how many times in a row the handler may fail on one page before the sync stops: it then logs a
    /// critical error, reports Unhealthy and makes no call until the options change or its cursor is changed.
    /// </summary>
    /// <value>The default is 5; from 1 to 100.</value>
    public int MaxHandlerAttempts { get; set; } = DefaultMaxHandlerAttempts;

    /// <summary>
    /// Gets or sets a value indicating whether a record the SDK refuses (a value it cannot accept, such as an ID that is
    /// not a non-negative integer) is set aside instead of stopping the sync. A record set aside arrives in
    /// <see cref="BouncePage.SkippedRecords"/> of the page handed to <see cref="IBounceHandler.HandleAsync"/>: store it
    /// (for example in a dead-letter table) in the same transaction as the page and its cursor, and each is reported
    /// exactly once. The sync logs each at Warning, with its ID and field name, and stays healthy.
    /// </summary>
    /// <value>
    /// The default is <see langword="false"/>: such a record stops the sync at it, with a critical log naming the record
    /// and the field, until the cursor is moved past it or the options change.
    /// </value>
    public bool SkipInvalidRecords { get; set; }

    /// <summary>The request a sync starts from when its store holds no cursor yet.</summary>
    /// <returns>A request with <see cref="StartId"/>, <see cref="CampaignId"/>, <see cref="SendId"/> and <see cref="PageSize"/>.</returns>
    public RawBouncesRequest CreateStartRequest() =>
        new() { StartId = StartId, CampaignId = CampaignId, SendId = SendId, PageSize = PageSize };
}
