using Mailkit.Reports.Hosting.Diagnostics;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>
/// One sync hosted as a <see cref="BackgroundService"/>: it reads the options, runs the SDK's
/// <see cref="BounceSyncEngine"/> for one cycle, records and logs how the cycle ended, and waits. No failure ends the
/// host, an invalid options reload included: the sync keeps its last valid options and waits for a valid change.
/// </summary>
internal sealed class BounceSyncService : BackgroundService
{
    private readonly BounceSyncRegistration _registration;
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptionsMonitor<BounceSyncOptions> _options;
    private readonly IOptionsMonitor<MailkitClientOptions> _accountOptions;
    private readonly BounceSyncState _state;
    private readonly BounceSyncMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BounceSyncEngine _engine;
    private readonly CancellationTokenSource _abandon = new();
    private readonly IDisposable? _syncOptionsChange;
    private readonly IDisposable? _accountOptionsChange;
    private TaskCompletionSource _optionsChanged = NewSignal();
    private BounceSyncOptions _lastValidOptions = new();

    public BounceSyncService(
        BounceSyncRegistration registration,
        IServiceScopeFactory scopes,
        IOptionsMonitor<BounceSyncOptions> options,
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
        _logger = loggerFactory.CreateLogger("Mailkit.Reports.Hosting.BounceSync");
        _engine = new BounceSyncEngine(_logger, registration.SyncName);
        _syncOptionsChange = options.OnChange((_, name) => OnOptionsChanged(name, registration.OptionsName));
        _accountOptionsChange = accountOptions.OnChange((_, name) => OnOptionsChanged(name, registration.AccountName));
    }

    public string SyncName => _registration.SyncName;

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
        BounceSyncOptions options;
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
            _ => BounceSyncSession.OpenAsync(_scopes, _registration, Key(options), _logger),
            Settings(options),
            PageSaved,
            stoppingToken,
            _abandon.Token).ConfigureAwait(false);
    }

    private BounceSyncKey Key(BounceSyncOptions options) =>
        new(_registration.SyncName, MailkitAccount.From(_accountOptions.Get(_registration.AccountName)), options.CampaignId, options.SendId);

    private static SyncSettings Settings(BounceSyncOptions options) =>
        new(options.CreateStartRequest(), options.Interval, options.MaxFailureDelay, options.RefusedRetryInterval, options.MaxHandlerAttempts)
        {
            SkipInvalidRecords = options.SkipInvalidRecords,
        };

    private void PageSaved(int records)
    {
        _metrics.RecordsSynced(_registration.SyncName, records);
        _state.Progressed(_time.GetUtcNow());
    }

    /// <summary>Logs how a cycle ended.</summary>
    private void Report(SyncCycleResult result)
    {
        var name = _registration.SyncName;
        var delay = result.Delay;
        var error = result.Error!;
        switch (result.Outcome, result.Kind)
        {
            case (SyncOutcome.Succeeded, _) when result.Records > 0:
                Log.CycleCompleted(_logger, name, result.Records, delay);
                break;
            case (SyncOutcome.Succeeded, _):
                Log.CycleIdle(_logger, name, delay);
                break;
            case (_, SyncFailureKind.AccessRefused):
                Log.Refused(_logger, error, name, delay);
                break;
            case (_, SyncFailureKind.InvalidOptions):
                Log.InvalidOptions(_logger, error, name, error.Message);
                break;
            case (_, SyncFailureKind.UnusableCursor) when error is BounceCursorAccountMismatchException:
                Log.CursorOfAnotherAccount(_logger, error, name, delay);
                break;
            case (_, SyncFailureKind.UnusableCursor):
                Log.CursorUnusable(_logger, error, name, delay);
                break;
            case (_, SyncFailureKind.FilterMismatch) when error is BounceCursorFilterMismatchException filter:
                Log.CursorOfAnotherFilter(
                    _logger,
                    error,
                    name,
                    BounceSyncKey.DescribeFilter(filter.SavedCampaignId, filter.SavedSendId),
                    BounceSyncKey.DescribeFilter(filter.CampaignId, filter.SendId),
                    delay);
                break;
            case (_, SyncFailureKind.InvalidRecord) when error is MailkitProtocolException record:
                Log.InvalidRecord(_logger, error, name, record.UndeliveredLogId, record.FieldName, delay);
                break;
            case (_, SyncFailureKind.HandlerRepeatedly):
                Log.HandlerFailedRepeatedly(_logger, error, name, result.StartId, delay);
                break;
            case (_, SyncFailureKind.HandlerUnavailable):
                Log.HandlerUnavailable(_logger, error, name, delay);
                break;
            case (_, SyncFailureKind.Mailkit):
                Log.TransientFailure(_logger, error, name, result.ConsecutiveFailures, result.StartId, delay);
                break;
            case (_, SyncFailureKind.Handler):
                Log.HandlerFailed(_logger, error, name, result.StartId, delay);
                break;
            default:
                Log.CycleFailed(_logger, error, name, result.ConsecutiveFailures, delay);
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
                Log.OptionsChanged(_logger, _registration.SyncName);
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
