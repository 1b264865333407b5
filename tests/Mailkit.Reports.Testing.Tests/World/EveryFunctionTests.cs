using System.Net;
using System.Text;
using Mailkit.Reports.TestSupport;
using static Mailkit.Reports.Testing.Tests.World.WorldCalls;

namespace Mailkit.Reports.Testing.Tests.World;

/// <summary>What holds whatever the function: the request log, the md5 kept out of it, faults, the rate limit and real sockets.</summary>
[Trait("Issue", "25")]
public class EveryFunctionTests
{
    public static TheoryData<string, string, string> Calls => new()
    {
        { "mailkit.report.raw.messages", """{"ID_send_message":"1","limit":"5"}""", "<int>0</int>" },
        { "mailkit.report.raw.responses", """{"ID_log":"1","limit":"5"}""", "<int>0</int>" },
        { "mailkit.report.message.bounces", """{"ID_send":"600001"}""", "<int>600001</int>" },
        { "mailkit.report.message.recipients", """{"ID_send":"600001"}""", "<int>600001</int>" },
        { "mailkit.campaigns.list", "{}", "<int>20001</int>" },
        { "mailkit.report.campaign", """{"ID_message":"20001"}""", "<int>20001</int>" },
        { "mailkit.mailinglist.unsubscribed", """{"range_from":"2026-10-01"}""", "<string>2026-10-01</string>" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task RequestLog_EveryFunctionOnBothTransports_LoggedWithTheMd5Redacted(string function, string parameters, string xmlValue)
    {
        var emulator = new MailkitEmulator().AddWorld();

        await JsonAsync(emulator, function, parameters);
        await XmlAsync(emulator, function, xmlValue);

        Assert.Equal(2, emulator.Requests.Count);
        Assert.All(emulator.Requests, r =>
        {
            Assert.Equal(function, r.Function);
            Assert.Equal(HttpStatusCode.OK, r.Status);
            Assert.DoesNotContain(emulator.ClientMd5, r.RedactedBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(emulator.ClientMd5[..16], r.RedactedBody, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("***", r.RedactedBody, StringComparison.Ordinal);
            Assert.True(r.Records > 0);
        });
        Assert.Equal(["json", "xmlrpc"], emulator.Requests.Select(r => r.Transport));
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Fault_PlannedForRequestN_AppliesWhateverTheFunction(string function, string parameters, string xmlValue)
    {
        var emulator = new MailkitEmulator().AddWorld();
        emulator.FailRequest(2, EmulatorFault.InternalServerError);
        emulator.FailRequest(3, EmulatorFault.Unauthorized);

        var first = await JsonAsync(emulator, function, parameters);
        var second = await JsonAsync(emulator, function, parameters);
        var third = await XmlAsync(emulator, function, xmlValue);

        Assert.StartsWith("[", first, StringComparison.Ordinal);
        Assert.Equal("Internal Server Error", second);
        Assert.Equal("Unauthorized", XmlError(third));
        Assert.Equal([EmulatorFault.None, EmulatorFault.InternalServerError, EmulatorFault.Unauthorized], emulator.Requests.Select(r => r.Fault));
        Assert.Equal(HttpStatusCode.InternalServerError, emulator.Requests[1].Status);
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task ServerRateLimit_CountsEveryFunction(string function, string parameters, string xmlValue)
    {
        _ = xmlValue;
        var emulator = new MailkitEmulator { ServerRateLimit = 1, TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider() }.AddWorld();

        await JsonAsync(emulator, "mailkit.report.raw.bounces");
        var refused = await JsonAsync(emulator, function, parameters);

        Assert.Equal("Too many requests", refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, emulator.Requests[1].Status);
    }

    [Fact]
    public async Task WrongMd5_RefusedForANewFunction()
    {
        var emulator = new MailkitEmulator().AddWorld();
        using var http = new HttpClient(emulator.CreateHandler());
        var body = $$$"""{"function":"mailkit.campaigns.list","id":"{{{emulator.ClientId}}}","md5":"ffffffffffffffffffffffffffffffff","parameters":{}}""";

        using var response = await http.PostAsync(new Uri("https://api.mailkit.eu/json.fcgi"), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal("""{"error_status":1,"error":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownFunction_AnsweredAsBefore()
    {
        var emulator = new MailkitEmulator().AddWorld();

        Assert.Equal("""{"error_status":1,"error":"Unknown function mailkit.report.other"}""", await JsonAsync(emulator, "mailkit.report.other"));
        Assert.Equal("Unknown function mailkit.report.other", XmlError(await XmlAsync(emulator, "mailkit.report.other", Int(1), Int(2), Int(3), Int(4))));
        Assert.Equal(["ID_message", "ID_send", "ID_undelivered_log", "limit"], emulator.Requests[1].Parameters.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RawBounces_EmptyAnswerSetting_AppliesToo_DefaultUnchanged()
    {
        var emulator = new MailkitEmulator().AddWorld();

        Assert.Equal("{}", await JsonAsync(emulator, "mailkit.report.raw.bounces", """{"ID_undelivered_log":"9999999999"}"""));
        emulator.EmptyAnswer = EmulatorEmptyAnswer.EmptyArray;
        Assert.Equal("[]", await JsonAsync(emulator, "mailkit.report.raw.bounces", """{"ID_undelivered_log":"9999999999"}"""));
    }

    [Fact]
    public async Task LoopbackServer_ServesTheWorldsReports()
    {
        var emulator = Emulated.Create().AddWorld();
        emulator.TrickleChunkBytes = 4_096;
        await using var server = await emulator.StartServerAsync();
        using var http = new HttpClient();
        var body = $$$"""{"function":"mailkit.report.raw.messages","id":"{{{emulator.ClientId}}}","md5":"{{{emulator.ClientMd5}}}","parameters":{"limit":"1000"}}""";

        using var response = await http.PostAsync(new Uri(server.Endpoint, "json.fcgi"), new StringContent(body, Encoding.UTF8, "application/json"));
        var rows = JsonRows(await response.Content.ReadAsStringAsync());

        Assert.Equal(emulator.World!.Messages.Where(m => !m.Pruned).Take(1_000).Select(m => m.SendMessageId), rows.Select(r => r.Id("ID_send_message")));
    }

    [Theory]
    [InlineData(Mailkit.Reports.Transport.MailkitTransportKind.Json)]
    [InlineData(Mailkit.Reports.Transport.MailkitTransportKind.XmlRpc)]
    public async Task RawBounces_OfTheWorld_WalkedByTheClientLikeAnyOthers(Mailkit.Reports.Transport.MailkitTransportKind transport)
    {
        var emulator = Emulated.Create().AddGenerated(300, seed: 4).AddWorld();
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server, transport));

        var records = await Emulated.WalkAsync(client, new Mailkit.Reports.Models.RawBouncesRequest { PageSize = 100 });

        Assert.Equal(emulator.ExpectedRecords(), records);
        Assert.Equal(300 + emulator.World!.MessageBounces.Count, records.Count);
    }
}
