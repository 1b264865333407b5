using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using Mailkit.Reports.Models;
using Mailkit.Reports.Tests.Resilience;
using Mailkit.Reports.TestSupport;
using Mailkit.Reports.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Diagnostics;

/// <summary>The md5 stays in the request body: no message, excerpt or log holds any part of it, and no redirect carries it.</summary>
public class SecretLeakTests
{
    /// <summary>An md5 with no repeats, so that every 8-character part of it is distinct.</summary>
    private const string Md5 = "9f86d081884c7d659a2feaa0c55ad015";

    public enum Echo
    {
        /// <summary>A 400 whose body is the prefix and the request.</summary>
        HttpError,

        /// <summary>A 200 whose body is the prefix and the request.</summary>
        Body,

        /// <summary>An API error whose text is the prefix and the request.</summary>
        ApiError,
    }

    public static TheoryData<MailkitTransportKind, Echo> Echoes()
    {
        var data = new TheoryData<MailkitTransportKind, Echo>();
        foreach (var transport in new[] { MailkitTransportKind.Json, MailkitTransportKind.XmlRpc })
        {
            foreach (var echo in Enum.GetValues<Echo>())
            {
                data.Add(transport, echo);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Echoes))]
    [Trait("Finding", "M1")]
    public async Task GetRawBouncesAsync_ServerEchoesTheRequestAfterEveryPrefixLength_NoPartOfTheMd5Anywhere(MailkitTransportKind transport, Echo echo)
    {
        var prefixLength = 0;
        var handler = TestSupport.StrictHandler();
        handler.When("*").Respond(async request =>
        {
            var echoed = new string('x', prefixLength) + await request.Content!.ReadAsStringAsync();
            return Answer(transport, echo, echoed);
        });
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        var options = TestSupport.Options();
        options.ClientMd5 = Md5;
        options.Transport = transport;
        options.Retry.MaxRetryAttempts = 0;
        using var client = new MailkitClient(new HttpClient(handler), options, loggerFactory);

        for (prefixLength = 0; prefixLength <= 300; prefixLength++)
        {
            var ex = await Assert.ThrowsAnyAsync<MailkitException>(() => client.GetRawBouncesAsync(new RawBouncesRequest { CampaignId = 678 }));
            var seen = new StringBuilder(TestSupport.AllMessages(ex));
            seen.AppendLine(ex switch
            {
                MailkitHttpException http => http.BodyExcerpt,
                MailkitProtocolException protocol => protocol.BodyExcerpt + protocol.RecordText,
                MailkitApiException api => api.ApiMessage,
                _ => string.Empty,
            });
            AssertHoldsNoPartOfTheMd5(seen.ToString(), $"prefix {prefixLength}, {ex.GetType().Name}");
        }

        AssertHoldsNoPartOfTheMd5(TelemetryTests.Everything(logs), "logs");
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    [Trait("Finding", "M8")]
    public async Task GetRawBouncesAsync_EndpointRedirectsElsewhere_ThrowsHttpExceptionAndSendsNothingThere(int status)
    {
        await using var elsewhere = new LoopbackHttpServer(exchange => exchange.RespondAsync("[]"));
        await using var endpoint = new LoopbackHttpServer(exchange => exchange.RedirectAsync(new Uri(elsewhere.Endpoint, "json.fcgi"), status));
        var options = TestSupport.Options(endpoint.Endpoint.ToString());
        options.ClientMd5 = Md5;
        using var client = new MailkitClient(options);

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(0, elsewhere.Requests);
        Assert.Single(endpoint.RequestBodies);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M8")]
    public async Task AddMailkitClient_EndpointRedirectsElsewhere_ThrowsHttpExceptionAndSendsNothingThere(bool appSetsAFollowingHandlerAfterwards)
    {
        await using var elsewhere = new LoopbackHttpServer(exchange => exchange.RespondAsync("[]"));
        await using var endpoint = new LoopbackHttpServer(exchange => exchange.RedirectAsync(new Uri(elsewhere.Endpoint, "json.fcgi")));
        var services = new ServiceCollection();
        var builder = services.AddMailkitClient(o =>
        {
            o.ClientId = ResilienceTests.NextClientId();
            o.ClientMd5 = Md5;
            o.Endpoint = endpoint.Endpoint;
        });
        if (appSetsAFollowingHandlerAfterwards)
        {
            builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = true });
        }

        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IMailkitClient>();

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, ex.StatusCode);
        Assert.Equal(0, elsewhere.Requests);
    }

    [Fact]
    [Trait("Finding", "M8")]
    public async Task GetRawBouncesAsync_CallersHttpClientFollowsARedirect_ThrowsHttpExceptionNamingIt()
    {
        await using var elsewhere = new LoopbackHttpServer(exchange => exchange.RespondAsync("[]"));
        await using var endpoint = new LoopbackHttpServer(exchange => exchange.RedirectAsync(new Uri(elsewhere.Endpoint, "json.fcgi")));
        using var following = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        var options = TestSupport.Options(endpoint.Endpoint.ToString());
        options.ClientId = ResilienceTests.NextClientId();
        options.ClientMd5 = Md5;
        using var client = new MailkitClient(following, options);

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.Contains("redirect", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("AllowAutoRedirect", ex.Message, StringComparison.Ordinal);
        AssertHoldsNoPartOfTheMd5(TestSupport.AllMessages(ex), "message");
    }

    [Theory]
    [Trait("Finding", "R2-L2")]
    [InlineData(MailkitTransportKind.XmlRpc, "<?xml version=\"1.0\" encoding=\"{0}\"?><methodResponse/>", "FormatException")]
    [InlineData(MailkitTransportKind.Json, "[tru{0}]", "JsonReaderException")]
    public async Task GetRawBouncesAsync_DecoderQuotesTheMd5InItsOwnError_ToStringHoldsNoPartOfItButNamesTheDecoderError(
        MailkitTransportKind transport, string bodyFormat, string decoderError)
    {
        var body = string.Format(System.Globalization.CultureInfo.InvariantCulture, bodyFormat, Md5);
        var options = TestSupport.Options();
        options.ClientMd5 = Md5;
        options.Transport = transport;
        options.Retry.MaxRetryAttempts = 0;
        var mediaType = transport == MailkitTransportKind.XmlRpc ? "text/xml" : "application/json";
        using var client = new MailkitClient(new HttpClient(TestSupport.HandlerAnswering(body, HttpStatusCode.OK, mediaType)), options);

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        AssertHoldsNoPartOfTheMd5(ex.ToString(), "ToString()");
        AssertHoldsNoPartOfTheMd5(TestSupport.AllMessages(ex), "messages");
        Assert.NotNull(ex.InnerException);
        Assert.Contains(decoderError, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "R2-L2")]
    public void CreateProtocolException_InnerExceptionQuotesTheMd5_ToStringHoldsNoPartOfIt()
    {
        var context = new MailkitResponseContext("mailkit.report.raw.bounces", HttpStatusCode.OK, new MailkitCredentials(1, Md5));
        var inner = new InvalidOperationException("outer " + Md5[3..], new FormatException("deeper " + Md5[..20].ToUpperInvariant()));

        var ex = context.CreateProtocolException("A transport gave up.", 0, [], innerException: inner);

        AssertHoldsNoPartOfTheMd5(ex.ToString(), "ToString()");
        Assert.Contains(nameof(InvalidOperationException), ex.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(FormatException), ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("deeper ***", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "R2-L1")]
    public async Task GetRawBouncesAsync_CallersHttpClientFollowsARedirectToA503_FailsOnceAndIsNotTransient()
    {
        await using var elsewhere = new LoopbackHttpServer(exchange => exchange.RespondAsync("unavailable", 503));
        await using var endpoint = new LoopbackHttpServer(exchange => exchange.RedirectAsync(new Uri(elsewhere.Endpoint, "json.fcgi"), 307));
        using var following = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        var options = TestSupport.Options(endpoint.Endpoint.ToString());
        options.ClientId = ResilienceTests.NextClientId();
        options.ClientMd5 = Md5;
        options.Retry.MaxRetryAttempts = 3;
        using var client = new MailkitClient(following, options);

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(async () =>
        {
            await foreach (var _ in client.GetAllRawBouncesAsync(new RawBouncesRequest()))
            {
            }
        });

        Assert.False(ex.IsTransient);
        Assert.Equal(1, endpoint.Requests);
        Assert.Equal(1, elsewhere.Requests);
        Assert.Contains("redirect", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("refuse", ex.Message, StringComparison.OrdinalIgnoreCase);
        AssertHoldsNoPartOfTheMd5(TestSupport.AllMessages(ex), "message");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(24)]
    [Trait("Finding", "M1")]
    public void Redact_PartOfTheMd5CutAtEitherEnd_HidesEveryPartOfEightOrMore(int from)
    {
        var credentials = new MailkitCredentials(1, Md5);
        var text = "before " + Md5[from..] + " middle " + Md5[..(32 - from)].ToUpperInvariant() + " after deadbeef";

        var redacted = credentials.Redact(text);

        AssertHoldsNoPartOfTheMd5(redacted, "redacted");
        Assert.StartsWith("before ", redacted, StringComparison.Ordinal);
        Assert.EndsWith(" after deadbeef", redacted, StringComparison.Ordinal);
    }

    internal static void AssertHoldsNoPartOfTheMd5(string text, string where)
    {
        for (var i = 0; i + 8 <= Md5.Length; i++)
        {
            var part = Md5.Substring(i, 8);
            Assert.False(
                text.Contains(part, StringComparison.OrdinalIgnoreCase),
                $"{where}: holds md5[{i}..{i + 8}] ({part}) in: {text}");
        }
    }

    private static HttpResponseMessage Answer(MailkitTransportKind transport, Echo echo, string echoed)
    {
        var xml = transport == MailkitTransportKind.XmlRpc;
        return echo switch
        {
            Echo.HttpError => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(echoed, Encoding.UTF8, "text/html") },
            Echo.Body => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(echoed, Encoding.UTF8, xml ? "text/xml" : "application/json") },
            _ when xml => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(
                    "<?xml version=\"1.0\"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>3</int></value></member>"
                    + $"<member><name>faultString</name><value><string>{SecurityElement.Escape(echoed)}</string></value></member></struct></value></fault></methodResponse>",
                    Encoding.UTF8,
                    "text/xml"),
            },
            _ => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"error_status\":3,\"error\":{JsonSerializer.Serialize(echoed)}}}", Encoding.UTF8, "application/json"),
            },
        };
    }
}
