using System.Globalization;
using System.Xml;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Internal;

/// <summary>
/// Decodes an XML-RPC <c>methodResponse</c> one record at a time as the body arrives.
/// </summary>
/// <remarks>
/// Accepted: an <c>&lt;array&gt;</c> of <c>&lt;struct&gt;</c>s (the records); a <c>&lt;struct&gt;</c> of structs (a PHP array
/// with keys); an empty array or struct. Mailkit answers an error as a plain string where the array should be; a
/// standard <c>&lt;fault&gt;</c> is an error too. Scalars: <c>i4</c>, <c>i8</c>, <c>int</c>, <c>string</c>, a value
/// with no type (a string), <c>double</c>, <c>boolean</c>, <c>nil</c>; members in any order.
/// </remarks>
internal sealed class XmlRpcBounceDecoder : IDisposable
{
    private const int MaxDepth = 32;

    private readonly XmlBodyStream _body;
    private readonly XmlReader _reader;
    private readonly MailkitResponseContext _context;
    private readonly BounceRecordBuilder _builder = new();
    private Phase _phase = Phase.Start;
    private bool _finished;

    /// <summary>Set when the reader already stands on the next item, so the next move must not skip it.</summary>
    private bool _pendingItem;

    public XmlRpcBounceDecoder(Stream body, MailkitResponseContext context)
    {
        _context = context;
        _body = new XmlBodyStream(body);
        _reader = XmlReader.Create(_body, new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = context.MaxResponseBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        });
    }

    private enum Phase
    {
        Start,
        InArray,
        InStruct,
        Done,
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>Reads the next record, or returns <see langword="null"/> at the end of the document.</summary>
    public async ValueTask<BounceRecord?> ReadNextAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _body.CancellationToken = cancellationToken;
        try
        {
            if (_phase == Phase.Start)
            {
                await ReadUpToRecordsAsync().ConfigureAwait(false);
            }

            switch (_phase)
            {
                case Phase.InArray:
                    await NextSignificantAsync().ConfigureAwait(false);
                    if (_reader.NodeType == XmlNodeType.EndElement)
                    {
                        return await FinishAsync().ConfigureAwait(false);
                    }

                    ExpectStart("value");
                    if (_reader.IsEmptyElement)
                    {
                        throw new FormatException("an item of the record array is an empty <value>, not a <struct>.");
                    }

                    await NextSignificantAsync().ConfigureAwait(false);
                    ExpectStart("struct");
                    var record = await ReadRecordAsync().ConfigureAwait(false);
                    await NextSignificantAsync().ConfigureAwait(false);
                    ExpectEnd("value");
                    return record;

                case Phase.InStruct:
                    await NextSignificantAsync().ConfigureAwait(false);
                    if (_reader.NodeType == XmlNodeType.EndElement)
                    {
                        return await FinishAsync().ConfigureAwait(false);
                    }

                    return await ReadKeyedRecordAsync().ConfigureAwait(false);

                default:
                    return _finished ? null : await FinishAsync().ConfigureAwait(false);
            }
        }
        catch (XmlException ex)
        {
            throw Fail($"The body is not well-formed XML-RPC ({ex.Message})", _body.ReachedEnd, ex);
        }
        catch (FormatException ex)
        {
            throw Fail($"The body is not an XML-RPC list of records: {ex.Message}", isIncomplete: false, ex);
        }
    }

    /// <summary>Walks <c>methodResponse/params/param/value</c> to the records, or throws the error the body holds.</summary>
    private async ValueTask ReadUpToRecordsAsync()
    {
        await NextSignificantAsync().ConfigureAwait(false);
        ExpectStart("methodResponse");
        await NextSignificantAsync().ConfigureAwait(false);
        if (IsStart("fault"))
        {
            await NextSignificantAsync().ConfigureAwait(false);
            ExpectStart("value");
            var (_, fault) = await ReadValueAsync().ConfigureAwait(false);
            throw FaultToException(fault);
        }

        ExpectStart("params");
        await NextSignificantAsync().ConfigureAwait(false);
        ExpectStart("param");
        await NextSignificantAsync().ConfigureAwait(false);
        ExpectStart("value");
        if (_reader.IsEmptyElement)
        {
            throw _context.CreateApiException(0, string.Empty);
        }

        await _reader.ReadAsync().ConfigureAwait(false);
        await SkipInsignificantAsync().ConfigureAwait(false);
        if (_reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.EndElement)
        {
            // A <value> with no type: a string, which is how Mailkit answers an error.
            throw _context.CreateApiException(0, await ReadUntypedAsync().ConfigureAwait(false));
        }

        if (IsStart("string"))
        {
            throw _context.CreateApiException(0, await ReadScalarTextAsync().ConfigureAwait(false));
        }

        if (IsStart("array"))
        {
            if (await EnterAsync().ConfigureAwait(false))
            {
                ExpectStart("data");
                _phase = await EnterAsync().ConfigureAwait(false) ? Phase.InArray : Phase.Done;
            }
            else
            {
                _phase = Phase.Done;
            }

            if (_phase == Phase.InArray)
            {
                // EnterAsync left the reader on the first item; step back so that ReadNextAsync finds it.
                _pendingItem = true;
            }

            return;
        }

        if (IsStart("struct"))
        {
            _phase = await EnterAsync().ConfigureAwait(false) ? Phase.InStruct : Phase.Done;
            _pendingItem = _phase == Phase.InStruct;
            return;
        }

        throw new FormatException($"the response holds an <{_reader.LocalName}> where an <array> of records was expected.");
    }

    /// <summary>Moves inside the current element; returns <see langword="false"/> when it is empty.</summary>
    private async ValueTask<bool> EnterAsync()
    {
        if (_reader.IsEmptyElement)
        {
            return false;
        }

        await NextSignificantAsync().ConfigureAwait(false);
        return _reader.NodeType != XmlNodeType.EndElement;
    }

    /// <summary>Reads a record that is the value of a member of a top-level struct.</summary>
    private async ValueTask<BounceRecord> ReadKeyedRecordAsync()
    {
        ExpectStart("member");
        BounceRecord? record = null;
        await NextSignificantAsync().ConfigureAwait(false);
        while (_reader.NodeType != XmlNodeType.EndElement)
        {
            if (IsStart("name"))
            {
                await _reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
                await SkipInsignificantAsync().ConfigureAwait(false);
                continue;
            }

            ExpectStart("value");
            await NextSignificantAsync().ConfigureAwait(false);
            ExpectStart("struct");
            record = await ReadRecordAsync().ConfigureAwait(false);
            await NextSignificantAsync().ConfigureAwait(false);
            ExpectEnd("value");
            await NextSignificantAsync().ConfigureAwait(false);
        }

        ExpectEnd("member");
        return record ?? throw new FormatException("a member of the top-level struct has no <value>.");
    }

    /// <summary>Reads the <c>&lt;struct&gt;</c> the reader is on into a record, leaving the reader on its end.</summary>
    private async ValueTask<BounceRecord> ReadRecordAsync()
    {
        CheckDepth();
        var builder = _builder;
        builder.Clear();
        if (_reader.IsEmptyElement)
        {
            return builder.Build();
        }

        await NextSignificantAsync().ConfigureAwait(false);
        while (_reader.NodeType != XmlNodeType.EndElement)
        {
            ExpectStart("member");
            string? name = null;
            (string Type, string? Text)? value = null;
            await NextSignificantAsync().ConfigureAwait(false);
            while (_reader.NodeType != XmlNodeType.EndElement)
            {
                if (IsStart("name"))
                {
                    name = await _reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
                    await SkipInsignificantAsync().ConfigureAwait(false);
                }
                else
                {
                    ExpectStart("value");
                    value = await ReadValueAsync().ConfigureAwait(false);
                    await NextSignificantAsync().ConfigureAwait(false);
                }
            }

            ExpectEnd("member");
            if (name is null || value is null)
            {
                throw new FormatException("a <member> lacks its <name> or its <value>.");
            }

            SetField(builder, name, value.Value.Type, value.Value.Text);
            await NextSignificantAsync().ConfigureAwait(false);
        }

        ExpectEnd("struct");
        return builder.Build();
    }

    private static void SetField(BounceRecordBuilder builder, string name, string type, string? text)
    {
        if (type is "struct" or "array")
        {
            if (BounceRecordBuilder.Classify(name) != BounceField.Unknown)
            {
                throw new FormatException($"{name} is an XML-RPC <{type}>, not a scalar.");
            }

            builder.SetExtra(name, text ?? string.Empty);
            return;
        }

        builder.Set(name, text);
    }

    /// <summary>
    /// Reads the <c>&lt;value&gt;</c> the reader is on and leaves the reader on its end tag. Returns the type element's name
    /// (<c>string</c> for a value with no type) and the text: the scalar's text, <see langword="null"/> for nil, or the
    /// markup of a struct or array.
    /// </summary>
    private async ValueTask<(string Type, string? Text)> ReadValueAsync()
    {
        CheckDepth();
        if (_reader.IsEmptyElement)
        {
            return ("string", string.Empty);
        }

        await _reader.ReadAsync().ConfigureAwait(false);
        await SkipInsignificantAsync().ConfigureAwait(false);
        if (_reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.EndElement)
        {
            return ("string", await ReadUntypedAsync().ConfigureAwait(false));
        }

        if (_reader.NodeType != XmlNodeType.Element)
        {
            throw new FormatException($"a <value> holds a {_reader.NodeType} node.");
        }

        var type = _reader.LocalName;
        string? text;
        switch (type)
        {
            case "nil":
                text = null;
                await _reader.SkipAsync().ConfigureAwait(false);
                break;
            case "struct" or "array":
                text = await _reader.ReadOuterXmlAsync().ConfigureAwait(false);
                break;
            case "i4" or "i8" or "int" or "string" or "double" or "boolean" or "base64" or "dateTime.iso8601":
                text = await ReadScalarTextAsync().ConfigureAwait(false);
                break;
            default:
                throw new FormatException($"a <value> holds an unknown type <{type}>.");
        }

        await SkipInsignificantAsync().ConfigureAwait(false);
        ExpectEnd("value");
        return (type, text);
    }

    /// <summary>Reads a scalar type element's text and moves past its end tag.</summary>
    private async ValueTask<string> ReadScalarTextAsync()
    {
        if (_reader.IsEmptyElement)
        {
            await _reader.ReadAsync().ConfigureAwait(false);
            return string.Empty;
        }

        return await _reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
    }

    /// <summary>Reads the text of a <c>&lt;value&gt;</c> with no type element, leaving the reader on its end tag.</summary>
    private async ValueTask<string> ReadUntypedAsync()
    {
        var text = string.Empty;
        while (_reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
        {
            text += await _reader.GetValueAsync().ConfigureAwait(false);
            await _reader.ReadAsync().ConfigureAwait(false);
        }

        ExpectEnd("value");
        return text;
    }

    /// <summary>Reads the rest of the document so that a body cut short after the records is still noticed.</summary>
    private async ValueTask<BounceRecord?> FinishAsync()
    {
        _phase = Phase.Done;
        _finished = true;
        while (await _reader.ReadAsync().ConfigureAwait(false))
        {
        }

        return null;
    }

    private async ValueTask NextSignificantAsync()
    {
        if (_pendingItem)
        {
            _pendingItem = false;
            return;
        }

        if (!await _reader.ReadAsync().ConfigureAwait(false))
        {
            throw new XmlException("Unexpected end of file.");
        }

        await SkipInsignificantAsync().ConfigureAwait(false);
    }

    private async ValueTask SkipInsignificantAsync()
    {
        while (_reader.NodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.XmlDeclaration or XmlNodeType.Comment or XmlNodeType.ProcessingInstruction)
        {
            if (!await _reader.ReadAsync().ConfigureAwait(false))
            {
                throw new XmlException("Unexpected end of file.");
            }
        }
    }

    private bool IsStart(string name) => _reader.NodeType == XmlNodeType.Element && _reader.LocalName == name;

    private void ExpectStart(string name)
    {
        if (!IsStart(name))
        {
            throw new FormatException($"found {Describe()} where <{name}> was expected.");
        }
    }

    private void ExpectEnd(string name)
    {
        if (_reader.NodeType != XmlNodeType.EndElement || _reader.LocalName != name)
        {
            throw new FormatException($"found {Describe()} where </{name}> was expected.");
        }
    }

    private void CheckDepth()
    {
        if (_reader.Depth > MaxDepth)
        {
            throw new FormatException($"the document is nested deeper than {MaxDepth} levels.");
        }
    }

    private string Describe() => _reader.NodeType switch
    {
        XmlNodeType.Element => $"<{_reader.LocalName}>",
        XmlNodeType.EndElement => $"</{_reader.LocalName}>",
        XmlNodeType.None => "the end of the body",
        _ => $"a {_reader.NodeType} node",
    };

    private MailkitApiException FaultToException(string? faultXml)
    {
        // A fault's value is a struct with faultCode and faultString; ReadValueAsync returned its markup.
        long code = 0;
        var message = string.Empty;
        if (faultXml is not null)
        {
            using var reader = XmlReader.Create(new StringReader(faultXml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            string? name = null;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "name")
                {
                    name = reader.ReadElementContentAsString();
                }

                if (reader.NodeType == XmlNodeType.Text && name is not null)
                {
                    if (name == "faultCode")
                    {
                        _ = long.TryParse(reader.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out code);
                    }
                    else if (name == "faultString")
                    {
                        message = reader.Value;
                    }
                }
            }
        }

        return _context.CreateApiException(code, message);
    }

    private MailkitProtocolException Fail(string problem, bool isIncomplete, Exception inner) =>
        _context.CreateProtocolException(problem, _body.BytesRead, _body.Head, isIncomplete, inner);

    /// <summary>
    /// The body as the XML reader sees it: it keeps the first bytes for error excerpts, notes the end of the body,
    /// and hands the caller's cancellation to every read (XmlReader's async methods take no token).
    /// </summary>
    private sealed class XmlBodyStream(Stream inner) : Stream
    {
        private const int HeadLength = 800;
        private readonly byte[] _head = new byte[HeadLength];
        private int _headLength;

        public CancellationToken CancellationToken { get; set; }

        public bool ReachedEnd { get; private set; }

        public long BytesRead { get; private set; }

        public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) =>
            Note(buffer.AsSpan(offset), inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var token = cancellationToken.CanBeCanceled ? cancellationToken : CancellationToken;
            var read = await inner.ReadAsync(buffer, token).ConfigureAwait(false);
            return Note(buffer.Span, read);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Note(Span<byte> buffer, int read)
        {
            if (read == 0)
            {
                ReachedEnd = true;
            }

            if (_headLength < HeadLength && read > 0)
            {
                var take = Math.Min(read, HeadLength - _headLength);
                buffer[..take].CopyTo(_head.AsSpan(_headLength));
                _headLength += take;
            }

            BytesRead += read;
            return read;
        }
    }
}
