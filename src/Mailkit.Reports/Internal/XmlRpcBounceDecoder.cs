using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Internal;

/// <summary>
/// Decodes an XML-RPC <c>methodResponse</c> chunk by chunk, straight from its UTF-8 bytes. A record (or the
/// document's opening or closing) is decoded only when all of it has arrived; a chunk that ends inside one is handed
/// back unconsumed and decoded again once more has arrived (see <see cref="ChunkedBodyReader"/> for why that stays linear).
/// </summary>
/// <remarks>
/// <para>
/// Accepted: an <c>&lt;array&gt;</c> of <c>&lt;struct&gt;</c>s (the records); a <c>&lt;struct&gt;</c> of structs (a PHP
/// array with keys); an empty array or struct. Mailkit answers an error as a plain string where the array should be;
/// a standard <c>&lt;fault&gt;</c> is an error too. Scalars: <c>i4</c>, <c>i8</c>, <c>int</c>, <c>string</c>, a value
/// with no type (a string), <c>double</c>, <c>boolean</c>, <c>base64</c>, <c>dateTime.iso8601</c>, <c>nil</c>;
/// members in any order; a nested struct or array under an unknown key is kept as its markup.
/// </para>
/// <para>
/// This is the XML that XML-RPC uses, read as strictly as <c>XmlReader</c> reads it (the differential fuzz test holds
/// the two together): elements must nest and close by name, and carry no attributes (XML-RPC has none); <c>&lt;x/&gt;</c>
/// is an empty element; text may hold the five predefined entities, character references, CDATA sections, comments and
/// processing instructions (the text on either side of one joins). Names, characters, references, comments, instructions
/// and the XML declaration follow XML 1.0's rules (see <see cref="XmlLexicalRules"/>). A document type declaration (and
/// with it every entity expansion attack) is refused, as is an encoding other than UTF-8, which Mailkit declares.
/// </para>
/// </remarks>
internal sealed class XmlRpcBounceDecoder : IChunkDecoder
{
    private const int MaxDepth = 32;

