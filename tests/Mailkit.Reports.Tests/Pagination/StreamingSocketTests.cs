using System.Text;
using Mailkit.Reports.Models;
using Mailkit.Reports.Tests.Decoding;
using Mailkit.Reports.TestSupport;

namespace Mailkit.Reports.Tests.Pagination;

/// <summary>The paginator against a real loopback socket, where connection behaviour matters.</summary>
public class StreamingSocketTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetAllRawBouncesAsync_FirstRecord_ArrivesBeforeThePageHasBeenSent()
    {
        var firstRecordSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restSent = false;
        await using var server = new LoopbackHttpServer(async exchange =>
        {
            var body = Page(exchange.RequestBody, Enumerable.Range(1, 2000).Select(i => (long)i));
            var bytes = Encoding.UTF8.GetBytes(body);
            await exchange.Stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n"));
            var half = bytes.Length / 2;
            await exchange.Stream.WriteAsync(bytes.AsMemory(0, half));
            await exchange.Stream.FlushAsync();
            if (exchange.Number == 1)
            {
                // Hold the rest of the page back until the client has shown it can use what it already has.
                await firstRecordSeen.Task.WaitAsync(Patience);
                restSent = true;
            }

            await exchange.Stream.WriteAsync(bytes.AsMemory(half));
        });
        using var client = new MailkitClient(Options(server));
        var count = 0;

        await foreach (var record in client.GetAllRawBouncesAsync(new RawBouncesRequest()))
        {
            if (count++ == 0)
            {
                Assert.False(restSent);
                firstRecordSeen.SetResult();
            }
        }

        Assert.Equal(2000, count);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_ConnectionDroppedMidBody_ResumesWithoutLossOrDuplicate()
    {
        var all = Enumerable.Range(1, 300).Select(i => (long)i).ToList();
        await using var server = new LoopbackHttpServer(async exchange =>
        {
            var body = Page(exchange.RequestBody, all);
            if (exchange.Number is 1 or 3)
            {
                await exchange.RespondCutShortAsync(body, body.Length * 2 / 3);
            }
            else
            {
                await exchange.RespondAsync(body);
            }
        });
        using var client = new MailkitClient(Options(server));
        var ids = new List<long>();

        await foreach (var record in client.GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 100 }))
        {
            ids.Add(record.UndeliveredLogId);
        }

        Assert.Equal(all, ids);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_CancelledMidPage_StopsAndReleasesTheConnection()
    {
        await using var server = new LoopbackHttpServer(async exchange =>
        {
            var body = Page(exchange.RequestBody, Enumerable.Range(1, 25_000).Select(i => (long)i));
            await exchange.TrickleAsync(body, chunk: 4096, pause: TimeSpan.FromMilliseconds(5));
        });
        using var client = new MailkitClient(Options(server));
        using var cts = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in client.GetAllRawBouncesAsync(new RawBouncesRequest()).WithCancellation(cts.Token))
            {
                if (++seen == 50)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(50, seen);
        Assert.Equal(1, server.Requests);
        await WaitUntilAsync(() => server.OpenConnections == 0);
        Assert.Equal(0, server.OpenConnections);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_ConsumerBreaksOutEarly_ReleasesTheConnection()
    {
        await using var server = new LoopbackHttpServer(async exchange =>
        {
            var body = Page(exchange.RequestBody, Enumerable.Range(1, 25_000).Select(i => (long)i));
            await exchange.TrickleAsync(body, chunk: 4096, pause: TimeSpan.FromMilliseconds(5));
        });
        using var client = new MailkitClient(Options(server));

        await foreach (var record in client.GetAllRawBouncesAsync(new RawBouncesRequest()))
        {
            if (record.UndeliveredLogId == 10)
            {
                break;
            }
        }

        await WaitUntilAsync(() => server.OpenConnections == 0);
        Assert.Equal(0, server.OpenConnections);
    }

    internal static MailkitClientOptions Options(LoopbackHttpServer server)
    {
        var options = PaginationTests.Options();
        options.Endpoint = server.Endpoint;
        return options;
    }

    /// <summary>The inclusive page the real API would serve for the request in <paramref name="requestBody"/>.</summary>
    internal static string Page(string requestBody, IEnumerable<long> ids) => RecordBodies.Json(RecordBodies.PageOf(ids, requestBody));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
