using System.Net;
using System.Text;
using Mailkit.Reports.Models;
using Mailkit.Reports.Tests.TestDoubles;
using Mailkit.Reports.Transport;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Decoding.XmlRpc;

public class XmlRpcDecodingTests
{
    [Fact]
    public async Task GetRawBouncesAsync_MailkitXmlExample_DecodesTheRecordsItShows()
    {
        var page = await Answer(TestSupport.Fixture("raw-bounces-response.xml"));

        Assert.Equal(2, page.Records.Count);
        var first = page.Records[0];
        Assert.Equal(1, first.UndeliveredLogId);
        Assert.Equal(12345, first.CampaignId);
        Assert.Equal(123456, first.SendId);
        Assert.Equal(1234567890, first.SendMessageId);
        Assert.Equal(1234567890, first.RecipientId);
        Assert.Equal(12345, first.MailingListId);
        Assert.Equal("email@example.com", first.Email);
        Assert.Equal("smtp; 552 4.2.2 User has full mailbox.", first.ServerReply);
        Assert.Equal("4.2.2", first.Status!.Value.Text);
        Assert.True(first.Status.Value.IsTransientFailure);
        Assert.Equal("dns; mx1.seznam.cz", first.RemoteMta);
        Assert.Equal(RecipientStatus.Permanent, first.RecipientStatus);

        var second = page.Records[1];
        Assert.Equal(2, second.UndeliveredLogId);
        Assert.Equal(string.Empty, second.ServerReply);
        Assert.Equal(string.Empty, second.RemoteMta);
        Assert.Equal("email1@example.com", second.Email);
        Assert.Equal(RecipientStatus.Temporary, second.RecipientStatus);
        Assert.Empty(second.ExtraFields);
    }

