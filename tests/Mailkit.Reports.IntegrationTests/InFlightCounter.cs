using System.Net;

namespace Mailkit.Reports.IntegrationTests;

/// <summary>
/// Counts the client's requests in flight: from the moment one is sent until its response is disposed, or until the
/// send fails or is abandoned. This is what the SDK's own limit governs.
/// </summary>
internal sealed class InFlightCounter : DelegatingHandler
{
    private int _inFlight;
    private int _max;

    public InFlightCounter()
        : base(new SocketsHttpHandler())
    {
    }

    public int MaxInFlight => Volatile.Read(ref _max);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while ((max = Volatile.Read(ref _max)) < now && Interlocked.CompareExchange(ref _max, now, max) != max)
        {
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            response.Content = new CountedContent(response.Content, this);
            return response;
        }
        catch
        {
            Interlocked.Decrement(ref _inFlight);
            throw;
        }
    }

    /// <summary>The response's content, which ends the request's time in flight when it is disposed.</summary>
    private sealed class CountedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private InFlightCounter? _counter;

        public CountedContent(HttpContent inner, InFlightCounter counter)
        {
            _inner = inner;
            _counter = counter;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream, context);

        protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _counter, null) is { } counter)
            {
                Interlocked.Decrement(ref counter._inFlight);
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
