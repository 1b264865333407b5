using System.Text;
using System.Xml.Linq;
using Mailkit.Reports.Testing.Wire;

namespace Mailkit.Reports.Testing.Tests.Wire;

/// <summary>The writers of the world's reports: each key's wire kind decides its type on each transport.</summary>
[Trait("Issue", "25")]
public class RecordWriterTests
{
    private static readonly EmulatedRecord Campaign = new MailkitEmulator()
        .AddWorld(new EmulatedWorldOptions { Campaigns = 4, SendsPerCampaign = 1, RecipientsPerSend = 2 }).World!.Campaigns[3];

    [Theory]
    [InlineData(false, false, "\"ID_MESSAGE\":20004", "\"USER_LIST\":[300,310]")]
    [InlineData(false, true, "\"ID_MESSAGE\":\"20004\"", "\"USER_LIST\":[\"300\",\"310\"]")]
    [InlineData(true, false, "\"ID_MESSAGE\":20004", "\"USE_AB\":false")]
    public void Json_Kinds_NumbersBooleansAndListsTypedAsTheStyleSays(bool numbers, bool strings, string expected, string alsoExpected)
    {
        var json = Encoding.UTF8.GetString(JsonResponseWriter.Records([Campaign], ReportSchemas.CampaignsList, new WireStyle(numbers, strings), emptyAsObject: true));

        Assert.Contains(expected, json, StringComparison.Ordinal);
        Assert.Contains(alsoExpected, json, StringComparison.Ordinal);
        Assert.Contains("\"TIME_ZONE\":\"Europe/Prague\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WireKind.Text, "12", false, "string")]
    [InlineData(WireKind.TextId, "12", false, "string")]
    [InlineData(WireKind.TextId, "12", true, "i4")]
    [InlineData(WireKind.TextId, "", true, "string")]
    [InlineData(WireKind.TextCount, "3000000000", false, "i8")]
    [InlineData(WireKind.Number, "12", false, "i4")]
    [InlineData(WireKind.TextOrXmlInt, "0", false, "i4")]
    [InlineData(WireKind.TextOrXmlInt, "27,29", false, "string")]
    [InlineData(WireKind.NumberList, "300,310", false, "i4")]
    [InlineData(WireKind.Boolean, "true", false, "boolean")]
    internal void XmlRpc_Kinds_TypedAsTheSpecShowsThem(WireKind kind, string value, bool numbers, string type)
    {
        var xml = XmlRpcResponseWriter.Records([new Fixed(value)], _ => kind, new WireStyle(numbers, false), emptyAsStruct: false);

        var typed = XDocument.Parse(Encoding.UTF8.GetString(xml)).Descendants("member").Single().Element("value")!.Elements().Single();

        Assert.Equal(type, typed.Name.LocalName);
        Assert.Equal(kind switch { WireKind.NumberList => "300", WireKind.Boolean => "1", _ => value }, typed.Value);
    }

    [Fact]
    public void Empty_ShapeAsAsked()
    {
        Assert.Equal("[]", Encoding.UTF8.GetString(JsonResponseWriter.Records([], ReportSchemas.Raw, default, emptyAsObject: false)));
        Assert.Equal("{}", Encoding.UTF8.GetString(JsonResponseWriter.Records([], ReportSchemas.Raw, default, emptyAsObject: true)));
        Assert.Single(XDocument.Parse(Encoding.UTF8.GetString(XmlRpcResponseWriter.Records([], ReportSchemas.Raw, default, emptyAsStruct: true))).Descendants("struct"));
        Assert.Empty(XDocument.Parse(Encoding.UTF8.GetString(XmlRpcResponseWriter.Records([], ReportSchemas.Raw, default, emptyAsStruct: false))).Descendants("struct"));
    }

    private sealed class Fixed(string value) : EmulatedRecord
    {
        private protected override List<KeyValuePair<string, string>> BuildFields() => [new("KEY", value)];
    }
}
