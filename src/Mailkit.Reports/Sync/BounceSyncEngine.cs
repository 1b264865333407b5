using Mailkit.Reports.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Sync;

/// <summary>
/// The follow loop's cycle, shared by every host: load the cursor, walk the pages from it, hand each page to the
/// handler, save the cursor after it, and on failure keep the walk's resume point and choose the wait
/// (<see cref="SyncDelay"/>). One engine per sync; its cycles must not overlap.
/// </summary>
/// <remarks>
/// A failure that cannot heal by waiting halts the sync (<see cref="SyncOutcome.Halted"/>): a cursor the host's store
/// cannot use, a cursor of another filter, a handler that cannot be built, a record the SDK refuses (unless
/// <see cref="SyncSettings.SkipInvalidRecords"/> sets it aside), or the handler
/// failing on one page <see cref="SyncSettings.MaxHandlerAttempts"/> times in a row. While halted at a cursor, a cycle
/// that loads the same cursor makes no call to Mailkit; <see cref="Reset"/> (the options changed) or a cursor changed
/// by hand ends the halt.
/// </remarks>
internal sealed partial class BounceSyncEngine(ILogger logger, string syncName)
{
    private readonly object _gate = new();
    private int _consecutiveFailures;
    private RawBouncesRequest? _handlerFailedAt;
    private int _handlerFailures;
    private (RawBouncesRequest Cursor, SyncFailureKind Kind, Exception Error)? _halt;

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
    public SyncCycleResult Refuse(SyncFailureKind kind, Exception error, SyncSettings settings) =>
        End(SyncOutcome.Refused, 0, kind, error, null, settings);

