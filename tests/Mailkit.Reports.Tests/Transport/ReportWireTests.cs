using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Transport;

/// <summary>
/// The exact request of every report function over both transports: the function name, JSON parameters as strings,
/// XML-RPC parameters by position with their types, and unset trailing parameters left out.
/// </summary>
public class ReportWireTests
{
    /// <summary>A call of one report, its JSON parameters (and top-level keys), and its XML-RPC parameters after the credentials.</summary>
    public static TheoryData<string, string, string, string> Calls => new()
    {
        // raw.messages: ID_message, ID_send, ID_send_message, limit.
        { "raw.messages: defaults", "mailkit.report.raw.messages", J("""{"limit":"25000"}"""), Params("<int>0</int>", "<int>0</int>", "<int>0</int>", "<int>25000</int>") },
        {
            "raw.messages: every filter", "mailkit.report.raw.messages",
            J("""{"ID_message":"12345","ID_send":"123456","ID_send_message":"123456789","limit":"1000"}"""),
            Params("<int>12345</int>", "<int>123456</int>", "<int>123456789</int>", "<int>1000</int>")
        },
        {
            "raw.messages: start beyond 32 bits", "mailkit.report.raw.messages",
            J("""{"ID_send_message":"9007199254740993","limit":"1"}"""),
            Params("<int>0</int>", "<int>0</int>", "<i8>9007199254740993</i8>", "<int>1</int>")
        },

        // raw.responses: ID_message, ID_send, ID_send_message (a filter), ID_log (the cursor), limit.
        { "raw.responses: defaults", "mailkit.report.raw.responses", J("""{"limit":"25000"}"""), Params("<int>0</int>", "<int>0</int>", "<int>0</int>", "<int>0</int>", "<int>25000</int>") },
        {
            "raw.responses: every filter", "mailkit.report.raw.responses",
            J("""{"ID_message":"12345","ID_send":"12345","ID_send_message":"123456798","ID_log":"123456789","limit":"1234"}"""),
            Params("<int>12345</int>", "<int>12345</int>", "<int>123456798</int>", "<int>123456789</int>", "<int>1234</int>")
        },

        // message.bounces and message.recipients: ID_send only.
        { "message.bounces", "mailkit.report.message.bounces", J("""{"ID_send":"123456"}"""), Params("<int>123456</int>") },
        { "message.recipients", "mailkit.report.message.recipients", J("""{"ID_send":"123456"}"""), Params("<int>123456</int>") },
        { "message.bounces: send beyond 32 bits", "mailkit.report.message.bounces", J("""{"ID_send":"4294967296"}"""), Params("<i8>4294967296</i8>") },

        // campaigns.list: ID_message at the top level as well as among the parameters; left out when unset.
        { "campaigns.list: all", "mailkit.campaigns.list", J("""{}"""), Params() },
        { "campaigns.list: one", "mailkit.campaigns.list", "\"ID_message\":\"12345\"," + J("""{"ID_message":"12345"}"""), Params("<int>12345</int>") },

        // report.campaign: ID_message, range_from, range_to (days, as strings); unset trailing days left out.
        { "report.campaign: no range", "mailkit.report.campaign", J("""{"ID_message":"12345"}"""), Params("<int>12345</int>") },
        {
            "report.campaign: from", "mailkit.report.campaign", J("""{"ID_message":"12345","range_from":"2026-03-01"}"""),
            Params("<int>12345</int>", "<string>2026-03-01</string>")
        },
        {
            "report.campaign: to only", "mailkit.report.campaign", J("""{"ID_message":"12345","range_to":"2026-03-31"}"""),
            Params("<int>12345</int>", "<string></string>", "<string>2026-03-31</string>")
        },
        {
            "report.campaign: both", "mailkit.report.campaign", J("""{"ID_message":"12345","range_from":"2026-03-01","range_to":"2026-03-31"}"""),
            Params("<int>12345</int>", "<string>2026-03-01</string>", "<string>2026-03-31</string>")
        },

        // mailinglist.unsubscribed: range_from, always sent (Mailkit's answer without it is not documented).
        { "unsubscribed: first call", "mailkit.mailinglist.unsubscribed", J("""{"range_from":"1970-01-01"}"""), Params("<string>1970-01-01</string>") },
        {
            "unsubscribed: after a summer evening in UTC", "mailkit.mailinglist.unsubscribed", J("""{"range_from":"2026-06-30"}"""),
            Params("<string>2026-06-30</string>")
        },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    [Trait("Issue", "25")]
    public async Task ReportCall_Json_PostsExactBody(string call, string function, string parameters, string unusedXml)
    {
        _ = unusedXml;
        var expected = "{\"function\":\"" + function + "\",\"id\":\"4242\",\"md5\":\"" + TestSupport.Md5 + "\"," + parameters + "}";
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl)
            .With(r => TestSupport.HasMediaType(r, "application/json"))
            .WithContent(expected)
            .Respond("application/json", "[]");
        using var client = TestSupport.ClientFor(handler);

        await MakeAsync(client, call);

        handler.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [MemberData(nameof(Calls))]
    [Trait("Issue", "25")]
    public async Task ReportCall_XmlRpc_PostsExactMethodCall(string call, string function, string unusedJson, string parameters)
    {
        _ = unusedJson;
        var expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall>\n <methodName>" + function + "</methodName>\n <params>\n"
            + "  <param><value><int>4242</int></value></param>\n"
            + $"  <param><value><string>{TestSupport.Md5}</string></value></param>\n"
            + parameters
            + " </params>\n</methodCall>\n";
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.XmlRpcUrl)
            .With(r => TestSupport.HasMediaType(r, "text/xml"))
            .WithContent(expected)
            .Respond("text/xml", "<?xml version=\"1.0\"?>\n<methodResponse><params><param><value><array><data/></array></value></param></params></methodResponse>");
        using var client = TestSupport.ClientFor(handler, XmlOptions());

        await MakeAsync(client, call);

        handler.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData("2026-10-25T22:30:00Z", "2026-10-24")]
    [InlineData("2026-06-30T22:30:00Z", "2026-06-30")]
    [InlineData("2026-12-31T23:30:00Z", "2026-12-31")]
    [InlineData("2026-12-31T22:59:59Z", "2026-12-30")]
    [Trait("Issue", "25")]
    public async Task GetUnsubscribesAsync_After_AsksFromTheDayBeforeItsDayInTheReportZone(string after, string day)
    {
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl)
            .WithContent($$$"""{"function":"mailkit.mailinglist.unsubscribed","id":"4242","md5":"{{{TestSupport.Md5}}}","parameters":{"range_from":"{{{day}}}"}}""")
            .Respond("application/json", "[]");
        using var client = TestSupport.ClientFor(handler);

