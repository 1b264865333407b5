using System.Text;
using Mailkit.Reports.Tests.TestDoubles;
using static Mailkit.Reports.Tests.Decoding.DecodingHarness;

namespace Mailkit.Reports.Tests.Decoding;

/// <summary>Inputs that could be misread or silently dropped are refused, and IDs follow one rule.</summary>
public class StrictnessTests
{
    private const string RecordA = "<struct><member><name>ID_UNDELIVERED_LOG</name><value>1</value></member></struct>";
    private const string RecordB = "<struct><member><name>ID_UNDELIVERED_LOG</name><value>2</value></member></struct>";

    [Fact]
    [Trait("Finding", "L4")]
    public async Task Decode_AttributeValueHoldingMarkup_Refused()
    {
        var body = XmlOpening + "<value x=\">" + RecordA + "</value><value y=\">" + RecordB + "</value>" + XmlClosing;

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml: true, body));

        Assert.Contains("attribute", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsIncomplete);
    }

    public static TheoryData<string> MembersWithTwoOfAKind => new()
    {
        // The top-level struct of records keyed like a PHP array.
        Keyed("<member><name>0</name><value>" + RecordA + "</value><value>" + RecordB + "</value></member>"),
        Keyed("<member><name>0</name><name>1</name><value>" + RecordA + "</value></member>"),

        // A member of a record.
        XmlOpening + "<value><struct><member><name>ID_UNDELIVERED_LOG</name><value>1</value><value>2</value></member></struct></value>" + XmlClosing,
        XmlOpening + "<value><struct><member><name>EMAIL</name><name>ID_UNDELIVERED_LOG</name><value>1</value></member></struct></value>" + XmlClosing,
    };

    [Theory]
    [MemberData(nameof(MembersWithTwoOfAKind))]
    [Trait("Finding", "L4")]
    public async Task Decode_MemberWithASecondValueOrName_Refused(string body)
    {
        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml: true, body));

        Assert.Contains("second", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsIncomplete);
    }

    [Theory]
    [InlineData(false, "ID_UNDELIVERED_LOG", "id_undelivered_log")]
    [InlineData(true, "ID_UNDELIVERED_LOG", "id_undelivered_log")]
    [InlineData(false, "ID_UNDELIVERED_LOG", "ID_UNDELIVERED_LOG")]
    [InlineData(true, "ID_UNDELIVERED_LOG", "ID_UNDELIVERED_LOG")]
    [InlineData(false, "EMAIL", "Email")]
    [InlineData(true, "STATUS", "STATUS")]
    [InlineData(false, "ID_SEND", "ID_SEND")]
    public async Task Decode_DocumentedKeyTwiceInARecord_L4L5_Refused(bool xml, string first, string second)
    {
        var value = first.StartsWith("ID_", StringComparison.Ordinal) ? "5" : "5.1.1";
        var other = first.StartsWith("ID_", StringComparison.Ordinal) ? "99999999999" : "4.4.4";
        var body = Body(xml, [Field(xml, "ID_SEND_MESSGE", "3"), Field(xml, first, value), Field(xml, second, other), Field(xml, "ID_UNDELIVERED_LOG", first == "ID_UNDELIVERED_LOG" ? "6" : "7")]);

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml, body));

        Assert.Contains("more than once", ex.Message, StringComparison.Ordinal);
        Assert.Equal(second, ex.FieldName);
        Assert.Equal(first == "ID_UNDELIVERED_LOG" ? null : 7, ex.UndeliveredLogId);
    }

    [Theory]
    [InlineData("ID_SEND", "<i4>99999999999</i4>")]
    [InlineData("ID_SEND", "<int>2147483648</int>")]
    [InlineData("SCORE", "<i4>-2147483649</i4>")]
    [InlineData("SCORE", "<int>4294967296</int>")]
    [Trait("Finding", "L4")]
    public async Task Decode_Int32ValueBeyond32Bits_Refused(string key, string value)
    {
        var body = XmlOpening + $"<value><struct><member><name>ID_UNDELIVERED_LOG</name><value>1</value></member><member><name>{key}</name><value>{value}</value></member></struct></value>" + XmlClosing;

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml: true, body));

        Assert.Equal(key, ex.FieldName);
        Assert.Contains("32-bit", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ID_SEND", "<i4>2147483647</i4>", "2147483647")]
    [InlineData("ID_SEND", "<i8>99999999999</i8>", "99999999999")]
    [InlineData("SCORE", "<i4>-2147483648</i4>", "-2147483648")]
    [Trait("Finding", "L4")]
    public async Task Decode_Int32ValueWithin32Bits_Accepted(string key, string value, string expected)
    {
        var body = XmlOpening + $"<value><struct><member><name>ID_UNDELIVERED_LOG</name><value>1</value></member><member><name>{key}</name><value>{value}</value></member></struct></value>" + XmlClosing;

        var record = Assert.Single(await DecodeAsync(xml: true, body));

        Assert.Equal(expected, key == "SCORE" ? record.ExtraFields[key] : record.SendId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [Trait("Finding", "L5")]
    public async Task Decode_ByteOrderMarkSplitAcrossReads_Accepted(bool xml, int chunk)
    {
        var body = Encoding.UTF8.GetBytes("\uFEFF" + Body(xml, [Field(xml, "ID_UNDELIVERED_LOG", "3")]));

        var records = await DecodeAsync(xml, new ScriptedStream(body, ScriptedStream.Chunks(chunk)));

        Assert.Equal(3, Assert.Single(records).UndeliveredLogId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [Trait("Finding", "L5")]
    public async Task Decode_EmptyJsonArrayAfterSplitByteOrderMark_Accepted(int chunk)
    {
        var records = await DecodeAsync(xml: false, new ScriptedStream([0xEF, 0xBB, 0xBF, (byte)'[', (byte)']'], ScriptedStream.Chunks(chunk)));

        Assert.Empty(records);
    }

    public static TheoryData<string, string, long?> IdForms()
    {
        var data = new TheoryData<string, string, long?>();
        (string Text, long? Id)[] forms =
        [
            ("7", 7), (" 7 ", 7), ("\t7\n", 7), ("007", 7), ("", null), ("9223372036854775807", long.MaxValue),
            ("+5", -1), ("-0", -1), ("-1", -1), ("1.0", -1), ("1e3", -1), ("0x10", -1), ("7 7", -1),
            ("9223372036854775808", -1), ("\u0663", -1), ("\uFF17", -1),
        ];
        foreach (var (text, id) in forms)
        {
            foreach (var path in new[] { "json", "json-escaped", "xml", "xml-references", "xml-i8" })
            {
                data.Add(path, text, id);
            }
        }

        return data;
    }

    /// <summary>-1 in <paramref name="expected"/> means refused.</summary>
    [Theory]
    [MemberData(nameof(IdForms))]
    [Trait("Finding", "L5")]
    public async Task Decode_IdForms_OneRuleOnEveryPath(string path, string text, long? expected)
    {
        var xml = path.StartsWith("xml", StringComparison.Ordinal);
        var escaped = string.Concat(text.Select(c => path == "json-escaped" ? $"\\u{(int)c:X4}" : $"&#x{(int)c:X};"));
        var value = path switch
        {
            "json" => $"\"{text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"",
            "json-escaped" => $"\"{escaped}\"",
            "xml" => $"<string>{text}</string>",
            "xml-references" => $"<string>{escaped}</string>",
            _ => $"<i8>{text}</i8>",
        };
        var body = Body(xml, [Field(xml, "ID_UNDELIVERED_LOG", "1"), ("ID_SEND", value)]);

        if (expected == -1)
        {
            var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml, body));
            Assert.Equal("ID_SEND", ex.FieldName);
            Assert.Equal(1, ex.UndeliveredLogId);
        }
        else
        {
            Assert.Equal(expected, Assert.Single(await DecodeAsync(xml, body)).SendId);
        }
    }

    [Theory]
    [InlineData("7", 7L)]
    [InlineData("-1", -1L)]
    [InlineData("-0", -1L)]
    [InlineData("1.0", -1L)]
    [InlineData("1e3", -1L)]
    [InlineData("9223372036854775808", -1L)]
    [Trait("Finding", "L5")]
    public async Task Decode_IdAsJsonNumber_SameRuleAsStrings(string number, long expected)
    {
        var body = $"[{{\"ID_UNDELIVERED_LOG\":1,\"ID_SEND\":{number}}}]";

        if (expected == -1)
        {
            var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => DecodeAsync(xml: false, body));
            Assert.Equal("ID_SEND", ex.FieldName);
        }
        else
        {
            Assert.Equal(expected, Assert.Single(await DecodeAsync(xml: false, body)).SendId);
        }
    }

    private static string Keyed(string members) =>
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>" + members + "</struct></value></param></params></methodResponse>";
}
