using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Transport;

public class CustomTransportTests
{
    [Fact]
    public async Task GetAllRawBouncesAsync_CustomTransport_UsedForTheWholeWalk()
    {
        var transport = new LineTransport();
        var handler = TestSupport.StrictHandler();
        handler.When(HttpMethod.Post, "https://api.mailkit.eu/lines").Respond(async request =>
        {
            var start = long.Parse(await request.Content!.ReadAsStringAsync(), System.Globalization.CultureInfo.InvariantCulture);
            var ids = Enumerable.Range(1, 7).Where(i => i >= start).Take(3);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(string.Join("\n", ids)) };
        });
        var options = TestSupport.Options();
        options.CustomTransport = transport;
        using var client = TestSupport.ClientFor(handler, options);
        var ids = new List<long>();

        await foreach (var record in client.GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 3 }))
        {
            ids.Add(record.UndeliveredLogId);
        }

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], ids);
        Assert.Equal(transport.Requests, transport.Responses);
        Assert.True(transport.Requests >= 3);
    }

    [Fact]
    public async Task GetRawBouncesAsync_CustomTransportReportsAnError_SurfacesAsTheTypedException()
    {
        var handler = TestSupport.HandlerAnswering("!Disallowed IP 203.0.113.9", mediaType: "text/plain");
        var options = TestSupport.Options();
        options.CustomTransport = new LineTransport();
        using var client = TestSupport.ClientFor(handler, options);

        var ex = await Assert.ThrowsAsync<MailkitIpNotAllowedException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.Equal("203.0.113.9", ex.IpAddress);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_CustomTransport_RefusedBeforeAnyCall()
    {
        var handler = TestSupport.StrictHandler();
        var options = TestSupport.Options();
        var transport = new LineTransport();
        options.CustomTransport = transport;
        using var client = TestSupport.ClientFor(handler, options);

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetRawMessagesAsync(new RawMessagesRequest()));

        Assert.Contains("mailkit.report.raw.messages", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CustomTransport", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, transport.Requests);
    }

    /// <summary>A toy wire format: the start ID as the body, one record ID per line back, "!" for an error.</summary>
    private sealed class LineTransport : MailkitTransport
    {
        private int _requests;
        private int _responses;

        public int Requests => _requests;

        public int Responses => _responses;

        public override string Name => "lines";

        public override HttpRequestMessage CreateRequest(Uri endpoint, MailkitFunctionCall functionCall, MailkitCredentials credentials)
        {
            Interlocked.Increment(ref _requests);
            var start = functionCall.Parameters.Single(p => p.Name == "ID_undelivered_log").Value ?? 0;
            return new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "lines")) { Content = new StringContent(start.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        }

        public override async IAsyncEnumerable<BounceRecord> ReadBounceRecordsAsync(Stream body, MailkitResponseContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _responses);
            using var reader = new StreamReader(body, Encoding.UTF8);
            var builder = new BounceRecordBuilder();
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith('!'))
                {
                    throw context.CreateApiException(1, line[1..]);
                }

                yield return builder.Set(BounceFieldNames.UndeliveredLogId, line).Build();
            }
        }
    }
}
