using System.Buffers.Text;
using System.Globalization;
using System.Text.Unicode;
using Mailkit.Reports.Decoding.Xml;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Decoding.XmlRpc;

/// <summary>
/// Reads the records of an XML-RPC response: a <c>&lt;struct&gt;</c> of <c>&lt;member&gt;</c>s, each a
/// <c>&lt;name&gt;</c> and a <c>&lt;value&gt;</c> in either order, handing each field to a <see cref="RecordAssembler"/>.
/// </summary>
/// <remarks>
/// Scalars: <c>i4</c>, <c>i8</c>, <c>int</c>, <c>string</c>, a value with no type (a string), <c>double</c>,
/// <c>boolean</c>, <c>base64</c>, <c>dateTime.iso8601</c>, <c>nil</c>; a nested struct or array under an unknown key is
/// kept as its markup. Each method returns <see langword="false"/> when the data ran out before the unit was complete.
/// </remarks>
internal sealed class XmlRpcRecordReader
{
    private readonly RecordAssembler _record;

    public XmlRpcRecordReader(MailkitResponseContext context) => _record = new RecordAssembler(context);

    /// <summary>Gets or sets the token that cancels the decoding of the current chunk.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Forgets the record being read.</summary>
    public void Clear() => _record.Clear();

    /// <summary>The record at fault, read to the end of its unit so that the error can name its ID: set aside, or thrown.</summary>
    public DecodedRecord SetAsideOrThrow(long bodyOffset, ReadOnlySpan<byte> recordText) => _record.SetAsideOrThrow(bodyOffset, recordText);

    /// <summary>The text of a token: the cached string of plain bytes, or the decoded entities, CDATA and line ends.</summary>
    public string TextOf(ref Utf8XmlTokenizer xml, in XmlToken token)
    {
        var raw = xml.RawText(token);
        if (raw.IsEmpty)
        {
            return string.Empty;
        }

        return token.NeedsDecoding ? Utf8XmlText.Decode(raw) : _record.Strings.Get(raw);
    }

    /// <summary>Reads a record that is the value of a member of a top-level struct; the tokenizer stands after <c>&lt;member&gt;</c>.</summary>
    /// <remarks><paramref name="record"/> is <see langword="null"/> when the record holds a value that was refused.</remarks>
    public bool TryReadKeyedRecord(ref Utf8XmlTokenizer xml, bool isEmpty, out object? record)
    {
        record = null;
        object? found = null;
        bool hasName = false, hasValue = false;
        while (!isEmpty)
        {
            if (!xml.TryReadSignificant(out var token))
            {
                return false;
            }

            if (xml.IsEnd(token, "member"u8))
            {
                break;
            }

            if (xml.IsStart(token, "name"u8))
            {
                if (hasName)
                {
                    throw new FormatException("a member of the top-level struct has a second <name>.");
                }

                if (!xml.TryReadTextElement(token, out var key))
                {
                    return false;
                }

                // The key is not kept, but it is text of the document: it must be UTF-8 like the rest.
                if (!Utf8.IsValid(xml.RawText(key)))
                {
                    throw new FormatException("the name of a member of the top-level struct holds bytes that are not UTF-8.");
                }

                hasName = true;
                continue;
            }

            xml.ExpectStart(token, "value"u8);
            if (token.IsEmpty)
            {
                throw new FormatException("a member of the top-level struct has an empty <value>, not a record.");
            }

            if (hasValue)
            {
                // Keeping the last one would drop the records before it without a word.
                throw new FormatException("a member of the top-level struct has a second <value>.");
            }

            if (!xml.TryReadSignificant(out token))
            {
                return false;
            }

            xml.ExpectStart(token, "struct"u8);
            if (!TryReadRecord(ref xml, token.IsEmpty, out var inner) || !xml.TryReadSignificant(out token))
            {
                return false;
            }

            xml.ExpectEnd(token, "value"u8);
            found = inner;
            hasValue = true;
        }

        if (!hasValue)
        {
            throw new FormatException("a member of the top-level struct has no <value>.");
        }

        record = found;
        return true;
    }

