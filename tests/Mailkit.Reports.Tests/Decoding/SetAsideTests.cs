using System.Text;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Models;
using Mailkit.Reports.Tests.TestDoubles;
using Mailkit.Reports.Transport;
using static Mailkit.Reports.Tests.Decoding.DecodingHarness;

namespace Mailkit.Reports.Tests.Decoding;

/// <summary>Under the skip policy, the SDK's decoders set a record with a bad value aside and read on in the same body.</summary>
public sealed class SetAsideTests
{
    [Theory]
    [Trait("Finding", "R2-L7")]
    [InlineData(false, 1_000_000)]
    [InlineData(true, 1_000_000)]
    [InlineData(false, 7)]
    [InlineData(true, 7)]
    public async Task Decode_BadValueInTheMiddle_SetAsideWithItsIdAndTheRestRead(bool xml, int chunk)
    {
        (string, string)[] bad = [Field(xml, "ID_USER_LIST", "-1"), Field(xml, "ID_UNDELIVERED_LOG", "42")];
        var body = Body(xml, [Field(xml, "ID_UNDELIVERED_LOG", "41")], bad, [Field(xml, "ID_UNDELIVERED_LOG", "43")]);
        var recordText = xml ? Body(xml, bad)[XmlOpening.Length..^XmlClosing.Length] : Body(xml, bad)[1..^1];

        var items = await DecodeAsync(xml, body, skips: true, chunk);

        Assert.Equal([41L, null, 43L], items.Select(i => (i.Record as BounceRecord)?.UndeliveredLogId));
        var skipped = items[1].Skipped!;
        Assert.Equal(42, skipped.UndeliveredLogId);
        Assert.Equal("ID_USER_LIST", skipped.FieldName);
        Assert.Equal(recordText, skipped.RecordText);
        Assert.Contains("-1", skipped.Problem, StringComparison.Ordinal);
        var thrown = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodingHarness.DecodeAsync(xml, body));
        Assert.Equal(thrown.Message, skipped.Exception.Message);
        Assert.Equal(thrown.BodyOffset, skipped.Exception.BodyOffset);
    }

    [Theory]
    [Trait("Finding", "R2-L7")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Decode_BadValueInEveryRecord_EverySetAsideInOneBody(bool xml)
    {
        var records = Enumerable.Range(1, 100)
            .Select(i => new[] { Field(xml, "ID_UNDELIVERED_LOG", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Field(xml, "ID_USER_LIST", "-1") })
            .ToArray();

        var items = await DecodeAsync(xml, Body(xml, records), skips: true, 1_000_000);

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), items.Select(i => i.Skipped!.UndeliveredLogId));
    }

    [Theory]
    [InlineData(false, "x")]
    [InlineData(true, "x")]
    [InlineData(false, "-5")]
    [InlineData(true, "-5")]
    public async Task Decode_RecordWithoutAReadableId_ThrowsEvenUnderTheSkipPolicy(bool xml, string id)
    {
        var body = Body(xml, [Field(xml, "ID_UNDELIVERED_LOG", "1")], [Field(xml, "ID_UNDELIVERED_LOG", id)]);

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml, body, skips: true, 1_000_000));

        Assert.Equal("ID_UNDELIVERED_LOG", ex.FieldName);
        Assert.Null(ex.UndeliveredLogId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Decode_BrokenBodyAfterABadRecord_StillThrows(bool xml)
    {
        var body = Body(xml, [Field(xml, "ID_UNDELIVERED_LOG", "1"), Field(xml, "ID_USER_LIST", "-1")]);
        body = body[..(body.Length - 5)];

        await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml, body, skips: true, 1_000_000));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadBounceRecordsAsync_ContextThatSkips_ThrowsAtTheBadRecordAsThrowDoes(bool xml)
    {
        // A transport of the caller's own that wraps a built-in one can only yield records: it ends at the bad one.
        var body = Body(xml, [Field(xml, "ID_UNDELIVERED_LOG", "1")], [Field(xml, "ID_UNDELIVERED_LOG", "2"), Field(xml, "ID_USER_LIST", "-1")]);
        var received = new List<long>();

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(async () =>
        {
            await foreach (var record in TransportFor(xml).ReadBounceRecordsAsync(Stream(body, 1_000_000), SkippingContext(), CancellationToken.None))
            {
                received.Add(record.UndeliveredLogId);
            }
        });

        Assert.Equal([1L], received);
        Assert.Equal(2, ex.UndeliveredLogId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetRawBouncesAsync_SkipPolicy_PageSaysWhichAndContinuesAfterThem(bool xml)
    {
        var body = Body(xml, [Field(xml, "ID_UNDELIVERED_LOG", "41")], [Field(xml, "ID_UNDELIVERED_LOG", "42"), Field(xml, "ID_USER_LIST", "-1")]);
        var options = TestSupport.Options();
        options.Transport = xml ? MailkitTransportKind.XmlRpc : MailkitTransportKind.Json;
        using var client = TestSupport.ClientAnswering(body, options: options);
        var reported = new List<long>();

        var page = await client.GetRawBouncesAsync(new RawBouncesRequest { InvalidRecords = InvalidRecordHandling.Skip(r => reported.Add(r.UndeliveredLogId)) });

        Assert.Equal([41L], page.Records.Select(r => r.UndeliveredLogId));
        Assert.Equal([42L], page.SkippedRecords.Select(r => r.UndeliveredLogId));
        Assert.Equal([42L], reported);
        Assert.Equal(43, page.NextStartId);
        await Assert.ThrowsAsync<MailkitProtocolException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));
    }

    private static async Task<List<DecodedRecord>> DecodeAsync(bool xml, string body, bool skips, int chunk)
    {
        var context = skips ? SkippingContext() : Context();
        var items = new List<DecodedRecord>();
        await foreach (var item in TransportFor(xml).ReadDecodedAsync(Stream(body, chunk), context, CancellationToken.None))
        {
            items.Add(item);
        }

        return items;
    }

    private static MailkitResponseContext SkippingContext() =>
        new(MailkitFunctionCall.RawBouncesFunction, System.Net.HttpStatusCode.OK) { SkipsInvalidRecords = true };

    private static ScriptedStream Stream(string body, int chunk) => new(Encoding.UTF8.GetBytes(body), ScriptedStream.Chunks(chunk));
}
