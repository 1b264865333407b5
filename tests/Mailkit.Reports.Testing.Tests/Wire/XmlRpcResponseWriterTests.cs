using System.Text;
using System.Xml;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing.Wire;
using Mailkit.Reports.TestSupport;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Testing.Tests.Wire;

public class XmlRpcResponseWriterTests
{
    [Fact]
    public void Page_KeyAndValueWithMarkup_WellFormedAndReadBackVerbatim()
    {
        var bounce = new EmulatedBounce([new("ID_UNDELIVERED_LOG", "5"), new("A&B<C>", "x & <y> \"z\" 'w'")]);

        var members = Members(XmlRpcResponseWriter.Page([bounce]));

        Assert.Equal([("ID_UNDELIVERED_LOG", "5"), ("A&B<C>", "x & <y> \"z\" 'w'")], members);
    }

    [Fact]
    public void Page_CarriageReturn_WrittenAsAReferenceSoAParserKeepsIt()
    {
        var bounce = new EmulatedBounce([new("ID_UNDELIVERED_LOG", "5"), new("TEXT", "one\r\ntwo\rthree")]);

        var xml = XmlRpcResponseWriter.Page([bounce]);

        Assert.DoesNotContain((byte)'\r', xml);
        Assert.Equal("one\r\ntwo\rthree", Members(xml)[1].Value);
    }

    [Fact]
    public void Page_Ids_I4UpToIntMaxValueThenI8_OtherValuesStrings()
    {
        var bounce = new EmulatedBounce([new("ID_UNDELIVERED_LOG", "2147483648"), new("ID_MESSAGE", "2147483647"), new("ID_SEND", ""), new("EMAIL", "a@b.cz")]);

        var text = Encoding.UTF8.GetString(XmlRpcResponseWriter.Page([bounce]));

        Assert.Contains("<i8>2147483648</i8>", text, StringComparison.Ordinal);
        Assert.Contains("<i4>2147483647</i4>", text, StringComparison.Ordinal);
        Assert.Contains("<string></string>", text, StringComparison.Ordinal);
        Assert.Contains("<string>a@b.cz</string>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_Message_TheSingleStringResultEscaped()
    {
        var xml = XmlRpcResponseWriter.Error("Disallowed IP <1&2>");

        var document = new XmlDocument();
        document.LoadXml(Encoding.UTF8.GetString(xml));
        Assert.Equal("Disallowed IP <1&2>", document.SelectSingleNode("/methodResponse/params/param/value/string")!.InnerText);
    }

    [Fact]
    public async Task Page_FieldsXmlMustEscape_TheSdkReadsWhatExpectedRecordsSays()
    {
        var emulator = Emulated.Create();
        emulator.Add(new KeyValuePair<string, string>("ID_UNDELIVERED_LOG", "7"), new("EMAIL", "a@příklad.cz"), new("A&B", "line\r\nnext & <last>"));
        var options = new MailkitClientOptions { ClientId = emulator.ClientId, ClientMd5 = emulator.ClientMd5, Transport = MailkitTransportKind.XmlRpc };
        using var client = new MailkitClient(new HttpClient(emulator.CreateHandler()), options);

        var page = await client.GetRawBouncesAsync(new RawBouncesRequest());

        Assert.Equal(emulator.ExpectedRecords(), page.Records);
        Assert.Equal("line\r\nnext & <last>", Assert.Single(page.Records).ExtraFields["A&B"]);
    }

    private static List<(string Key, string Value)> Members(byte[] xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(Encoding.UTF8.GetString(xml));
        return [.. document.SelectNodes("//member")!.Cast<XmlElement>().Select(m => (m["name"]!.InnerText, m["value"]!.FirstChild!.NextSibling!.InnerText))];
    }
}
