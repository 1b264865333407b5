using System.Net;
using System.Text;

namespace Mailkit.Reports.Tests.TestDoubles;

/// <summary>
/// An HTTP handler that answers with a script and records what it saw: each request's body, the fake time it
/// arrived at, and how many responses were still open at once (a response is open until it is disposed).
/// </summary>
/// <remarks>
/// For what a request-matching mock cannot tell: when, on the test's clock, each request arrived, and how many responses
/// the client held open at once. Tests of the request's shape use <c>RichardSzalay.MockHttp</c>.
/// </remarks>
internal sealed class ScriptedHandler(Func<int, HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond, TimeProvider? time = null)
    : HttpMessageHandler
{
    private readonly object _gate = new();
    private readonly long _start = (time ?? TimeProvider.System).GetTimestamp();
    private int _open;
    private int _maxOpen;

    public List<string> Bodies { get; } = [];

    public List<TimeSpan> ArrivedAt { get; } = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return Bodies.Count;
            }
        }
    }

    public int MaxOpen => Volatile.Read(ref _maxOpen);

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        int number;
        lock (_gate)
        {
            Bodies.Add(body);
            ArrivedAt.Add((time ?? TimeProvider.System).GetElapsedTime(_start));
            number = Bodies.Count;
        }

        var open = Interlocked.Increment(ref _open);
        InterlockedMax(ref _maxOpen, open);
        try
        {
            var response = await respond(number, request, cancellationToken);
            response.Content = new TrackedContent(response.Content, () => Interlocked.Decrement(ref _open));
            return response;
        }
        catch
        {
            Interlocked.Decrement(ref _open);
            throw;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class TrackedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private Action? _onDispose;

        public TrackedContent(HttpContent inner, Action onDispose)
        {
            _inner = inner;
            _onDispose = onDispose;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Interlocked.Exchange(ref _onDispose, null)?.Invoke();
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
