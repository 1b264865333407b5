using Mailkit.Reports.Models;
using Mailkit.Reports.Pagination;
using Mailkit.Reports.Resilience;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailkit.Reports.Tests.Pagination;

/// <summary>The walk's policy for records whose value the SDK cannot accept, driven with in-memory pages.</summary>
public sealed class InvalidRecordWalkTests
{
    private static readonly long[] Bad = [5, 12, 13, 20];

    [Theory]
    [Trait("Finding", "R2-L7")]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task WalkAsync_SkipPolicy_EveryGoodRecordOnceAndEveryBadOneReportedOnce(bool exclusive, bool endsResponse)
    {
        var pages = Pages(exclusive, endsResponse);
        var reported = new List<long>();

        var (records, skipped) = await PagesAsync(pages, Request(InvalidRecordHandling.Skip(r => reported.Add(r.UndeliveredLogId))));

        Assert.Equal(InMemoryPages.Range(1, 25).Except(Bad), records);
        Assert.Equal(Bad, reported);
        Assert.Equal(Bad, skipped);
    }

    [Fact]
    [Trait("Finding", "R2-L7")]
    public async Task WalkAsync_SkipPolicyAndSDKDecoder_SetsAsideWithoutAnExtraCall()
    {
        var plain = new InMemoryPages(InMemoryPages.Range(1, 25));
        await PagesAsync(plain, Request(InvalidRecordHandling.Throw));
        var pages = Pages(exclusive: false, endsResponse: false);

        await PagesAsync(pages, Request(InvalidRecordHandling.Skip()));

        Assert.Equal(plain.Starts, pages.Starts);
    }

