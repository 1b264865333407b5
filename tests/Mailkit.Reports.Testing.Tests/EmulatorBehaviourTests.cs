using System.Net;
using System.Text;
using System.Text.Json;
using Mailkit.Reports.Models;
using Mailkit.Reports.TestSupport;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Testing.Tests;

public class EmulatorBehaviourTests
{
    private static readonly KeyValuePair<string, string>[] One = [new("ID_UNDELIVERED_LOG", "5"), new("EMAIL", "a@příklad.cz"), new("ID_MESSAGE", "9")];

    [Fact]
    public async Task Json_StartIsInclusive_ValuesAreStrings_LimitHonoured()
    {
        var emulator = Emulated.Create();
        emulator.Add(Enumerable.Range(1, 10).Select(i => new EmulatedBounce([new("ID_UNDELIVERED_LOG", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("ID_MESSAGE", "7")])));
        await using var server = await emulator.StartServerAsync();

        using var json = JsonDocument.Parse(await PostJsonAsync(server, """{"ID_undelivered_log":"4","limit":"3"}"""));

        Assert.Equal(["4", "5", "6"], json.RootElement.EnumerateArray().Select(r => r.GetProperty("ID_UNDELIVERED_LOG").GetString()));
        Assert.All(json.RootElement.EnumerateArray(), r => Assert.Equal(JsonValueKind.String, r.GetProperty("ID_MESSAGE").ValueKind));
    }

    [Fact]
    public async Task Json_NothingAfterTheStart_AnswersAnEmptyObject()
    {
        var emulator = Emulated.Create();
        emulator.Add(One);
        await using var server = await emulator.StartServerAsync();

        Assert.Equal("{}", await PostJsonAsync(server, """{"ID_undelivered_log":"6"}"""));
    }

    [Fact]
    public async Task Json_LimitAbove25000_Capped()
    {
        var emulator = Emulated.Create().AddGenerated(25_010, seed: 2);
        await using var server = await emulator.StartServerAsync();

        using var json = JsonDocument.Parse(await PostJsonAsync(server, """{"limit":"30000"}"""));

        Assert.Equal(25_000, json.RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData(1, "00112233445566778899aabbccddeeff")]
    [InlineData(0, "ffffffffffffffffffffffffffffffff")]
    public async Task WrongCredentials_AnsweredUnauthorizedOnBothTransports(int idOffset, string md5)
    {
        var emulator = Emulated.Create();
        emulator.Add(One);
        await using var server = await emulator.StartServerAsync();
        foreach (var transport in new[] { MailkitTransportKind.Json, MailkitTransportKind.XmlRpc })
        {
            var options = Emulated.Options(server, transport);
            options.ClientId += idOffset;
            options.ClientMd5 = md5;
            using var client = new MailkitClient(options);

            var ex = await Assert.ThrowsAsync<MailkitAuthenticationException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

            Assert.Equal("Unauthorized", ex.ApiMessage);
        }
    }

    [Fact]
    public async Task DisallowedIp_AnsweredWithTheAddress()
    {
        var emulator = Emulated.Create();
        emulator.DisallowedIp = "198.51.100.23";
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server, MailkitTransportKind.XmlRpc));

        var ex = await Assert.ThrowsAsync<MailkitIpNotAllowedException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.Equal("198.51.100.23", ex.IpAddress);
    }

    [Fact]
    public async Task InvalidSendId_AnsweredLikeMailkit()
    {
        var emulator = Emulated.Create();
        await using var server = await emulator.StartServerAsync();

        var body = await PostJsonAsync(server, """{"ID_send":"abc"}""");

        Assert.Equal("""{"error_status":1,"error":"Invalid ID_send"}""", body);
    }

