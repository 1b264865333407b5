using System.Net;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Transport;

public class XmlRpcWireTests
{
    public static TheoryData<RawBouncesRequest, string> Requests => new()
    {
        { new RawBouncesRequest(), Params("<int>0</int>", "<int>0</int>", "<int>0</int>", "<int>25000</int>") },
        {
            new RawBouncesRequest { CampaignId = 12345, SendId = 123456, StartId = 123456789, PageSize = 1000 },
            Params("<int>12345</int>", "<int>123456</int>", "<int>123456789</int>", "<int>1000</int>")
        },
        { new RawBouncesRequest { SendId = 99 }, Params("<int>0</int>", "<int>99</int>", "<int>0</int>", "<int>25000</int>") },
        {
            new RawBouncesRequest { StartId = 9_007_199_254_740_993, PageSize = 1 },
            Params("<int>0</int>", "<int>0</int>", "<i8>9007199254740993</i8>", "<int>1</int>")
        },
        {
            new RawBouncesRequest { CampaignId = 2_147_483_648, StartId = 2_147_483_647 },
            Params("<i8>2147483648</i8>", "<int>0</int>", "<int>2147483647</int>", "<int>25000</int>")
        },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task GetRawBouncesAsync_XmlRpc_PostsExactMethodCall(RawBouncesRequest request, string parameters)
    {
        var expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall>\n <methodName>mailkit.report.raw.bounces</methodName>\n <params>\n"
            + "  <param><value><int>4242</int></value></param>\n"
            + $"  <param><value><string>{TestSupport.Md5}</string></value></param>\n"
            + parameters
            + " </params>\n</methodCall>\n";
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.XmlRpcUrl)
            .With(r => TestSupport.HasMediaType(r, "text/xml"))
            .WithContent(expected)
            .Respond("text/xml", Response("<array><data/></array>"));
        using var client = TestSupport.ClientFor(handler, XmlOptions());

        await client.GetRawBouncesAsync(request);

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetRawBouncesAsync_XmlRpcRequest_HasTheShapeOfMailkitsExample()
    {
        var example = System.Xml.Linq.XDocument.Parse(TestSupport.Fixture("raw-bounces-request.xml"));
        string? sent = null;
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.XmlRpcUrl)
            .Respond(async request =>
            {
                sent = await request.Content!.ReadAsStringAsync();
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Response("<array><data/></array>")) };
            });
        using var client = TestSupport.ClientFor(handler, XmlOptions());

        await client.GetRawBouncesAsync(new RawBouncesRequest { CampaignId = 1, SendId = 2, StartId = 3, PageSize = 4 });

        handler.VerifyNoOutstandingExpectation();
        static IEnumerable<string> Types(System.Xml.Linq.XDocument d) =>
            d.Descendants("param").Select(p => p.Element("value")!.Elements().Single().Name.LocalName);
        var actual = System.Xml.Linq.XDocument.Parse(sent!);
        Assert.Equal(example.Root!.Element("methodName")!.Value, actual.Root!.Element("methodName")!.Value);
        Assert.Equal(Types(example), Types(actual));
    }

    private static MailkitClientOptions XmlOptions()
    {
        var options = TestSupport.Options();
        options.Transport = MailkitTransportKind.XmlRpc;
        return options;
    }

    private static string Params(params string[] values) =>
        string.Concat(values.Select(v => $"  <param><value>{v}</value></param>\n"));

    private static string Response(string value) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse><params><param><value>{value}</value></param></params></methodResponse>";
}