    [Fact]
    public async Task WalkAsync_TransportEndsItsResponseAtABadRecord_AsksAgainFromTheCursorItself()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 9)) { InvalidEndsResponse = true };
        pages.Invalid.Add(5);

        await PagesAsync(pages, new RawBouncesRequest { PageSize = 3, InvalidRecords = InvalidRecordHandling.Skip() });

        // 5 is refused within the call from 3: the next asks from 6, not from 5, which would be refused again.
        Assert.Equal(new long?[] { null, 3, 6, 9, 10 }, pages.Starts);
    }

    [Fact]
    public async Task WalkAsync_ThrowPolicy_EndsAtTheBadRecordWithItsResumePoint()
    {
        var pages = Pages(exclusive: false, endsResponse: false);
        var received = new List<long>();

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(async () =>
        {
            await foreach (var record in BounceWalks.RecordsAsync(Walker(pages, Request(InvalidRecordHandling.Throw)), CancellationToken.None))
            {
                received.Add(record.UndeliveredLogId);
            }
        });

        Assert.Equal([1, 2, 3, 4], received);
        Assert.Equal(5, ex.UndeliveredLogId);
        Assert.Equal(5, ex.ResumeStartId);
    }

    [Fact]
    public async Task WalkAsync_ResumedFromAPageAfterASkippedRecord_DoesNotReportItAgain()
    {
        var pages = Pages(exclusive: false, endsResponse: false);
        var first = await FirstPageAsync(pages, Request(InvalidRecordHandling.Skip()));
        Assert.Equal([5], first.SkippedRecords.Select(r => r.UndeliveredLogId));
        var reported = new List<long>();

        var (records, _) = await PagesAsync(pages, first.NextRequest with { InvalidRecords = InvalidRecordHandling.Skip(r => reported.Add(r.UndeliveredLogId)) });

        Assert.Equal([12, 13, 20], reported);
        Assert.Equal(InMemoryPages.Range((int)first.NextStartId, 26 - (int)first.NextStartId).Except(Bad), records);
    }

    [Fact]
    public async Task WalkAsync_PageOfNothingButBadRecords_IsHandedOverWithItsCursor()
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 10));
        pages.Invalid.UnionWith(InMemoryPages.Range(1, 5));

        var page = await FirstPageAsync(pages, new RawBouncesRequest { PageSize = 5, InvalidRecords = InvalidRecordHandling.Skip() });

        Assert.Empty(page.Records);
        Assert.Equal(InMemoryPages.Range(1, 5), page.SkippedRecords.Select(r => r.UndeliveredLogId));
        Assert.Equal(6, page.NextStartId);
    }

    [Fact]
    public async Task WalkAsync_CallbackThrows_EndsTheWalkBeforeTheCursorPassesTheRecord()
    {
        var pages = Pages(exclusive: false, endsResponse: false);
        var walker = Walker(pages, Request(InvalidRecordHandling.Skip(_ => throw new InvalidOperationException("store down"))));

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var unused in BounceWalks.RecordsAsync(walker, CancellationToken.None))
            {
            }
        });

        Assert.Equal(5, walker.NextStartId);
    }

    [Fact]
    public async Task WalkAsync_AsyncCallback_GetsTheRecordsIdFieldProblemAndText()
    {
        var pages = Pages(exclusive: false, endsResponse: false);
        var reported = new List<InvalidBounceRecord>();

        await PagesAsync(pages, Request(InvalidRecordHandling.Skip(async (record, cancellationToken) =>
        {
            await Task.Yield();
            reported.Add(record);
        })));

        var first = reported[0];
        Assert.Equal(5, first.UndeliveredLogId);
        Assert.Equal("ID_USER_LIST", first.FieldName);
        Assert.Equal("the value is not a non-negative integer.", first.Problem);
        Assert.Contains("\"ID_USER_LIST\":\"-1\"", first.RecordText, StringComparison.Ordinal);
        Assert.Equal(5, first.Exception.UndeliveredLogId);
    }

    [Fact]
    public void InvalidRecords_Default_IsThrowAndNullIsRefused()
    {
        Assert.Same(InvalidRecordHandling.Throw, new RawBouncesRequest().InvalidRecords);
        Assert.False(InvalidRecordHandling.Throw.Skips);
        Assert.True(InvalidRecordHandling.Skip().Skips);
        Assert.Equal("Skip", InvalidRecordHandling.Skip(_ => { }).ToString());
        Assert.Throws<ArgumentNullException>(() => new RawBouncesRequest { InvalidRecords = null! }.Validate());
        Assert.Equal(["RawBouncesRequest.InvalidRecords must be set."], new RawBouncesRequest { InvalidRecords = null! }.GetValidationErrors());
        Assert.Throws<ArgumentNullException>(() => InvalidRecordHandling.Skip((Action<InvalidBounceRecord>)null!));
    }

    [Fact]
    public void InvalidRecords_SerializedRequest_IsLeftOut()
    {
        var request = new RawBouncesRequest { StartId = 7, InvalidRecords = InvalidRecordHandling.Skip() };

        var json = System.Text.Json.JsonSerializer.Serialize(request);
        var back = System.Text.Json.JsonSerializer.Deserialize<RawBouncesRequest>(json)!;

        Assert.DoesNotContain("InvalidRecords", json, StringComparison.Ordinal);
        Assert.Equal(7, back.StartId);
        Assert.Same(InvalidRecordHandling.Throw, back.InvalidRecords);
    }

    private static InMemoryPages Pages(bool exclusive, bool endsResponse)
    {
        var pages = new InMemoryPages(InMemoryPages.Range(1, 25)) { ExclusiveStart = exclusive, InvalidEndsResponse = endsResponse };
        pages.Invalid.UnionWith(Bad);
        return pages;
    }

    private static RawBouncesRequest Request(InvalidRecordHandling handling) => new() { PageSize = 6, InvalidRecords = handling };

    private static BounceWalker Walker(InMemoryPages pages, RawBouncesRequest request) =>
        new(
            pages.ReadAsync,
            request,
            new WalkSettings(false, new MailkitRetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }, TimeProvider.System, NullLogger.Instance));

    private static async Task<(List<long> Records, List<long> Skipped)> PagesAsync(InMemoryPages pages, RawBouncesRequest request)
    {
        var (records, skipped) = (new List<long>(), new List<long>());
        await foreach (var page in BounceWalks.PagesAsync(Walker(pages, request), CancellationToken.None))
        {
            records.AddRange(page.Records.Select(r => r.UndeliveredLogId));
            skipped.AddRange(page.SkippedRecords.Select(r => r.UndeliveredLogId));
            Assert.True(page.Records.Concat<object>(page.SkippedRecords).Any());
            Assert.All(page.SkippedRecords, r => Assert.True(r.UndeliveredLogId < page.NextStartId));
        }

        return (records, skipped);
    }

    private static async Task<BouncePage> FirstPageAsync(InMemoryPages pages, RawBouncesRequest request)
    {
        await foreach (var page in BounceWalks.PagesAsync(Walker(pages, request), CancellationToken.None))
        {
            return page;
        }

        throw new InvalidOperationException("The walk brought no page.");
    }
}
