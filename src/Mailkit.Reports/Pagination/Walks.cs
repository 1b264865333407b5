using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Pagination;

/// <summary>The two shapes a caller receives a walk in: its records, or its pages.</summary>
internal static class Walks
{
    public static async IAsyncEnumerable<TRecord> RecordsAsync<TRecord, TRequest>(
        RecordWalker<TRecord, TRequest> walker,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRecord : class
        where TRequest : class
    {
        await foreach (var item in walker.WalkAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Record is { } record)
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// Groups the walk's records, and the records it set aside, into pages. When the walk fails, the records of the
    /// unfinished page that were already received are handed over first as a last, shorter page, so that the failure's
    /// <see cref="MailkitException.ResumeRequest"/> (the walker's cursor) is exactly the first record the caller has not received.
    /// </summary>
    public static async IAsyncEnumerable<TPage> PagesAsync<TRecord, TRequest, TPage>(
        RecordWalker<TRecord, TRequest> walker,
        Func<List<TRecord>, List<InvalidBounceRecord>?, TRequest, TPage> page,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRecord : class
        where TRequest : class
    {
        var records = new List<TRecord>();
        List<InvalidBounceRecord>? skipped = null;
        var walk = walker.WalkAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var disposeWalk = walk.ConfigureAwait(false);
        while (true)
        {
            ExceptionDispatchInfo? failure = null;
            try
            {
                if (!await walk.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (MailkitException ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }

            if (failure is not null)
            {
                if (records.Count > 0 || skipped is not null)
                {
                    yield return page(records, skipped, walker.NextRequest);
                }

                failure.Throw();
            }

            var item = walk.Current;
            if (item.Record is { } record)
            {
                records.Add(record);
            }
            else if (item.Skipped is { } set)
            {
                (skipped ??= []).Add(set);
            }
            else if (records.Count > 0 || skipped is not null)
            {
                yield return page(records, skipped, item.NextRequest!);
                records = [];
                skipped = null;
            }
        }
    }

    public static BouncePage BouncePage(List<BounceRecord> records, List<InvalidBounceRecord>? skipped, RawBouncesRequest nextRequest) =>
        new(records, nextRequest) { SkippedRecords = (IReadOnlyList<InvalidBounceRecord>?)skipped ?? [] };
}