    /// <summary>Runs one cycle.</summary>
    /// <param name="openSession">Resolves the cycle's client, handler and store; throws <see cref="SyncHandlerUnavailableException"/> when the handler cannot be built.</param>
    /// <param name="settings">The sync's settings for this cycle.</param>
    /// <param name="pageSaved">Called with the number of records after each page is handled and its cursor saved.</param>
    /// <param name="stoppingToken">Cancelled when the host stops: no new page is asked for.</param>
    /// <param name="abandonToken">Cancelled when the host stops waiting: the page in flight is abandoned.</param>
    /// <returns>How the cycle ended and the wait before the next one.</returns>
    public async Task<SyncCycleResult> RunCycleAsync(
        Func<CancellationToken, ValueTask<IBounceSyncSession>> openSession,
        SyncSettings settings,
        Action<int>? pageSaved,
        CancellationToken stoppingToken,
        CancellationToken abandonToken)
    {
        long records = 0;
        RawBouncesRequest? cursor = null;
        IBounceSyncSession? session = null;
        try
        {
            session = await openSession(stoppingToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                var wanted = settings.StartRequest;
                var saved = await session.LoadCursorAsync(stoppingToken).ConfigureAwait(false);
                if (saved is not null && (saved.CampaignId != wanted.CampaignId || saved.SendId != wanted.SendId))
                {
                    // The cursor is a point in another query's results: neither continue it nor start again unasked.
                    return End(SyncOutcome.Halted, 0, SyncFailureKind.FilterMismatch, session.FilterMismatch(saved, wanted), saved.StartId, settings);
                }

                cursor = WithInvalidRecordPolicy(saved is null ? wanted : saved with { PageSize = wanted.PageSize }, settings);
                if (HaltedAt(cursor) is { } halt)
                {
                    return End(SyncOutcome.Halted, 0, halt.Kind, halt.Error, cursor.StartId, settings);
                }

                await foreach (var page in session.Client.GetRawBouncePagesAsync(cursor, stoppingToken).ConfigureAwait(false))
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
                    await session.SaveCursorAsync(page.NextRequest, abandonToken).ConfigureAwait(false);
                    cursor = page.NextRequest;
                    records += page.Records.Count;
                    pageSaved?.Invoke(page.Records.Count);
                    if (stoppingToken.IsCancellationRequested)
                    {
                        return Stopped(records, cursor);
                    }
                }
            }

            return End(SyncOutcome.Succeeded, records, SyncFailureKind.None, null, cursor.StartId, settings);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || abandonToken.IsCancellationRequested)
        {
            return Stopped(records, cursor);
        }
        catch (OptionsValidationException ex)
        {
            return End(SyncOutcome.Refused, records, SyncFailureKind.InvalidOptions, ex, cursor?.StartId, settings);
        }
        catch (Exception ex) when (ex is MailkitAuthenticationException or MailkitIpNotAllowedException)
        {
            return End(SyncOutcome.Refused, records, SyncFailureKind.AccessRefused, ex, cursor?.StartId, settings);
        }
        catch (MailkitProtocolException ex) when (ex is { FieldName: not null, UndeliveredLogId: not null })
        {
            // Mailkit sends the same record on every call: asking again cannot heal it.
            cursor = await KeepResumePointAsync(session, cursor, ex, abandonToken).ConfigureAwait(false);
            return Halt(cursor, records, SyncFailureKind.InvalidRecord, ex, settings);
        }
        catch (MailkitException ex)
        {
            // Every page received was handed over and saved; keep the walk's own resume point too, when it is further on.
            cursor = await KeepResumePointAsync(session, cursor, ex, abandonToken).ConfigureAwait(false);
            return End(SyncOutcome.Failed, records, SyncFailureKind.Mailkit, ex, cursor?.StartId, settings);
        }
        catch (SyncHandlerUnavailableException ex)
        {
            return End(SyncOutcome.Halted, records, SyncFailureKind.HandlerUnavailable, ex, cursor?.StartId, settings);
        }
        catch (Exception ex) when (session is not null && session.IsUnusableCursor(ex))
        {
            return End(SyncOutcome.Halted, records, SyncFailureKind.UnusableCursor, ex, cursor?.StartId, settings);
        }
        catch (Exception ex)
        {
            return End(SyncOutcome.Failed, records, SyncFailureKind.Other, ex, cursor?.StartId, settings);
        }
    }

    /// <summary>
    /// The request with the sync's invalid-record policy: the one place that asks the walk to set aside a record it
    /// refuses. With <see cref="SyncSettings.SkipInvalidRecords"/>, such a record arrives in
    /// <see cref="BouncePage.SkippedRecords"/> of the page handed to the handler, and the saved cursor moves past it with
    /// the page; without it, the record halts the sync.
    /// </summary>
    private static RawBouncesRequest WithInvalidRecordPolicy(RawBouncesRequest request, SyncSettings settings) =>
        settings.SkipInvalidRecords && !request.InvalidRecords.Skips ? request with { InvalidRecords = InvalidRecordHandling.Skip() } : request;

    private (SyncFailureKind Kind, Exception Error)? HaltedAt(RawBouncesRequest cursor)
    {
        lock (_gate)
        {
            return _halt is { } halt && SamePoint(halt.Cursor, cursor) ? (halt.Kind, halt.Error) : null;
        }
    }

    private SyncCycleResult HandlerFailed(RawBouncesRequest cursor, long records, Exception error, SyncSettings settings)
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
            : End(SyncOutcome.Failed, records, SyncFailureKind.Handler, error, cursor.StartId, settings);
    }

    private void HandlerSucceeded()
    {
        lock (_gate)
        {
            _handlerFailedAt = null;
            _handlerFailures = 0;
        }
    }

    private SyncCycleResult Halt(RawBouncesRequest? cursor, long records, SyncFailureKind kind, Exception error, SyncSettings settings)
    {
        if (cursor is not null)
        {
            lock (_gate)
            {
                _halt = (cursor, kind, error);
            }
        }

        return End(SyncOutcome.Halted, records, kind, error, cursor?.StartId, settings);
    }

    private SyncCycleResult Stopped(long records, RawBouncesRequest? cursor) =>
        new(SyncOutcome.Stopped, records, SyncFailureKind.None, null, cursor?.StartId, ConsecutiveFailures, null);

    private SyncCycleResult End(SyncOutcome outcome, long records, SyncFailureKind kind, Exception? error, long? startId, SyncSettings settings)
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

    private async Task<RawBouncesRequest?> KeepResumePointAsync(IBounceSyncSession? session, RawBouncesRequest? cursor, MailkitException ex, CancellationToken abandonToken)
    {
        if (ex.ResumeRequest is not { } resume || session is null || cursor is null || resume == cursor)
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
            ResumePointNotSaved(logger, saveError, syncName, resume.StartId);
            return cursor;
        }
    }

    private static bool SamePoint(RawBouncesRequest a, RawBouncesRequest b) =>
        a.StartId == b.StartId && a.CampaignId == b.CampaignId && a.SendId == b.SendId;

    [LoggerMessage(8, LogLevel.Warning, "Bounce sync '{SyncName}' could not keep its resume point at ID {StartId}; the next cycle starts from the last saved cursor")]
    private static partial void ResumePointNotSaved(ILogger logger, Exception exception, string syncName, long? startId);
}
