using System.Net;
using System.Text;
using Mailkit.Reports.Models;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests;

/// <summary>Shared values and builders for the unit tests. The md5 here is a made-up test value.</summary>
internal static class TestSupport
{
    public const int ClientId = 4242;
    public const string Md5 = "0123456789abcdef0123456789abcdef";
    public const string JsonUrl = "https://api.mailkit.eu/json.fcgi";
    public const string XmlRpcUrl = "https://api.mailkit.eu/rpc.fcgi";

    /// <summary>
    /// Options for the shared test account. Its rate limit is set wide open, consistently for every test, because the
    /// limit is shared per account across the process; the rate-limit tests use accounts of their own.
    /// </summary>
    public static MailkitClientOptions Options(string endpoint = "https://api.mailkit.eu/") => new()
    {
        ClientId = ClientId,
        ClientMd5 = Md5,
        Endpoint = new Uri(endpoint),
        RateLimit = { MaxConcurrentRequests = 64, RequestsPerMinute = 100_000 },
        Retry = { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
    };

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name), Encoding.UTF8);

    public static MailkitClient ClientFor(MockHttpMessageHandler handler, MailkitClientOptions? options = null) =>
        new(handler.ToHttpClient(), options ?? Options());

    /// <summary>A client whose every call is answered with <paramref name="body"/>.</summary>
    public static MailkitClient ClientAnswering(string body, HttpStatusCode status = HttpStatusCode.OK, MailkitClientOptions? options = null)
    {
        var handler = new MockHttpMessageHandler();
        handler.When(HttpMethod.Post, JsonUrl).Respond(status, "application/json", body);
        return ClientFor(handler, options);
    }

    public static Task<BouncePage> GetPageAsync(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        ClientAnswering(body, status).GetRawBouncesAsync(new RawBouncesRequest());

    /// <summary>Every exception message, inner ones included, for secret checks.</summary>
    public static string AllMessages(Exception ex)
    {
        var text = new StringBuilder();
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            text.AppendLine(current.Message).AppendLine(current.ToString());
        }

        return text.ToString();
    }
}

/// <summary>
/// A body as a network delivers it: at most <c>chunk</c> bytes per read, and, when <c>failAfter</c> is set, an I/O error
/// (a reset connection) once that many bytes have been read.
/// </summary>
internal sealed class ChunkedStream(byte[] data, int chunk = int.MaxValue, int? failAfter = null) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var end = failAfter ?? data.Length;
        if (_position >= end && failAfter is not null)
        {
            throw new IOException("The connection was reset by the peer.");
        }

        var n = Math.Min(Math.Min(count, chunk), end - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
