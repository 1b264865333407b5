using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>The hosted sync of a report paged by record ID other than raw bounces (raw messages, raw responses).</summary>
internal sealed class ReportSyncService<TRecord, TRequest>(
    HostedReport<TRecord, TRequest> report,
    BounceSyncRegistration registration,
    IServiceScopeFactory scopes,
    IOptionsMonitor<ReportSyncOptions> options,
    IOptionsMonitor<MailkitClientOptions> accountOptions,
    BounceSyncStates states,
    BounceSyncMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggerFactory)
    : SyncService<ReportSyncOptions, TRequest, ReportPage<TRecord, TRequest>>(
        report.Report, registration, scopes, options, accountOptions, states, metrics, time, loggerFactory)
    where TRecord : class
    where TRequest : class
{
    protected override string RecordKind => report.RecordKind;

    protected override SyncSettings<TRequest> Settings(ReportSyncOptions options) =>
        new(report.StartRequest(options), options.Interval, options.MaxFailureDelay, options.RefusedRetryInterval, options.MaxHandlerAttempts);

    protected override async ValueTask<ISyncSession<TRequest, ReportPage<TRecord, TRequest>>> OpenSessionAsync(
        IServiceScopeFactory scopes, ReportSyncOptions options, MailkitAccount account) =>
        await ReportSyncSession<TRecord, TRequest>.OpenAsync(
            scopes,
            Registration,
            report,
            new ReportSyncKey(Registration.SyncName, account, report.Report.FunctionName)).ConfigureAwait(false);
}
