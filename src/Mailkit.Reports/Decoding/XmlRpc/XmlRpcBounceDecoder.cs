using System.Globalization;
using Mailkit.Reports.Decoding.Xml;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Decoding.XmlRpc;

/// <summary>
/// Decodes an XML-RPC <c>methodResponse</c> chunk by chunk, straight from its UTF-8 bytes. A record (or the
/// document's opening or closing) is decoded only when all of it has arrived; a chunk that ends inside one is handed
/// back unconsumed and decoded again once more has arrived (see <see cref="ChunkedBodyReader"/> for why that stays linear).
/// </summary>
/// <remarks>
/// <para>
/// Accepted: an <c>&lt;array&gt;</c> of <c>&lt;struct&gt;</c>s (the records, read by <see cref="XmlRpcRecordReader"/>); a
/// <c>&lt;struct&gt;</c> of structs (a PHP array with keys); an empty array or struct. Mailkit answers an error as a plain
/// string where the array should be; a standard <c>&lt;fault&gt;</c> is an error too.
/// </para>
/// <para>
/// The XML is read by <see cref="Utf8XmlTokenizer"/>, as strictly as <c>XmlReader</c> reads it (the differential fuzz
/// tests hold the two together); this class adds XML-RPC's grammar, under which elements also nest and close by name.
/// </para>
/// </remarks>
internal sealed class XmlRpcBounceDecoder : IChunkDecoder
{
    private static readonly byte[][] ClosersAfterData = ["array"u8.ToArray(), "value"u8.ToArray(), "param"u8.ToArray(), "params"u8.ToArray(), "methodResponse"u8.ToArray()];
    private static readonly byte[][] ClosersAfterValue = ClosersAfterData[1..];

    private readonly MailkitResponseContext _context;
    private readonly XmlRpcRecordReader _records;

    private Phase _phase = Phase.Start;
    private byte[][] _closers = ClosersAfterValue;
    private long _offset;
    private int _bomLength;

    public XmlRpcBounceDecoder(MailkitResponseContext context)
    {
        _context = context;
        _records = new XmlRpcRecordReader(context);
    }

    private enum Phase
    {
        Start,
        InArray,
        InStruct,
        Closing,
        Done,
    }