    /// <summary>Bytes that send a text through the slow path: entities, carriage returns and the control characters XML forbids.</summary>
    private static readonly SearchValues<byte> TextSpecials = SearchValues.Create(
        [(byte)'&', (byte)'\r', 0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private static readonly SearchValues<byte> TagNameEnd = SearchValues.Create(" \t\r\n/>"u8);

    private static readonly string[] ClosersAfterData = ["array", "value", "param", "params", "methodResponse"];
    private static readonly string[] ClosersAfterValue = ["value", "param", "params", "methodResponse"];

    private readonly MailkitResponseContext _context;
    private readonly BounceRecordBuilder _builder = new();
    private readonly Utf8StringCache _strings = new();

    private readonly ExtraKeyCache _extraKeys = new();

    private Phase _phase = Phase.Start;
    private string[] _closers = ClosersAfterValue;
    private long _offset;
    private int _bomLength;
    private bool _endedEarly;
    private CancellationToken _cancellationToken;

    public XmlRpcBounceDecoder(MailkitResponseContext context) => _context = context;

    private enum Phase
    {
        Start,
        InArray,
        InStruct,
        Closing,
        Done,
    }

    private enum TokenKind
    {
        EndOfBody,
        Start,
        End,
        Text,
    }

    private enum ValueKind
    {
        Scalar,
        Nil,
        Nested,
    }

    /// <inheritdoc />
    public int MaxUnitBytes => _context.MaxRecordBytes;

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> data, bool isFinal, List<BounceRecord> output, CancellationToken cancellationToken)
    {
        if (_offset == 0 && _phase == Phase.Start && data.StartsWith("\uFEFF"u8))
        {
            _offset = _bomLength = 3;
            return 3 + Decode(data[3..], isFinal, output, cancellationToken);
        }

        _cancellationToken = cancellationToken;
        var committed = 0;
        try
        {
            while (_phase != Phase.Done)
            {
                var pos = committed;
                var produced = output.Count;
                if (!Step(data, ref pos, isFinal, output))
                {
                    // Checked as the bytes arrive, not when the record is complete: a record of 50 MB is refused at the cap.
                    if (data.Length - committed > MaxUnitBytes)
                    {
                        throw TooLarge(data, committed);
                    }

                    break;
                }

                if (pos - committed > MaxUnitBytes)
                {
                    output.RemoveRange(produced, output.Count - produced);
                    throw TooLarge(data, committed);
                }

                committed = pos;
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (_phase == Phase.Done)
            {
                committed = SkipTrailing(data, committed, isFinal);
            }
        }
        catch (FormatException ex) when (_endedEarly)
        {
            _builder.Clear();
            var problem = _offset + committed == 0 && data.Length == 0
                ? "The body is empty."
                : "The body ended before the XML-RPC document was complete.";
            throw _context.CreateProtocolException(problem, _offset + committed, data[committed..], isIncomplete: true, ex);
        }
        catch (FormatException ex)
        {
            _builder.Clear();
            throw _context.CreateProtocolException(
                $"The body is not an XML-RPC list of records: {ex.Message}", _offset + committed, data[committed..], isIncomplete: false, ex);
        }

        _offset += committed;
        return committed;
    }

    /// <summary>Decodes one whole unit: the document's opening, a record, or its closing.</summary>
    /// <returns><see langword="false"/> when the data ran out before the unit was complete.</returns>
    private bool Step(ReadOnlySpan<byte> data, ref int pos, bool isFinal, List<BounceRecord> output)
    {
        switch (_phase)
        {
            case Phase.Start:
                return TryReadOpening(data, ref pos, isFinal);

            case Phase.InArray:
                {
                    if (!TryReadSignificant(data, ref pos, isFinal, out var token))
                    {
                        return false;
                    }

                    if (IsEnd(token, data, "data"u8))
                    {
                        return Close(ClosersAfterData);
                    }

                    ExpectStart(token, data, "value"u8, "value");
                    if (token.IsEmpty)
                    {
                        throw new FormatException("an item of the record array is an empty <value>, not a <struct>.");
                    }

                    var unitStart = token.Start;
                    if (!TryReadSignificant(data, ref pos, isFinal, out token))
                    {
                        return false;
                    }

                    if (!IsStart(token, data, "struct"u8))
                    {
                        throw new FormatException($"an item of the record array is {Describe(token, data)}, not a <struct>.");
                    }

                    if (!TryReadRecord(data, ref pos, isFinal, token.IsEmpty, out var record)
                        || !TryReadSignificant(data, ref pos, isFinal, out token))
                    {
                        return false;
                    }

                    ExpectEnd(token, data, "value"u8, "value");
                    output.Add(record ?? throw InvalidRecord(data, unitStart, pos));
                    return true;
                }

            case Phase.InStruct:
                {
                    if (!TryReadSignificant(data, ref pos, isFinal, out var token))
                    {
                        return false;
                    }

                    if (IsEnd(token, data, "struct"u8))
                    {
                        return Close(ClosersAfterValue);
                    }

                    ExpectStart(token, data, "member"u8, "member");
                    var unitStart = token.Start;
                    if (!TryReadKeyedRecord(data, ref pos, isFinal, token.IsEmpty, out var record))
                    {
                        return false;
                    }

                    output.Add(record ?? throw InvalidRecord(data, unitStart, pos));
                    return true;
                }

            case Phase.Closing:
                foreach (var closer in _closers)
                {
                    if (!TryReadSignificant(data, ref pos, isFinal, out var token))
                    {
                        return false;
                    }

                    ExpectEnd(token, data, Encoding.ASCII.GetBytes(closer), closer);
                }

                _phase = Phase.Done;
                return true;

            default:
                return true;
        }
    }

    private bool Close(string[] closers)
    {
        _closers = closers;
        _phase = Phase.Closing;
        return true;
    }

    /// <summary>Reads <c>methodResponse/params/param/value</c> up to the records, or throws the error the body holds.</summary>
    private bool TryReadOpening(ReadOnlySpan<byte> data, ref int pos, bool isFinal)
    {
        if (!TryReadSignificant(data, ref pos, isFinal, out var token))
        {
            return false;
        }

        ExpectOpen(token, data, "methodResponse"u8, "methodResponse");
        if (!TryReadSignificant(data, ref pos, isFinal, out token))
        {
            return false;
        }

        if (IsStart(token, data, "fault"u8))
        {
            ExpectOpen(token, data, "fault"u8, "fault");
            return TryReadFault(data, ref pos, isFinal);
        }

        ExpectOpen(token, data, "params"u8, "params");
        if (!TryReadSignificant(data, ref pos, isFinal, out token))
        {
            return false;
        }

        ExpectOpen(token, data, "param"u8, "param");
        if (!TryReadSignificant(data, ref pos, isFinal, out token))
        {
            return false;
        }

        ExpectStart(token, data, "value"u8, "value");
        if (token.IsEmpty)
        {
            throw _context.CreateApiException(0, string.Empty);
        }

        // Mailkit answers an error as a string where the array should be: untyped text, or a <string>.
        if (!TryRead(data, ref pos, isFinal, out token))
        {
            return false;
        }

        var text = token;
        if (token.Kind == TokenKind.Text && !TryRead(data, ref pos, isFinal, out token))
        {
            return false;
        }

        if (IsEnd(token, data, "value"u8))
        {
            throw _context.CreateApiException(0, text.Kind == TokenKind.Text ? TextOf(data, text) : string.Empty);
        }

        if (text.Kind == TokenKind.Text && !text.IsWhitespace)
        {
            throw new FormatException("the response's <value> mixes text with elements.");
        }

        if (IsStart(token, data, "string"u8))
        {
            if (!TryReadScalarText(data, ref pos, isFinal, token, out var message))
            {
                return false;
            }

            throw _context.CreateApiException(0, message.Kind == TokenKind.Text ? TextOf(data, message) : string.Empty);
        }

        if (IsStart(token, data, "array"u8))
        {
            if (token.IsEmpty)
            {
                return Close(ClosersAfterValue);
            }

            if (!TryReadSignificant(data, ref pos, isFinal, out token))
            {
                return false;
            }

            // <array></array> is <array/>: an empty result, as XML reads it.
            if (IsEnd(token, data, "array"u8))
            {
                return Close(ClosersAfterValue);
            }

            ExpectStart(token, data, "data"u8, "data");
            if (token.IsEmpty)
            {
                return Close(ClosersAfterData);
            }

            _phase = Phase.InArray;
            return true;
        }

        if (IsStart(token, data, "struct"u8))
        {
            if (token.IsEmpty)
            {
                return Close(ClosersAfterValue);
            }

            _phase = Phase.InStruct;
            return true;
        }

        throw new FormatException($"the response holds {Describe(token, data)} where an <array> of records was expected.");
    }

    /// <summary>Reads a standard fault (a struct with faultCode and faultString) and throws it as an API error.</summary>
    private bool TryReadFault(ReadOnlySpan<byte> data, ref int pos, bool isFinal)
    {
        if (!TryReadSignificant(data, ref pos, isFinal, out var token))
        {
            return false;
        }

        ExpectOpen(token, data, "value"u8, "value");
        if (!TryReadSignificant(data, ref pos, isFinal, out token))
        {
            return false;
        }

        ExpectStart(token, data, "struct"u8, "struct");
        long code = 0;
        var message = string.Empty;
        var hasMembers = !token.IsEmpty;
        while (hasMembers)
        {
            if (!TryReadSignificant(data, ref pos, isFinal, out token))
            {
                return false;
            }

            if (IsEnd(token, data, "struct"u8))
            {
                break;
            }

            ExpectStart(token, data, "member"u8, "member");
            if (!TryReadMember(data, ref pos, isFinal, token.IsEmpty, out var name, out var value))
            {
                return false;
            }

            var key = TextOf(data, name);
            var text = value.Kind == ValueKind.Scalar ? TextOf(data, value.Text) : string.Empty;
            if (key == "faultCode")
            {
                _ = long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out code);
            }
            else if (key == "faultString")
            {
                message = text;
            }
        }

        throw _context.CreateApiException(code, message);
    }

    /// <summary>Reads a record that is the value of a member of a top-level struct; the reader stands after <c>&lt;member&gt;</c>.</summary>
    /// <remarks><paramref name="record"/> is <see langword="null"/> when the record holds a value that was refused.</remarks>
    private bool TryReadKeyedRecord(ReadOnlySpan<byte> data, ref int pos, bool isFinal, bool isEmpty, out BounceRecord? record)
    {
        record = null;
        BounceRecord? found = null;
        bool hasName = false, hasValue = false;
        while (!isEmpty)
        {
            if (!TryReadSignificant(data, ref pos, isFinal, out var token))
            {
                return false;
            }

            if (IsEnd(token, data, "member"u8))
            {
                break;
            }

            if (IsStart(token, data, "name"u8))
            {
                if (hasName)
                {
                    throw new FormatException("a member of the top-level struct has a second <name>.");
                }

                if (!TryReadScalarText(data, ref pos, isFinal, token, out var key))
                {
                    return false;
                }

                // The key is not kept, but it is text of the document: it must be UTF-8 like the rest.
                if (!Utf8.IsValid(data[key.TextStart..key.TextEnd]))
                {
                    throw new FormatException("the name of a member of the top-level struct holds bytes that are not UTF-8.");
                }

                hasName = true;
                continue;
            }

            ExpectStart(token, data, "value"u8, "value");
            if (token.IsEmpty)
            {
                throw new FormatException("a member of the top-level struct has an empty <value>, not a record.");
            }

            if (hasValue)
            {
                // Keeping the last one would drop the records before it without a word.
                throw new FormatException("a member of the top-level struct has a second <value>.");
            }

            if (!TryReadSignificant(data, ref pos, isFinal, out token))
            {
                return false;
            }

            ExpectStart(token, data, "struct"u8, "struct");
            if (!TryReadRecord(data, ref pos, isFinal, token.IsEmpty, out var inner) || !TryReadSignificant(data, ref pos, isFinal, out token))
            {
                return false;
            }

            ExpectEnd(token, data, "value"u8, "value");
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
    /// <paramref name="record"/> is <see langword="null"/> when a value was refused: the builder keeps the problem until the
    /// caller has read the whole unit and reports it with <see cref="InvalidRecord"/>.
    /// </remarks>
    private bool TryReadRecord(ReadOnlySpan<byte> data, ref int pos, bool isFinal, bool isEmpty, out BounceRecord? record)
    {
        record = null;
        var builder = _builder;
        builder.Clear();
        var fields = 0;
        while (!isEmpty)
        {
            if (!TryReadSignificant(data, ref pos, isFinal, out var token))
            {
                return false;
            }

            if (IsEnd(token, data, "struct"u8))
            {
                break;
            }

            ExpectStart(token, data, "member"u8, "member");
            if (++fields > _context.MaxRecordFields)
            {
                throw new FormatException(
                    $"a record has more than {nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.MaxRecordFields)} ({_context.MaxRecordFields.ToString(CultureInfo.InvariantCulture)}) fields.");
            }

            if ((fields & 1023) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            if (!TryReadMember(data, ref pos, isFinal, token.IsEmpty, out var name, out var value))
            {
                return false;
            }

            SetField(data, name, value);
        }

        record = builder.HasProblem ? null : builder.Build();
        return true;
    }

    /// <summary>Reads a member's name and value (in either order) up to and including <c>&lt;/member&gt;</c>.</summary>
    private bool TryReadMember(ReadOnlySpan<byte> data, ref int pos, bool isFinal, bool isEmpty, out Token name, out Value value)
    {
        name = default;
        value = default;
        bool hasName = false, hasValue = false;
        while (!isEmpty)
        {
            if (!TryReadSignificant(data, ref pos, isFinal, out var token))
            {
                return false;
            }

            if (IsEnd(token, data, "member"u8))
            {
                break;
            }

            if (IsStart(token, data, "name"u8))
            {
                if (hasName)
                {
                    throw new FormatException("a <member> has a second <name>.");
                }

                if (!TryReadScalarText(data, ref pos, isFinal, token, out name))
                {
                    return false;
                }

                hasName = true;
                continue;
            }

            ExpectStart(token, data, "value"u8, "value");
            if (hasValue)
            {
                throw new FormatException("a <member> has a second <value>.");
            }

            if (!TryReadValue(data, ref pos, isFinal, token.IsEmpty, out value))
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
    private bool TryReadValue(ReadOnlySpan<byte> data, ref int pos, bool isFinal, bool isEmpty, out Value value)
    {
        value = default;
        if (isEmpty)
        {
            return true;
        }

        if (!TryRead(data, ref pos, isFinal, out var token))
        {
            return false;
        }

        var text = token;
        if (token.Kind == TokenKind.Text && !TryRead(data, ref pos, isFinal, out token))
        {
            return false;
        }

        if (IsEnd(token, data, "value"u8))
        {
            // A <value> with no type element: a string.
            value = new Value(ValueKind.Scalar, null, text.Kind == TokenKind.Text ? text : default);
            return true;
        }

        if (token.Kind != TokenKind.Start)
        {
            throw new FormatException($"found {Describe(token, data)} inside a <value>.");
        }

        if (text.Kind == TokenKind.Text && !text.IsWhitespace)
        {
            throw new FormatException("a <value> mixes text with elements.");
        }

        var type = data.Slice(token.NameStart, token.NameLength);
        if (type.SequenceEqual("nil"u8))
        {
            if (!token.IsEmpty)
            {
                if (!TryReadSignificant(data, ref pos, isFinal, out var end))
                {
                    return false;
                }

                ExpectEnd(end, data, "nil"u8, "nil");
            }

            value = new Value(ValueKind.Nil, null, default);
        }
        else if (type.SequenceEqual("struct"u8) || type.SequenceEqual("array"u8))
        {
            var start = token.Start;
            if (!token.IsEmpty && !TrySkipElement(data, ref pos, isFinal, token))
            {
                return false;
            }

            value = new Value(ValueKind.Nested, type[0] == (byte)'s' ? "struct" : "array", new Token { Kind = TokenKind.Text, TextStart = start, TextEnd = pos });
        }
        else if (IsScalarType(type))
        {
            if (!TryReadScalarText(data, ref pos, isFinal, token, out var scalar))
            {
                return false;
            }

            value = new Value(ValueKind.Scalar, null, scalar, type.SequenceEqual("i4"u8) || type.SequenceEqual("int"u8));
        }
        else
        {
            throw new FormatException($"a <value> holds an unknown type {Describe(token, data)}.");
        }

        if (!TryReadSignificant(data, ref pos, isFinal, out token))
        {
            return false;
        }

        ExpectEnd(token, data, "value"u8, "value");
        return true;
    }

    private static bool IsScalarType(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("string"u8) || type.SequenceEqual("i4"u8) || type.SequenceEqual("i8"u8) || type.SequenceEqual("int"u8)
        || type.SequenceEqual("double"u8) || type.SequenceEqual("boolean"u8) || type.SequenceEqual("base64"u8)
        || type.SequenceEqual("dateTime.iso8601"u8);

    /// <summary>Reads the text of an element whose start tag was just read, up to and including its end tag.</summary>
    private bool TryReadScalarText(ReadOnlySpan<byte> data, ref int pos, bool isFinal, Token start, out Token text)
    {
        text = default;
        if (start.IsEmpty)
        {
            return true;
        }

        if (!TryRead(data, ref pos, isFinal, out var token))
        {
            return false;
        }

        if (token.Kind == TokenKind.Text)
        {
            text = token;
            if (!TryRead(data, ref pos, isFinal, out token))
            {
                return false;
            }
        }

        if (token.Kind != TokenKind.End || !data.Slice(token.NameStart, token.NameLength).SequenceEqual(data.Slice(start.NameStart, start.NameLength)))
        {
            throw new FormatException($"found {Describe(token, data)} where </{Encoding.UTF8.GetString(data.Slice(start.NameStart, start.NameLength))}> was expected.");
        }

        return true;
    }

    /// <summary>Moves past the element whose start tag was just read, checking that its elements nest and close by name.</summary>
    private bool TrySkipElement(ReadOnlySpan<byte> data, ref int pos, bool isFinal, Token start)
    {
        Span<(int Start, int Length)> open = stackalloc (int, int)[MaxDepth];
        open[0] = (start.NameStart, start.NameLength);
        var depth = 1;
        while (depth > 0)
        {
            if (!TryRead(data, ref pos, isFinal, out var token))
            {
                return false;
            }

            switch (token.Kind)
            {
                case TokenKind.Start when !token.IsEmpty:
                    if (depth == MaxDepth)
                    {
                        throw new FormatException($"a value is nested deeper than {MaxDepth} levels.");
                    }

                    open[depth++] = (token.NameStart, token.NameLength);
                    break;
                case TokenKind.End:
                    var (nameStart, nameLength) = open[--depth];
                    if (!data.Slice(token.NameStart, token.NameLength).SequenceEqual(data.Slice(nameStart, nameLength)))
                    {
                        throw new FormatException($"found {Describe(token, data)} where </{Encoding.UTF8.GetString(data.Slice(nameStart, nameLength))}> was expected.");
                    }

                    break;
                case TokenKind.EndOfBody:
                    throw EndedEarly();
            }
        }

        return true;
    }

    /// <summary>Sets a member's value; a value that cannot be accepted is noted and the record read on, to find its ID.</summary>
    /// <remarks>
    /// Lenient on purpose, as the values are kept, not interpreted: an ID may come in any scalar type whose text is
    /// digits (<c>&lt;string&gt;</c>, <c>&lt;i8&gt;</c>, even <c>&lt;double&gt;</c> with an integral text); a
    /// <c>&lt;base64&gt;</c> is kept as its text, undecoded; a nested value under an unknown key is kept as its markup.
    /// </remarks>
    private void SetField(ReadOnlySpan<byte> data, Token name, Value value)
    {
        string? key = null;
        BounceField field;
        if (name.NeedsDecoding)
        {
            key = TextOf(data, name);
            field = BounceRecordBuilder.Classify(key);
        }
        else
        {
            var utf8 = data[name.TextStart..name.TextEnd];
            field = BounceRecordBuilder.Classify(utf8);
            if (field == BounceField.Unknown)
            {
                (key, field) = _extraKeys.Get(utf8);
            }
        }

        try
        {
            SetValue(data, field, key, value);
        }
        catch (FormatException ex)
        {
            _builder.NoteProblem(field, key, ex.Message);
        }
    }

    private void SetValue(ReadOnlySpan<byte> data, BounceField field, string? key, Value value)
    {
        var builder = _builder;
        switch (value.Kind)
        {
            case ValueKind.Nil when BounceRecordBuilder.IsId(field):
                builder.SetId(field, null);
                return;
            case ValueKind.Nil when field == BounceField.Unknown:
                builder.SetExtra(key!, string.Empty);
                return;
            case ValueKind.Nil:
                builder.SetText(field, string.Empty);
                return;
            case ValueKind.Nested when field == BounceField.Unknown:
                builder.SetExtra(key!, Utf8StringCache.Decode(data[value.Text.TextStart..value.Text.TextEnd]));
                return;
            case ValueKind.Nested:
                throw new FormatException($"{key ?? BounceRecordBuilder.NameOf(field)} is an XML-RPC <{value.NestedType}>, not a scalar.");
        }

        var text = value.Text;
        var raw = data[text.TextStart..text.TextEnd];
        string? decoded = text.NeedsDecoding ? TextOf(data, text) : null;
        if (decoded is null && !Utf8.IsValid(raw))
        {
            // Checked here, not only when decoding: an ID or a status is read from its bytes without decoding them.
            throw new FormatException("a value holds bytes that are not UTF-8.");
        }

        if (value.IsInt32)
        {
            CheckInt32(raw, decoded);
        }

        if (field == BounceField.Unknown)
        {
            builder.SetExtra(key!, decoded ?? _strings.Get(raw));
        }
        else if (decoded is not null)
        {
            builder.SetText(field, decoded);
        }
        else if (BounceRecordBuilder.IsId(field))
        {
            builder.SetId(field, BounceRecordBuilder.ParseId(field, raw));
        }
        else if (field == BounceField.Status && !raw.IsEmpty)
        {
            builder.SetStatus(EnhancedStatusCode.FromUtf8(raw));
        }
        else
        {
            builder.SetText(field, field == BounceField.Email ? Utf8StringCache.Decode(raw) : _strings.Get(raw));
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

    /// <summary>The record at fault, read to the end of its unit so that the error can name its ID.</summary>
    private MailkitProtocolException InvalidRecord(ReadOnlySpan<byte> data, int start, int end)
    {
        var (problem, fieldName, id) = _builder.TakeProblem();
        return _context.CreateInvalidRecordException(problem, fieldName, id, _offset + start, data[start..end]);
    }

    private MailkitProtocolException TooLarge(ReadOnlySpan<byte> data, int committed)
    {
        _builder.Clear();
        return _context.CreateProtocolException(
            $"A record is larger than {nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.MaxRecordBytes)} ({MaxUnitBytes.ToString(CultureInfo.InvariantCulture)} bytes).",
            _offset + committed,
            data[committed..]);
    }

    /// <summary>After the document: only white space, comments and processing instructions may follow.</summary>
    private int SkipTrailing(ReadOnlySpan<byte> data, int pos, bool isFinal)
    {
        while (true)
        {
            var committed = pos;
            if (!TryRead(data, ref pos, isFinal, out var token))
            {
                return committed;
            }

            if (token.Kind == TokenKind.EndOfBody)
            {
                return pos;
            }

            if (token.Kind != TokenKind.Text || !token.IsWhitespace)
            {
                throw Syntax($"there is {Describe(token, data)} after the end of the document.");
            }
        }
    }

    private bool TryReadSignificant(ReadOnlySpan<byte> data, ref int pos, bool isFinal, out Token token)
    {
        while (TryRead(data, ref pos, isFinal, out token))
        {
            if (token.Kind != TokenKind.Text || !token.IsWhitespace)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads the next start tag, end tag or text (which runs up to the next tag and may hold CDATA sections, comments and
    /// processing instructions); comments and processing instructions between tags are skipped.
    /// </summary>
    /// <returns><see langword="false"/> when the data ran out before the token was complete (never when <paramref name="isFinal"/>).</returns>
    private bool TryRead(ReadOnlySpan<byte> data, ref int pos, bool isFinal, out Token token)
    {
        token = default;
        while (true)
        {
            if (pos >= data.Length)
            {
                token.Kind = TokenKind.EndOfBody;
                return isFinal;
            }

            if (data[pos] != (byte)'<')
            {
                return TryReadText(data, ref pos, isFinal, out token);
            }

            var rest = data[pos..];
            if (rest.Length < 2)
            {
                return NeedMore(isFinal);
            }

            switch (rest[1])
            {
                case (byte)'/':
                    return TryReadEndTag(data, ref pos, isFinal, out token);
                case (byte)'?':
                    {
                        XmlLexicalRules.CheckInstructionStart(rest);
                        var end = rest[2..].IndexOf("?>"u8);
                        if (end < 0)
                        {
                            return NeedMore(isFinal);
                        }

                        CheckInstruction(rest[..(end + 4)], _offset + pos);
                        pos += end + 4;
                        continue;
                    }

                case (byte)'!':
                    if (StartsWithOrNeedsMore(rest, "<!--"u8, out var more))
                    {
                        var end = rest[4..].IndexOf("-->"u8);
                        if (end < 0)
                        {
                            return NeedMore(isFinal);
                        }

                        XmlLexicalRules.CheckComment(rest[..(4 + end + 3)]);
                        pos += 4 + end + 3;
                        continue;
                    }

                    if (StartsWithOrNeedsMore(rest, "<![CDATA["u8, out var moreCData))
                    {
                        return TryReadText(data, ref pos, isFinal, out token);
                    }

                    if (StartsWithOrNeedsMore(rest, "<!DOCTYPE"u8, out var moreDocType) || more || moreCData || moreDocType)
                    {
                        if (!rest.StartsWith("<!DOCTYPE"u8))
                        {
                            return NeedMore(isFinal);
                        }

                        throw Syntax("the body has a document type declaration (DTD), which is refused: it is how entity expansion and external entity attacks start.");
                    }

                    throw Syntax("the body has a '<!' that is neither a comment nor a CDATA section.");
                default:
                    return TryReadStartTag(data, ref pos, isFinal, out token);
            }
        }
    }

    private static bool StartsWithOrNeedsMore(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> prefix, out bool needsMore)
    {
        var n = Math.Min(rest.Length, prefix.Length);
        needsMore = n < prefix.Length && rest[..n].SequenceEqual(prefix[..n]);
        return n == prefix.Length && rest[..n].SequenceEqual(prefix);
    }

    private bool TryReadStartTag(ReadOnlySpan<byte> data, ref int pos, bool isFinal, out Token token)
    {
        token = default;
        var rest = data[pos..];
        var nameLength = rest[1..].IndexOfAny(TagNameEnd);
        if (nameLength < 0)
        {
            return NeedMore(isFinal);
        }

        var name = rest.Slice(1, nameLength);
        if (!XmlLexicalRules.IsName(name))
        {
            throw Syntax("a '<' is not followed by an element name (without a namespace prefix, which XML-RPC does not use).");
        }

        var i = 1 + nameLength;
        while (i < rest.Length && rest[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        if (i >= rest.Length || (rest[i] == (byte)'/' && i + 1 >= rest.Length))
        {
            return NeedMore(isFinal);
        }

        if (rest[i] == (byte)'>')
        {
            i++;
        }
        else if (rest[i] == (byte)'/' && rest[i + 1] == (byte)'>')
        {
            token.IsEmpty = true;
            i += 2;
        }
        else if (rest[i] == (byte)'/')
        {
            throw Syntax("a '/' inside a start tag is not followed by '>'.");
        }
        else
        {
            // Skipping them hid markup inside a quoted value; XML-RPC has no use for any.
            throw Syntax("an element has an attribute; elements of XML-RPC carry no attributes.");
        }

        token.Kind = TokenKind.Start;
        token.Start = pos;
        token.NameStart = pos + 1;
        token.NameLength = nameLength;
        pos += i;
        return true;
    }

    private bool TryReadEndTag(ReadOnlySpan<byte> data, ref int pos, bool isFinal, out Token token)
    {
        token = default;
        var rest = data[pos..];
        var close = rest.IndexOf((byte)'>');
        if (close < 0)
        {
            return NeedMore(isFinal);
        }

        var inside = rest[2..close];
        var nameLength = inside.IndexOfAny(" \t\r\n"u8);
        if (nameLength < 0)
        {
            nameLength = inside.Length;
        }

        if (!XmlLexicalRules.IsName(inside[..nameLength]) || inside[nameLength..].IndexOfAnyExcept(" \t\r\n"u8) >= 0)
        {
            throw Syntax("an end tag is malformed.");
        }

        token.Kind = TokenKind.End;
        token.Start = pos;
        token.NameStart = pos + 2;
        token.NameLength = nameLength;
        pos += close + 1;
        return true;
    }

    /// <summary>Reads text up to the next tag, taking in CDATA sections, comments and processing instructions.</summary>
    private bool TryReadText(ReadOnlySpan<byte> data, ref int pos, bool isFinal, out Token token)
    {
        token = new Token { Kind = TokenKind.Text, TextStart = pos, IsWhitespace = true };
        var i = pos;
        while (true)
        {
            var next = data[i..].IndexOf((byte)'<');
            var plain = next < 0 ? data[i..] : data.Slice(i, next);
            if (next >= 0 || isFinal)
            {
                // Not before the run is whole: a reference may be cut by the end of the data so far.
                XmlLexicalRules.CheckCharacterData(plain);
            }

            if (plain.IndexOfAny(TextSpecials) >= 0)
            {
                token.NeedsDecoding = true;
            }

            if (token.IsWhitespace && plain.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                token.IsWhitespace = false;
            }

            if (next < 0)
            {
                if (!isFinal)
                {
                    return false;
                }

                i = data.Length;
                break;
            }

            i += next;
            var rest = data[i..];
            if (StartsWithOrNeedsMore(rest, "<![CDATA["u8, out var moreCData))
            {
                var end = rest.IndexOf("]]>"u8);
                if (end < 0)
                {
                    return NeedMore(isFinal);
                }

                XmlLexicalRules.CheckCData(rest[..(end + 3)]);
                token.NeedsDecoding = true;
                token.IsWhitespace = false;
                i += end + 3;
                continue;
            }

            if (StartsWithOrNeedsMore(rest, "<!--"u8, out var moreComment))
            {
                var end = rest[4..].IndexOf("-->"u8);
                if (end < 0)
                {
                    return NeedMore(isFinal);
                }

                XmlLexicalRules.CheckComment(rest[..(4 + end + 3)]);
                token.NeedsDecoding = true;
                i += 4 + end + 3;
                continue;
            }

            if (rest.Length >= 2 && rest[1] == (byte)'?')
            {
                XmlLexicalRules.CheckInstructionStart(rest);
                var end = rest[2..].IndexOf("?>"u8);
                if (end < 0)
                {
                    return NeedMore(isFinal);
                }

                // Inside a text, as XmlReader reads it: the text on either side joins; the xml target is reserved.
                if (XmlLexicalRules.IsReservedInstruction(rest[..(end + 4)]))
                {
                    throw Syntax("a processing instruction inside the document uses the reserved target 'xml'.");
                }

                token.NeedsDecoding = true;
                i += end + 4;
                continue;
            }

            if (moreCData || moreComment || rest.Length < 2)
            {
                return NeedMore(isFinal);
            }

            break;
        }

        token.TextEnd = i;
        pos = i;
        return true;
    }

    /// <summary>The text of a token: the cached string of plain bytes, or the decoded entities, CDATA and line ends.</summary>
    private string TextOf(ReadOnlySpan<byte> data, Token token)
    {
        var raw = data[token.TextStart..token.TextEnd];
        if (raw.IsEmpty)
        {
            return string.Empty;
        }

        if (!token.NeedsDecoding)
        {
            return _strings.Get(raw);
        }

        var text = new StringBuilder(raw.Length);
        var i = 0;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (b == (byte)'<')
            {
                var rest = raw[i..];
                if (rest.StartsWith("<![CDATA["u8))
                {
                    var end = rest.IndexOf("]]>"u8);
                    AppendNormalised(text, rest[9..end]);
                    i += end + 3;
                }
                else if (rest.StartsWith("<!--"u8))
                {
                    i += 4 + rest[4..].IndexOf("-->"u8) + 3;
                }
                else
                {
                    i += rest.IndexOf("?>"u8) + 2;
                }

                continue;
            }

            if (b == (byte)'&')
            {
                i += AppendEntity(text, raw[i..]);
                continue;
            }

            if (b == (byte)'\r')
            {
                text.Append('\n');
                i += i + 1 < raw.Length && raw[i + 1] == (byte)'\n' ? 2 : 1;
                continue;
            }

            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n'))
            {
                throw Syntax($"a text holds the control character U+{b:X4}, which XML does not allow.");
            }

            var run = raw[i..].IndexOfAny((byte)'<', (byte)'&');
            var plain = run < 0 ? raw[i..] : raw.Slice(i, run);
            if (plain.IndexOfAny(TextSpecials) is var special and >= 0)
            {
                // Not 0: the byte at i is none of them (each is handled above).
                plain = plain[..special];
            }

            text.Append(Utf8StringCache.Decode(plain));
            i += plain.Length;
        }

        return text.ToString();
    }

    /// <summary>Appends UTF-8 text with XML's line-end normalisation: CR LF and a lone CR become LF.</summary>
    private static void AppendNormalised(StringBuilder text, ReadOnlySpan<byte> utf8)
    {
        var decoded = Utf8StringCache.Decode(utf8);
        if (decoded.Contains('\r', StringComparison.Ordinal))
        {
            decoded = decoded.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        text.Append(decoded);
    }

    /// <summary>Appends the character an entity or character reference stands for; returns the reference's length.</summary>
    private static int AppendEntity(StringBuilder text, ReadOnlySpan<byte> rest)
    {
        var length = XmlLexicalRules.ReadReference(rest, out var code);
        if (code < 0x10000)
        {
            text.Append((char)code);
        }
        else
        {
            text.Append(char.ConvertFromUtf32(code));
        }

        return length;
    }

    /// <summary>
    /// Checks a processing instruction between tags: the XML declaration is allowed only at the very start of the body
    /// (after a BOM), other instructions anywhere, but none with the reserved target <c>xml</c>.
    /// </summary>
    private void CheckInstruction(ReadOnlySpan<byte> instruction, long offset)
    {
        if (!XmlLexicalRules.IsReservedInstruction(instruction))
        {
            return;
        }

        if (offset != _bomLength || !instruction.StartsWith("<?xml"u8))
        {
            throw Syntax("a processing instruction uses the reserved target 'xml' (the XML declaration is allowed only at the start of the body).");
        }

        XmlLexicalRules.CheckDeclaration(instruction);
    }

    private bool NeedMore(bool isFinal) => isFinal ? throw EndedEarly() : false;

    private FormatException EndedEarly()
    {
        _endedEarly = true;
        return new FormatException("the body ended inside the document.");
    }

    private static FormatException Syntax(string problem) => new($"the body is not well-formed XML: {problem}");

    private static bool IsStart(in Token token, ReadOnlySpan<byte> data, ReadOnlySpan<byte> name) =>
        token.Kind == TokenKind.Start && data.Slice(token.NameStart, token.NameLength).SequenceEqual(name);

    private static bool IsEnd(in Token token, ReadOnlySpan<byte> data, ReadOnlySpan<byte> name) =>
        token.Kind == TokenKind.End && data.Slice(token.NameStart, token.NameLength).SequenceEqual(name);

    private void ExpectStart(in Token token, ReadOnlySpan<byte> data, ReadOnlySpan<byte> name, string shown)
    {
        if (token.Kind == TokenKind.EndOfBody)
        {
            throw EndedEarly();
        }

        if (!IsStart(token, data, name))
        {
            throw new FormatException($"found {Describe(token, data)} where <{shown}> was expected.");
        }
    }

    /// <summary>Expects the start tag of an element that must hold something: <c>&lt;x/&gt;</c> is an empty element, as in XML.</summary>
    private void ExpectOpen(in Token token, ReadOnlySpan<byte> data, ReadOnlySpan<byte> name, string shown)
    {
        ExpectStart(token, data, name, shown);
        if (token.IsEmpty)
        {
            throw new FormatException($"found an empty <{shown}/> where a <{shown}> with content was expected.");
        }
    }

    private void ExpectEnd(in Token token, ReadOnlySpan<byte> data, ReadOnlySpan<byte> name, string shown)
    {
        if (token.Kind == TokenKind.EndOfBody)
        {
            throw EndedEarly();
        }

        if (!IsEnd(token, data, name))
        {
            throw new FormatException($"found {Describe(token, data)} where </{shown}> was expected.");
        }
    }

    /// <summary>Names a token for an error message; meeting the end of the body where more was expected makes the error an incomplete body.</summary>
    private string Describe(in Token token, ReadOnlySpan<byte> data) => token.Kind switch
    {
        TokenKind.Start => $"<{Shown(data.Slice(token.NameStart, token.NameLength))}>",
        TokenKind.End => $"</{Shown(data.Slice(token.NameStart, token.NameLength))}>",
        TokenKind.Text => "text",
        _ => throw EndedEarly(),
    };

    private static string Shown(ReadOnlySpan<byte> name)
    {
        var text = Encoding.UTF8.GetString(name.Length > 40 ? name[..40] : name);
        return name.Length > 40 ? text + "…" : text;
    }

    /// <summary>A tag or a text, as positions in the data being decoded.</summary>
    private struct Token
    {
        public TokenKind Kind;

        /// <summary>Where a tag's '&lt;' is.</summary>
        public int Start;

        public int NameStart;
        public int NameLength;

        /// <summary>A start tag that closes itself (<c>&lt;nil/&gt;</c>).</summary>
        public bool IsEmpty;

        public int TextStart;
        public int TextEnd;

        /// <summary>The text holds references, CDATA, comments, carriage returns or control characters.</summary>
        public bool NeedsDecoding;

        /// <summary>The text is nothing but white space (comments and processing instructions aside).</summary>
        public bool IsWhitespace;
    }

    /// <summary>A member's value: its kind, a nested value's type (struct or array; null otherwise), and the text or markup it spans.</summary>
    private readonly record struct Value(ValueKind Kind, string? NestedType, Token Text, bool IsInt32 = false);
}
