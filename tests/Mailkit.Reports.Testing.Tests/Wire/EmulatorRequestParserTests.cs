using System.Text;
using Mailkit.Reports.Testing.Wire;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Testing.Tests.Wire;

public class EmulatorRequestParserTests
{
    private const string Md5 = "00112233445566778899AABBCCDDEEFF";

    [Theory]
    [InlineData("/json.fcgi", MailkitTransportKind.Json, true)]
    [InlineData("/api/rpc.fcgi", MailkitTransportKind.XmlRpc, true)]
    [InlineData("/other", MailkitTransportKind.Json, false)]
    public void TransportOf_Path_NamesTheTransportAndWhetherItIsTheApi(string path, MailkitTransportKind transport, bool api)
    {
        Assert.Equal(transport, EmulatorRequestParser.TransportOf(path));
        Assert.Equal(api, EmulatorRequestParser.IsApiPath(path));
    }

    [Fact]
    public void Parse_JsonCall_ReadsItsPartsAndParametersAsText()
    {
        var call = Parse(MailkitTransportKind.Json, $$$"""{"function":"f","id":12,"md5":"{{{Md5}}}","parameters":{"ID_message":"3","limit":25}}""");

        Assert.False(call.Invalid);
        Assert.Equal("f", call.Function);
        Assert.Equal("12", call.ClientId);
        Assert.Equal(Md5, call.Md5);
        Assert.Equal(new Dictionary<string, string> { ["ID_message"] = "3", ["limit"] = "25" }, call.Parameters);
        Assert.Equal("""{"function":"f","id":12,"md5":"***","parameters":{"ID_message":"3","limit":25}}""", call.RedactedBody);
    }

    [Theory]
    [InlineData("[\"x\"]")]
    [InlineData("{\"function\":")]
    [InlineData("")]
    public void Parse_JsonThatIsNoCall_Invalid(string body) =>
        Assert.True(Parse(MailkitTransportKind.Json, body).Invalid);

