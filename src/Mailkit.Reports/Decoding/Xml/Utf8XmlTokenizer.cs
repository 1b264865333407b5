using System.Buffers;
using System.Text;

namespace Mailkit.Reports.Decoding.Xml;

/// <summary>
/// Reads XML from its UTF-8 bytes as tags and texts, checking what XML 1.0 requires of each (see
/// <see cref="XmlLexicalRules"/>); it knows nothing of what the elements mean. It reads the part of XML that a data
/// format without attributes needs: elements, <c>&lt;x/&gt;</c>, texts with the five predefined entities, character
/// references, CDATA sections, comments and processing instructions (the text on either side of one joins), and the
/// XML declaration at the start. A document type declaration is refused (and with it every entity expansion attack),
/// as is an attribute.
/// </summary>
/// <remarks>
/// The data may end anywhere: a read that finds a token cut short returns <see langword="false"/>, and the caller
/// starts again from where that read started once more data has come; when the data is final, it throws an
/// <see cref="IncompleteXmlException"/> instead. Every other problem is a <see cref="FormatException"/>. Nothing is
/// allocated unless it throws.
/// </remarks>
internal ref struct Utf8XmlTokenizer
{
    /// <summary>The deepest nesting <see cref="TrySkipElement"/> follows.</summary>
    public const int MaxDepth = 32;

    private static readonly SearchValues<byte> TagNameEnd = SearchValues.Create(" \t\r\n/>"u8);

    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _isFinal;
    private readonly bool _atDocumentStart;
    private int _pos;

    /// <summary>Creates a tokenizer over <paramref name="data"/>.</summary>
    /// <param name="data">The data read so far, from the start of a token.</param>
    /// <param name="isFinal">Whether the body ends with <paramref name="data"/>.</param>
    /// <param name="atDocumentStart">Whether <paramref name="data"/> starts the document (after a byte-order mark), where the XML declaration may stand.</param>
    public Utf8XmlTokenizer(ReadOnlySpan<byte> data, bool isFinal, bool atDocumentStart)
    {
        _data = data;
        _isFinal = isFinal;
        _atDocumentStart = atDocumentStart;
    }

    /// <summary>Gets the data the positions of the tokens refer to.</summary>
    public readonly ReadOnlySpan<byte> Data => _data;

    /// <summary>Gets or sets where the next token starts.</summary>
    public int Position
    {
        readonly get => _pos;
        set => _pos = value;
    }

    /// <summary>Creates the exception for a body that ends inside the document.</summary>
    public static IncompleteXmlException EndedEarly() => new();

    /// <summary>Creates the exception for a body that is not well-formed.</summary>
    public static FormatException Syntax(string problem) => new($"the body is not well-formed XML: {problem}");

    /// <summary>
    /// Reads the next start tag, end tag or text (which runs up to the next tag and may hold CDATA sections, comments and
    /// processing instructions); comments and processing instructions between tags are skipped.
    /// </summary>
    /// <returns><see langword="false"/> when the data ran out before the token was complete (never when the data is final).</returns>
    public bool TryRead(out XmlToken token)
    {
        token = default;
        var data = _data;
        while (true)
        {
            var pos = _pos;
            if (pos >= data.Length)
            {
                token.Kind = XmlTokenKind.EndOfBody;
                return _isFinal;
            }

            if (data[pos] != (byte)'<')
            {
                return TryReadText(out token);
            }

            var rest = data[pos..];
            if (rest.Length < 2)
            {
                return NeedMore();
            }

            switch (rest[1])
            {
                case (byte)'/':
                    return TryReadEndTag(out token);
                case (byte)'?':
                    {
                        XmlLexicalRules.CheckInstructionStart(rest);
                        var end = rest[2..].IndexOf("?>"u8);
                        if (end < 0)
                        {
                            return NeedMore();
                        }

                        CheckInstruction(rest[..(end + 4)], pos);
                        _pos = pos + end + 4;
                        continue;
                    }

                case (byte)'!':
                    if (StartsWithOrNeedsMore(rest, "<!--"u8, out var more))
                    {
                        var end = rest[4..].IndexOf("-->"u8);
                        if (end < 0)
                        {
                            return NeedMore();
                        }

                        XmlLexicalRules.CheckComment(rest[..(4 + end + 3)]);
                        _pos = pos + 4 + end + 3;
                        continue;
                    }

                    if (StartsWithOrNeedsMore(rest, "<![CDATA["u8, out var moreCData))
                    {
                        return TryReadText(out token);
                    }

                    if (StartsWithOrNeedsMore(rest, "<!DOCTYPE"u8, out var moreDocType) || more || moreCData || moreDocType)
                    {
                        if (!rest.StartsWith("<!DOCTYPE"u8))
                        {
                            return NeedMore();
                        }

                        throw Syntax("the body has a document type declaration (DTD), which is refused: it is how entity expansion and external entity attacks start.");
                    }

                    throw Syntax("the body has a '<!' that is neither a comment nor a CDATA section.");
                default:
                    return TryReadStartTag(out token);
            }
        }
    }

    /// <summary>Reads the next token that is not white space alone.</summary>
    /// <returns><see langword="false"/> when the data ran out first.</returns>
    public bool TryReadSignificant(out XmlToken token)
    {
        while (TryRead(out token))
        {
            if (token.Kind != XmlTokenKind.Text || !token.IsWhitespace)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the text of an element whose start tag was just read, up to and including its end tag; it may hold no element.</summary>
    /// <param name="start">The element's start tag.</param>
    /// <param name="text">The text (<see langword="default"/> when there is none).</param>
    /// <returns><see langword="false"/> when the data ran out first.</returns>
    public bool TryReadTextElement(in XmlToken start, out XmlToken text)
    {
        text = default;
        if (start.IsEmpty)
        {
            return true;
        }

        if (!TryRead(out var token))
        {
            return false;
        }

        if (token.Kind == XmlTokenKind.Text)
        {
            text = token;
            if (!TryRead(out token))
            {
                return false;
            }
        }

        if (token.Kind != XmlTokenKind.End || !NameOf(token).SequenceEqual(NameOf(start)))
        {
            throw new FormatException($"found {Describe(token)} where </{Encoding.UTF8.GetString(NameOf(start))}> was expected.");
        }

        return true;
    }

    /// <summary>Moves past the element whose start tag was just read, checking that its elements nest and close by name.</summary>
    /// <returns><see langword="false"/> when the data ran out first.</returns>
    public bool TrySkipElement(in XmlToken start)
    {
        if (start.IsEmpty)
        {
            return true;
        }

        Span<(int Start, int Length)> open = stackalloc (int, int)[MaxDepth];
        open[0] = (start.NameStart, start.NameLength);
        var depth = 1;
        while (depth > 0)
        {
            if (!TryRead(out var token))
            {
                return false;
            }

            switch (token.Kind)
            {
                case XmlTokenKind.Start when !token.IsEmpty:
                    if (depth == MaxDepth)
                    {
                        throw new FormatException($"a value is nested deeper than {MaxDepth} levels.");
                    }

                    open[depth++] = (token.NameStart, token.NameLength);
                    break;
                case XmlTokenKind.End:
                    var (nameStart, nameLength) = open[--depth];
                    if (!NameOf(token).SequenceEqual(_data.Slice(nameStart, nameLength)))
                    {
                        throw new FormatException($"found {Describe(token)} where </{Encoding.UTF8.GetString(_data.Slice(nameStart, nameLength))}> was expected.");
                    }

                    break;
                case XmlTokenKind.EndOfBody:
                    throw EndedEarly();
            }
        }

        return true;
    }

    /// <summary>After the document: only white space, comments and processing instructions may follow.</summary>
    /// <remarks><see cref="Position"/> is left after the last whole token read.</remarks>
    public void SkipTrailing()
    {
        while (true)
        {
            var committed = _pos;
            if (!TryRead(out var token))
            {
                _pos = committed;
                return;
            }

            if (token.Kind == XmlTokenKind.EndOfBody)
            {
                return;
            }

            if (token.Kind != XmlTokenKind.Text || !token.IsWhitespace)
            {
                throw Syntax($"there is {Describe(token)} after the end of the document.");
            }
        }
    }

    /// <summary>Gets the name of a tag.</summary>
    public readonly ReadOnlySpan<byte> NameOf(in XmlToken token) => _data.Slice(token.NameStart, token.NameLength);

    /// <summary>Gets the bytes a text spans, as they are in the data (see <see cref="Utf8XmlText.Decode"/>).</summary>
    public readonly ReadOnlySpan<byte> RawText(in XmlToken token) => _data[token.TextStart..token.TextEnd];

    /// <summary>Names a token for an error message; meeting the end of the body where more was expected makes the error an incomplete body.</summary>
    public readonly string Describe(in XmlToken token) => token.Kind switch
    {
        XmlTokenKind.Start => $"<{Shown(NameOf(token))}>",
        XmlTokenKind.End => $"</{Shown(NameOf(token))}>",
        XmlTokenKind.Text => "text",
        _ => throw EndedEarly(),
    };

    private static string Shown(ReadOnlySpan<byte> name)
    {
        var text = Encoding.UTF8.GetString(name.Length > 40 ? name[..40] : name);
        return name.Length > 40 ? text + "…" : text;
    }

    private static bool StartsWithOrNeedsMore(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> prefix, out bool needsMore)
    {
        var n = Math.Min(rest.Length, prefix.Length);
        needsMore = n < prefix.Length && rest[..n].SequenceEqual(prefix[..n]);
        return n == prefix.Length && rest[..n].SequenceEqual(prefix);
    }

    private readonly bool NeedMore() => _isFinal ? throw EndedEarly() : false;

    private bool TryReadStartTag(out XmlToken token)
    {
        token = default;
        var pos = _pos;
        var rest = _data[pos..];
        var nameLength = rest[1..].IndexOfAny(TagNameEnd);
        if (nameLength < 0)
        {
            return NeedMore();
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
            return NeedMore();
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
            // Skipping them hid markup inside a quoted value; XML-RPC, the format this reads, has no use for any.
            throw Syntax("an element has an attribute; elements of XML-RPC carry no attributes.");
        }

        token.Kind = XmlTokenKind.Start;
        token.Start = pos;
        token.NameStart = pos + 1;
        token.NameLength = nameLength;
        _pos = pos + i;
        return true;
    }

    private bool TryReadEndTag(out XmlToken token)
    {
        token = default;
        var pos = _pos;
        var rest = _data[pos..];
        var close = rest.IndexOf((byte)'>');
        if (close < 0)
        {
            return NeedMore();
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

        token.Kind = XmlTokenKind.End;
        token.Start = pos;
        token.NameStart = pos + 2;
        token.NameLength = nameLength;
        _pos = pos + close + 1;
        return true;
    }

    /// <summary>Reads text up to the next tag, taking in CDATA sections, comments and processing instructions.</summary>
    private bool TryReadText(out XmlToken token)
    {
        var data = _data;
        var isFinal = _isFinal;
        token = new XmlToken { Kind = XmlTokenKind.Text, TextStart = _pos, IsWhitespace = true };
        var i = _pos;
        while (true)
        {
            var next = data[i..].IndexOf((byte)'<');
            var plain = next < 0 ? data[i..] : data.Slice(i, next);
            if (next >= 0 || isFinal)
            {
                // Not before the run is whole: a reference may be cut by the end of the data so far.
                XmlLexicalRules.CheckCharacterData(plain);
            }

            if (plain.IndexOfAny(Utf8XmlText.Specials) >= 0)
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
                    return NeedMore();
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
                    return NeedMore();
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
                    return NeedMore();
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
                return NeedMore();
            }

            break;
        }

        token.TextEnd = i;
        _pos = i;
        return true;
    }

    /// <summary>
    /// Checks a processing instruction between tags: the XML declaration is allowed only at the very start of the document
    /// (after a BOM), other instructions anywhere, but none with the reserved target <c>xml</c>.
    /// </summary>
    private readonly void CheckInstruction(ReadOnlySpan<byte> instruction, int at)
    {
        if (!XmlLexicalRules.IsReservedInstruction(instruction))
        {
            return;
        }

        if (!_atDocumentStart || at != 0 || !instruction.StartsWith("<?xml"u8))
        {
            throw Syntax("a processing instruction uses the reserved target 'xml' (the XML declaration is allowed only at the start of the body).");
        }

        XmlLexicalRules.CheckDeclaration(instruction);
    }
}