    [Fact]
    public async Task XmlRpc_UnsetFiltersSentAsZero_MeanNoFilter()
    {
        var emulator = Emulated.Create().AddGenerated(50, seed: 9);
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server, MailkitTransportKind.XmlRpc));

        var page = await client.GetRawBouncesAsync(new RawBouncesRequest());

        Assert.Equal(emulator.ExpectedRecords(), page.Records);
        var request = Assert.Single(emulator.Requests);
        Assert.Equal("0", request.Parameters["ID_message"]);
        Assert.Equal("25000", request.Parameters["limit"]);
    }

    public static TheoryData<EmulatorFault, Type> Faults => new()
    {
        { EmulatorFault.TooManyRequests, typeof(MailkitHttpException) },
        { EmulatorFault.InternalServerError, typeof(MailkitHttpException) },
        { EmulatorFault.BadGateway, typeof(MailkitHttpException) },
        { EmulatorFault.ServiceUnavailable, typeof(MailkitHttpException) },
        { EmulatorFault.ResetMidBody, typeof(MailkitNetworkException) },
        { EmulatorFault.CutShortBody, typeof(MailkitNetworkException) },
        { EmulatorFault.HtmlPage, typeof(MailkitProtocolException) },
        { EmulatorFault.SlowResponse, typeof(MailkitTimeoutException) },
        { EmulatorFault.Unauthorized, typeof(MailkitAuthenticationException) },
        { EmulatorFault.DisallowedIp, typeof(MailkitIpNotAllowedException) },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Fault_OverASocket_ReachesTheClientAsItsTypedError(EmulatorFault fault, Type expected)
    {
        var emulator = Emulated.Create().AddGenerated(2_000, seed: 10);
        emulator.FailRequest(1, fault);
        emulator.SlowResponseDelay = TimeSpan.FromSeconds(30);
        await using var server = await emulator.StartServerAsync();
        var options = Emulated.Options(server);
        options.Retry.MaxRetryAttempts = 0;
        options.AttemptTimeout = TimeSpan.FromSeconds(3);
        options.CallTimeout = TimeSpan.FromSeconds(30);
        using var client = new MailkitClient(options);

        var ex = await Assert.ThrowsAnyAsync<MailkitException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.IsType(expected, ex);
        Assert.Equal(fault, Assert.Single(emulator.Requests).Fault);
    }

    [Fact]
    public async Task Fault_RetryAfterOnServiceUnavailable_SentAsAHeader()
    {
        var emulator = Emulated.Create();
        emulator.FailRequest(1, EmulatorFault.ServiceUnavailable);
        emulator.FaultRetryAfter = TimeSpan.FromSeconds(7);
        await using var server = await emulator.StartServerAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(server.Endpoint, "json.fcgi"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task RequestLog_RedactsTheMd5AndCountsConcurrency()
    {
        var emulator = Emulated.Create().AddGenerated(10, seed: 11);
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server));

        await client.GetRawBouncesAsync(new RawBouncesRequest { CampaignId = 10_001, PageSize = 5 });

        var request = Assert.Single(emulator.Requests);
        Assert.DoesNotContain(emulator.ClientMd5, request.RedactedBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"md5\":\"***\"", request.RedactedBody, StringComparison.Ordinal);
        Assert.Equal("10001", request.Parameters["ID_message"]);
        Assert.Equal("json", request.Transport);
        Assert.Equal(1, emulator.MaxConcurrentRequests);
    }

    [Fact]
    public async Task InProcessHandler_AnswersLikeTheServer()
    {
        var emulator = Emulated.Create().AddGenerated(1_000, seed: 12);
        var options = new MailkitClientOptions { ClientId = emulator.ClientId, ClientMd5 = emulator.ClientMd5, RateLimit = { MaxConcurrentRequests = 4 } };
        using var client = new MailkitClient(new HttpClient(emulator.CreateHandler()), options);

        var records = await Emulated.WalkAsync(client, new RawBouncesRequest { PageSize = 300 });

        Assert.Equal(emulator.ExpectedRecords(), records);
    }

    private static async Task<string> PostJsonAsync(MailkitEmulatorServer server, string parameters)
    {
        using var http = new HttpClient();
        var body = $$"""{"function":"mailkit.report.raw.bounces","id":"{{server.Emulator.ClientId}}","md5":"{{server.Emulator.ClientMd5}}","parameters":{{parameters}}}""";
        using var response = await http.PostAsync(new Uri(server.Endpoint, "json.fcgi"), new StringContent(body, Encoding.UTF8, "application/json"));
        return await response.Content.ReadAsStringAsync();
    }
}