    /// <inheritdoc />
    public int MaxUnitBytes => _context.MaxRecordBytes;

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> data, bool isFinal, List<DecodedRecord> output, CancellationToken cancellationToken)
    {
        if (_offset == 0 && _phase == Phase.Start && data.StartsWith("\uFEFF"u8))
        {
            _offset = _bomLength = 3;
            return 3 + Decode(data[3..], isFinal, output, cancellationToken);
        }

        _records.CancellationToken = cancellationToken;
        var xml = new Utf8XmlTokenizer(data, isFinal, atDocumentStart: _offset == _bomLength);
        var committed = 0;
        try
        {
            while (_phase != Phase.Done)
            {
                xml.Position = committed;
                var produced = output.Count;
                if (!Step(ref xml, output))
                {
                    // Checked as the bytes arrive, not when the record is complete: a record of 50 MB is refused at the cap.
                    if (data.Length - committed > MaxUnitBytes)
                    {
                        throw TooLarge(data, committed);
                    }

                    break;
                }

                if (xml.Position - committed > MaxUnitBytes)
                {
                    output.RemoveRange(produced, output.Count - produced);
                    throw TooLarge(data, committed);
                }

                committed = xml.Position;
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (_phase == Phase.Done)
            {
                xml.Position = committed;
                xml.SkipTrailing();
                committed = xml.Position;
            }
        }
        catch (IncompleteXmlException ex)
        {
            _records.Clear();
            var problem = _offset + committed == 0 && data.Length == 0
                ? "The body is empty."
                : "The body ended before the XML-RPC document was complete.";
            throw _context.CreateProtocolException(problem, _offset + committed, data[committed..], isIncomplete: true, ex);
        }
        catch (FormatException ex)
        {
            _records.Clear();
            throw _context.CreateProtocolException(
                $"The body is not an XML-RPC list of records: {ex.Message}", _offset + committed, data[committed..], isIncomplete: false, ex);
        }

        _offset += committed;
        return committed;
    }

    /// <summary>Decodes one whole unit: the document's opening, a record, or its closing.</summary>
    /// <returns><see langword="false"/> when the data ran out before the unit was complete.</returns>
    private bool Step(ref Utf8XmlTokenizer xml, List<DecodedRecord> output)
    {
        switch (_phase)
        {
            case Phase.Start:
                return TryReadOpening(ref xml);

            case Phase.InArray:
                {
                    if (!xml.TryReadSignificant(out var token))
                    {
                        return false;
                    }

                    if (xml.IsEnd(token, "data"u8))
                    {
                        return Close(ClosersAfterData);
                    }

                    xml.ExpectStart(token, "value"u8);
                    if (token.IsEmpty)
                    {
                        throw new FormatException("an item of the record array is an empty <value>, not a <struct>.");
                    }

                    var unitStart = token.Start;
                    if (!xml.TryReadSignificant(out token))
                    {
                        return false;
                    }

                    if (!xml.IsStart(token, "struct"u8))
                    {
                        throw new FormatException($"an item of the record array is {xml.Describe(token)}, not a <struct>.");
                    }

                    if (!_records.TryReadRecord(ref xml, token.IsEmpty, out var record) || !xml.TryReadSignificant(out token))
                    {
                        return false;
                    }

                    xml.ExpectEnd(token, "value"u8);
                    output.Add(record is null ? SetAsideOrThrow(ref xml, unitStart) : DecodedRecord.Of(record));
                    return true;
                }

            case Phase.InStruct:
                {
                    if (!xml.TryReadSignificant(out var token))
                    {
                        return false;
                    }

                    if (xml.IsEnd(token, "struct"u8))
                    {
                        return Close(ClosersAfterValue);
                    }

                    xml.ExpectStart(token, "member"u8);
                    var unitStart = token.Start;
                    if (!_records.TryReadKeyedRecord(ref xml, token.IsEmpty, out var record))
                    {
                        return false;
                    }

                    output.Add(record is null ? SetAsideOrThrow(ref xml, unitStart) : DecodedRecord.Of(record));
                    return true;
                }

            case Phase.Closing:
                foreach (var closer in _closers)
                {
                    if (!xml.TryReadSignificant(out var token))
                    {
                        return false;
                    }

                    xml.ExpectEnd(token, closer);
                }

                _phase = Phase.Done;
                return true;

            default:
                return true;
        }
    }

    private bool Close(byte[][] closers)
    {
        _closers = closers;
        _phase = Phase.Closing;
        return true;
    }

    /// <summary>Reads <c>methodResponse/params/param/value</c> up to the records, or throws the error the body holds.</summary>
    private bool TryReadOpening(ref Utf8XmlTokenizer xml)
    {
        if (!xml.TryReadSignificant(out var token))
        {
            return false;
        }

        xml.ExpectOpen(token, "methodResponse"u8);
        if (!xml.TryReadSignificant(out token))
        {
            return false;
        }

        if (xml.IsStart(token, "fault"u8))
        {
            xml.ExpectOpen(token, "fault"u8);
            return TryReadFault(ref xml);
        }

        xml.ExpectOpen(token, "params"u8);
        if (!xml.TryReadSignificant(out token))
        {
            return false;
        }

        xml.ExpectOpen(token, "param"u8);
        if (!xml.TryReadSignificant(out token))
        {
            return false;
        }

        xml.ExpectStart(token, "value"u8);
        if (token.IsEmpty)
        {
            throw _context.CreateApiException(0, string.Empty);
        }

        // Mailkit answers an error as a string where the array should be: untyped text, or a <string>.
        if (!xml.TryRead(out token))
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
            throw _context.CreateApiException(0, text.Kind == XmlTokenKind.Text ? _records.TextOf(ref xml, text) : string.Empty);
        }

        if (text.Kind == XmlTokenKind.Text && !text.IsWhitespace)
        {
            throw new FormatException("the response's <value> mixes text with elements.");
        }

        if (xml.IsStart(token, "string"u8))
        {
            if (!xml.TryReadTextElement(token, out var message))
            {
                return false;
            }

            throw _context.CreateApiException(0, message.Kind == XmlTokenKind.Text ? _records.TextOf(ref xml, message) : string.Empty);
        }

        if (xml.IsStart(token, "array"u8))
        {
            if (token.IsEmpty)
            {
                return Close(ClosersAfterValue);
            }

            if (!xml.TryReadSignificant(out token))
            {
                return false;
            }

            // <array></array> is <array/>: an empty result, as XML reads it.
            if (xml.IsEnd(token, "array"u8))
            {
                return Close(ClosersAfterValue);
            }

            xml.ExpectStart(token, "data"u8);
            if (token.IsEmpty)
            {
                return Close(ClosersAfterData);
            }

            _phase = Phase.InArray;
            return true;
        }

        if (xml.IsStart(token, "struct"u8))
        {
            if (token.IsEmpty)
            {
                return Close(ClosersAfterValue);
            }

            _phase = Phase.InStruct;
            return true;
        }

        throw new FormatException($"the response holds {xml.Describe(token)} where an <array> of records was expected.");
    }

    /// <summary>Reads a standard fault (a struct with faultCode and faultString) and throws it as an API error.</summary>
    private bool TryReadFault(ref Utf8XmlTokenizer xml)
    {
        if (!xml.TryReadSignificant(out var token))
        {
            return false;
        }

        xml.ExpectOpen(token, "value"u8);
        if (!xml.TryReadSignificant(out token))
        {
            return false;
        }

        xml.ExpectStart(token, "struct"u8);
        long code = 0;
        var message = string.Empty;
        var hasMembers = !token.IsEmpty;
        while (hasMembers)
        {
            if (!xml.TryReadSignificant(out token))
            {
                return false;
            }

            if (xml.IsEnd(token, "struct"u8))
            {
                break;
            }

            xml.ExpectStart(token, "member"u8);
            if (!XmlRpcRecordReader.TryReadMember(ref xml, token.IsEmpty, out var name, out var value))
            {
                return false;
            }

            var key = _records.TextOf(ref xml, name);
            var text = value.Kind == XmlRpcValueKind.Scalar ? _records.TextOf(ref xml, value.Text) : string.Empty;
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

    /// <summary>The record at fault, read to the end of its unit so that the error can name its ID: set aside, or thrown.</summary>
    private DecodedRecord SetAsideOrThrow(ref Utf8XmlTokenizer xml, int start) =>
        _records.SetAsideOrThrow(_offset + start, xml.Data[start..xml.Position]);

    private MailkitProtocolException TooLarge(ReadOnlySpan<byte> data, int committed)
    {
        _records.Clear();
        return _context.CreateProtocolException(RecordAssembler.TooLargeProblem(MaxUnitBytes), _offset + committed, data[committed..]);
    }
}
