using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Sync;

/// <summary>
/// The follow loop's cycle, shared by every host and every report paged by record ID: load the cursor, walk the pages
/// from it, hand each page to the handler, save the cursor after it, and on failure keep the walk's resume point and
/// choose the wait (<see cref="SyncDelay"/>). One engine per sync; its cycles must not overlap.
/// </summary>
/// <typeparam name="TRequest">The report's request, which is also the sync's cursor.</typeparam>
/// <typeparam name="TPage">The page the handler receives.</typeparam>
/// <remarks>
/// A failure that cannot heal by waiting halts the sync (<see cref="SyncOutcome.Halted"/>): a cursor the host's store
/// cannot use, a cursor of another filter, a handler that cannot be built, a record the SDK refuses (unless the
/// report's policy sets it aside: <see cref="SyncSettings.SkipInvalidRecords"/> of raw bounces), or the handler
/// failing on one page <see cref="SyncSettings{TRequest}.MaxHandlerAttempts"/> times in a row. While halted at a cursor, a cycle
/// that loads the same cursor makes no call to Mailkit; <see cref="Reset"/> (the options changed) or a cursor changed
/// by hand ends the halt.
/// </remarks>
internal sealed partial class SyncEngine<TRequest, TPage>(SyncedReport<TRequest, TPage> report, ILogger logger, string syncName)
    where TRequest : class
    where TPage : class
{
    private readonly object _gate = new();
    private int _consecutiveFailures;
    private TRequest? _handlerFailedAt;
    private int _handlerFailures;
    private (TRequest Cursor, SyncFailureKind Kind, Exception Error)? _halt;

    /// <summary>Gets the cycles in a row that did not succeed.</summary>
    public int ConsecutiveFailures
    {
        get
        {
            lock (_gate)
            {
                return _consecutiveFailures;
            }
        }
    }

    /// <summary>Forgets a halt and the handler's failures on one page: the options changed, so the next cycle tries again.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _halt = null;
            _handlerFailedAt = null;
            _handlerFailures = 0;
        }
    }

    /// <summary>Records a cycle the host could not start (for example, its options cannot be read) as a refusal.</summary>
    public SyncCycleResult Refuse(SyncFailureKind kind, Exception error, SyncSettings<TRequest> settings) =>
        End(SyncOutcome.Refused, 0, kind, error, null, settings);

    /// <summary>Runs one cycle.</summary>
    /// <param name="openSession">Resolves the cycle's client, handler and store; throws <see cref="SyncHandlerUnavailableException"/> when the handler cannot be built.</param>
    /// <param name="settings">The sync's settings for this cycle.</param>
    /// <param name="pageSaved">Called with the number of records after each page is handled and its cursor saved.</param>
    /// <param name="stoppingToken">Cancelled when the host stops: no new page is asked for.</param>
    /// <param name="abandonToken">Cancelled when the host stops waiting: the page in flight is abandoned.</param>
    /// <returns>How the cycle ended and the wait before the next one.</returns>
    public async Task<SyncCycleResult> RunCycleAsync(
        Func<CancellationToken, ValueTask<ISyncSession<TRequest, TPage>>> openSession,
        SyncSettings<TRequest> settings,
        Action<int>? pageSaved,
        CancellationToken stoppingToken,
        CancellationToken abandonToken)
    {
        long records = 0;
        TRequest? cursor = null;
        ISyncSession<TRequest, TPage>? session = null;
        try
        {
            session = await openSession(stoppingToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                var wanted = settings.StartRequest;
                var saved = await session.LoadCursorAsync(stoppingToken).ConfigureAwait(false);
                if (saved is not null && !report.SameFilter(saved, wanted))
                {
                    // The cursor is a point in another query's results: neither continue it nor start again unasked.
                    return End(SyncOutcome.Halted, 0, SyncFailureKind.FilterMismatch, session.FilterMismatch(saved, wanted), report.StartIdOf(saved), settings);
                }

                cursor = report.WithSyncPolicy(saved is null ? wanted : report.WithPageSize(saved, report.PageSizeOf(wanted)), settings);
                if (HaltedAt(cursor) is { } halt)
                {
                    return End(SyncOutcome.Halted, 0, halt.Kind, halt.Error, report.StartIdOf(cursor), settings);
                }

                await foreach (var page in report.PagesAsync(session.Client, cursor, stoppingToken).ConfigureAwait(false))
                {
                    try
                    {
                        await session.HandleAsync(page, abandonToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (abandonToken.IsCancellationRequested)
                    {
                        return Stopped(records, cursor);
                    }
                    catch (Exception ex)
                    {
                        return HandlerFailed(cursor, records, ex, settings);
                    }

                    HandlerSucceeded();
                    var next = report.NextRequestOf(page);
                    var count = report.RecordCountOf(page);
                    await session.SaveCursorAsync(next, abandonToken).ConfigureAwait(false);
                    cursor = next;
                    records += count;
                    pageSaved?.Invoke(count);
                    if (stoppingToken.IsCancellationRequested)
                    {
                        return Stopped(records, cursor);
                    }
                }
            }

            return End(SyncOutcome.Succeeded, records, SyncFailureKind.None, null, report.StartIdOf(cursor), settings);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || abandonToken.IsCancellationRequested)
        {
            return Stopped(records, cursor);
        }
        catch (OptionsValidationException ex)
        {
            return End(SyncOutcome.Refused, records, SyncFailureKind.InvalidOptions, ex, StartIdOf(cursor), settings);
        }
        catch (Exception ex) when (ex is MailkitAuthenticationException or MailkitIpNotAllowedException)
        {
            return End(SyncOutcome.Refused, records, SyncFailureKind.AccessRefused, ex, StartIdOf(cursor), settings);
        }
        catch (MailkitProtocolException ex) when (report.IsRefusedRecord(ex))
        {
            // Mailkit sends the same record on every call: asking again cannot heal it.
            cursor = await KeepResumePointAsync(session, cursor, ex, abandonToken).ConfigureAwait(false);
            return Halt(cursor, records, SyncFailureKind.InvalidRecord, ex, settings);
        }
        catch (MailkitException ex)
        {
            // Every page received was handed over and saved; keep the walk's own resume point too, when it is further on.
            cursor = await KeepResumePointAsync(session, cursor, ex, abandonToken).ConfigureAwait(false);
            return End(SyncOutcome.Failed, records, SyncFailureKind.Mailkit, ex, StartIdOf(cursor), settings);
        }
        catch (SyncHandlerUnavailableException ex)
        {
            return End(SyncOutcome.Halted, records, SyncFailureKind.HandlerUnavailable, ex, StartIdOf(cursor), settings);
        }
        catch (Exception ex) when (session is not null && session.IsUnusableCursor(ex))
        {
            return End(SyncOutcome.Halted, records, SyncFailureKind.UnusableCursor, ex, StartIdOf(cursor), settings);
        }
        catch (Exception ex)
        {
            return End(SyncOutcome.Failed, records, SyncFailureKind.Other, ex, StartIdOf(cursor), settings);
        }
    }

    private (SyncFailureKind Kind, Exception Error)? HaltedAt(TRequest cursor)
    {
        lock (_gate)
        {
            return _halt is { } halt && SamePoint(halt.Cursor, cursor) ? (halt.Kind, halt.Error) : null;
        }
    }

    private SyncCycleResult HandlerFailed(TRequest cursor, long records, Exception error, SyncSettings<TRequest> settings)
    {
        int failures;
        lock (_gate)
        {
            _handlerFailures = _handlerFailedAt is { } at && SamePoint(at, cursor) ? _handlerFailures + 1 : 1;
            _handlerFailedAt = cursor;
            failures = _handlerFailures;
        }

        return failures >= settings.MaxHandlerAttempts
            ? Halt(cursor, records, SyncFailureKind.HandlerRepeatedly, error, settings)
            : End(SyncOutcome.Failed, records, SyncFailureKind.Handler, error, report.StartIdOf(cursor), settings);
    }

    private void HandlerSucceeded()
    {
        lock (_gate)
        {
            _handlerFailedAt = null;
            _handlerFailures = 0;
        }
    }

    private SyncCycleResult Halt(TRequest? cursor, long records, SyncFailureKind kind, Exception error, SyncSettings<TRequest> settings)
    {
        if (cursor is not null)
        {
            lock (_gate)
            {
                _halt = (cursor, kind, error);
            }
        }

        return End(SyncOutcome.Halted, records, kind, error, StartIdOf(cursor), settings);
    }

    private SyncCycleResult Stopped(long records, TRequest? cursor) =>
        new(SyncOutcome.Stopped, records, SyncFailureKind.None, null, StartIdOf(cursor), ConsecutiveFailures, null);

    private long? StartIdOf(TRequest? cursor) => cursor is null ? null : report.StartIdOf(cursor);

    private SyncCycleResult End(SyncOutcome outcome, long records, SyncFailureKind kind, Exception? error, long? startId, SyncSettings<TRequest> settings)
    {
        int failures;
        lock (_gate)
        {
            failures = _consecutiveFailures = outcome == SyncOutcome.Succeeded ? 0 : _consecutiveFailures + 1;
            if (outcome == SyncOutcome.Succeeded)
            {
                _halt = null;
            }
        }

        return new SyncCycleResult(outcome, records, kind, error, startId, failures, SyncDelay.After(outcome, failures, settings));
    }

    private async Task<TRequest?> KeepResumePointAsync(ISyncSession<TRequest, TPage>? session, TRequest? cursor, MailkitException ex, CancellationToken abandonToken)
    {
        if (ex.GetResumeRequest<TRequest>() is not { } resume || session is null || cursor is null || resume == cursor)
        {
            return cursor;
        }

        try
        {
            await session.SaveCursorAsync(resume, abandonToken).ConfigureAwait(false);
            return resume;
        }
        catch (Exception saveError) when (saveError is not OperationCanceledException)
        {
            ResumePointNotSaved(logger, saveError, report.SyncKind, syncName, report.StartIdOf(resume));
            return cursor;
        }
    }

    private bool SamePoint(TRequest a, TRequest b) => report.StartIdOf(a) == report.StartIdOf(b) && report.SameFilter(a, b);

    [LoggerMessage(8, LogLevel.Warning, "{SyncKind} sync '{SyncName}' could not keep its resume point at ID {StartId}; the next cycle starts from the last saved cursor")]
    private static partial void ResumePointNotSaved(ILogger logger, Exception exception, string syncKind, string syncName, long? startId);
}
