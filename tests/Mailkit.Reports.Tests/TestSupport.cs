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

    public static MailkitClient ClientFor(HttpMessageHandler handler, MailkitClientOptions? options = null) =>
        new(new HttpClient(handler), options ?? Options());

    /// <summary>
    /// A handler that answers only the requests a test expects or defines, and fails any other, so that
    /// <see cref="MockHttpMessageHandler.VerifyNoOutstandingExpectation()"/> proves exactly the expected calls were made.
    /// </summary>
    public static MockHttpMessageHandler StrictHandler()
    {
        var handler = new MockHttpMessageHandler();
        handler.Fallback.Throw(new InvalidOperationException("The test expected no such request."));
        return handler;
    }

    /// <summary>A handler that answers every request with <paramref name="body"/>.</summary>
    public static MockHttpMessageHandler HandlerAnswering(string body, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json")
    {
        var handler = StrictHandler();
        handler.When("*").Respond(status, mediaType, body);
        return handler;
    }

    /// <summary>A client whose every call is answered with <paramref name="body"/>.</summary>
    public static MailkitClient ClientAnswering(string body, HttpStatusCode status = HttpStatusCode.OK, MailkitClientOptions? options = null) =>
        ClientFor(HandlerAnswering(body, status), options);

    /// <summary>Whether the request's content has this media type, whatever its charset.</summary>
    public static bool HasMediaType(HttpRequestMessage request, string mediaType) =>
        request.Content?.Headers.ContentType?.MediaType == mediaType;

    public static Task<BouncePage> GetPageAsync(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        ClientAnswering(body, status).GetRawBouncesAsync(new RawBouncesRequest());

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, for a state the code under test reaches on its own thread (a call
    /// queued behind a permit). Fails after a generous limit instead of hanging.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var limit = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(limit) < TimeSpan.FromSeconds(30), $"Never reached: {what}.");
            await Task.Delay(1);
        }
    }

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

