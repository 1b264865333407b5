using System.Text;
using Mailkit.Reports.Tests.TestDoubles;
using static Mailkit.Reports.Tests.Decoding.DecodingHarness;

namespace Mailkit.Reports.Tests.Decoding.XmlRpc;

/// <summary>
/// The XML-RPC decoder reads well-formed XML only, as XmlReader does. Each case is a minimal reproducer of a
/// disagreement the differential fuzz test (<c>XmlRpcDifferentialTests</c>) found: the SDK accepted what XmlReader refuses.
/// </summary>
public class XmlWellFormednessTests
{
    private const string Record = "<struct><member><name>ID_UNDELIVERED_LOG</name><value>1</value></member></struct>";

    /// <summary>The prefix that a case in the form "…" goes inside.</summary>
    private const string InValue = "<methodResponse><params><param><value>";

    private const string AfterValue = "</value></param></params></methodResponse>";

    /// <summary>A record with a member under an unknown key, kept as raw markup.</summary>
    private static string WithNested(string inner) =>
        InValue + "<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value>1</value></member>"
        + "<member><name>TS</name><value><array><data><value>" + inner + "</value></data></array></value></member></struct></value></data></array>" + AfterValue;

    private static string InName(string name) =>
        InValue + "<array><data><value><struct><member><name>" + name + "</name><value></value></member>"
        + "<member><name>ID_UNDELIVERED_LOG</name><value>1</value></member></struct></value></data></array>" + AfterValue;