    /// <summary>Reads the record whose <c>&lt;struct&gt;</c> start tag was just read, up to and including its end tag.</summary>
    /// <remarks>
    /// <paramref name="record"/> is <see langword="null"/> when a value was refused: the assembler keeps the problem until the
    /// caller has read the whole unit and reports it with <see cref="SetAsideOrThrow"/>.
    /// </remarks>
    public bool TryReadRecord(ref Utf8XmlTokenizer xml, bool isEmpty, out object? record)
    {
        record = null;
        var assembler = _record;
        assembler.BeginRecord();
        while (!isEmpty)
        {
            if (!xml.TryReadSignificant(out var token))
            {
                return false;
            }

            if (xml.IsEnd(token, "struct"u8))
            {
                break;
            }

            xml.ExpectStart(token, "member"u8);
            if (!assembler.TryCountField(CancellationToken))
            {
                throw new FormatException($"a record has more than {RecordAssembler.FieldLimit(assembler.MaxRecordFields)} fields.");
            }

            if (!TryReadMember(ref xml, token.IsEmpty, out var name, out var value))
            {
                return false;
            }

            SetField(ref xml, name, value);
        }

        record = assembler.HasProblem ? null : assembler.Build();
        return true;
    }

    /// <summary>Reads a member's name and value (in either order) up to and including <c>&lt;/member&gt;</c>.</summary>
    public static bool TryReadMember(ref Utf8XmlTokenizer xml, bool isEmpty, out XmlToken name, out XmlRpcValue value)
    {
        name = default;
        value = default;
        bool hasName = false, hasValue = false;
        while (!isEmpty)
        {
            if (!xml.TryReadSignificant(out var token))
            {
                return false;
            }

            if (xml.IsEnd(token, "member"u8))
            {
                break;
            }

            if (xml.IsStart(token, "name"u8))
            {
                if (hasName)
                {
                    throw new FormatException("a <member> has a second <name>.");
                }

                if (!xml.TryReadTextElement(token, out name))
                {
                    return false;
                }

                hasName = true;
                continue;
            }

            xml.ExpectStart(token, "value"u8);
            if (hasValue)
            {
                throw new FormatException("a <member> has a second <value>.");
            }

            if (!TryReadValue(ref xml, token.IsEmpty, out value))
            {
                return false;
            }

            hasValue = true;
        }

        if (!hasName || !hasValue)
        {
            throw new FormatException("a <member> lacks its <name> or its <value>.");
        }

        return true;
    }

    /// <summary>Reads the value whose <c>&lt;value&gt;</c> start tag was just read, up to and including <c>&lt;/value&gt;</c>.</summary>
    private static bool TryReadValue(ref Utf8XmlTokenizer xml, bool isEmpty, out XmlRpcValue value)
    {
        value = default;
        if (isEmpty)
        {
            return true;
        }

        if (!xml.TryRead(out var token))
        {
            return false;
        }

        var text = token;
        if (token.Kind == XmlTokenKind.Text && !xml.TryRead(out token))
        {
            return false;
        }

        if (xml.IsEnd(token, "value"u8))
        {
            // A <value> with no type element: a string.
            value = new XmlRpcValue(XmlRpcValueKind.Scalar, null, text.Kind == XmlTokenKind.Text ? text : default);
            return true;
        }

        if (token.Kind != XmlTokenKind.Start)
        {
            throw new FormatException($"found {xml.Describe(token)} inside a <value>.");
        }

        if (text.Kind == XmlTokenKind.Text && !text.IsWhitespace)
        {
            throw new FormatException("a <value> mixes text with elements.");
        }

        var type = xml.NameOf(token);
        if (type.SequenceEqual("nil"u8))
        {
            if (!token.IsEmpty)
            {
                if (!xml.TryReadSignificant(out var end))
                {
                    return false;
                }

                xml.ExpectEnd(end, "nil"u8);
            }

            value = new XmlRpcValue(XmlRpcValueKind.Nil, null, default);
        }
        else if (type.SequenceEqual("struct"u8) || type.SequenceEqual("array"u8))
        {
            var nestedType = type[0] == (byte)'s' ? "struct" : "array";
            var start = token.Start;
            if (!xml.TrySkipElement(token))
            {
                return false;
            }

            value = new XmlRpcValue(XmlRpcValueKind.Nested, nestedType, new XmlToken { Kind = XmlTokenKind.Text, TextStart = start, TextEnd = xml.Position });
        }
        else if (IsScalarType(type))
        {
            var isInt32 = type.SequenceEqual("i4"u8) || type.SequenceEqual("int"u8);
            if (!xml.TryReadTextElement(token, out var scalar))
            {
                return false;
            }

            value = new XmlRpcValue(XmlRpcValueKind.Scalar, null, scalar, isInt32);
        }
        else
        {
            throw new FormatException($"a <value> holds an unknown type {xml.Describe(token)}.");
        }

        if (!xml.TryReadSignificant(out token))
        {
            return false;
        }

        xml.ExpectEnd(token, "value"u8);
        return true;
    }

