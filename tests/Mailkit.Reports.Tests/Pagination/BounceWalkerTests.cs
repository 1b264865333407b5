using Mailkit.Reports.Models;
using Mailkit.Reports.Pagination;
using Mailkit.Reports.Resilience;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailkit.Reports.Tests.Pagination;

/// <summary>The walker driven with in-memory pages: no HTTP, no codec, only the cursor and its promises.</summary>
public class BounceWalkerTests
{
    private static readonly long[] Gappy = [1, 2, 3, 5, 8, 9, 10, 11, 20, 21, 4_294_967_296, 4_294_967_297, 9_007_199_254_740_993];

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 3)]
    [InlineData(false, 25_000)]
    [InlineData(true, 1)]
    [InlineData(true, 3)]
    [InlineData(true, 25_000)]
    public async Task WalkAsync_InclusiveOrExclusiveStart_YieldsEveryRecordOnceAscending(bool exclusive, int pageSize)
    {
        var pages = new InMemoryPages(Gappy) { ExclusiveStart = exclusive };

        var ids = await RecordsAsync(pages, new RawBouncesRequest { PageSize = pageSize });

        Assert.Equal(Gappy, ids);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WalkAsync_FromAStartId_NothingSkippedAtBoundaries(bool exclusive)
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 50)) { ExclusiveStart = exclusive };

        var ids = await RecordsAsync(pages, new RawBouncesRequest { StartId = 10, PageSize = 7 });

        Assert.Equal(InMemoryPages.Range(10, 41), ids);
    }

    [Fact]
    public async Task WalkAsync_InclusiveServer_LaterCallsAskFromTheCursorItself()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 9));

        await RecordsAsync(pages, new RawBouncesRequest { PageSize = 3 });

        Assert.Equal(new long?[] { null, 3, 6, 9, 10 }, pages.Starts);
    }

    [Fact]
    public async Task WalkAsync_ExclusiveServer_KeepsAskingFromOneBelowTheCursor()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 9)) { ExclusiveStart = true };

        await RecordsAsync(pages, new RawBouncesRequest { PageSize = 3 });

        Assert.Equal(new long?[] { null, 3, 6, 9 }, pages.Starts);
    }

    [Fact]
    public async Task WalkAsync_RepeatedBoundaryRecord_YieldedOnce()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 20)) { RepeatPreviousLast = true };

        var ids = await RecordsAsync(pages, new RawBouncesRequest { PageSize = 6 });

        Assert.Equal(InMemoryPages.Range(1, 20), ids);
    }

    [Fact]
    public async Task WalkAsync_PageOutOfOrder_EveryRecordOnce()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 20)) { SwapFirstTwo = true };

        var ids = await RecordsAsync(pages, new RawBouncesRequest { PageSize = 5 });

        Assert.Equal(InMemoryPages.Range(1, 20), ids.Order());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task WalkAsync_ServerCapsPagesBelowTheLimit_ShortPageIsNotTheEnd()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 23)) { PageCap = 4 };

        var ids = await RecordsAsync(pages, new RawBouncesRequest { PageSize = 10 });

        Assert.Equal(InMemoryPages.Range(1, 23), ids);
    }

    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 3)]
    public async Task WalkAsync_StopAtShortPage_DecidesWhetherAShortPageEndsTheWalk(bool stopAtShortPage, int calls)
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 25));

        var ids = await RecordsAsync(pages, new RawBouncesRequest { PageSize = 10 }, stopAtShortPage);

        Assert.Equal(25, ids.Count);
        Assert.Equal(calls, pages.Calls);
    }

    [Fact]
    public async Task WalkAsync_NothingAtAll_EndsAfterOneCall()
    {
        var pages = new InMemoryPages([]);

        var ids = await RecordsAsync(pages, new RawBouncesRequest());

        Assert.Empty(ids);
        Assert.Equal(1, pages.Calls);
    }

    [Fact]
    public async Task WalkAsync_EachPageEnd_CarriesTheRequestAfterThePage()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 7));
        var request = new RawBouncesRequest { CampaignId = 5, PageSize = 3 };
        var ends = new List<RawBouncesRequest>();

        await foreach (var item in Walker(pages, request).WalkAsync(CancellationToken.None))
        {
            if (item.Record is null)
            {
                ends.Add(item.NextRequest!);
            }
        }

        // The second page overlaps by one (3) to learn that the server is inclusive, so it brings only 4 and 5.
        Assert.Equal(new long?[] { 4, 6, 8, 8 }, ends.Select(r => r.StartId));
        Assert.All(ends, r => Assert.Equal(request with { StartId = r.StartId }, r));
    }

    [Fact]
    public async Task WalkAsync_ServerIgnoresTheCursor_ThrowsWithTheResumePointInsteadOfLooping()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 10)) { IgnoreStart = true };
        var seen = new List<long>();

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(async () =>
        {
            await foreach (var item in Walker(pages, new RawBouncesRequest { PageSize = 4 }).WalkAsync(CancellationToken.None))
            {
                if (item.Record is { } record)
                {
                    seen.Add(record.UndeliveredLogId);
                }
            }
        });

        Assert.Equal(InMemoryPages.Range(1, 4), seen);
        Assert.Equal(5, ex.ResumeStartId);
        Assert.Equal(2, pages.Calls);
    }

    [Fact]
    public async Task WalkAsync_BodyCutMidPage_AsksAgainFromTheCursorWithoutLossOrDuplicate()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 30))
        {
            RecordFault = (call, id) => call == 2 && id == 15 ? InMemoryPages.BodyCut() : null,
        };

        var ids = await RecordsAsync(pages, new RawBouncesRequest { PageSize = 10 });

        Assert.Equal(InMemoryPages.Range(1, 30), ids);

        // The retry asks from one below the cursor (15): the server has not yet proved inclusive.
        Assert.Equal(14, pages.Starts[2]);
    }

    [Fact]
    public async Task WalkAsync_BodyFailsBeyondTheBudget_ThrowsWithTheFirstIdNotYielded()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 30))
        {
            RecordFault = (call, id) => call >= 2 && id == 14 ? InMemoryPages.BodyCut() : null,
        };
        var request = new RawBouncesRequest { CampaignId = 77, PageSize = 10 };
        var seen = new List<long>();

        var ex = await Assert.ThrowsAsync<MailkitNetworkException>(async () =>
        {
            await foreach (var record in BounceWalks.RecordsAsync(Walker(pages, request, retries: 2), CancellationToken.None))
            {
                seen.Add(record.UndeliveredLogId);
            }
        });

        Assert.Equal(InMemoryPages.Range(1, 13), seen);
        Assert.Equal(request with { StartId = 14 }, ex.ResumeRequest);
        Assert.Equal(4, pages.Calls);
    }

    [Fact]
    public async Task WalkAsync_FailureEndsTheWalk_ThrowsACopyWithTheResumePointAndLeavesTheReadersExceptionUntouched()
    {
        var thrown = new MailkitHttpException("mailkit.report.raw.bounces", System.Net.HttpStatusCode.BadGateway, "down");
        var pages = new InMemoryPages(InMemoryPages.Range(1, 30)) { CallFault = call => call == 2 ? thrown : null };

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(() => RecordsAsync(pages, new RawBouncesRequest { PageSize = 10 }));

        Assert.NotSame(thrown, ex);
        Assert.Null(thrown.ResumeRequest);
        Assert.Equal(11, ex.ResumeStartId);
        Assert.Equal(thrown.Message, ex.Message);
        Assert.Contains(nameof(InMemoryPages.ReadAsync), ex.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WalkAsync_FailureBeforeTheBody_NotRetriedByTheWalker()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 30))
        {
            CallFault = call => call == 2 ? new MailkitHttpException("mailkit.report.raw.bounces", System.Net.HttpStatusCode.ServiceUnavailable, string.Empty) : null,
        };

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(() => RecordsAsync(pages, new RawBouncesRequest { PageSize = 10 }));

        Assert.Equal(2, pages.Calls);
        Assert.Equal(11, ex.ResumeStartId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "H2")]
    public async Task PagesAsync_BodyCutMidPageThenLastingFailure_HandsOverTheReceivedPartThenResumesAfterIt(bool lastingBodyCut)
    {
        var all = InMemoryPages.Range(1, 30).ToList();
        var pages = new InMemoryPages(all)
        {
            RecordFault = (call, id) => call == 2 && id == 14 ? InMemoryPages.BodyCut() : null,
            CallFault = call => call > 2
                ? (lastingBodyCut ? InMemoryPages.BodyCut() : new MailkitHttpException("mailkit.report.raw.bounces", System.Net.HttpStatusCode.ServiceUnavailable, string.Empty))
                : null,
        };
        var request = new RawBouncesRequest { CampaignId = 77, PageSize = 10 };
        var received = new List<BouncePage>();

        var ex = await Assert.ThrowsAnyAsync<MailkitException>(async () =>
        {
            await foreach (var page in BounceWalks.PagesAsync(Walker(pages, request), CancellationToken.None))
            {
                received.Add(page);
            }
        });

        Assert.Equal(InMemoryPages.Range(1, 13), received.SelectMany(p => p.Records).Select(r => r.UndeliveredLogId));
        Assert.Equal(request with { StartId = 14 }, ex.ResumeRequest);
        Assert.Equal(received[^1].NextRequest, ex.ResumeRequest);

        var rest = await RecordsAsync(new InMemoryPages(all), ex.ResumeRequest!);
        Assert.Equal(all, received.SelectMany(p => p.Records).Select(r => r.UndeliveredLogId).Concat(rest));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WalkAsync_FromAResumePoint_YieldsExactlyTheRest(bool exclusive)
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 10)) { ExclusiveStart = exclusive };

        var ids = await RecordsAsync(pages, new RawBouncesRequest { StartId = 6, PageSize = 3 });

        Assert.Equal(InMemoryPages.Range(6, 5), ids);
    }

    [Fact]
    public async Task WalkAsync_CancelledBetweenRecords_StopsWithoutAnotherCall()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 100));
        using var cts = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var record in BounceWalks.RecordsAsync(Walker(pages, new RawBouncesRequest { PageSize = 10 }), cts.Token))
            {
                if (++seen == 5)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(5, seen);
        Assert.Equal(1, pages.Calls);
    }

    [Theory]
    [InlineData(0L, 1L)]
    [InlineData(41L, 42L)]
    [InlineData(long.MaxValue, long.MaxValue)]
    public void Cursor_NextAfter_IsTheNextIdAndNeverOverflows(long id, long expected) =>
        Assert.Equal(expected, Cursor.NextAfter(id));

    private static BounceWalker Walker(InMemoryPages pages, RawBouncesRequest request, bool stopAtShortPage = false, int retries = 4) =>
        new(
            pages.ReadAsync,
            request,
            new WalkSettings(
                stopAtShortPage,
                new MailkitRetryOptions { MaxRetryAttempts = retries, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
                TimeProvider.System,
                NullLogger.Instance));

    private static async Task<List<long>> RecordsAsync(InMemoryPages pages, RawBouncesRequest request, bool stopAtShortPage = false)
    {
        var ids = new List<long>();
        await foreach (var record in BounceWalks.RecordsAsync(Walker(pages, request, stopAtShortPage), CancellationToken.None))
        {
            ids.Add(record.UndeliveredLogId);
        }

        return ids;
    }
}
