using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mailkit.Reports.TestSupport;

/// <summary>
/// A bare HTTP/1.1 server on a loopback socket, for the tests where the socket itself matters: a body that stops
/// in the middle, a connection closed early, a body trickled byte by byte. The handler writes the raw response.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<Exchange, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _openConnections;
    private int _requests;

    public LoopbackHttpServer(Func<Exchange, Task> handler)
    {
        _handler = handler;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int OpenConnections => Volatile.Read(ref _openConnections);

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every request body received, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> RequestBodies { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        Interlocked.Increment(ref _openConnections);
        try
        {
            using (socket)
            await using (var stream = new NetworkStream(socket, ownsSocket: false))
            {
                while (await ReadRequestAsync(stream) is { } body)
                {
                    var number = Interlocked.Increment(ref _requests);
                    RequestBodies.Enqueue(body);
                    var exchange = new Exchange(stream, body, number);
                    await _handler(exchange);
                    if (exchange.CloseAfter)
                    {
                        break;
                    }
                }
            }
        }
        catch (IOException)
        {
            // The client went away; that is what several tests do on purpose.
        }
        finally
        {
            Interlocked.Decrement(ref _openConnections);
        }
    }

    private static async Task<string?> ReadRequestAsync(Stream stream)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            header.Append((char)one[0]);
        }

        var length = 0;
        foreach (var line in header.ToString().Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return Encoding.UTF8.GetString(body);
    }

    internal sealed class Exchange(Stream stream, string requestBody, int number)
    {
        public Stream Stream { get; } = stream;

        public string RequestBody { get; } = requestBody;

        /// <summary>The 1-based number of this request across all connections.</summary>
        public int Number { get; } = number;

        public bool CloseAfter { get; set; }

        /// <summary>Writes a complete response with a Content-Length.</summary>
        public async Task RespondAsync(string body, int status = 200)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            await WriteHeadAsync(status, bytes.Length);
            await Stream.WriteAsync(bytes);
            await Stream.FlushAsync();
        }

        /// <summary>Announces the whole body's length, sends only the first <paramref name="sentBytes"/> bytes, then closes.</summary>
        public async Task RespondCutShortAsync(string body, int sentBytes)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            await WriteHeadAsync(200, bytes.Length);
            await Stream.WriteAsync(bytes.AsMemory(0, sentBytes));
            await Stream.FlushAsync();
            CloseAfter = true;
        }

        /// <summary>Answers with a redirect to <paramref name="location"/>.</summary>
        public async Task RedirectAsync(Uri location, int status = 307)
        {
            var head = $"HTTP/1.1 {status} Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n";
            await Stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await Stream.FlushAsync();
        }

        /// <summary>Sends the body in chunks of <paramref name="chunk"/> bytes with a pause between them.</summary>
        public async Task TrickleAsync(string body, int chunk, TimeSpan pause, CancellationToken cancellationToken = default)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            await WriteHeadAsync(200, bytes.Length);
            for (var offset = 0; offset < bytes.Length; offset += chunk)
            {
                await Stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)), cancellationToken);
                await Stream.FlushAsync(cancellationToken);
                await Task.Delay(pause, cancellationToken);
            }
        }

        private async Task WriteHeadAsync(int status, int length)
        {
            var head = $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n";
            await Stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        }
    }
}
