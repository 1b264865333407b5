using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// The settings of one hosted sync of a report paged by record ID, registered with <c>AddRawMessageSync&lt;THandler&gt;</c>
/// or <c>AddRawResponseSync&lt;THandler&gt;</c>, or bound from configuration. The options are named after the sync
/// (for example <c>default.raw-messages</c>), so <c>services.Configure&lt;ReportSyncOptions&gt;("default.raw-messages", …)</c>
/// configures it.
/// </summary>
/// <remarks>
/// Checked when the app starts and read again at every cycle, as <see cref="BounceSyncOptions"/> are: a value out of
/// range stops the start with a message that names it; a reload with one is logged as a critical error, and the sync
/// keeps its last valid options, makes no call and reports Unhealthy until it is fixed.
/// </remarks>
public sealed class ReportSyncOptions
{
    /// <summary>Gets or sets the time from the end of one cycle to the start of the next, when the cycle succeeded.</summary>
    /// <value>The default is 15 minutes (<see cref="BounceSyncOptions.DefaultInterval"/>).</value>
    public TimeSpan Interval { get; set; } = BounceSyncOptions.DefaultInterval;

    /// <summary>
    /// Gets or sets the longest wait after failed cycles. After <c>n</c> failures in a row the next cycle starts after
    /// <c>Interval × 2^(n-1)</c>, at most this, and never less than <see cref="Interval"/>.
    /// </summary>
    /// <value>The default is 1 hour.</value>
    public TimeSpan MaxFailureDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how long the sync waits before trying again after it stopped (access refused, invalid options, or a
    /// failure that waiting cannot heal). A change of the sync's or the account's options ends the wait at once.
    /// </summary>
    /// <value>The default is 6 hours; <see langword="null"/> waits for a change of the options only.</value>
    public TimeSpan? RefusedRetryInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Gets or sets the ID of the first record the sync hands over on its first run, when its store holds no cursor yet.</summary>
    /// <value>The default is <see langword="null"/>: from the beginning of the report.</value>
    public long? StartId { get; set; }

    /// <summary>
    /// Gets or sets the campaign to sync (<c>ID_message</c>). The saved cursor is for one filter: when this or
    /// <see cref="SendId"/> differs from the cursor's, the sync stops with <see cref="ReportCursorMismatchException"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/>: every campaign.</value>
    public long? CampaignId { get; set; }

    /// <summary>Gets or sets the send to sync (<c>ID_send</c>); like <see cref="CampaignId"/>, it must match the saved cursor's.</summary>
    /// <value>The default is <see langword="null"/>: every send.</value>
    public long? SendId { get; set; }

    /// <summary>Gets or sets the number of records asked for in one call, from 1 to <see cref="RawBouncesRequest.MaxPageSize"/>; it also applies to a saved cursor.</summary>
    /// <value>The default is <see cref="RawBouncesRequest.MaxPageSize"/> (25 000).</value>
    public int PageSize { get; set; } = RawBouncesRequest.MaxPageSize;

    /// <summary>Gets or sets how many times in a row the handler may fail on one page before the sync stops.</summary>
    /// <value>The default is 5 (<see cref="BounceSyncOptions.DefaultMaxHandlerAttempts"/>); from 1 to 100.</value>
    public int MaxHandlerAttempts { get; set; } = BounceSyncOptions.DefaultMaxHandlerAttempts;

    /// <summary>The request a raw-message sync starts from when its store holds no cursor yet.</summary>
    /// <returns>A request with <see cref="StartId"/>, <see cref="CampaignId"/>, <see cref="SendId"/> and <see cref="PageSize"/>.</returns>
    public RawMessagesRequest CreateRawMessagesRequest() =>
        new() { StartId = StartId, CampaignId = CampaignId, SendId = SendId, PageSize = PageSize };

    /// <summary>The request a raw-response sync starts from when its store holds no cursor yet.</summary>
    /// <returns>A request with <see cref="StartId"/>, <see cref="CampaignId"/>, <see cref="SendId"/> and <see cref="PageSize"/>.</returns>
    public RawResponsesRequest CreateRawResponsesRequest() =>
        new() { StartId = StartId, CampaignId = CampaignId, SendId = SendId, PageSize = PageSize };
}