    private static bool IsScalarType(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("string"u8) || type.SequenceEqual("i4"u8) || type.SequenceEqual("i8"u8) || type.SequenceEqual("int"u8)
        || type.SequenceEqual("double"u8) || type.SequenceEqual("boolean"u8) || type.SequenceEqual("base64"u8)
        || type.SequenceEqual("dateTime.iso8601"u8);

    /// <summary>Sets a member's value; a value that cannot be accepted is noted and the record read on, to find its ID.</summary>
    /// <remarks>
    /// Lenient on purpose, as the values are kept, not interpreted: an ID may come in any scalar type whose text is
    /// digits (<c>&lt;string&gt;</c>, <c>&lt;i8&gt;</c>, even <c>&lt;double&gt;</c> with an integral text); a
    /// <c>&lt;base64&gt;</c> is kept as its text, undecoded; a nested value under an unknown key is kept as its markup.
    /// </remarks>
    private void SetField(ref Utf8XmlTokenizer xml, in XmlToken name, in XmlRpcValue value)
    {
        string? key;
        int field;
        if (name.NeedsDecoding)
        {
            key = TextOf(ref xml, name);
            field = _record.Schema.Classify(key);
        }
        else
        {
            (key, field) = _record.ClassifyKey(xml.RawText(name));
        }

        try
        {
            SetValue(ref xml, field, key, value);
        }
        catch (FormatException ex)
        {
            _record.NoteProblem(field, key, ex.Message);
        }
    }

    private void SetValue(ref Utf8XmlTokenizer xml, int field, string? key, in XmlRpcValue value)
    {
        var record = _record;
        switch (value.Kind)
        {
            case XmlRpcValueKind.Nil:
                record.SetNull(field, key);
                return;
            case XmlRpcValueKind.Nested when field == RecordSchema.Unknown:
                record.SetExtra(key!, Utf8StringCache.Decode(xml.RawText(value.Text)));
                return;
            case XmlRpcValueKind.Nested:
                throw new FormatException($"{key ?? _record.Schema.NameOf(field)} is an XML-RPC <{value.NestedType}>, not a scalar.");
        }

        var text = value.Text;
        var raw = xml.RawText(text);
        string? decoded = text.NeedsDecoding ? TextOf(ref xml, text) : null;
        if (decoded is null && !Utf8.IsValid(raw))
        {
            // Checked here, not only when decoding: an ID or a status is read from its bytes without decoding them.
            throw new FormatException("a value holds bytes that are not UTF-8.");
        }

        if (value.IsInt32 && record.Schema.KindOf(field) != FieldKind.IdList)
        {
            CheckInt32(raw, decoded);
        }

        if (decoded is not null)
        {
            record.SetDecoded(field, key, decoded);
        }
        else
        {
            record.SetUtf8(field, key, raw);
        }
    }

    /// <summary>Refuses an <c>&lt;i4&gt;</c> or <c>&lt;int&gt;</c> beyond 32 bits: it is not what the server meant to send.</summary>
    private static void CheckInt32(ReadOnlySpan<byte> raw, string? decoded)
    {
        bool fits;
        if (decoded is null)
        {
            var digits = raw.Trim(" \t\r\n"u8);
            fits = digits.IsEmpty || (Utf8Parser.TryParse(digits, out int _, out var consumed) && consumed == digits.Length);
        }
        else
        {
            var digits = decoded.AsSpan().Trim(" \t\r\n");
            fits = digits.IsEmpty || int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        }

        if (!fits)
        {
            throw new FormatException("an <i4> or <int> holds a value that is not a 32-bit integer; larger ones come as <i8>.");
        }
    }
}
