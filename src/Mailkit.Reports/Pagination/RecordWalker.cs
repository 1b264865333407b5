using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Diagnostics;
using Mailkit.Reports.Models;
using Mailkit.Reports.Resilience;

namespace Mailkit.Reports.Pagination;

/// <summary>
/// Walks a report paged by record ID (the bounce log, the message log, the response log) page by page and yields every
/// record exactly once.
/// </summary>
/// <remarks>
/// <para>
/// The cursor is <see cref="NextStartId"/>: every record below it has been yielded, every record from it on is still wanted.
/// Mailkit documents the start ID as inclusive, but a server that treats it as exclusive would silently skip the record at
/// the cursor. So until a page proves the server inclusive (by returning the record at the start ID it was asked for),
/// each call asks from one below the cursor and drops what lies below it: both kinds of server then yield every record once.
/// </para>
/// <para>
/// A page that brings no new record ends the walk; a page of nothing but records already yielded, other than the one
/// just below the cursor, means the server ignored the cursor and ends the walk with an error rather than a loop.
/// A failure while a body is read is retried from the cursor within <see cref="Resilience.MailkitRetryOptions.MaxRetryAttempts"/>;
/// any failure that ends the walk carries the request to resume from.
/// </para>
/// <para>
/// Under <see cref="InvalidRecordHandling.Skip()"/>, a record set aside moves the cursor like any other, after the caller's
/// callback has returned. The SDK's decoders set it aside and read on in the same response; a transport of the caller's
/// own cannot, and ends its response at such a record: the walk then asks again from the cursor itself, not from one
/// below it, as the record below it is the one set aside (a server that treats the start as exclusive, against Mailkit's
/// documentation, would then skip the record at the cursor).
/// </para>
/// <para>
/// Records arrive in ascending order from Mailkit, and are yielded as they arrive. Should a page arrive out of order,
/// a late record that was not yet yielded is still yielded (once), so nothing is lost for the sake of order.
/// </para>
/// </remarks>
internal class RecordWalker<TRecord, TRequest>
    where TRecord : class
    where TRequest : class
{
    private readonly PagedReport<TRecord, TRequest> _report;
    private readonly Func<TRequest, ActivityContext, CancellationToken, IAsyncEnumerable<DecodedRecord>> _readPage;
    private readonly TRequest _request;
    private readonly WalkSettings _settings;
    private readonly PageLedger _ledger = new();
    private bool _serverIsInclusive;
    private bool _askFromCursor;

    public RecordWalker(
        PagedReport<TRecord, TRequest> report,
        Func<TRequest, ActivityContext, CancellationToken, IAsyncEnumerable<DecodedRecord>> readPage,
        TRequest request,
        WalkSettings settings)
    {
        _report = report;
        _readPage = readPage;
        _request = request;
        _settings = settings;
        NextStartId = report.StartIdOf(request);
    }

    /// <summary>Gets the smallest ID not yet yielded; <see langword="null"/> before the first record when the walk started from the beginning.</summary>
    public long? NextStartId { get; private set; }

    /// <summary>Gets the request that continues the walk from <see cref="NextStartId"/>.</summary>
    public TRequest NextRequest => _report.WithStartId(_request, NextStartId);

    /// <summary>Yields every new record, and a page end after each page that completed.</summary>
    public async IAsyncEnumerable<WalkItem<TRecord, TRequest>> WalkAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = MailkitTelemetry.ActivitySource.StartActivity(FunctionName + " walk", ActivityKind.Internal);
        activity?.SetTag(TagNames.Function, FunctionName);
        activity?.SetTag(TagNames.StartId, _report.StartIdOf(_request));
        var parent = activity?.Context ?? default;
        var failures = 0;
        var total = 0L;
        try
        {
            while (true)
            {
                var pageStart = NextStartId;
                var askFrom = pageStart is { } start && !_serverIsInclusive && !_askFromCursor && start > 0 ? start - 1 : pageStart;
                _askFromCursor = false;
                var wire = _report.WithStartId(_request, askFrom);
                int received = 0, fresh = 0, echoes = 0, stale = 0;
                var retryCall = false;
                InvalidBounceRecord? refused = null;
                _ledger.Clear();

                var records = _readPage(wire, parent, cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    while (true)
                    {
                        try
                        {
                            if (!await records.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }
                        }
                        catch (MailkitProtocolException ex) when (SetAsideAfterRefusal(ex, pageStart) is { } setAside)
                        {
                            // A transport that cannot read on ended its response at the record: set it aside, ask again.
                            refused = setAside;
                            break;
                        }
                        catch (MailkitException ex)
                        {
                            // A body that fails after the response was handed over is beyond any HTTP handler's reach:
                            // ask again from the cursor. Progress made before the failure restarts the count.
                            failures = fresh > 0 ? 1 : failures + 1;
                            if (!ex.IsBodyFailure || failures > _settings.Retry.MaxRetryAttempts || cancellationToken.IsCancellationRequested)
                            {
                                // A copy that carries the resume point, thrown so that it keeps the original's stack trace.
                                ExceptionDispatchInfo.Throw(ex.WithResumeRequest(NextRequest));
                            }

                            var delay = RetryDelay.For(_settings.Retry, failures, Jitter.Source);
                            CallTelemetry.RecordRetry(FunctionName, "body " + ex.GetType().Name);
                            Log.BodyRetryScheduled(_settings.Logger, ex, FunctionName, ex.GetType().Name, NextStartId, (long)delay.TotalMilliseconds, failures);
                            await Task.Delay(delay, _settings.TimeProvider, cancellationToken).ConfigureAwait(false);
                            retryCall = true;
                            break;
                        }

                        cancellationToken.ThrowIfCancellationRequested();
                        var item = records.Current;
                        var record = (TRecord?)item.Record;
                        received++;
                        var id = record is null ? item.Skipped!.UndeliveredLogId : _report.IdOf(record);
                        if (id < pageStart)
                        {
                            if (id == askFrom)
                            {
                                echoes++;
                            }
                            else
                            {
                                stale++;
                            }

                            continue;
                        }

                        if (!_ledger.TryAdd(id))
                        {
                            stale++;
                            continue;
                        }

                        if (record is null)
                        {
                            await ReportAsync(item.Skipped!, cancellationToken).ConfigureAwait(false);
                        }
                        else
                        {
                            total++;
                        }

                        fresh++;
                        MovePast(id);
                        yield return record is null ? WalkItem<TRecord, TRequest>.SetAside(item.Skipped!) : WalkItem<TRecord, TRequest>.Of(record);
                    }
                }
                finally
                {
                    await records.DisposeAsync().ConfigureAwait(false);
                }

                if (retryCall)
                {
                    continue;
                }

                if (refused is not null)
                {
                    failures = 0;
                    _serverIsInclusive |= echoes > 0 && askFrom != pageStart;
                    await ReportAsync(refused, cancellationToken).ConfigureAwait(false);
                    MovePast(refused.UndeliveredLogId);
                    _askFromCursor = true;
                    yield return WalkItem<TRecord, TRequest>.SetAside(refused);
                    yield return WalkItem<TRecord, TRequest>.PageEnd(NextRequest);
                    if (NextStartId == long.MaxValue)
                    {
                        yield break;
                    }

                    continue;
                }

                failures = 0;
                if (echoes > 0 && askFrom != pageStart)
                {
                    _serverIsInclusive = true;
                }

                yield return WalkItem<TRecord, TRequest>.PageEnd(NextRequest);

                if (fresh == 0)
                {
                    if (received == 0 || (echoes > 0 && stale == 0 && received < _report.PageSizeOf(wire)))
                    {
                        yield break;
                    }

                    if (echoes > 0 && stale == 0)
                    {
                        // A full page of nothing but the record below the cursor (a page size of 1): the server has
                        // just proved inclusive, so the next call asks from the cursor itself.
                        continue;
                    }

                    throw CursorDidNotAdvance(askFrom, received);
                }

                if (NextStartId == long.MaxValue || (_settings.StopAtShortPage && received < _report.PageSizeOf(wire)))
                {
                    yield break;
                }
            }
        }
        finally
        {
            activity?.SetTag(TagNames.Records, total);
            activity?.SetTag(TagNames.NextStartId, NextStartId);
        }
    }

    private string FunctionName => _report.FunctionName;

    private void MovePast(long id)
    {
        if (NextStartId is null || id >= NextStartId)
        {
            NextStartId = Cursor.NextAfter(id);
        }
    }

    /// <summary>
    /// The record a transport refused by throwing, when the walk sets such records aside and this one can be: it names its
    /// ID, which lies ahead of this page's start and has not come before in this page.
    /// </summary>
    private InvalidBounceRecord? SetAsideAfterRefusal(MailkitProtocolException ex, long? pageStart) =>
        _report.InvalidRecordsOf(_request).Skips && InvalidBounceRecord.From(ex) is { } record
            && (pageStart is null || record.UndeliveredLogId >= pageStart) && _ledger.TryAdd(record.UndeliveredLogId)
            ? record
            : null;

    /// <summary>Tells the log and the caller's callback of a record set aside, before the cursor moves past it.</summary>
    private ValueTask ReportAsync(InvalidBounceRecord record, CancellationToken cancellationToken)
    {
        Log.InvalidRecordSkipped(_settings.Logger, FunctionName, record.UndeliveredLogId);
        return _report.InvalidRecordsOf(_request).OnSkippedAsync(record, cancellationToken);
    }

    private MailkitException CursorDidNotAdvance(long? askFrom, int received) =>
        new MailkitProtocolException(
            $"The server answered a call starting at ID {askFrom?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} "
                + $"with {received} records that all lie before the cursor, so the walk stops instead of looping.",
            FunctionName,
            null,
            0,
            string.Empty).WithResumeRequest(NextRequest);
}
