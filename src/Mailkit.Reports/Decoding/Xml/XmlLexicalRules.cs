using System.Buffers;
using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace Mailkit.Reports.Decoding.Xml;

/// <summary>
/// The lexical rules of XML 1.0 that <see cref="Utf8XmlTokenizer"/> applies to the bytes it reads: names, characters,
/// references, comments, processing instructions and the XML declaration. Each check throws a <see cref="FormatException"/>
/// naming the problem; none allocates unless it throws.
/// </summary>
internal static class XmlLexicalRules
{
    /// <summary>The longest reference the tokenizer reads (<c>&amp;#x10FFFF;</c> with a few leading zeros): 13 bytes.</summary>
    private const int MaxReferenceLength = 13;

    /// <summary>The bytes that start a character XML forbids: the C0 controls other than tab, LF and CR, and 0xEF (U+FFFE, U+FFFF).</summary>
    private static readonly SearchValues<byte> ForbiddenStarts = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 0xEF]);

    /// <summary>The bytes of a text that need a closer look: a reference, ']' (for <c>]]&gt;</c>) and the forbidden characters.</summary>
    private static readonly SearchValues<byte> TextChecked = SearchValues.Create(
        [(byte)'&', (byte)']', 0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 0xEF]);

    private static readonly SearchValues<byte> AsciiNameChars = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"u8);

    private static readonly SearchValues<byte> Space = SearchValues.Create(" \t\r\n"u8);

    /// <summary>Checks a run of character data (no '&lt;' in it): its references, no <c>]]&gt;</c>, only characters XML allows.</summary>
    public static void CheckCharacterData(ReadOnlySpan<byte> text)
    {
        var i = text.IndexOfAny(TextChecked);
        while (i >= 0)
        {
            var rest = text[i..];
            var step = 1;
            switch (rest[0])
            {
                case (byte)'&':
                    step = ReadReference(rest, out _);
                    break;
                case (byte)']':
                    if (rest.StartsWith("]]>"u8))
                    {
                        throw Syntax("a text holds ']]>', which XML allows only to end a CDATA section.");
                    }

                    break;
                default:
                    CheckForbiddenAt(rest);
                    break;
            }

            var next = text[(i + step)..].IndexOfAny(TextChecked);
            i = next < 0 ? -1 : i + step + next;
        }
    }

    /// <summary>Checks that bytes (a CDATA section's, a comment's, an instruction's) are UTF-8 of characters XML allows.</summary>
    public static void CheckChars(ReadOnlySpan<byte> utf8, string where)
    {
        var i = utf8.IndexOfAny(ForbiddenStarts);
        while (i >= 0)
        {
            CheckForbiddenAt(utf8[i..], where);
            var next = utf8[(i + 1)..].IndexOfAny(ForbiddenStarts);
            i = next < 0 ? -1 : i + 1 + next;
        }

        if (!Utf8.IsValid(utf8))
        {
            throw Syntax($"{where} holds bytes that are not UTF-8.");
        }
    }

    private static void CheckForbiddenAt(ReadOnlySpan<byte> rest, string where = "a text")
    {
        if (rest[0] < 0x20)
        {
            throw Syntax($"{where} holds the control character U+{rest[0]:X4}, which XML does not allow.");
        }

        // 0xEF: U+FFFE and U+FFFF are EF BF BE and EF BF BF.
        if (rest.Length >= 3 && rest[1] == 0xBF && rest[2] is 0xBE or 0xBF)
        {
            throw Syntax($"{where} holds the noncharacter U+FFF{(rest[2] == 0xBE ? 'E' : 'F')}, which XML does not allow.");
        }
    }

    /// <summary>Reads the reference at the start of <paramref name="rest"/> (which starts with '&amp;'); returns its length.</summary>
    /// <param name="rest">The text from the '&amp;' on.</param>
    /// <param name="code">The character it stands for.</param>
    public static int ReadReference(ReadOnlySpan<byte> rest, out int code)
    {
        var end = rest.IndexOf((byte)';');
        if (end < 2 || end >= MaxReferenceLength)
        {
            throw Syntax("an '&' does not start an entity or character reference (or the reference is longer than 13 bytes).");
        }

        var name = rest[1..end];
        code = name switch
        {
            [(byte)'l', (byte)'t'] => '<',
            [(byte)'g', (byte)'t'] => '>',
            [(byte)'a', (byte)'m', (byte)'p'] => '&',
            [(byte)'q', (byte)'u', (byte)'o', (byte)'t'] => '"',
            [(byte)'a', (byte)'p', (byte)'o', (byte)'s'] => '\'',
            [(byte)'#', (byte)'x', .. var hex] => Number(hex, 16),
            [(byte)'#', .. var digits] => Number(digits, 10),
            _ => -1,
        };

        if (code < 0)
        {
            throw Syntax($"the reference &{Encoding.UTF8.GetString(name)}; is not one XML defines (only &lt; &gt; &amp; &quot; &apos; and character references are).");
        }

        if (!IsXmlChar(code))
        {
            throw Syntax($"the character reference &{Encoding.UTF8.GetString(name)}; stands for a character XML does not allow.");
        }

        return end + 1;
    }

    /// <summary>The value of 1 to 10 digits in base 10 or 16; -1 when there are none or another byte.</summary>
    private static int Number(ReadOnlySpan<byte> digits, int radix)
    {
        if (digits.IsEmpty)
        {
            return -1;
        }

        long value = 0;
        foreach (var b in digits)
        {
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' when radix == 16 => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' when radix == 16 => b - 'A' + 10,
                _ => -1,
            };

            if (digit < 0)
            {
                return -1;
            }

            // At most 10 digits (the reference is at most 13 bytes): no overflow of a long.
            value = (value * radix) + digit;
        }

        // Beyond Unicode: not an XML character, refused by the caller.
        return value > 0x10FFFF ? 0 : (int)value;
    }

    public static bool IsXmlChar(int code) =>
        code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    /// <summary>
    /// Whether the bytes are an XML name without a colon (an NCName): XmlReader reads namespaces, so a prefix would have to
    /// be declared by an attribute, which XML-RPC has none of, and a processing instruction's target may hold no colon.
    /// </summary>
    public static bool IsName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        // The usual case: ASCII letters only.
        if (name[0] < 0x80 && name.IndexOfAnyExcept(AsciiNameChars) < 0)
        {
            return name[0] is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_';
        }

        var first = true;
        while (!name.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(name, out var rune, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            if (!(first ? IsNameStartChar(rune.Value) : IsNameChar(rune.Value)))
            {
                return false;
            }

            first = false;
            name = name[consumed..];
        }

        return true;
    }

    // XmlReader's own tables (XML 1.0 fourth edition, Appendix B), which are narrower than the fifth edition's ranges: they
    // refuse, say, U+FEFF, U+FFFD and every character beyond the BMP.
    private static bool IsNameStartChar(int c) => c <= 0xFFFF && XmlConvert.IsStartNCNameChar((char)c);

    private static bool IsNameChar(int c) => c <= 0xFFFF && XmlConvert.IsNCNameChar((char)c);

    /// <summary>Checks a comment, <c>&lt;!--</c> to <c>--&gt;</c> included.</summary>
    public static void CheckComment(ReadOnlySpan<byte> comment)
    {
        var body = comment[4..^3];
        if (body.IndexOf("--"u8) >= 0 || (!body.IsEmpty && body[^1] == (byte)'-'))
        {
            throw Syntax("a comment holds '--' or ends with '-', which XML does not allow.");
        }

        CheckChars(body, "a comment");
    }

    /// <summary>Checks a CDATA section, <c>&lt;![CDATA[</c> to <c>]]&gt;</c> included.</summary>
    public static void CheckCData(ReadOnlySpan<byte> section) => CheckChars(section[9..^3], "a CDATA section");

    /// <summary>Refuses at once an instruction whose first byte cannot start a target (<c>&lt;?&gt;</c>), whatever follows.</summary>
    public static void CheckInstructionStart(ReadOnlySpan<byte> rest)
    {
        if (rest.Length > 2 && rest[2] < 0x80 && rest[2] is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_'))
        {
            throw Syntax("a processing instruction has no target, or its target is not an XML name.");
        }
    }

    /// <summary>Checks a processing instruction, <c>&lt;?</c> to <c>?&gt;</c> included, that is not the XML declaration.</summary>
    /// <returns>Whether its target is <c>xml</c> (in any case), which only the declaration may use.</returns>
    public static bool IsReservedInstruction(ReadOnlySpan<byte> instruction)
    {
        var inside = instruction[2..^2];
        var targetLength = inside.IndexOfAny(Space);
        var target = targetLength < 0 ? inside : inside[..targetLength];
        if (!IsName(target))
        {
            throw Syntax("a processing instruction has no target, or its target is not an XML name.");
        }

        CheckChars(inside, "a processing instruction");
        return Ascii.EqualsIgnoreCase(target, "xml"u8);
    }

    /// <summary>
    /// Checks the XML declaration, <c>&lt;?xml</c> to <c>?&gt;</c> included: <c>version="1.0"</c>, then optionally an
    /// encoding (UTF-8 only) and <c>standalone="yes"</c> or <c>"no"</c>, in that order, as XML 1.0 §2.8 and §4.3.3 say.
    /// </summary>
    public static void CheckDeclaration(ReadOnlySpan<byte> declaration)
    {
        var rest = declaration[5..^2];
        if (!TryReadPseudoAttribute(ref rest, "version"u8, out var version) || !version.SequenceEqual("1.0"u8))
        {
            throw Syntax("the XML declaration does not start with version=\"1.0\".");
        }

        if (TryReadPseudoAttribute(ref rest, "encoding"u8, out var encoding)
            && !Ascii.EqualsIgnoreCase(encoding, "utf-8"u8) && !Ascii.EqualsIgnoreCase(encoding, "utf8"u8))
        {
            throw Syntax($"the body declares the encoding \"{Encoding.UTF8.GetString(encoding)}\"; Mailkit's responses are UTF-8.");
        }

        if (TryReadPseudoAttribute(ref rest, "standalone"u8, out var standalone) && !standalone.SequenceEqual("yes"u8) && !standalone.SequenceEqual("no"u8))
        {
            throw Syntax("the XML declaration's standalone is neither \"yes\" nor \"no\".");
        }

        if (rest.IndexOfAnyExcept(Space) >= 0)
        {
            throw Syntax("the XML declaration's syntax is invalid.");
        }
    }

    /// <summary>Reads <c>S name Eq quoted</c> when <paramref name="rest"/> starts with white space and then the name.</summary>
    private static bool TryReadPseudoAttribute(ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        var trimmed = rest.TrimStart(" \t\r\n"u8);
        if (trimmed.Length == rest.Length || !trimmed.StartsWith(name))
        {
            return false;
        }

        var after = trimmed[name.Length..].TrimStart(" \t\r\n"u8);
        if (after.IsEmpty || after[0] != (byte)'=')
        {
            throw Syntax($"the XML declaration's {Encoding.ASCII.GetString(name)} has no '='.");
        }

        after = after[1..].TrimStart(" \t\r\n"u8);
        var close = after.IsEmpty || after[0] is not ((byte)'"' or (byte)'\'') ? -1 : after[1..].IndexOf(after[0]);
        if (close < 0)
        {
            throw Syntax($"the XML declaration's {Encoding.ASCII.GetString(name)} is not quoted.");
        }

        value = after.Slice(1, close);
        rest = after[(close + 2)..];
        return true;
    }

    private static FormatException Syntax(string problem) => new($"the body is not well-formed XML: {problem}");
}
