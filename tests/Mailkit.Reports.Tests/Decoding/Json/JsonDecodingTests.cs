using System.Net;
using System.Text;
using Mailkit.Reports.Models;
using Mailkit.Reports.Tests.TestDoubles;
using Mailkit.Reports.Transport;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Decoding.Json;

public class JsonDecodingTests
{
    [Fact]
    public async Task GetRawBouncesAsync_MailkitExample_DecodesTheTwoRecordsItShows()
    {
        var page = await TestSupport.GetPageAsync(TestSupport.Fixture("raw-bounces-response.json"));

        Assert.Equal(2, page.Records.Count);
        var first = page.Records[0];
        Assert.Equal(1, first.UndeliveredLogId);
        Assert.Equal(12345, first.CampaignId);
        Assert.Equal(123456, first.SendId);
        Assert.Equal(1234567890, first.SendMessageId);
        Assert.Equal(1234567890, first.RecipientId);
        Assert.Equal(12345, first.MailingListId);
        Assert.Equal("email@example.com", first.Email);
        Assert.Equal("X-Postfix; Mailbox is full", first.ServerReply);
        Assert.Equal(string.Empty, first.RemoteMta);
        Assert.Equal(RecipientStatus.Permanent, first.RecipientStatus);
        Assert.Equal("permanent", first.RecipientStatusText);
        Assert.True(first.Status!.Value.IsValid);
        Assert.Equal((5, 2, 2), (first.Status.Value.Class, first.Status.Value.Subject, first.Status.Value.Detail));
        Assert.Empty(first.ExtraFields);

        var second = page.Records[1];
        Assert.Equal(2, second.UndeliveredLogId);
        Assert.Equal(1234567891, second.RecipientId);
        Assert.Equal("email1@example.com", second.Email);
        Assert.Equal(RecipientStatus.Temporary, second.RecipientStatus);
        Assert.Equal(3, page.NextStartId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    public async Task ReadBounceRecordsAsync_BodyArrivesInSmallChunks_DecodesTheSameRecords(int chunk)
    {
        var bytes = Encoding.UTF8.GetBytes(QuirkyBody);
        var whole = await DecodeAsync(new MemoryStream(bytes));

        var chunked = await DecodeAsync(new ScriptedStream(bytes, ScriptedStream.Chunks(chunk)));

        Assert.Equal(4, whole.Count);
        Assert.Equal(whole, chunked);
    }

    [Fact]
    public async Task GetRawBouncesAsync_NumbersAsStringsOrNumbers_BothAccepted()
    {
        var page = await TestSupport.GetPageAsync("""
            [{"ID_UNDELIVERED_LOG":"7","ID_MESSAGE":12,"ID_SEND":"13","ID_SEND_MESSGE":14,"ID_EMAIL":"15","ID_USER_LIST":16}]
            """);

        var record = Assert.Single(page.Records);
        Assert.Equal((7L, 12L, 13L, 14L, 15L, 16L), (record.UndeliveredLogId, record.CampaignId!.Value, record.SendId!.Value, record.SendMessageId!.Value, record.RecipientId!.Value, record.MailingListId!.Value));
    }

    [Fact]
    public async Task GetRawBouncesAsync_IdsBeyond32Bits_KeptExactly()
    {
        var page = await TestSupport.GetPageAsync("""
            [{"ID_UNDELIVERED_LOG":"9007199254740993","ID_EMAIL":9223372036854775806,"ID_SEND_MESSGE":"4294967296"}]
            """);

        var record = Assert.Single(page.Records);
        Assert.Equal(9_007_199_254_740_993, record.UndeliveredLogId);
        Assert.Equal(9_223_372_036_854_775_806, record.RecipientId);
        Assert.Equal(4_294_967_296, record.SendMessageId);
        Assert.Equal(9_007_199_254_740_994, page.NextStartId);
    }

    [Fact]
    public async Task GetRawBouncesAsync_EmptyStringsAndNulls_AreNoValue()
    {
        var page = await TestSupport.GetPageAsync("""
            [{"ID_UNDELIVERED_LOG":"3","ID_MESSAGE":"","ID_SEND":null,"EMAIL":"","STATUS":"","TEXT_STATUS":null,"REMOTE_MTA":"","RECIPIENT_STATUS":""}]
            """);

        var record = Assert.Single(page.Records);
        Assert.Null(record.CampaignId);
        Assert.Null(record.SendId);
        Assert.Null(record.Status);
        Assert.Equal(string.Empty, record.Email);
        Assert.Equal(string.Empty, record.ServerReply);
        Assert.Equal(RecipientStatus.Unknown, record.RecipientStatus);
        Assert.Equal(string.Empty, record.RecipientStatusText);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData(" [ ] ")]
    [InlineData("{\"error_status\":0}")]
    [InlineData("{\"error_status\":\"0\",\"error\":\"\"}")]
    [InlineData("\uFEFF[]")]
    public async Task GetRawBouncesAsync_EmptyResult_IsAnEmptyPage(string body)
    {
        var page = await TestSupport.ClientAnswering(body).GetRawBouncesAsync(new RawBouncesRequest { StartId = 500 });

        Assert.Empty(page.Records);
        Assert.Equal(500, page.NextStartId);
    }

    [Theory]
    [InlineData("{\"error\":\"Rate limit exceeded\"}")]
    [InlineData("{\"error_status\":null,\"error\":\"Rate limit exceeded\"}")]
    [InlineData("{\"error_status\":0,\"error\":\"Rate limit exceeded\"}")]
    [InlineData("{\"error_status\":\"0\",\"error\":\"Rate limit exceeded\"}")]
    [InlineData("{\"error_status\":\"busy\",\"error\":\"Rate limit exceeded\"}")]
    [InlineData("{\"error\":\"Rate limit exceeded\",\"error_status\":false}")]
    [Trait("Finding", "M6")]
    public async Task GetRawBouncesAsync_ErrorTextWithoutErrorStatus_ThrowsApiException(string body)
    {
        var ex = await Assert.ThrowsAsync<MailkitApiException>(() => TestSupport.GetPageAsync(body));

        Assert.Equal("Rate limit exceeded", ex.ApiMessage);
    }

    [Fact]
    [Trait("Finding", "M6")]
    public async Task GetAllRawBouncesAsync_ErrorWithoutStatusOnTheSecondPage_ThrowsInsteadOfEndingTheWalk()
    {
        var ids = Enumerable.Range(1, 9).Select(i => (long)i).ToList();
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Respond(async request => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(RecordBodies.Json(RecordBodies.PageOf(ids, await request.Content!.ReadAsStringAsync()))),
        });
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Respond("application/json", "{\"error\":\"Rate limit exceeded\"}");
        using var client = new MailkitClient(new HttpClient(handler), TestSupport.Options());
        var received = new List<long>();

        var ex = await Assert.ThrowsAsync<MailkitApiException>(async () =>
        {
            await foreach (var record in client.GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 3 }))
            {
                received.Add(record.UndeliveredLogId);
            }
        });