    private static async Task<MailkitProtocolException> RefusedAsync(string body, string expected)
    {
        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml: true, body));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsIncomplete);
        return ex;
    }

    private static async Task<MailkitProtocolException> RefusedAsync(byte[] body, string expected)
    {
        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml: true, new MemoryStream(body)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsIncomplete);
        return ex;
    }

    [Theory]
    [InlineData("<methodResponse><params><param><value m=\"\"><struct/></value></param></params></methodResponse>")]
    [InlineData("<methodResponse a=\"x\"><params><param><value><struct/></value></param></params></methodResponse>")]
    [InlineData("<methodResponse><params><param a=\"\" a=\"\"><value><array><data></data></array></value></param></params></methodResponse>")]
    [InlineData("<methodResponse><params><param><value><array a=1><data></data></array></value></param></params></methodResponse>")]
    [InlineData("<methodResponse><params><param><value><string attr=\"a>b\">x</string></value></param></params></methodResponse>")]
    [Trait("Finding", "L4")]
    public async Task Decode_AttributeOnAnElement_Refused(string body) =>
        await RefusedAsync(body, "elements of XML-RPC carry no attributes");

    [Fact]
    public async Task Decode_AttributeInANestedValue_Refused() =>
        await RefusedAsync(WithNested("<struct x=\"1\"></struct>"), "elements of XML-RPC carry no attributes");

    [Theory]
    [InlineData("<methodResponse><params><param><value x:a=\"\"><struct></struct></value></param></params></methodResponse>", "attribute")]
    [InlineData("<methodResponse><params><param><value><x:struct></x:struct></value></param></params></methodResponse>", "element name")]
    [Trait("Finding", "L4")]
    public async Task Decode_NamespacePrefix_Refused(string body, string expected) =>
        await RefusedAsync(body, expected);

    [Theory]
    [InlineData("<methodResponse><params><param/><value><struct></struct></value></param></params></methodResponse>", "<param/>")]
    [InlineData("<methodResponse/><params><param><value><struct></struct></value></param></params></methodResponse>", "<methodResponse/>")]
    [InlineData("<methodResponse><params/><param><value><struct></struct></value></param></params></methodResponse>", "<params/>")]
    [InlineData("<methodResponse><fault/></methodResponse>", "<fault/>")]
    [InlineData("<methodResponse><fault><value/></fault></methodResponse>", "<value/>")]
    [Trait("Finding", "L4")]
    public async Task Decode_SelfClosingContainerFollowedByContent_Refused(string body, string expected) =>
        await RefusedAsync(body, expected);

    [Theory]
    [InlineData("<array></array>")]
    [InlineData("<array/>")]
    [InlineData("<array><data/></array>")]
    [InlineData("<struct/>")]
    [InlineData("<struct></struct>")]
    [Trait("Finding", "L4")]
    public async Task Decode_EmptyArrayOrStructInEitherForm_EmptyResult(string result) =>
        Assert.Empty(await DecodeAsync(xml: true, InValue + result + AfterValue));

    [Theory]
    [InlineData("<?xml?>")]
    [InlineData("<?xml version?>")]
    [InlineData("<?xml version=?>")]
    [InlineData("<?xml version=\"\"?>")]
    [InlineData("<?xml version=\"1.1\"?>")]
    [InlineData("<?xml version=\"1.0\uFEFF\"?>")]
    [InlineData("<?xml version=\"1.0\"??>")]
    [InlineData("<?xml\uFEFF?>")]
    [InlineData("<?xml ve v version=\"1.0\"?>")]
    [InlineData("<?xml version=\"1.0\"encoding=\"UTF-8\"?>")]
    [InlineData("<?xml version=\"1.0\" encodiencoding=\"UTF-8\"?>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"ř?>")]
    [InlineData("<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>")]
    [InlineData("<?xml version=\"1.0\" standalone=\"maybe\"?>")]
    [InlineData("<?XML version=\"1.0\"?>")]
    [InlineData("\n<?xml version=\"1.0\"?>")]
    [Trait("Finding", "L4")]
    public async Task Decode_MalformedXmlDeclaration_Refused(string declaration) =>
        await RefusedAsync(declaration + InValue + "<struct/>" + AfterValue, "not well-formed XML");

    [Theory]
    [InlineData("<?xml version=\"1.0\"?>")]
    [InlineData("<?xml version='1.0' ?>")]
    [InlineData("<?xml version = \"1.0\" encoding = 'utf-8' standalone = 'no' ?>")]
    [InlineData("\uFEFF<?xml version=\"1.0\" encoding=\"UTF8\" standalone=\"yes\"?>")]
    [Trait("Finding", "L4")]
    public async Task Decode_WellFormedXmlDeclaration_Accepted(string declaration) =>
        Assert.Empty(await DecodeAsync(xml: true, declaration + InValue + "<struct/>" + AfterValue));

    [Theory]
    [InlineData("<?>")]
    [InlineData("<?x\"?>")]
    [InlineData("<?x?x?>")]
    [InlineData("<?x:y?>")]
    [InlineData("<?x\uFEFF?>")]
    [Trait("Finding", "L4")]
    public async Task Decode_ProcessingInstructionWithoutAValidTarget_Refused(string instruction) =>
        await RefusedAsync(instruction + InValue + "<struct/>" + AfterValue, "target");

    [Fact]
    public async Task Decode_ProcessingInstructionNotUtf8_Refused() =>
        await RefusedAsync([.. "<?"u8, 0xC3, .. "?>"u8, .. Encoding.UTF8.GetBytes(InValue + "<struct/>" + AfterValue)], "target");

    [Theory]
    [InlineData("ID_UNDELIVERED_LO<?XML?>G")]
    [InlineData("ID_UNDELIVERED_LO<?xml ?>G")]
    [Trait("Finding", "L4")]
    public async Task Decode_ReservedProcessingInstructionInsideText_Refused(string name) =>
        await RefusedAsync(InName(name), "reserved target 'xml'");

    [Fact]
    public async Task Decode_ReservedProcessingInstructionBetweenTags_Refused() =>
        await RefusedAsync(InValue + "<struct/></value></param></params>\n<?xml?></methodResponse>", "reserved target 'xml'");

    [Fact]
    [Trait("Finding", "L4")]
    public async Task Decode_ProcessingInstructionInsideText_TextAroundItJoins()
    {
        var body = InValue + "<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value>1</value></member>"
            + "<member><name>SUBJ<?x y?>ECT</name><value>a<?pi?>b</value></member></struct></value></data></array>" + AfterValue;

        var record = Assert.Single(await DecodeAsync(xml: true, body));

        Assert.Equal("ab", record.ExtraFields["SUBJECT"]);
    }

    [Theory]
    [InlineData("<!----->")]
    [InlineData("<!-- a -- b -->")]
    [InlineData("<!-- a --->")]
    [InlineData("<!--\u0001-->")]
    [InlineData("<!--\uFFFF-->")]
    [Trait("Finding", "L4")]
    public async Task Decode_CommentWithDoubleHyphen_Refused(string comment) =>
        await RefusedAsync("<methodResponse>" + comment + "<params><param><value><struct/>" + AfterValue, "comment");

    [Fact]
    public async Task Decode_CommentInsideTextWithDoubleHyphen_Refused() =>
        await RefusedAsync(InName("ID_UNDELIVERED_LOG<!-- -- -->"), "comment");

    [Fact]
    [Trait("Finding", "L4")]
    public async Task Decode_CommentNotUtf8_Refused() =>
        await RefusedAsync([.. "<!--"u8, 0xC3, .. "-->"u8, .. Encoding.UTF8.GetBytes(InValue + "<struct/>" + AfterValue)], "comment holds bytes that are not UTF-8");

    [Fact]
    public async Task Decode_CDataEndMarkerInText_Refused() =>
        await RefusedAsync(InName("]]>"), "']]>'");

    [Theory]
    [InlineData("a&#x00;")]
    [InlineData("&#x")]
    [InlineData("&#x;")]
    [InlineData("&#")]
    [InlineData("&LT;")]
    [InlineData("&#x0000000041;")]
    [InlineData("a\u0001b")]
    [InlineData("<![CDATA[a\u0001b]]>")]
    [Trait("Finding", "L4")]
    public async Task Decode_NestedRawValueNotWellFormed_Refused(string inner) =>
        await RefusedAsync(WithNested(inner), "not well-formed XML");

    [Fact]
    public async Task Decode_NestedRawValueWellFormed_KeptAsMarkup()
    {
        var record = Assert.Single(await DecodeAsync(xml: true, WithNested("a&#x41;&lt;<![CDATA[x]]>")));

        Assert.Equal("<array><data><value>a&#x41;&lt;<![CDATA[x]]></value></data></array>", record.ExtraFields["TS"]);
    }

    public static TheoryData<byte[]> Noncharacters => new()
    {
        { [0xEF, 0xBF, 0xBE] },
        { [0xEF, 0xBF, 0xBF] },
    };

    [Theory]
    [MemberData(nameof(Noncharacters))]
    [Trait("Finding", "L4")]
    public async Task Decode_NoncharacterInAName_Refused(byte[] noncharacter) =>
        await RefusedAsync(Bytes(InName("\0"), noncharacter), "noncharacter");

    [Theory]
    [MemberData(nameof(Noncharacters))]
    public async Task Decode_NoncharacterInCData_Refused(byte[] noncharacter) =>
        await RefusedAsync(Bytes(InName("<![CDATA[\0]]>"), noncharacter), "noncharacter");

    [Theory]
    [MemberData(nameof(Noncharacters))]
    [Trait("Finding", "L4")]
    public async Task Decode_NoncharacterInAnElementName_Refused(byte[] noncharacter) =>
        await RefusedAsync(Bytes(WithNested("<\0/>"), noncharacter), "element name");

    [Theory]
    [InlineData("<![CDATA[a\u0001b]]>")]
    [InlineData("a\u000Bb")]
    public async Task Decode_ControlCharacterInCDataOrText_Refused(string text) =>
        await RefusedAsync(InName(text), "control character");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [Trait("Finding", "L4")]
    public async Task Decode_ReferenceCutByARead_Accepted(int chunk)
    {
        var body = InValue + "<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value>1</value></member>"
            + "<member><name>SUBJECT</name><value>a&amp;b&#x159;</value></member></struct></value></data></array>" + AfterValue;

        var records = await DecodeAsync(xml: true, new ScriptedStream(Encoding.UTF8.GetBytes(body), ScriptedStream.Chunks(chunk)));

        Assert.Equal("a&bř", Assert.Single(records).ExtraFields["SUBJECT"]);
    }

    [Fact]
    [Trait("Finding", "L4")]
    public async Task Decode_KeyOfTheTopLevelStructNotUtf8_Refused()
    {
        var body = InValue + "<struct><member><name>\0</name><value>" + Record + "</value></member></struct>" + AfterValue;

        await RefusedAsync(Bytes(body, [0xF0, 0x9F, 0x98]), "not UTF-8");
    }

    [Fact]
    [Trait("Finding", "L4")]
    public async Task Decode_StatusNotUtf8_Refused()
    {
        var body = InValue + "<array><data><value><struct><member><name>STATUS</name><value><string>\01</string></value></member>"
            + "<member><name>ID_UNDELIVERED_LOG</name><value>11</value></member></struct></value></data></array>" + AfterValue;

        var ex = await RefusedAsync(Bytes(body, [0xFF]), "not UTF-8");

        Assert.Equal("STATUS", ex.FieldName);
    }

    [Fact]
    [Trait("Finding", "L4")]
    public async Task Decode_PlainStringErrorWithALoneCarriageReturn_ReadAsXmlReadsIt()
    {
        // XML turns a lone CR into LF; the SDK then shows every control character of a message as a space.
        var ex = await Assert.ThrowsAsync<MailkitApiException>(() => DecodeAsync(xml: true, InValue + "I\re" + AfterValue));

        Assert.Equal("I e", ex.ApiMessage);
    }

    /// <summary>The UTF-8 of <paramref name="text"/> with its first NUL replaced by <paramref name="bytes"/>.</summary>
    private static byte[] Bytes(string text, byte[] bytes)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var at = Array.IndexOf(utf8, (byte)0);
        return [.. utf8[..at], .. bytes, .. utf8[(at + 1)..]];
    }
}
