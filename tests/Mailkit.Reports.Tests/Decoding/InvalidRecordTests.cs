using System.Text;
using Mailkit.Reports.Models;
using static Mailkit.Reports.Tests.Decoding.DecodingHarness;

namespace Mailkit.Reports.Tests.Decoding;

/// <summary>A value the SDK cannot accept is reported with its field, its record's ID and the record's text.</summary>
public class InvalidRecordTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M7")]
    public async Task Decode_BadValueBeforeTheId_NamesTheFieldAndTheRecordsId(bool xml)
    {
        (string, string)[] bad = [Field(xml, "ID_USER_LIST", "-1"), Field(xml, "EMAIL", "a@b.cz"), Field(xml, "ID_UNDELIVERED_LOG", "42")];
        var body = Body(xml, [Field(xml, "ID_UNDELIVERED_LOG", "41")], bad);
        var recordText = xml ? Body(xml, bad)[XmlOpening.Length..^XmlClosing.Length] : Body(xml, bad)[1..^1];

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml, body));

        Assert.Equal("ID_USER_LIST", ex.FieldName);
        Assert.Equal(42, ex.UndeliveredLogId);
        Assert.Equal(recordText, ex.RecordText);
        Assert.Equal(Encoding.UTF8.GetByteCount(body[..body.LastIndexOf(recordText, StringComparison.Ordinal)]), ex.BodyOffset);
        Assert.Contains("ID_UNDELIVERED_LOG 42", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsIncomplete);
    }

    [Theory]
    [InlineData(false, "x")]
    [InlineData(true, "x")]
    [InlineData(false, "-5")]
    [InlineData(true, "-5")]
    [Trait("Finding", "M7")]
    public async Task Decode_BadUndeliveredLogId_NamesItWithoutAnId(bool xml, string id)
    {
        var body = Body(xml, [Field(xml, "EMAIL", "a@b.cz"), Field(xml, "ID_UNDELIVERED_LOG", id)]);

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml, body));

        Assert.Equal("ID_UNDELIVERED_LOG", ex.FieldName);
        Assert.Null(ex.UndeliveredLogId);
        Assert.Contains("a@b.cz", ex.RecordText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M7")]
    public async Task Decode_RecordWithoutUndeliveredLogId_NamesTheMissingId(bool xml)
    {
        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml, Body(xml, [Field(xml, "EMAIL", "a@b.cz")])));

        Assert.Equal("ID_UNDELIVERED_LOG", ex.FieldName);
        Assert.Null(ex.UndeliveredLogId);
        Assert.NotNull(ex.RecordText);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M7")]
    public async Task Decode_TextNotUtf8BeforeTheId_NamesTheFieldAndTheRecordsId(bool xml)
    {
        var bytes = Encoding.UTF8.GetBytes(Body(xml, [Field(xml, "TEXT_STATUS", "550 ab?cd"), Field(xml, "ID_UNDELIVERED_LOG", "7")]));
        bytes[Array.LastIndexOf(bytes, (byte)'?')] = 0xC3; // a lead byte followed by an ASCII letter: not UTF-8

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml, new MemoryStream(bytes)));

        Assert.Equal("TEXT_STATUS", ex.FieldName);
        Assert.Equal(7, ex.UndeliveredLogId);
        Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "\"EMAIL\":{\"a\":[1]}", "EMAIL")]
    [InlineData(false, "\"TEXT_STATUS\":\"\\uD800\"", "TEXT_STATUS")]
    [InlineData(false, "\"id_user_list\":\"1.5\"", "id_user_list")]
    [InlineData(false, "\"BOUNCE_CAT\":\"\\uDC00x\"", "BOUNCE_CAT")]
    [InlineData(true, "<member><name>EMAIL</name><value><struct></struct></value></member>", "EMAIL")]
    [InlineData(true, "<member><name>id_user_list</name><value><string>1.5</string></value></member>", "id_user_list")]
    [Trait("Finding", "M7")]
    public async Task Decode_BadValueOfAnyKind_NamesTheFieldAsSpeltAndTheId(bool xml, string member, string fieldName)
    {
        var body = xml
            ? XmlOpening + "<value><struct>" + member + "<member><name>ID_UNDELIVERED_LOG</name><value>9</value></member></struct></value>" + XmlClosing
            : "[{" + member + ",\"ID_UNDELIVERED_LOG\":\"9\"}]";

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml, body));

        Assert.Equal(fieldName, ex.FieldName);
        Assert.Equal(9, ex.UndeliveredLogId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M7")]
    public async Task ReadBounceRecordsAsync_BadRecordAfterGoodOnesInTheSameRead_GoodOnesHandedOutFirst(bool xml)
    {
        var body = Body(xml, [Field(xml, "ID_UNDELIVERED_LOG", "1")], [Field(xml, "ID_UNDELIVERED_LOG", "2")], [Field(xml, "ID_UNDELIVERED_LOG", "3"), Field(xml, "ID_SEND", "x")]);
        var received = new List<BounceRecord>();

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(async () =>
        {
            await foreach (var record in TransportFor(xml).ReadBounceRecordsAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), Context(), default))
            {
                received.Add(record);
            }
        });

        Assert.Equal([1L, 2L], received.Select(r => r.UndeliveredLogId));
        Assert.Equal(3, ex.UndeliveredLogId);
    }
}