    [Fact]
    public async Task GetRawBouncesAsync_EveryScalarForm_Decoded()
    {
        var page = await Answer(Response("""
            <array><data>
              <value><struct>
                <member><value><i8>9007199254740993</i8></value><name>ID_UNDELIVERED_LOG</name></member>
                <member><name>ID_MESSAGE</name><value><int>12</int></value></member>
                <member><name>ID_SEND</name><value><i4> 13 </i4></value></member>
                <member><name>ID_EMAIL</name><value><nil/></value></member>
                <member><name>ID_USER_LIST</name><value><string></string></value></member>
                <member><name>EMAIL</name><value>untyped@příklad.cz</value></member>
                <member><name>TEXT_STATUS</name><value><string>550 &lt;x&gt; &amp; "y" <![CDATA[<z>]]></string></value></member>
                <member><name>REMOTE_MTA</name><value/></member>
                <member><name>SCORE</name><value><double>3.5</double></value></member>
                <member><name>FLAG</name><value><boolean>1</boolean></value></member>
                <member><name>NOTE</name><value><string/></value></member>
                <member><name>TAGS</name><value><array><data><value>a</value></data></array></value></member>
              </struct></value>
            </data></array>
            """));

        var record = Assert.Single(page.Records);
        Assert.Equal(9_007_199_254_740_993, record.UndeliveredLogId);
        Assert.Equal(12, record.CampaignId);
        Assert.Equal(13, record.SendId);
        Assert.Null(record.RecipientId);
        Assert.Null(record.MailingListId);
        Assert.Equal("untyped@příklad.cz", record.Email);
        Assert.Equal("550 <x> & \"y\" <z>", record.ServerReply);
        Assert.Equal(string.Empty, record.RemoteMta);
        Assert.Equal("3.5", record.ExtraFields["SCORE"]);
        Assert.Equal("1", record.ExtraFields["FLAG"]);
        Assert.Equal(string.Empty, record.ExtraFields["NOTE"]);
        Assert.Contains("<value>a</value>", record.ExtraFields["TAGS"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<array><data></data></array>")]
    [InlineData("<array><data/></array>")]
    [InlineData("<array/>")]
    [InlineData("<struct></struct>")]
    [InlineData("<struct/>")]
    public async Task GetRawBouncesAsync_EmptyResult_IsAnEmptyPage(string value)
    {
        var page = await Answer(Response(value));

        Assert.Empty(page.Records);
    }

    [Fact]
    public async Task GetRawBouncesAsync_StructOfRecords_AreRecords()
    {
        var page = await Answer(Response("""
            <struct>
              <member><name>0</name><value><struct><member><name>ID_UNDELIVERED_LOG</name><value><i4>5</i4></value></member></struct></value></member>
              <member><name>1</name><value><struct><member><name>ID_UNDELIVERED_LOG</name><value><i4>6</i4></value></member></struct></value></member>
            </struct>
            """));

        Assert.Equal([5L, 6], page.Records.Select(r => r.UndeliveredLogId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    public async Task ReadBounceRecordsAsync_BodyInSmallChunks_DecodesTheSameRecords(int chunk)
    {
        var bytes = Encoding.UTF8.GetBytes(TestSupport.Fixture("raw-bounces-response.xml"));
        var context = new MailkitResponseContext(MailkitFunctionCall.RawBouncesFunction, HttpStatusCode.OK);
        var records = new List<BounceRecord>();

        await foreach (var record in MailkitTransport.XmlRpc.ReadBounceRecordsAsync(new ScriptedStream(bytes, ScriptedStream.Chunks(chunk)), context, CancellationToken.None))
        {
            records.Add(record);
        }

        Assert.Equal([1L, 2], records.Select(r => r.UndeliveredLogId));
    }

    /// <summary>Everything XML allows in an XML-RPC body, in one document: references, CDATA, comments, processing instructions, CR LF line ends, a keyed struct. (XML-RPC has no attributes, and the decoder refuses them.)</summary>
    private const string RichBody =
        "\uFEFF<?xml version='1.0' encoding='UTF-8'?>\r\n<!-- generated -->\r\n<methodResponse>\r\n<params><param><value>"
        + "<struct>\r\n <member><name>7</name><value><struct>"
        + "<member><name>ID_UNDELIVERED_LOG</name><value><i4>7</i4></value></member>"
        + "<member><name>TEXT_STATUS</name><value><string>smtp;&#32;550 &lt;ji&#x159;&#237;@p&#345;&#xED;klad.cz&gt;<!-- c --> &amp; <![CDATA[<b>&amp;</b>]]>\r\nline\rtwo</string></value></member>"
        + "<member><value>  u <?pi x?>ntyped  </value><name>SUBJECT</name></member>"
        + "<member><name>EMAIL</name><value><string>tomáš@bücher.de</string></value></member>"
        + "<member><name>NESTED</name><value><struct><member><name>a</name><value><array><data><value>1</value><value/></data></array></value></member></struct></value></member>"
        + "<member><name>EMPTY</name><value><nil></nil></value></member>"
        + "</struct></value></member>\r\n"
        + " <member><value><struct><member><name>ID_UNDELIVERED_LOG</name><value>8</value></member></struct></value><name>8</name></member>\r\n"
        + "</struct></value></param></params></methodResponse>\r\n<!-- end -->\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(1024)]
    public async Task ReadBounceRecordsAsync_EverythingXmlAllows_DecodedTheSameInAnyChunking(int chunk)
    {
        var records = await DecodeAsync(new ScriptedStream(Encoding.UTF8.GetBytes(RichBody), ScriptedStream.Chunks(chunk)));

        Assert.Equal([7L, 8], records.Select(r => r.UndeliveredLogId));
        var first = records[0];
        Assert.Equal("smtp; 550 <jiří@příklad.cz> & <b>&amp;</b>\nline\ntwo", first.ServerReply);
        Assert.Equal("  u ntyped  ", first.ExtraFields["SUBJECT"]);
        Assert.Equal("tomáš@bücher.de", first.Email);
        Assert.Equal("<struct><member><name>a</name><value><array><data><value>1</value><value/></data></array></value></member></struct>", first.ExtraFields["NESTED"]);
        Assert.Equal(string.Empty, first.ExtraFields["EMPTY"]);
    }

    public static TheoryData<string, string> RefusedBodies => new()
    {
        { "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><methodResponse/>", "ISO-8859-2" },
        { Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value>1&nbsp;</value></member></struct></value></data></array>"), "&nbsp;" },
        { Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value>1&#0;</value></member></struct></value></data></array>"), "reference" },
        { Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value>1\u0001</value></member></struct></value></data></array>"), "control character" },
        { Response("<array><data/></array>") + "<extra/>", "after the end of the document" },
        { Response("<array><data><value><struct><member><name>X</name><value><struct><a></b></struct></value></member></struct></value></data></array>"), "</a>" },
        { Response("<array><data><value><struct><member><name>X</name><value>a<i4>1</i4></value></member></struct></value></data></array>"), "mixes text" },
        { "<?xml version=\"1.0\"?><!-- x --><?xml version=\"1.0\"?><methodResponse/>", "declaration" },
    };

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public async Task ReadBounceRecordsAsync_NotXmlRpcAsMailkitWritesIt_ThrowsProtocolExceptionNamingTheProblem(string body, string named)
    {
        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(new MemoryStream(Encoding.UTF8.GetBytes(body))));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsIncomplete);
    }

    [Fact]
    public async Task ReadBounceRecordsAsync_ErrorMidBody_ReportsTheOffsetOfTheRecordAtFault()
    {
        var good = "<value><struct><member><name>ID_UNDELIVERED_LOG</name><value><i4>1</i4></value></member></struct></value>";
        var body = Response("<array><data>" + good + "<value><struct><member><name>ID_UNDELIVERED_LOG</name><value><i4>x</i4></value></member></struct></value></data></array>");

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(new MemoryStream(Encoding.UTF8.GetBytes(body))));

        Assert.Equal(body.IndexOf(good, StringComparison.Ordinal) + good.Length, ex.BodyOffset);
        Assert.StartsWith("<value><struct>", ex.BodyExcerpt, StringComparison.Ordinal);
    }

    private static async Task<List<BounceRecord>> DecodeAsync(Stream body)
    {
        var context = new MailkitResponseContext(MailkitFunctionCall.RawBouncesFunction, HttpStatusCode.OK);
        var records = new List<BounceRecord>();
        await foreach (var record in MailkitTransport.XmlRpc.ReadBounceRecordsAsync(body, context, CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }

    [Theory]
    [InlineData("<string>Unauthorized</string>")]
    [InlineData("Unauthorized")]
    [InlineData("\n  <string>Unauthorized</string>\n")]
    public async Task GetRawBouncesAsync_ErrorString_ThrowsAuthenticationException(string value)
    {
        var ex = await Assert.ThrowsAsync<MailkitAuthenticationException>(() => Answer(Response(value)));

        Assert.Equal("Unauthorized", ex.ApiMessage);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
    }

    [Fact]
    public async Task GetRawBouncesAsync_DisallowedIpString_ThrowsIpNotAllowed()
    {
        var ex = await Assert.ThrowsAsync<MailkitIpNotAllowedException>(() => Answer(Response("<string>Disallowed IP 198.51.100.7</string>")));

        Assert.Equal("198.51.100.7", ex.IpAddress);
    }

    [Fact]
    public async Task GetRawBouncesAsync_OtherErrorString_ThrowsApiException()
    {
        var ex = await Assert.ThrowsAsync<MailkitApiException>(() => Answer(Response("<string>Invalid ID_send</string>")));

        Assert.Equal(typeof(MailkitApiException), ex.GetType());
        Assert.Equal("Invalid ID_send", ex.ApiMessage);
    }

    [Fact]
    public async Task GetRawBouncesAsync_Fault_ThrowsApiExceptionWithCodeAndText()
    {
        const string body = """
            <?xml version="1.0"?>
            <methodResponse><fault><value><struct>
              <member><name>faultCode</name><value><int>4</int></value></member>
              <member><name>faultString</name><value><string>Too many parameters.</string></value></member>
            </struct></value></fault></methodResponse>
            """;

        var ex = await Assert.ThrowsAsync<MailkitApiException>(() => Answer(body));

        Assert.Equal(4, ex.ErrorCode);
        Assert.Equal("Too many parameters.", ex.ApiMessage);
    }

    [Fact]
    public async Task GetRawBouncesAsync_FaultSayingUnauthorized_ThrowsAuthenticationException()
    {
        const string body = """
            <methodResponse><fault><value><struct>
              <member><name>faultString</name><value>Unauthorized</value></member>
              <member><name>faultCode</name><value><i4>1</i4></value></member>
            </struct></value></fault></methodResponse>
            """;

        var ex = await Assert.ThrowsAsync<MailkitAuthenticationException>(() => Answer(body));

        Assert.Equal(1, ex.ErrorCode);
    }

    [Fact]
    public async Task GetRawBouncesAsync_BillionLaughs_FailsFastWithProtocolException()
    {
        const string body = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
            ]>
            <methodResponse><params><param><value><string>&lol9;</string></value></param></params></methodResponse>
            """;

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => Answer(body));

        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsIncomplete);
    }

    [Fact]
    public async Task GetRawBouncesAsync_ExternalEntity_FailsWithoutTouchingTheFile()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"mailkit-xxe-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secret, "top secret");
        try
        {
            var body = $"""
                <?xml version="1.0"?>
                <!DOCTYPE r [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
                <methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>
                """;

            var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => Answer(body));

            Assert.DoesNotContain("top secret", TestSupport.AllMessages(ex), StringComparison.Ordinal);
            Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    public static TheoryData<string, bool> MalformedBodies => new()
    {
        { "<html><body><h1>502 Bad Gateway</h1></body></html>", false },
        { "", true },
        { "not xml at all", false },
        { CutAt(Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value><i4>1</i4></value></member></struct></value></data></array>"), "</data>"), true },
        { CutAt(Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value><i4>1</i4></value></member></struct></value></data></array>"), "</i4>"), true },
        { Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value><i4>1</i4></value></member></struct></value></data></array>")[..^20], true },
        { Response("<array><data><value><struct><member><name>EMAIL</name><value>a@b.cz</value></member></struct></value></data></array>"), false },
        { Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value><string>abc</string></value></member></struct></value></data></array>"), false },
        { Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value><struct/></value></member></struct></value></data></array>"), false },
        { Response("<array><data><value><i4>1</i4></value></data></array>"), false },
        { Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name></member></struct></value></data></array>"), false },
        { Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value><i4>1</i4></value></member></struct></value></data></array>").Replace("</struct>", "</strukt>", StringComparison.Ordinal), false },
        { Response("<i4>42</i4>"), false },
        { Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value><unknown>1</unknown></value></member></struct></value></data></array>"), false },
        { "<methodResponse><params></params></methodResponse>", false },
        { "<?xml version=\"1.0\"?><methodCall><methodName>x</methodName></methodCall>", false },
        { Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value><i4>1<b/></i4></value></member></struct></value></data></array>"), false },
        { Response("<array><data><value><struct><member><name>ID_UNDELIVERED_LOG</name><value><double>1.5</double></value></member></struct></value></data></array>"), false },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task GetRawBouncesAsync_MalformedXml_ThrowsProtocolException(string body, bool incomplete)
    {
        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => Answer(body));

        Assert.Equal(incomplete, ex.IsIncomplete);
        Assert.True(ex.BodyExcerpt.Length <= 200);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.DoesNotContain(TestSupport.Md5, TestSupport.AllMessages(ex), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(7)]
    [InlineData(1)]
    public async Task ReadBounceRecordsAsync_SameRecordsAsJsonAndXmlRpc_DecodeToEqualRecords(int chunk)
    {
        var ids = new long[] { 1, 2, 3, 7, 8, 2_147_483_647, 2_147_483_648, 9_007_199_254_740_993 };
        var records = ids.Select(id => new KeyValuePair<string, string>[]
        {
            new("ID_UNDELIVERED_LOG", id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("ID_MESSAGE", id % 2 == 0 ? "" : "4000000000"),
            new("ID_SEND", "17"),
            new("EMAIL", $"žofie.{id}@příklad.cz"),
            new("STATUS", id % 3 == 0 ? "550" : "5.2.2"),
            new("TEXT_STATUS", "smtp; 552 <full> & \"quota\""),
            new("REMOTE_MTA", ""),
            new("RECIPIENT_STATUS", id % 2 == 0 ? "temporary" : "permanent"),
            new("BOUNCE_CAT", "bad-mailbox"),
        }).ToList();

        var json = await DecodingHarness.DecodeAsync(xml: false, new ScriptedStream(Encoding.UTF8.GetBytes(RecordBodies.Json(records)), ScriptedStream.Chunks(chunk)));
        var xml = await DecodingHarness.DecodeAsync(xml: true, new ScriptedStream(Encoding.UTF8.GetBytes(RecordBodies.XmlRpc(records)), ScriptedStream.Chunks(chunk)));

        Assert.Equal(ids, json.Select(r => r.UndeliveredLogId));
        Assert.Equal(json, xml);
        Assert.Equal(4_000_000_000, xml[0].CampaignId);
        Assert.Equal("smtp; 552 <full> & \"quota\"", xml[0].ServerReply);
    }

    [Fact]
    public async Task GetAllRawBouncesAsync_XmlRpcBodyCutShort_ResumedWithoutLossOrDuplicate()
    {
        var ids = Enumerable.Range(1, 30).Select(i => (long)i).ToList();
        var handler = TestSupport.StrictHandler();

        // Four pages of ten, and the second page cut short and asked again.
        foreach (var cut in new[] { false, true, false, false, false })
        {
            handler.Expect(HttpMethod.Post, TestSupport.XmlRpcUrl).Respond(async request =>
            {
                var body = RecordBodies.XmlRpc(RecordBodies.PageOf(ids, await request.Content!.ReadAsStringAsync()));
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(cut ? body[..(body.Length / 2)] : body, Encoding.UTF8, "text/xml") };
            });
        }

        var options = XmlOptions();
        options.Retry.BaseDelay = options.Retry.MaxDelay = TimeSpan.Zero;
        using var client = new MailkitClient(new HttpClient(handler), options);
        var records = new List<BounceRecord>();

        await foreach (var record in client.GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 10 }))
        {
            records.Add(record);
        }

        Assert.Equal(ids, records.Select(r => r.UndeliveredLogId));
        handler.VerifyNoOutstandingExpectation();
    }

    private static MailkitClientOptions XmlOptions()
    {
        var options = TestSupport.Options();
        options.Transport = MailkitTransportKind.XmlRpc;
        return options;
    }

    private static string CutAt(string body, string marker) => body[..body.IndexOf(marker, StringComparison.Ordinal)];

    private static string Response(string value) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse><params><param><value>{value}</value></param></params></methodResponse>";

    private static Task<BouncePage> Answer(string body)
    {
        return TestSupport.ClientFor(TestSupport.HandlerAnswering(body, mediaType: "text/xml"), XmlOptions()).GetRawBouncesAsync(new RawBouncesRequest());
    }
}