        await client.GetUnsubscribesAsync(new UnsubscribesRequest { After = DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture) });

        handler.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [Trait("Issue", "25")]
    public async Task PerSendCalls_SendIdNotPositive_ThrowBeforeAnyRequest(long sendId)
    {
        using var client = TestSupport.ClientFor(TestSupport.StrictHandler());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetMessageBouncesAsync(sendId));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetMessageRecipientsAsync(sendId));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetCampaignSendsAsync(sendId));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetCampaignsAsync(sendId));
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task PagedCalls_InvalidRequest_ThrowBeforeAnyRequest()
    {
        using var client = TestSupport.ClientFor(TestSupport.StrictHandler());

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.GetRawMessagesAsync(null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetRawMessagesAsync(new RawMessagesRequest { PageSize = 25_001 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetRawMessagesAsync(new RawMessagesRequest { StartId = -1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetRawResponsesAsync(new RawResponsesRequest { PageSize = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetRawResponsesAsync(new RawResponsesRequest { SendMessageId = -5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.GetAllRawMessagesAsync(new RawMessagesRequest { PageSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.GetRawResponsePagesAsync(new RawResponsesRequest { CampaignId = -1 }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.GetUnsubscribesAsync(null!));
    }

    private static Task MakeAsync(MailkitClient client, string call) => call switch
    {
        "raw.messages: defaults" => client.GetRawMessagesAsync(new RawMessagesRequest()),
        "raw.messages: every filter" => client.GetRawMessagesAsync(new RawMessagesRequest { CampaignId = 12345, SendId = 123456, StartId = 123456789, PageSize = 1000 }),
        "raw.messages: start beyond 32 bits" => client.GetRawMessagesAsync(new RawMessagesRequest { StartId = 9_007_199_254_740_993, PageSize = 1 }),
        "raw.responses: defaults" => client.GetRawResponsesAsync(new RawResponsesRequest()),
        "raw.responses: every filter" => client.GetRawResponsesAsync(
            new RawResponsesRequest { CampaignId = 12345, SendId = 12345, SendMessageId = 123456798, StartId = 123456789, PageSize = 1234 }),
        "message.bounces" => client.GetMessageBouncesAsync(123456),
        "message.recipients" => client.GetMessageRecipientsAsync(123456),
        "message.bounces: send beyond 32 bits" => client.GetMessageBouncesAsync(4_294_967_296),
        "campaigns.list: all" => client.GetCampaignsAsync(),
        "campaigns.list: one" => client.GetCampaignsAsync(12345),
        "report.campaign: no range" => client.GetCampaignSendsAsync(12345),
        "report.campaign: from" => client.GetCampaignSendsAsync(12345, new DateOnly(2026, 3, 1)),
        "report.campaign: to only" => client.GetCampaignSendsAsync(12345, rangeTo: new DateOnly(2026, 3, 31)),
        "report.campaign: both" => client.GetCampaignSendsAsync(12345, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)),
        "unsubscribed: first call" => client.GetUnsubscribesAsync(new UnsubscribesRequest()),
        "unsubscribed: after a summer evening in UTC" => client.GetUnsubscribesAsync(
            new UnsubscribesRequest { After = new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero) }),
        _ => throw new ArgumentOutOfRangeException(nameof(call), call, "No such call."),
    };

    private static string J(string parameters) => "\"parameters\":" + parameters;

    private static MailkitClientOptions XmlOptions()
    {
        var options = TestSupport.Options();
        options.Transport = MailkitTransportKind.XmlRpc;
        return options;
    }

    private static string Params(params string[] values) =>
        string.Concat(values.Select(v => $"  <param><value>{v}</value></param>\n"));
}