    [Fact]
    public void Parse_XmlRpcCall_PositionalParametersNamedInOrder()
    {
        var call = Parse(MailkitTransportKind.XmlRpc, $"""
            <?xml version="1.0"?><methodCall><methodName>mailkit.report.raw.bounces</methodName><params>
            <param><value><int>12</int></value></param><param><value><string>{Md5}</string></value></param>
            <param><value><int>0</int></value></param><param><value><int>4</int></value></param>
            <param><value> 9 </value></param><param><value><int>100</int></value></param></params></methodCall>
            """);

        Assert.False(call.Invalid);
        Assert.Equal("mailkit.report.raw.bounces", call.Function);
        Assert.Equal("12", call.ClientId);
        Assert.Equal(Md5, call.Md5);
        Assert.Equal(new Dictionary<string, string> { ["ID_message"] = "0", ["ID_send"] = "4", ["ID_undelivered_log"] = "9", ["limit"] = "100" }, call.Parameters);
        Assert.DoesNotContain(Md5, call.RedactedBody, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [Trait("Issue", "25")]
    [InlineData("mailkit.report.raw.messages", "ID_message,ID_send,ID_send_message,limit")]
    [InlineData("mailkit.report.raw.responses", "ID_message,ID_send,ID_send_message,ID_log,limit")]
    [InlineData("mailkit.report.message.bounces", "ID_send")]
    [InlineData("mailkit.report.message.recipients", "ID_send")]
    [InlineData("mailkit.campaigns.list", "ID_message")]
    [InlineData("mailkit.report.campaign", "ID_message,range_from,range_to")]
    [InlineData("mailkit.mailinglist.unsubscribed", "range_from")]
    [InlineData("mailkit.report.unknown", "ID_message,ID_send,ID_undelivered_log,limit")]
    public void Parse_XmlRpcCall_EachFunctionsPositionalOrder_ExtraValuesIgnored(string function, string order)
    {
        var values = string.Concat(Enumerable.Range(1, 7).Select(i => $"<param><value><int>{i}</int></value></param>"));
        var call = Parse(MailkitTransportKind.XmlRpc, $"""
            <?xml version="1.0"?><methodCall><methodName>{function}</methodName><params>
            <param><value><int>12</int></value></param><param><value><string>{Md5}</string></value></param>{values}</params></methodCall>
            """);

        var names = order.Split(',');
        Assert.Equal(names.Select((n, i) => KeyValuePair.Create(n, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))), call.Parameters.OrderBy(p => Array.IndexOf(names, p.Key)));
    }

    [Fact]
    [Trait("Issue", "25")]
    public void Parse_XmlRpcCall_TrailingParametersLeftOut_OnlyThoseSentAreNamed()
    {
        var call = Parse(MailkitTransportKind.XmlRpc, $"""
            <?xml version="1.0"?><methodCall><methodName>mailkit.report.campaign</methodName><params>
            <param><value><int>12</int></value></param><param><value><string>{Md5}</string></value></param>
            <param><value><int>20001</int></value></param><param><value><int>0</int></value></param></params></methodCall>
            """);

        Assert.Equal(new Dictionary<string, string> { ["ID_message"] = "20001", ["range_from"] = "0" }, call.Parameters);
    }

    [Theory]
    [Trait("Issue", "25")]
    [InlineData(""","ID_message":"7","parameters":{}""", "7")]
    [InlineData(""","parameters":{"ID_message":"8"}""", "8")]
    [InlineData(""","ID_message":"7","parameters":{"ID_message":"8"}""", "8")]
    [InlineData(""","ID_message":7""", "7")]
    public void Parse_JsonCall_IdMessageAtTheTopLevelOrInParameters_Read(string rest, string expected)
    {
        var call = Parse(MailkitTransportKind.Json, $$$"""{"function":"mailkit.campaigns.list","id":"12","md5":"{{{Md5}}}"{{{rest}}}}""");

        Assert.Equal(expected, call.Parameters["ID_message"]);
        Assert.Single(call.Parameters);
    }

    [Fact]
    [Trait("Issue", "25")]
    public void Parse_JsonRawBouncesCall_TopLevelIdMessageIgnoredAsBefore() =>
        Assert.Empty(Parse(MailkitTransportKind.Json, $$$"""{"function":"mailkit.report.raw.bounces","id":"12","md5":"{{{Md5}}}","ID_message":"7","parameters":{}}""").Parameters);

    [Theory]
    [InlineData("<methodCall><methodName>f</methodName><params><param><value>1</value></param></params></methodCall>")]
    [InlineData("<methodCall><params>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"e\">]><methodCall/>")]
    public void Parse_XmlRpcThatIsNoCall_Invalid(string body) =>
        Assert.True(Parse(MailkitTransportKind.XmlRpc, body).Invalid);

    [Fact]
    public void Redact_Md5InAnyCaseAndAnyOtherMd5ShapedRun_Hidden()
    {
        var redacted = EmulatorRequestParser.Redact($"a {Md5.ToLowerInvariant()} b ffffffffffffffffffffffffffffffff c {Md5}0", Md5);

        Assert.Equal("a *** b *** c ***0", redacted);
    }

    [Fact]
    public void Redact_Md5OnlyEscapedInTheBody_WithholdsTheBody() =>
        Assert.Equal("(not shown: the md5 in this body is escaped)", EmulatorRequestParser.Redact("\"md5\":\"\\u0030\\u0030...\"", Md5));

    [Fact]
    public void ParsedCall_ToString_NeverShowsTheMd5() =>
        Assert.DoesNotContain(Md5, Parse(MailkitTransportKind.Json, $$"""{"md5":"{{Md5}}"}""").ToString(), StringComparison.OrdinalIgnoreCase);

    private static ParsedCall Parse(MailkitTransportKind transport, string body) => EmulatorRequestParser.Parse(transport, Encoding.UTF8.GetBytes(body));
}
