using System.Text;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Decoding.Json;
using Mailkit.Reports.Decoding.XmlRpc;
using Mailkit.Reports.Models;
using Mailkit.Reports.Tests.TestDoubles;
using static Mailkit.Reports.Tests.Decoding.DecodingHarness;

namespace Mailkit.Reports.Tests.Decoding;

/// <summary>
/// A hostile or broken body costs time linear in its size and bounded memory, and stops when asked. The bounds are
/// generous (<see cref="DecodingHarness.LinearBound"/>); a quadratic decoder exceeds them many times over.
/// </summary>
public class HostileBodyTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M5")]
    public async Task Decode_RecordWith200000Keys_IsLinear(bool xml)
    {
        const int keys = 200_000;
        var body = new StringBuilder(xml ? XmlOpening + "<value><struct>" : "[{");
        body.Append(xml ? "<member><name>ID_UNDELIVERED_LOG</name><value><i4>1</i4></value></member>" : "\"ID_UNDELIVERED_LOG\":\"1\"");
        for (var i = 0; i < keys; i++)
        {
            body.Append(xml ? $"<member><name>k{i:D7}</name><value>{i % 10}</value></member>" : $",\"k{i:D7}\":\"{i % 10}\"");
        }

        body.Append(xml ? "</struct></value>" + XmlClosing : "}]");
        var bytes = Encoding.UTF8.GetBytes(body.ToString());

        // Socket-sized reads, so that a decoder that re-parses an unfinished record on every read is quadratic too.
        var records = await DecodeWithinBoundAsync(xml, new ScriptedStream(bytes, ScriptedStream.Chunks(4096)), Context(64 * 1024 * 1024, keys + 1));

        var extra = Assert.Single(records).ExtraFields;
        Assert.Equal(keys, extra.Count);
        Assert.Equal("7", extra["k0199997"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M5")]
    public async Task Decode_50MBStringWhoseEndArrivesOneBytePerRead_IsLinear(bool xml)
    {
        const int length = 50 * 1000 * 1000;
        var head = xml
            ? XmlOpening + "<value><struct><member><name>ID_UNDELIVERED_LOG</name><value><i4>1</i4></value></member><member><name>TEXT_STATUS</name><value><string>"
            : "[{\"ID_UNDELIVERED_LOG\":\"1\",\"TEXT_STATUS\":\"";
        var tail = xml ? "</string></value></member></struct></value>" + XmlClosing : "\"}]";
        var bytes = new byte[head.Length + length + tail.Length];
        Encoding.ASCII.GetBytes(head).CopyTo(bytes, 0);
        bytes.AsSpan(head.Length, length).Fill((byte)'x');
        Encoding.ASCII.GetBytes(tail).CopyTo(bytes, head.Length + length);
        var trickleFrom = bytes.Length - 10_000;
        var body = new ScriptedStream(bytes, read => read >= trickleFrom ? 1 : 64 * 1024);

        var records = await DecodeWithinBoundAsync(xml, body, Context(maxRecordBytes: 64 * 1024 * 1024));

        Assert.Equal(length, Assert.Single(records).ServerReply.Length);
    }

    [Fact]
    [Trait("Finding", "M5")]
    public async Task Decode_UnterminatedCommentInSmallReads_IsLinear()
    {
        // A comment full of '-', so that each search for its end has work to do at every byte.
        var comment = new StringBuilder(XmlOpening).Append("<!--");
        comment.Insert(comment.Length, "-x", 8 * 1024 * 1024);
        var bytes = Encoding.ASCII.GetBytes(comment.ToString());

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(
            () => DecodeWithinBoundAsync(xml: true, new ScriptedStream(bytes, ScriptedStream.Chunks(1024)), Context(maxRecordBytes: 64 * 1024 * 1024)));

        Assert.True(ex.IsIncomplete);
    }

    [Theory]
    [InlineData(false, "\"TEXT_STATUS\":\"")]
    [InlineData(true, "<member><name>TEXT_STATUS</name><value><string>")]
    [InlineData(true, "<!--")]
    [Trait("Finding", "M5")]
    public async Task Decode_RecordOverMaxRecordBytes_RefusedAsTheBytesArrive(bool xml, string opening)
    {
        var head = xml ? XmlOpening + "<value><struct>" + opening : "[{\"ID_UNDELIVERED_LOG\":\"1\"," + opening;
        var bytes = new byte[50 * 1000 * 1000];
        Encoding.ASCII.GetBytes(head).CopyTo(bytes, 0);
        bytes.AsSpan(head.Length).Fill((byte)'x');
        var body = new ScriptedStream(bytes, _ => 16 * 1024);

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeWithinBoundAsync(xml, body));

        Assert.Contains("MailkitClientOptions.MaxRecordBytes", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsIncomplete);
        Assert.InRange(body.BytesRead, MailkitClientOptions.DefaultMaxRecordBytes, 4 * MailkitClientOptions.DefaultMaxRecordBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M5")]
    public async Task Decode_CompleteRecordOverMaxRecordBytes_RefusedAndNotHandedOut(bool xml)
    {
        var big = new string('x', 2000);
        var body = Body(xml, [Field(xml, "ID_UNDELIVERED_LOG", "1")], [Field(xml, "ID_UNDELIVERED_LOG", "2"), Field(xml, "TEXT_STATUS", big)]);
        var records = new List<BounceRecord>();

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(async () =>
        {
            await foreach (var record in TransportFor(xml).ReadBounceRecordsAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), Context(maxRecordBytes: 1024), default))
            {
                records.Add(record);
            }
        });

        Assert.Contains("MailkitClientOptions.MaxRecordBytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal([1L], records.Select(r => r.UndeliveredLogId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M5")]
    public async Task Decode_RecordOverMaxRecordFields_Refused(bool xml)
    {
        var fields = Enumerable.Range(0, 40).Select(i => Field(xml, $"K{i}", "v")).Prepend(Field(xml, "ID_UNDELIVERED_LOG", "1")).ToArray();

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(
            () => DecodeAsync(xml, new MemoryStream(Encoding.UTF8.GetBytes(Body(xml, fields))), Context(maxRecordFields: 40)));

        Assert.Contains("MailkitClientOptions.MaxRecordFields", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsIncomplete);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M5")]
    public void Decode_TokenCancelledDuringOneLongRecord_StopsInsideTheRecord(bool xml)
    {
        var fields = Enumerable.Range(0, 5000).Select(i => Field(xml, $"K{i}", "v")).Prepend(Field(xml, "ID_UNDELIVERED_LOG", "1")).ToArray();
        var bytes = Encoding.UTF8.GetBytes(Body(xml, fields));
        var context = Context(maxRecordFields: 10_000);
        IChunkDecoder decoder = xml ? new XmlRpcBounceDecoder(context) : new JsonBounceDecoder(context);
        var output = new List<DecodedRecord>();

        Assert.ThrowsAny<OperationCanceledException>(() => decoder.Decode(bytes, isFinal: true, output, new CancellationToken(canceled: true)));
        Assert.Empty(output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M5")]
    public void Decode_TokenCancelledBetweenRecords_StopsBeforeTheRest(bool xml)
    {
        var records = Enumerable.Range(1, 10_000).Select(i => new[] { Field(xml, "ID_UNDELIVERED_LOG", i.ToString(System.Globalization.CultureInfo.InvariantCulture)) }).ToArray();
        var bytes = Encoding.UTF8.GetBytes(Body(xml, records));
        IChunkDecoder decoder = xml ? new XmlRpcBounceDecoder(Context()) : new JsonBounceDecoder(Context());
        var output = new List<DecodedRecord>();

        Assert.ThrowsAny<OperationCanceledException>(() => decoder.Decode(bytes, isFinal: true, output, new CancellationToken(canceled: true)));
        Assert.True(output.Count < 10, $"{output.Count} records were decoded after the token was cancelled.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Finding", "M5")]
    public async Task ReadAsync_RecordArrivingOneBytePerRead_EachByteHandedToTheDecoderAFewTimes(bool xml)
    {
        var body = Encoding.UTF8.GetBytes(Body(xml, [Field(xml, "ID_UNDELIVERED_LOG", "1"), Field(xml, "TEXT_STATUS", new string('x', 200_000))]));
        var context = Context();
        var decoder = new CountingDecoder(xml ? new XmlRpcBounceDecoder(context) : new JsonBounceDecoder(context));
        var records = new List<BounceRecord>();

        await foreach (var record in ChunkedBodyReader.ReadAsync(new ScriptedStream(body, ScriptedStream.Chunks(1)), decoder, default))
        {
            records.Add(record);
        }

        Assert.Single(records);
        Assert.InRange(decoder.BytesSeen, body.Length, 4L * body.Length);
    }

    /// <summary>Counts the bytes a decoder is handed, each time it is handed them.</summary>
    private sealed class CountingDecoder(IChunkDecoder inner) : IChunkDecoder
    {
        public long BytesSeen { get; private set; }

        public int MaxUnitBytes => inner.MaxUnitBytes;

        public int Decode(ReadOnlySpan<byte> data, bool isFinal, List<DecodedRecord> output, CancellationToken cancellationToken)
        {
            BytesSeen += data.Length;
            return inner.Decode(data, isFinal, output, cancellationToken);
        }
    }
}
