using System.Buffers;
using System.Text;

namespace Mailkit.Reports.Decoding.Xml;

/// <summary>
/// The character data of a text that <see cref="Utf8XmlTokenizer"/> read with <see cref="XmlToken.NeedsDecoding"/>: its
/// references resolved, CDATA sections unwrapped, comments and processing instructions left out, line ends normalised.
/// </summary>
internal static class Utf8XmlText
{
    /// <summary>The bytes that need decoding in a text: references, carriage returns and the control characters XML forbids.</summary>
    public static readonly SearchValues<byte> Specials = SearchValues.Create(
        [(byte)'&', (byte)'\r', 0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    /// <summary>Decodes the raw bytes of a text token.</summary>
    /// <exception cref="FormatException">The text holds a character XML forbids, a bad reference, or bytes that are not UTF-8.</exception>
    public static string Decode(ReadOnlySpan<byte> raw)
    {
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
                i += AppendReference(text, raw[i..]);
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
                throw Utf8XmlTokenizer.Syntax($"a text holds the control character U+{b:X4}, which XML does not allow.");
            }

            var run = raw[i..].IndexOfAny((byte)'<', (byte)'&');
            var plain = run < 0 ? raw[i..] : raw.Slice(i, run);
            if (plain.IndexOfAny(Specials) is var special and >= 0)
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
    private static int AppendReference(StringBuilder text, ReadOnlySpan<byte> rest)
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
}
