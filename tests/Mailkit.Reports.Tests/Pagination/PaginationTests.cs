using System.Net;
using System.Text;
using Mailkit.Reports.Models;
using Mailkit.Reports.Tests.Decoding;
using Mailkit.Reports.Tests.TestDoubles;

namespace Mailkit.Reports.Tests.Pagination;

public class PaginationTests
{
    private static readonly long[] Gappy = [1, 2, 3, 5, 8, 9, 10, 11, 20, 21, 4_294_967_296, 4_294_967_297, 9_007_199_254_740_993];

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 3)]
    [InlineData(false, 25_000)]
    [InlineData(true, 1)]
    [InlineData(true, 3)]
    [InlineData(true, 25_000)]
    public async Task GetAllRawBouncesAsync_InclusiveOrExclusiveStart_YieldsEveryRecordOnceAscending(bool exclusive, int pageSize)
    {
        var server = new InMemoryPages(Gappy) { ExclusiveStart = exclusive };

        var ids = await WalkAsync(server, new RawBouncesRequest { PageSize = pageSize });

        Assert.Equal(Gappy, ids);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetAllRawBouncesAsync_ConsecutiveIdsFromAStartId_NothingSkippedAtBoundaries(bool exclusive)
    {
        var server = new InMemoryPages(Enumerable.Range(1, 50).Select(i => (long)i)) { ExclusiveStart = exclusive };

        var ids = await WalkAsync(server, new RawBouncesRequest { StartId = 10, PageSize = 7 });

        Assert.Equal(Enumerable.Range(10, 41).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_ServerCapsPagesBelowTheLimit_ShortPageIsNotTheEnd()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 23).Select(i => (long)i)) { PageCap = 4 };

        var ids = await WalkAsync(server, new RawBouncesRequest { PageSize = 10 });

        Assert.Equal(Enumerable.Range(1, 23).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_StopAtShortPage_EndsAtTheFirstShortPage()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 25).Select(i => (long)i));
        var options = Options();
        options.StopAtShortPage = true;

        var ids = await WalkAsync(server, new RawBouncesRequest { PageSize = 10 }, options);

        Assert.Equal(25, ids.Count);
        Assert.Equal(3, server.Calls);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_ByDefault_EndsOnAPageWithNoNewRecord()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 25).Select(i => (long)i));

        var ids = await WalkAsync(server, new RawBouncesRequest { PageSize = 10 });

        Assert.Equal(25, ids.Count);
        Assert.Equal(4, server.Calls);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_InclusiveServer_LaterCallsAskFromTheCursorItself()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 9).Select(i => (long)i));

        await WalkAsync(server, new RawBouncesRequest { PageSize = 3 });

        // The second call overlaps by one to learn the server's semantics; once it is known to be inclusive,
        // each call starts at the first ID still wanted.
        Assert.Equal(new long?[] { null, 3, 6, 9, 10 }, server.Starts);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_RepeatedBoundaryRecord_YieldedOnce()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 20).Select(i => (long)i)) { RepeatPreviousLast = true };

        var ids = await WalkAsync(server, new RawBouncesRequest { PageSize = 6 });

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_PageOutOfOrder_EveryRecordOnce()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 20).Select(i => (long)i)) { SwapFirstTwo = true };

        var ids = await WalkAsync(server, new RawBouncesRequest { PageSize = 5 });

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), ids.Order());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_ServerIgnoresTheCursor_ThrowsInsteadOfLooping()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 10).Select(i => (long)i)) { IgnoreStart = true };
        var seen = new List<long>();

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(async () =>
        {
            await foreach (var record in Client(server).GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 4 }))
            {
                seen.Add(record.UndeliveredLogId);
            }
        });

        Assert.Equal([1L, 2, 3, 4], seen);
        Assert.Equal(2, server.Calls);
        Assert.Contains("cursor", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, ex.ResumeStartId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetAllRawBouncesAsync_EmptyLastPage_EndsTheWalk(bool asObject)
    {
        var server = new InMemoryPages([1, 2, 3]) { EmptyAsObject = asObject };

        var ids = await WalkAsync(server, new RawBouncesRequest { PageSize = 3 });

        Assert.Equal([1L, 2, 3], ids);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_NothingAtAll_YieldsNothingAfterOneCall()
    {
        var server = new InMemoryPages([]);

        var ids = await WalkAsync(server, new RawBouncesRequest());

        Assert.Empty(ids);
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_BodyCutShortMidPage_ResumesWithoutLossOrDuplicate()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 30).Select(i => (long)i));
        server.WireFault = (call, body) => call is 2 or 3 ? CutShort(body, body.Length / 2) : null;

        var ids = await WalkAsync(server, new RawBouncesRequest { PageSize = 10 });

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), ids);
        Assert.True(server.Calls >= 6);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_BodyTruncatedJson_IsRetriedLikeACutBody()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 12).Select(i => (long)i));
        server.WireFault = (call, body) => call == 1 ? Json(body[..(body.Length - 40)]) : null;

        var ids = await WalkAsync(server, new RawBouncesRequest { PageSize = 6 });

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_BodyFailsMoreThanTheBudget_ThrowsWithResumeRequest()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 30).Select(i => (long)i));
        var options = Options();
        options.Retry.MaxRetryAttempts = 2;
        server.WireFault = (call, body) => call >= 2 ? CutShort(body, 3) : null;
        var seen = new List<long>();
        var request = new RawBouncesRequest { CampaignId = 77, PageSize = 10 };

        var ex = await Assert.ThrowsAsync<MailkitNetworkException>(async () =>
        {
            await foreach (var record in Client(server, options).GetAllRawBouncesAsync(request))
            {
                seen.Add(record.UndeliveredLogId);
            }
        });

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), seen);
        Assert.Equal(4, server.Calls);
        Assert.Equal(request with { StartId = 11 }, ex.ResumeRequest);

        server.WireFault = null;
        var rest = await WalkAsync(server, ex.ResumeRequest!);
        Assert.Equal(Enumerable.Range(11, 20).Select(i => (long)i), rest);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetAllRawBouncesAsync_PermanentErrorMidWalk_ResumeYieldsExactlyTheRest(bool exclusive)
    {
        var all = Enumerable.Range(1, 40).Select(i => (long)i).ToList();
        var server = new InMemoryPages(all) { ExclusiveStart = exclusive };
        server.WireFault = (call, _) => call == 3 ? Json("""{"error_status":1,"error":"Unauthorized"}""") : null;
        var first = new List<long>();

        var ex = await Assert.ThrowsAsync<MailkitAuthenticationException>(async () =>
        {
            await foreach (var record in Client(server).GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 8 }))
            {
                first.Add(record.UndeliveredLogId);
            }
        });
        server.WireFault = null;
        var rest = await WalkAsync(server, ex.ResumeRequest!);

        Assert.Equal(all, first.Concat(rest));
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_HttpErrorBeforeTheBody_NotRetriedByThePaginator()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 5).Select(i => (long)i));
        server.WireFault = (_, _) => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("bad") };

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(() => WalkAsync(server, new RawBouncesRequest { StartId = 3 }));

        Assert.Equal(1, server.Calls);
        Assert.Equal(3, ex.ResumeStartId);
    }

    [Fact]
    public async Task GetRawBouncePagesAsync_EachPageCarriesTheCursorAfterIt()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 10).Select(i => (long)i));
        var pages = new List<BouncePage>();

        await foreach (var page in Client(server).GetRawBouncePagesAsync(new RawBouncesRequest { PageSize = 4, CampaignId = 77 }))
        {
            pages.Add(page);
        }

        // The second call overlaps the first page by one record (dropped) to learn that the server is inclusive.
        Assert.Equal([4, 3, 3], pages.Select(p => p.Records.Count));
        Assert.Equal([5L, 8, 11], pages.Select(p => p.NextStartId));
        Assert.All(pages, p => Assert.Equal(77, p.NextRequest.CampaignId));
    }

    [Fact]
    public async Task GetRawBouncePagesAsync_WalkFromAPersistedCursor_YieldsExactlyTheRest()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 10).Select(i => (long)i)) { ExclusiveStart = true };
        RawBouncesRequest? saved = null;
        await foreach (var page in Client(server).GetRawBouncePagesAsync(new RawBouncesRequest { PageSize = 3 }))
        {
            saved = page.NextRequest;
            break;
        }

        var rest = await WalkAsync(server, saved!);

        Assert.Equal(Enumerable.Range(4, 7).Select(i => (long)i), rest);
    }

    [Fact]
    public void GetAllRawBouncesAsync_InvalidRequest_ThrowsAtTheCall()
    {
        using var client = TestSupport.ClientAnswering("[]");

        Assert.Throws<ArgumentNullException>("request", () => client.GetAllRawBouncesAsync(null!));
        Assert.Throws<ArgumentOutOfRangeException>("request", () => client.GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 0 }));
        Assert.Throws<ArgumentNullException>("request", () => client.GetRawBouncePagesAsync(null!));
        Assert.Throws<ArgumentOutOfRangeException>("request", () => client.GetRawBouncePagesAsync(new RawBouncesRequest { StartId = -2 }));
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_CancelledBetweenRecords_StopsWithoutAnotherCall()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 100).Select(i => (long)i));
        using var cts = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in Client(server).GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 10 }).WithCancellation(cts.Token))
            {
                if (++seen == 15)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(2, server.Calls);
    }

    public enum LastingFailure
    {
        /// <summary>Every later call is answered 503.</summary>
        Unavailable,

        /// <summary>Every later body is cut at the same record again, beyond the retry budget.</summary>
        CutAgain,

        /// <summary>The record after the cut holds an ID that is not a number.</summary>
        BadRecord,
    }

    [Theory]
    [InlineData(LastingFailure.Unavailable)]
    [InlineData(LastingFailure.CutAgain)]
    [InlineData(LastingFailure.BadRecord)]
    [Trait("Finding", "H2")]
    public async Task GetRawBouncePagesAsync_BodyCutMidPageThenLastingFailure_ResumesAtTheFirstRecordNotReceived(LastingFailure failure)
    {
        var all = Enumerable.Range(1, 30).Select(i => (long)i).ToList();
        var server = CutBeforeRecord14ThenFail(all, failure);
        var request = new RawBouncesRequest { CampaignId = 77, PageSize = 10 };
        var pages = new List<BouncePage>();

        var ex = await Assert.ThrowsAnyAsync<MailkitException>(async () =>
        {
            await foreach (var page in Client(server).GetRawBouncePagesAsync(request))
            {
                pages.Add(page);
            }
        });

        var received = pages.SelectMany(p => p.Records).Select(r => r.UndeliveredLogId).ToList();
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), received);
        Assert.Equal(request with { StartId = 14 }, ex.ResumeRequest);
        Assert.Equal(pages[^1].NextRequest, ex.ResumeRequest);

        server.WireFault = null;
        server.Fields.Clear();
        var rest = await WalkAsync(server, ex.ResumeRequest!);
        Assert.Equal(all, received.Concat(rest));
    }

    [Theory]
    [InlineData(LastingFailure.Unavailable)]
    [InlineData(LastingFailure.CutAgain)]
    [InlineData(LastingFailure.BadRecord)]
    [Trait("Finding", "H2")]
    public async Task GetAllRawBouncesAsync_BodyCutMidPageThenLastingFailure_ResumesAtTheFirstRecordNotReceived(LastingFailure failure)
    {
        var all = Enumerable.Range(1, 30).Select(i => (long)i).ToList();
        var server = CutBeforeRecord14ThenFail(all, failure);
        var request = new RawBouncesRequest { CampaignId = 77, PageSize = 10 };
        var received = new List<long>();

        var ex = await Assert.ThrowsAnyAsync<MailkitException>(async () =>
        {
            await foreach (var record in Client(server).GetAllRawBouncesAsync(request))
            {
                received.Add(record.UndeliveredLogId);
            }
        });

        Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), received);
        Assert.Equal(request with { StartId = 14 }, ex.ResumeRequest);
        Assert.Equal(14, ex.ResumeStartId);

        server.WireFault = null;
        server.Fields.Clear();
        var rest = await WalkAsync(server, ex.ResumeRequest!);
        Assert.Equal(all, received.Concat(rest));
    }

    [Fact]
    [Trait("Finding", "H2")]
    public async Task GetRawBouncePagesAsync_FailureBeforeAnyRecordOfAPage_ResumesAfterTheLastPageHandedOver()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 30).Select(i => (long)i));
        server.WireFault = (call, _) => call >= 2 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : null;
        var pages = new List<BouncePage>();

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(async () =>
        {
            await foreach (var page in Client(server).GetRawBouncePagesAsync(new RawBouncesRequest { PageSize = 10 }))
            {
                pages.Add(page);
            }
        });

        Assert.Single(pages);
        Assert.Equal(pages[0].NextRequest, ex.ResumeRequest);
        Assert.Equal(11, ex.ResumeStartId);
    }

    /// <summary>
    /// A server whose second call's body is cut just before record 14 (records 11 to 13 arrive whole), and which then
    /// keeps failing in the given way.
    /// </summary>
    private static InMemoryPages CutBeforeRecord14ThenFail(List<long> ids, LastingFailure failure)
    {
        var server = new InMemoryPages(ids);
        if (failure == LastingFailure.BadRecord)
        {
            server.Fields[14] = [new("ID_UNDELIVERED_LOG", "x14"), new("EMAIL", "r14@example.cz")];
        }

        server.WireFault = (call, body) =>
        {
            if (call == 1)
            {
                return null;
            }

            var cut = body.LastIndexOf('{', body.IndexOf("r14@", StringComparison.Ordinal));
            var cutBody = CutShort(body, Encoding.UTF8.GetByteCount(body.AsSpan(0, cut)));
            return (failure, call) switch
            {
                (LastingFailure.BadRecord, _) => null,
                (LastingFailure.Unavailable, > 2) => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
                _ => cutBody,
            };
        };
        return server;
    }

    [Fact]
    [Trait("Finding", "M5")]
    public async Task GetRawBouncePagesAsync_ServerIgnoresTheLimit_ThrowsProtocolExceptionInsteadOfGrowing()
    {
        var server = new InMemoryPages(Enumerable.Range(1, 100).Select(i => (long)i));
        server.WireFault = (call, _) => Json("[" + string.Join(",", Enumerable.Range(1, 100).Select(i => RecordBodies.JsonRecord(i))) + "]");
        var pages = new List<BouncePage>();

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(async () =>
        {
            await foreach (var page in Client(server).GetRawBouncePagesAsync(new RawBouncesRequest { PageSize = 10 }))
            {
                pages.Add(page);
            }
        });

        Assert.Contains("more than 11 records", ex.Message, StringComparison.Ordinal);
        Assert.Equal(11, pages.Sum(p => p.Records.Count));
        Assert.Equal(12, ex.ResumeStartId);
    }

    internal static MailkitClientOptions Options()
    {
        var options = TestSupport.Options();
        options.Retry.BaseDelay = TimeSpan.Zero;
        options.Retry.MaxDelay = TimeSpan.Zero;
        return options;
    }

    private static MailkitClient Client(InMemoryPages server, MailkitClientOptions? options = null) =>
        new(new HttpClient(server.JsonHandler()), options ?? Options());

    private static async Task<List<long>> WalkAsync(InMemoryPages server, RawBouncesRequest request, MailkitClientOptions? options = null)
    {
        var ids = new List<long>();
        using var client = Client(server, options);
        await foreach (var record in client.GetAllRawBouncesAsync(request))
        {
            ids.Add(record.UndeliveredLogId);
        }

        return ids;
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>A response whose body stream fails with an I/O error after <paramref name="bytes"/> bytes.</summary>
    private static HttpResponseMessage CutShort(string body, int bytes) =>
        new(HttpStatusCode.OK) { Content = new StreamContent(new ScriptedStream(Encoding.UTF8.GetBytes(body), failAfter: bytes)) };
}
