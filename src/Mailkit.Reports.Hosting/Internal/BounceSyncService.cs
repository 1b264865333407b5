using Mailkit.Reports.Hosting.Diagnostics;
using Mailkit.Reports.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>
/// One sync: a cycle walks the new bounces page by page into the handler and saves the cursor after each page, then the
/// service waits (<see cref="SyncDelay"/>) and starts again. Failures are logged and never end the host.
/// </summary>
internal sealed class BounceSyncService : BackgroundService
{
    private const string DefaultCursorDirectory = "mailkit-cursors";

    private readonly BounceSyncRegistration _registration;
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptionsMonitor<BounceSyncOptions> _options;
    private readonly IOptionsMonitor<MailkitClientOptions> _accountOptions;
    private readonly BounceSyncState _state;
    private readonly BounceSyncMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _contentRoot;
    private readonly CancellationTokenSource _abandon = new();
    private readonly IDisposable? _syncOptionsChange;
    private readonly IDisposable? _accountOptionsChange;
    private TaskCompletionSource _optionsChanged = NewSignal();

    public BounceSyncService(
        BounceSyncRegistration registration,
        IServiceScopeFactory scopes,
        IOptionsMonitor<BounceSyncOptions> options,
        IOptionsMonitor<MailkitClientOptions> accountOptions,
        BounceSyncStates states,
        BounceSyncMetrics metrics,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        string contentRoot)
    {
        _registration = registration;
        _scopes = scopes;
        _options = options;
        _accountOptions = accountOptions;
        _state = states.Get(registration.SyncName);
        _metrics = metrics;
        _time = time;
        _logger = loggerFactory.CreateLogger("Mailkit.Reports.Hosting.BounceSync");
        _contentRoot = contentRoot;
        _syncOptionsChange = options.OnChange((_, name) => OnOptionsChanged(name, registration.SyncName));
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
                var options = _options.Get(_registration.SyncName);
                var result = await RunCycleAsync(options, stoppingToken).ConfigureAwait(false);
                if (result.Outcome == CycleOutcome.Stopped)
                {
                    return;
                }

                var delay = Record(result, options);
                await WaitAsync(delay, result.Outcome == CycleOutcome.Refused ? optionsChanged : null, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>Records the cycle in the state, logs it and returns the wait before the next one.</summary>
    private TimeSpan? Record(CycleResult result, BounceSyncOptions options)
    {
        switch (result.Outcome)
        {
            case CycleOutcome.Succeeded:
                _state.Succeeded(_time.GetUtcNow());
                break;
            case CycleOutcome.Refused:
                _state.Refused(Describe(result.Error!), cursorOfAnotherAccount: result.Kind == FailureKind.CursorAccount);
                break;
            default:
                _state.Failed(Describe(result.Error!));
                break;
        }

        var failures = _state.Current.ConsecutiveFailures;
        var delay = SyncDelay.After(result.Outcome, failures, options);
        var name = _registration.SyncName;
        switch (result.Outcome, result.Kind)
        {
            case (CycleOutcome.Succeeded, _) when result.Records > 0:
                Log.CycleCompleted(_logger, name, result.Records, delay);
                break;
            case (CycleOutcome.Succeeded, _):
                Log.CycleIdle(_logger, name, delay);
                break;
            case (CycleOutcome.Refused, FailureKind.CursorAccount):
                Log.CursorOfAnotherAccount(_logger, result.Error!, name, delay);
                break;
            case (CycleOutcome.Refused, _):
                Log.Refused(_logger, result.Error!, name, delay);
                break;
            case (_, FailureKind.Mailkit):
                Log.TransientFailure(_logger, result.Error!, name, failures, result.StartId, delay);
                break;
            case (_, FailureKind.Handler):
                Log.HandlerFailed(_logger, result.Error!, name, result.StartId, delay);
                break;
            default:
                Log.CycleFailed(_logger, result.Error!, name, failures, delay);
                break;
        }

        return delay;
    }

    private async Task<CycleResult> RunCycleAsync(BounceSyncOptions options, CancellationToken stoppingToken)
    {
        var syncName = _registration.SyncName;
        long records = 0;
        RawBouncesRequest? cursor = null;
        IBounceCursorStore? store = null;
        BounceCursorAccount? account = null;
        try
        {
            account = BounceCursorAccount.From(_accountOptions.Get(_registration.AccountName));
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var services = scope.ServiceProvider;
                var handler = services.GetRequiredKeyedService<IBounceHandler>(syncName);
                store = services.GetKeyedService<IBounceCursorStore>(syncName)
                    ?? services.GetService<IBounceCursorStore>()
                    ?? new FileBounceCursorStore(Path.Combine(_contentRoot, options.CursorDirectory ?? DefaultCursorDirectory));
                cursor = await store.LoadAsync(syncName, account, stoppingToken).ConfigureAwait(false) is { } saved
                    ? saved with { PageSize = options.PageSize }
                    : options.CreateStartRequest();

                var client = _registration.ResolveClient(services);
                await foreach (var page in client.GetRawBouncePagesAsync(cursor, stoppingToken).ConfigureAwait(false))
                {
                    try
                    {
                        await handler.HandleAsync(page, _abandon.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
                    {
                        return new CycleResult(CycleOutcome.Stopped, records);
                    }
                    catch (Exception ex)
                    {
                        return new CycleResult(CycleOutcome.Failed, records, FailureKind.Handler, ex, cursor.StartId);
                    }

                    await store.SaveAsync(syncName, account, page.NextRequest, _abandon.Token).ConfigureAwait(false);
                    cursor = page.NextRequest;
                    records += page.Records.Count;
                    _metrics.RecordsSynced(syncName, page.Records.Count);
                    _state.Progressed(_time.GetUtcNow());
                    if (stoppingToken.IsCancellationRequested)
                    {
                        return new CycleResult(CycleOutcome.Stopped, records);
                    }
                }
            }

            return new CycleResult(CycleOutcome.Succeeded, records);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || _abandon.IsCancellationRequested)
        {
            return new CycleResult(CycleOutcome.Stopped, records);
        }
        catch (BounceCursorAccountMismatchException ex)
        {
            // The cursor is an ID in another account's log: neither continue from it nor start again without being told.
            return new CycleResult(CycleOutcome.Refused, records, FailureKind.CursorAccount, ex);
        }
        catch (Exception ex) when (ex is MailkitAuthenticationException or MailkitIpNotAllowedException)
        {
            return new CycleResult(CycleOutcome.Refused, records, FailureKind.Mailkit, ex, cursor?.StartId);
        }
        catch (MailkitException ex)
        {
            // Every page received was handed over and saved; keep the walk's own resume point too, when it is further on.
            if (ex.ResumeRequest is { } resume && store is not null && account is not null && cursor is not null && resume != cursor)
            {
                cursor = await TrySaveResumePointAsync(store, account, resume).ConfigureAwait(false) ? resume : cursor;
            }

            return new CycleResult(CycleOutcome.Failed, records, FailureKind.Mailkit, ex, cursor?.StartId);
        }
        catch (Exception ex)
        {
            return new CycleResult(CycleOutcome.Failed, records, FailureKind.Other, ex, cursor?.StartId);
        }
    }

    private async Task<bool> TrySaveResumePointAsync(IBounceCursorStore store, BounceCursorAccount account, RawBouncesRequest resume)
    {
        try
        {
            await store.SaveAsync(_registration.SyncName, account, resume, _abandon.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ResumePointNotSaved(_logger, ex, _registration.SyncName, resume.StartId);
            return false;
        }
    }

    /// <summary>Waits for the next cycle; after a refusal, a change of the options ends the wait early.</summary>
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
            Interlocked.Exchange(ref _optionsChanged, NewSignal()).TrySetResult();
        }
    }

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
