using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Mailkit.Reports.Cli;

/// <summary>
/// Prints a line on stderr for each retry the client schedules, so that a wait for an unreachable API is never silent:
/// what failed, which attempt of how many, and when the next one starts. It reads the client's own retry log events,
/// through the <see cref="ILoggerFactory"/> the client accepts, and counts them for the live progress line, which it
/// ends first (<paramref name="endLiveLine"/>) so that each retry has a line of its own.
/// </summary>
internal sealed class RetryReporter(TextWriter error, int attempts, Action endLiveLine) : ILoggerFactory, ILogger
{
    // The event IDs of the client's retry messages (Diagnostics/Log.cs in the SDK): a retried attempt, and a body asked for again.
    private const int RetryScheduled = 2;
    private const int BodyRetryScheduled = 4;

    private long _count;

    /// <summary>Gets how many retries were reported.</summary>
    public long Count => Interlocked.Read(ref _count);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id is not (RetryScheduled or BodyRetryScheduled) || state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            return;
        }

        Interlocked.Increment(ref _count);
        var attempt = Convert.ToInt32(Field(fields, "Attempt"), CultureInfo.InvariantCulture);
        var delay = TimeSpan.FromMilliseconds(Convert.ToDouble(Field(fields, "DelayMs"), CultureInfo.InvariantCulture));
        var what = Describe(exception) ?? Field(fields, "Reason")?.ToString() ?? "a failure";
        endLiveLine();
        error.WriteLine(SafeText.Line(
            string.Create(CultureInfo.InvariantCulture, $"retrying: {what} (attempt {attempt} of {attempts} failed), next try in {Wait(delay)}")));
    }

    /// <summary>A network failure in plain words, from the socket error or the kind of HTTP failure; <see langword="null"/> for others.</summary>
    internal static string? Describe(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is SocketException socket && Socket(socket.SocketErrorCode) is { } text)
            {
                return text;
            }
        }

        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case HttpRequestException http when Http(http.HttpRequestError) is { } text:
                    return text;
                case IOException:
                    return "the connection was lost";
            }
        }

        return null;
    }

    /// <summary>A delay as a person reads it: <c>1.5 s</c> below 10 s, whole seconds below two minutes, else minutes and seconds.</summary>
    internal static string Wait(TimeSpan delay) =>
        delay.TotalSeconds < 10 ? string.Create(CultureInfo.InvariantCulture, $"{delay.TotalSeconds:0.#} s")
        : delay.TotalSeconds < 120 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(delay.TotalSeconds):0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)delay.TotalMinutes} min {delay.Seconds} s");

    private static object? Field(IReadOnlyList<KeyValuePair<string, object?>> fields, string name)
    {
        foreach (var (key, value) in fields)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    private static string? Socket(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
        SocketError.TimedOut => "connection timed out",
        SocketError.ConnectionReset => "connection reset",
        SocketError.ConnectionAborted => "connection aborted",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => "network unreachable",
        SocketError.HostUnreachable or SocketError.HostDown => "host unreachable",
        _ => null,
    };

    private static string? Http(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "host not found",
        HttpRequestError.ConnectionError => "cannot connect",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded => "the server closed the connection",
        HttpRequestError.InvalidResponse => "not an HTTP response",
        HttpRequestError.ProxyTunnelError => "the proxy refused the connection",
        HttpRequestError.HttpProtocolError => "HTTP protocol error",
        _ => null,
    };
}
