using Mailkit.Reports.Hosting.Diagnostics;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>
/// One sync hosted as a <see cref="BackgroundService"/>: it reads the options, runs the SDK's
/// <see cref="SyncEngine{TRequest, TPage}"/> for one cycle, records and logs how the cycle ended, and waits. No failure
/// ends the host, an invalid options reload included: the sync keeps its last valid options and waits for a valid
/// change. The report's own parts (its options, its session) are the subclass's.
/// </summary>
/// <typeparam name="TOptions">The sync's options.</typeparam>
/// <typeparam name="TRequest">The report's request, which is also the sync's cursor.</typeparam>
/// <typeparam name="TPage">The page the handler receives.</typeparam>
internal abstract class SyncService<TOptions, TRequest, TPage> : BackgroundService
    where TOptions : class, new()
    where TRequest : class
    where TPage : class
{
    private readonly BounceSyncRegistration _registration;
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptionsMonitor<TOptions> _options;
    private readonly IOptionsMonitor<MailkitClientOptions> _accountOptions;
    private readonly BounceSyncState _state;
    private readonly BounceSyncMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SyncEngine<TRequest, TPage> _engine;
    private readonly CancellationTokenSource _abandon = new();
    private readonly IDisposable? _syncOptionsChange;
    private readonly IDisposable? _accountOptionsChange;
    private TaskCompletionSource _optionsChanged = NewSignal();
    private TOptions _lastValidOptions = new();

    protected SyncService(
        SyncedReport<TRequest, TPage> report,
        BounceSyncRegistration registration,
        IServiceScopeFactory scopes,
        IOptionsMonitor<TOptions> options,
        IOptionsMonitor<MailkitClientOptions> accountOptions,
        BounceSyncStates states,
        BounceSyncMetrics metrics,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        _registration = registration;
        _scopes = scopes;
        _options = options;
        _accountOptions = accountOptions;
        _state = states.Get(registration.SyncName);
        _metrics = metrics;
        _time = time;
        _logger = loggerFactory.CreateLogger(registration.ReportName is null ? "Mailkit.Reports.Hosting.BounceSync" : "Mailkit.Reports.Hosting.ReportSync");
        _engine = new SyncEngine<TRequest, TPage>(report, _logger, registration.SyncName);
        _syncOptionsChange = options.OnChange((_, name) => OnOptionsChanged(name, registration.OptionsName));
        _accountOptionsChange = accountOptions.OnChange((_, name) => OnOptionsChanged(name, registration.AccountName));
    }

    public string SyncName => _registration.SyncName;

    /// <summary>Gets the sync's registration.</summary>
    protected BounceSyncRegistration Registration => _registration;

    /// <summary>Gets the sync's logger.</summary>
    protected ILogger Logger => _logger;

    /// <summary>The cycle's settings from the sync's options.</summary>
    protected abstract SyncSettings<TRequest> Settings(TOptions options);

    /// <summary>Resolves the cycle's handler, store and client from a new scope.</summary>
    protected abstract ValueTask<ISyncSession<TRequest, TPage>> OpenSessionAsync(IServiceScopeFactory scopes, TOptions options, MailkitAccount account);

    /// <summary>The words the logs use for what the report holds, for example <c>bounces</c>.</summary>
    protected abstract string RecordKind { get; }

    /// <summary>Stops the sync; the page in flight completes unless the host stops waiting (<paramref name="cancellationToken"/>).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var abandonAtTimeout = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _abandon);
        await using (abandonAtTimeout.ConfigureAwait(false))
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        // The base stops waiting on the same token, and may resume before the registration above has run.
        if (cancellationToken.IsCancellationRequested)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _syncOptionsChange?.Dispose();
        _accountOptionsChange?.Dispose();
        base.Dispose();
        _abandon.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On .NET 8 ExecuteAsync runs on the host's start until its first await: start the cycles off that path.
        await Task.Yield();
        _state.Started(_time.GetUtcNow());
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var optionsChanged = Volatile.Read(ref _optionsChanged).Task;
                var result = await RunCycleAsync(stoppingToken).ConfigureAwait(false);
                if (result.Outcome == SyncOutcome.Stopped)
                {
                    return;
                }

                _state.Ended(result, _time.GetUtcNow());
                Report(result);
                var waitForOptions = result.Outcome is SyncOutcome.Refused or SyncOutcome.Halted ? optionsChanged : null;
                await WaitAsync(result.Delay, waitForOptions, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task<SyncCycleResult> RunCycleAsync(CancellationToken stoppingToken)
    {
        TOptions options;
        try
        {
            // A reload with an invalid value throws here, at every cycle, until it is fixed.
            options = _options.Get(_registration.OptionsName);
            _lastValidOptions = options;
        }
        catch (OptionsValidationException ex)
        {
            return _engine.Refuse(SyncFailureKind.InvalidOptions, ex, Settings(_lastValidOptions));
        }

        return await _engine.RunCycleAsync(
            _ => OpenSessionAsync(_scopes, options, MailkitAccount.From(_accountOptions.Get(_registration.AccountName))),
            Settings(options),
            PageSaved,
            stoppingToken,
            _abandon.Token).ConfigureAwait(false);
    }

    private void PageSaved(int records)
    {
        _metrics.RecordsSynced(_registration.SyncName, records);
        _state.Progressed(_time.GetUtcNow());
    }

    /// <summary>Logs how a cycle ended.</summary>
    private void Report(SyncCycleResult result)
    {
        var (kind, inText, name, optionsType) = (_registration.SyncKind, _registration.SyncKindInText, _registration.SyncName, _registration.OptionsTypeName);
        var delay = result.Delay;
        var error = result.Error!;
        switch (result.Outcome, result.Kind)
        {
            case (SyncOutcome.Succeeded, _) when result.Records > 0:
                Log.CycleCompleted(_logger, kind, name, result.Records, delay);
                break;
            case (SyncOutcome.Succeeded, _):
                Log.CycleIdle(_logger, kind, name, RecordKind, delay);
                break;
            case (_, SyncFailureKind.AccessRefused):
                Log.Refused(_logger, error, kind, name, delay);
                break;
            case (_, SyncFailureKind.InvalidOptions):
                Log.InvalidOptions(_logger, error, kind, name, error.Message);
                break;
            case (_, SyncFailureKind.UnusableCursor) when error is BounceCursorAccountMismatchException:
                Log.CursorOfAnotherAccount(_logger, error, kind, name, delay);
                break;
            case (_, SyncFailureKind.UnusableCursor):
                Log.CursorUnusable(_logger, error, kind, name, optionsType, delay);
                break;
            case (_, SyncFailureKind.FilterMismatch) when error is BounceCursorFilterMismatchException filter:
                Log.CursorOfAnotherFilter(
                    _logger,
                    error,
                    kind,
                    name,
                    BounceSyncKey.DescribeFilter(filter.SavedCampaignId, filter.SavedSendId),
                    BounceSyncKey.DescribeFilter(filter.CampaignId, filter.SendId),
                    optionsType,
                    delay);
                break;
            case (_, SyncFailureKind.FilterMismatch) when error is ReportCursorMismatchException mismatch:
                Log.CursorOfAnotherFilter(_logger, error, kind, name, mismatch.Saved, mismatch.Current, optionsType, delay);
                break;
            case (_, SyncFailureKind.InvalidRecord) when error is MailkitProtocolException { UndeliveredLogId: not null } record:
                Log.InvalidRecord(_logger, error, name, record.UndeliveredLogId, record.FieldName, delay);
                break;
            case (_, SyncFailureKind.InvalidRecord) when error is MailkitProtocolException record:
                Log.RecordRefused(_logger, error, kind, name, result.StartId, record.FieldName, delay);
                break;
            case (_, SyncFailureKind.HandlerRepeatedly):
                Log.HandlerFailedRepeatedly(_logger, error, inText, name, result.StartId, optionsType, delay);
                break;
            case (_, SyncFailureKind.HandlerUnavailable):
                Log.HandlerUnavailable(_logger, error, kind, name, delay);
                break;
            case (_, SyncFailureKind.Mailkit):
                Log.TransientFailure(_logger, error, kind, name, result.ConsecutiveFailures, result.StartId, delay);
                break;
            case (_, SyncFailureKind.Handler):
                Log.HandlerFailed(_logger, error, inText, name, result.StartId, delay);
                break;
            default:
                Log.CycleFailed(_logger, error, kind, name, result.ConsecutiveFailures, delay);
                break;
        }
    }

    /// <summary>Waits for the next cycle; after a refusal or a halt, a change of the options ends the wait early.</summary>
    private async Task WaitAsync(TimeSpan? delay, Task? optionsChanged, CancellationToken stoppingToken)
    {
        using var waitEnded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timer = delay is { } due
            ? Task.Delay(due, _time, waitEnded.Token)
            : Task.Delay(Timeout.InfiniteTimeSpan, _time, waitEnded.Token);
        _state.Waiting(delay is { } d ? _time.GetUtcNow() + d : null);
        try
        {
            var ended = optionsChanged is null ? timer : await Task.WhenAny(timer, optionsChanged).ConfigureAwait(false);
            if (ended == optionsChanged && ended != timer)
            {
                Log.OptionsChanged(_logger, _registration.SyncKindInText, _registration.SyncName);
            }

            await ended.ConfigureAwait(false);
        }
        finally
        {
            await waitEnded.CancelAsync().ConfigureAwait(false);
            _state.Running();
        }
    }

    private void OnOptionsChanged(string? changedName, string watchedName)
    {
        if (string.Equals(changedName ?? Options.DefaultName, watchedName, StringComparison.Ordinal))
        {
            // New options may heal what waiting could not: forget the halt, and end the wait.
            _engine.Reset();
            Interlocked.Exchange(ref _optionsChanged, NewSignal()).TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
