using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>The hosted sync of raw bounces, registered with <c>AddBounceSync</c>.</summary>
internal sealed class BounceSyncService(
    BounceSyncRegistration registration,
    IServiceScopeFactory scopes,
    IOptionsMonitor<BounceSyncOptions> options,
    IOptionsMonitor<MailkitClientOptions> accountOptions,
    BounceSyncStates states,
    BounceSyncMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggerFactory)
    : SyncService<BounceSyncOptions, RawBouncesRequest, BouncePage>(
        SyncedReports.RawBounces, registration, scopes, options, accountOptions, states, metrics, time, loggerFactory)
{
    protected override string RecordKind => "bounces";

    protected override SyncSettings<RawBouncesRequest> Settings(BounceSyncOptions options) =>
        new SyncSettings(options.CreateStartRequest(), options.Interval, options.MaxFailureDelay, options.RefusedRetryInterval, options.MaxHandlerAttempts)
        {
            SkipInvalidRecords = options.SkipInvalidRecords,
        };

    protected override async ValueTask<ISyncSession<RawBouncesRequest, BouncePage>> OpenSessionAsync(
        IServiceScopeFactory scopes, BounceSyncOptions options, MailkitAccount account) =>
        await BounceSyncSession.OpenAsync(
            scopes,
            Registration,
            new BounceSyncKey(Registration.SyncName, account, options.CampaignId, options.SendId),
            Logger).ConfigureAwait(false);
}