        Assert.Equal("Rate limit exceeded", ex.ApiMessage);
        Assert.Equal([1L, 2, 3], received);
        handler.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData("{\"error_status\":1,\"error\":{\"text\":\"Unauthorized\"}}")]
    [InlineData("{\"error\":[\"Unauthorized\"]}")]
    [InlineData("{\"error\":42}")]
    [InlineData("{\"error\":true}")]
    [Trait("Finding", "M6")]
    public async Task GetRawBouncesAsync_ErrorThatIsNotAString_ThrowsProtocolException(string body)
    {
        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => TestSupport.GetPageAsync(body));

        Assert.Contains("error is a JSON", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsIncomplete);
    }

    [Fact]
    [Trait("Finding", "M6")]
    public async Task GetRawBouncesAsync_ErrorStatusNotAnIntegerAndNoError_ThrowsProtocolException()
    {
        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => TestSupport.GetPageAsync("{\"error_status\":\"busy\"}"));

        Assert.Contains("error_status", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRawBouncesAsync_UnknownKeys_KeptVerbatim()
    {
        var page = await TestSupport.GetPageAsync("""
            [{"ID_UNDELIVERED_LOG":"1","BOUNCE_CAT":"bad-mailbox","SUBJECT":"Akce \u2013 50 %","SCORE":3.5,"FLAG":true,"NOTHING":null,"TAGS":["a", {"b":1}],"UTM":{"campaign":"zima"}}]
            """);

        var extra = Assert.Single(page.Records).ExtraFields;
        Assert.Equal("bad-mailbox", extra["BOUNCE_CAT"]);
        Assert.Equal("Akce – 50 %", extra["SUBJECT"]);
        Assert.Equal("3.5", extra["SCORE"]);
        Assert.Equal("true", extra["FLAG"]);
        Assert.Equal(string.Empty, extra["NOTHING"]);
        Assert.Equal("""["a", {"b":1}]""", extra["TAGS"]);
        Assert.Equal("""{"campaign":"zima"}""", extra["UTM"]);
        Assert.Equal(7, extra.Count);
    }

    [Fact]
    public async Task GetRawBouncesAsync_NonAsciiAndEscapedText_DecodedExactly()
    {
        var page = await TestSupport.GetPageAsync("""
            [{"ID_UNDELIVERED_LOG":"1","EMAIL":"jiří.novák@příklad.cz","TEXT_STATUS":"smtp; 550 \"User\" unknown\\path\n\u017elu\u0165ou\u010dk\u00fd k\u016f\u0148","REMOTE_MTA":"dns; mx.\u00e9cole.fr"},
             {"ID_UNDELIVERED_LOG":"2","EMAIL":"\u7528\u6237@\u4f8b\u5b50.\u5e7f\u544a","RECIPIENT_STATUS":"perm\u0061nent"}]
            """);

        Assert.Equal("jiří.novák@příklad.cz", page.Records[0].Email);
        Assert.Equal("smtp; 550 \"User\" unknown\\path\nžluťoučký kůň", page.Records[0].ServerReply);
        Assert.Equal("dns; mx.école.fr", page.Records[0].RemoteMta);
        Assert.Equal("用户@例子.广告", page.Records[1].Email);
        Assert.Equal(RecipientStatus.Permanent, page.Records[1].RecipientStatus);
    }

    [Fact]
    public async Task GetRawBouncesAsync_EscapedKeys_MatchedLikePlainOnes()
    {
        var page = await TestSupport.GetPageAsync("""[{"ID_UNDELIVERED_\u004cOG":"5","\u0045MAIL":"a@b.cz","id_send":"9"}]""");

        var record = Assert.Single(page.Records);
        Assert.Equal(5, record.UndeliveredLogId);
        Assert.Equal("a@b.cz", record.Email);
        Assert.Equal(9, record.SendId);
    }

    [Fact]
    public async Task GetRawBouncesAsync_RecordsKeyedLikeAPhpArray_AreRecords()
    {
        var page = await TestSupport.GetPageAsync("""{"0":{"ID_UNDELIVERED_LOG":"10"},"1":{"ID_UNDELIVERED_LOG":"11"}}""");

        Assert.Equal([10L, 11L], page.Records.Select(r => r.UndeliveredLogId));
    }

    [Theory]
    [InlineData("5.2.2", true, 5, 2, 2)]
    [InlineData("4.4.7", true, 4, 4, 7)]
    [InlineData("5.7.133", true, 5, 7, 133)]
    [InlineData("550", false, 0, 0, 0)]
    [InlineData("5.2", false, 0, 0, 0)]
    [InlineData("9.1.1", false, 0, 0, 0)]
    [InlineData("5.02.2", true, 5, 2, 2)]
    public async Task GetRawBouncesAsync_Status_ParsedOrKeptAsText(string text, bool valid, int statusClass, int subject, int detail)
    {
        var page = await TestSupport.GetPageAsync($$"""[{"ID_UNDELIVERED_LOG":"1","STATUS":"{{text}}"}]""");

        var status = Assert.Single(page.Records).Status!.Value;
        Assert.Equal(valid, status.IsValid);
        Assert.Equal((statusClass, subject, detail), (status.Class, status.Subject, status.Detail));
        Assert.Equal(text, status.Text);
        Assert.Equal(text, status.ToString());
    }

    [Fact]
    public async Task GetRawBouncesAsync_UnknownRecipientStatus_KeepsTheText()
    {
        var page = await TestSupport.GetPageAsync("""[{"ID_UNDELIVERED_LOG":"1","RECIPIENT_STATUS":"suppressed"}]""");

        var record = Assert.Single(page.Records);
        Assert.Equal(RecipientStatus.Unknown, record.RecipientStatus);
        Assert.Equal("suppressed", record.RecipientStatusText);
    }

    [Fact]
    public async Task GetRawBouncesAsync_RecordsOutOfOrder_KeptInOrderReceivedAndNextStartAboveHighest()
    {
        var page = await TestSupport.GetPageAsync("""[{"ID_UNDELIVERED_LOG":"9"},{"ID_UNDELIVERED_LOG":"4"}]""");

        Assert.Equal([9L, 4L], page.Records.Select(r => r.UndeliveredLogId));
        Assert.Equal(10, page.NextStartId);
    }

    [Fact]
    public async Task ReadBounceRecordsAsync_ManyRepeatedAndDistinctTexts_EachRecordKeepsItsOwn()
    {
        // More distinct texts than the decoder keeps for reuse, each sent twice, so that reused and replaced texts both occur.
        var body = new StringBuilder("[");
        for (var i = 0; i < 1200; i++)
        {
            var n = i % 600;
            body.Append(i == 0 ? "" : ",")
                .Append("{\"ID_UNDELIVERED_LOG\":\"").Append(i + 1)
                .Append("\",\"TEXT_STATUS\":\"smtp; 550 5.1.1 \\\"odmítnuto\\\" ").Append(n)
                .Append("\",\"REMOTE_MTA\":\"dns; mx").Append(n % 7).Append(".příklad.cz")
                .Append("\",\"BOUNCE_CAT\":\"cat-").Append(n % 300).Append("\"}");
        }

        var records = await DecodeAsync(new MemoryStream(Encoding.UTF8.GetBytes(body.Append(']').ToString())));

        Assert.Equal(1200, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var n = i % 600;
            Assert.Equal($"smtp; 550 5.1.1 \"odmítnuto\" {n}", records[i].ServerReply);
            Assert.Equal($"dns; mx{n % 7}.příklad.cz", records[i].RemoteMta);
            Assert.Equal($"cat-{n % 300}", records[i].ExtraFields["BOUNCE_CAT"]);
        }
    }

    [Fact]
    public async Task ReadBounceRecordsAsync_ConsecutiveRecordsWithDifferentExtraKeys_EachKeepsItsOwnKeys()
    {
        var records = await DecodeAsync(new MemoryStream(Encoding.UTF8.GetBytes("""
            [{"ID_UNDELIVERED_LOG":"1","A":"1","B":"2"},{"ID_UNDELIVERED_LOG":"2","A":"3","B":"4"},{"ID_UNDELIVERED_LOG":"3","B":"5","A":"6"},{"ID_UNDELIVERED_LOG":"4","A":"7"}]
            """)));

        Assert.Equal(["A=1", "B=2"], records[0].ExtraFields.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(["A=3", "B=4"], records[1].ExtraFields.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(["B=5", "A=6"], records[2].ExtraFields.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(["A=7"], records[3].ExtraFields.Select(p => $"{p.Key}={p.Value}"));
    }

    [Theory]
    [InlineData("TEXT_STATUS")]
    [InlineData("EMAIL")]
    [InlineData("BOUNCE_CAT")]
    public async Task ReadBounceRecordsAsync_ValueNotUtf8_ThrowsProtocolExceptionNamingIt(string key)
    {
        var bytes = Encoding.UTF8.GetBytes($$"""[{"ID_UNDELIVERED_LOG":"1","{{key}}":"ab?cd"}]""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xC3; // a lead byte followed by an ASCII letter: not UTF-8

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(new MemoryStream(bytes)));

        Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsIncomplete);
    }

    [Fact]
    public void BounceRecord_SameValues_AreEqualIncludingExtraFields()
    {
        var a = new BounceRecordBuilder().Set("ID_UNDELIVERED_LOG", "1").Set("BOUNCE_CAT", "x").Build();
        var b = new BounceRecordBuilder().Set("ID_UNDELIVERED_LOG", 1).Set("BOUNCE_CAT", "x").Build();
        var c = new BounceRecordBuilder().Set("ID_UNDELIVERED_LOG", 1).Set("BOUNCE_CAT", "y").Build();

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void BounceRecordBuilder_NoUndeliveredLogId_ThrowsFormatException()
    {
        var builder = new BounceRecordBuilder().Set("EMAIL", "a@b.cz");

        var ex = Assert.Throws<FormatException>(builder.Build);
        Assert.Contains("ID_UNDELIVERED_LOG", ex.Message, StringComparison.Ordinal);
    }

    private const string QuirkyBody = """
        [
          {"ID_UNDELIVERED_LOG":"1","EMAIL":"jiří@example.cz","TEXT_STATUS":"smtp; 550 5.1.1 \"nope\"","STATUS":"5.1.1","RECIPIENT_STATUS":"permanent"},
          {"ID_UNDELIVERED_LOG":2,"ID_MESSAGE":"","BOUNCE_CAT":"bad-mailbox","NESTED":{"a":[1,2,{"b":"c"}]}},
          {"ID_UNDELIVERED_LOG":"4294967297","ID_SEND":4294967298,"REMOTE_MTA":"dns; mx1.seznam.cz","RECIPIENT_STATUS":"temporary"},
          {"ID_UNDELIVERED_LOG":"4294967299","EMAIL":"\u00e9l\u00e8ve@\u00e9cole.fr"}
        ]
        """;

    private static async Task<List<BounceRecord>> DecodeAsync(Stream body)
    {
        var context = new MailkitResponseContext(MailkitFunctionCall.RawBouncesFunction, HttpStatusCode.OK);
        var records = new List<BounceRecord>();
        await foreach (var record in MailkitTransport.Json.ReadBounceRecordsAsync(body, context, CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }
}
