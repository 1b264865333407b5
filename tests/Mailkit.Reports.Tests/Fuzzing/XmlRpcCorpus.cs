using System.Globalization;
using System.Text;

namespace Mailkit.Reports.Tests.Fuzzing;

/// <summary>
/// Generates XML-RPC bounce responses in the shape Mailkit sends (a methodResponse whose value is an array of record
/// structs, or a struct keyed "0", "1", … of record structs; empty results; the string error; a standard fault), then
/// mutates some of them: bytes deleted, duplicated and swapped, markup inserted, every form of entity and character
/// reference, CDATA, comments, processing instructions, a BOM, non-ASCII and invalid UTF-8.
/// </summary>
internal sealed class XmlRpcCorpus(Random random)
{
    private static readonly string[] DocumentedKeys =
    [
        "ID_UNDELIVERED_LOG", "ID_MESSAGE", "ID_SEND", "ID_SEND_MESSGE", "ID_EMAIL", "ID_USER_LIST",
        "EMAIL", "STATUS", "TEXT_STATUS", "REMOTE_MTA", "RECIPIENT_STATUS",
    ];

    /// <summary>Markup inserted at random places: well-formed pieces, XML's edge cases, and what XML forbids.</summary>
    private static readonly string[] Markup =
    [
        "<!-- c -->", "<!---->", "<!-- a -- b -->", "<!-- x --->", "<?pi data?>", "<?xml version=\"1.0\"?>", "<??>", "<? x?>",
        "<?xml-stylesheet href=\"a\"?>", "<?XML x?>", "<![CDATA[x]]>", "<![CDATA[]]>", "<![CDATA[<&>]]>", "<![CDATA[a\u0001b]]>",
        "<![CDATA[a\0b]]>", "<![CDATA[ ]]>", "]]>", "<b/>", "<b></b>", "</b>", "<value>", "</value>", "<value/>", "<string>s</string>",
        "<member>", "</member>", "<name>X</name>", "<name>ID_UNDELIVERED_LOG</name>", "<nil/>", " a=\"1\"", " a='<'", " a", "<!DOCTYPE x>",
        "<!DOCTYPE x [<!ENTITY e \"v\">]>", "<!ENTITY e \"v\">", "<!x>", "<a:b/>", "<va<lue>", "<1/>", "< b/>", "</ b>", "<b/ >",
        "\r\n", "\r", "\t", "\u0001", "\0", "\u000B", "&", "<", ">", "'", "\"", "=", "/", " ", "<i4>1</i4>", "<value><i4>7</i4></value>",
        "<struct></struct>", "<array><data/></array>", "<data>", "</data>", "<struct>", "</struct>", "<double>1.5</double>",
    ];

    private static readonly string[] Entities =
    [
        "&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&#65;", "&#x41;", "&#x159;", "&#233;", "&#128512;", "&#x1F600;", "&#32;", "&#x20;",
        "&#0;", "&#x0;", "&#xD800;", "&#xDFFF;", "&#xFFFE;", "&#xFFFF;", "&#x110000;", "&#xFFFFFFFF;", "&#X41;", "&#;", "&#x;", "&#-1;",
        "&#x-1;", "&#+65;", "&#13;", "&#xD;", "&#10;", "&#9;", "&#x0000000041;", "&#0000000065;", "&#x00041;", "&#x10FFFF;", "&#x1F;",
        "&bogus;", "&nbsp;", "&LT;", "&amp", "&;", "& ", "&#65", "&lt", "&verylongentityname;", "&#x 41;", "&# 65;",
    ];

    private static readonly byte[][] Bytes =
    [
        "é"u8.ToArray(), "ř"u8.ToArray(), "日本"u8.ToArray(), "😀"u8.ToArray(), "\uFEFF"u8.ToArray(), [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF],
        "\u0085"u8.ToArray(), "\u2028"u8.ToArray(), [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x80],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x7F], [0x00], [0x1B],
    ];

    /// <summary>A valid response, possibly mutated; <paramref name="mutated"/> tells which.</summary>
    public byte[] Next(out bool mutated)
    {
        var document = Document();
        mutated = random.Next(10) != 0;
        if (!mutated)
        {
            return Encoding.UTF8.GetBytes(document);
        }

        // Markup-level mutations first, on the text, then byte-level ones.
        var rounds = random.Next(1, 4);
        for (var i = 0; i < rounds && random.Next(3) == 0; i++)
        {
            document = MutateText(document);
        }

        var bytes = new List<byte>(Encoding.UTF8.GetBytes(document));
        var byteRounds = random.Next(4) == 0 ? 0 : random.Next(1, 4);
        for (var i = 0; i < byteRounds; i++)
        {
            MutateBytes(bytes);
        }

        return [.. bytes];
    }

    private string Document()
    {
        var text = new StringBuilder(1024);
        switch (random.Next(6))
        {
            case 0: text.Append('\uFEFF'); break;
            case 1: break;
            default: break;
        }

        switch (random.Next(5))
        {
            case 0: break;
            case 1: text.Append("<?xml version=\"1.0\"?>"); break;
            case 2: text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"); break;
            default: text.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>"); break;
        }

        Space(text, newline: true);
        if (random.Next(10) == 0)
        {
            text.Append("<!-- generated -->");
            Space(text, newline: true);
        }

        text.Append("<methodResponse>");
        Space(text, newline: true);
        if (random.Next(12) == 0)
        {
            Fault(text);
        }
        else
        {
            text.Append("<params>");
            Space(text, newline: true);
            text.Append("<param>");
            Space(text, newline: true);
            text.Append("<value>");
            Result(text);
            text.Append("</value>");
            Space(text, newline: true);
            text.Append("</param>");
            Space(text, newline: true);
            text.Append("</params>");
        }

        Space(text, newline: true);
        text.Append("</methodResponse>");
        Space(text, newline: true);
        return text.ToString();
    }

    private void Result(StringBuilder text)
    {
        var count = random.Next(4) == 0 ? 0 : random.Next(1, 5);
        switch (random.Next(20))
        {
            case 0:
                text.Append("<string>").Append(Pick("Unauthorized", "Disallowed IP 10.1.2.3", "Invalid ID_send", "Missing ID_send")).Append("</string>");
                return;
            case 1:
                text.Append(Pick("Unauthorized", "Invalid ID_message", " Disallowed IP a&amp;b "));
                return;
            case 2:
                text.Append(Pick("<array/>", "<array><data/></array>", "<array><data></data></array>", "<struct/>", "<struct></struct>", string.Empty));
                return;
            case < 8:
                Space(text, newline: true);
                text.Append("<struct>");
                for (var i = 0; i < count; i++)
                {
                    Space(text, newline: true);
                    text.Append("<member>");
                    var name = $"<name>{i.ToString(CultureInfo.InvariantCulture)}</name>";
                    var value = new StringBuilder();
                    value.Append("<value>");
                    Record(value, i);
                    value.Append("</value>");
                    if (random.Next(4) == 0)
                    {
                        text.Append(value).Append(name);
                    }
                    else
                    {
                        text.Append(name).Append(value);
                    }

                    text.Append("</member>");
                }

                Space(text, newline: true);
                text.Append("</struct>");
                Space(text, newline: true);
                return;
            default:
                Space(text, newline: true);
                text.Append("<array>");
                Space(text, newline: true);
                text.Append("<data>");
                for (var i = 0; i < count; i++)
                {
                    Space(text, newline: true);
                    text.Append("<value>");
                    Record(text, i);
                    text.Append("</value>");
                }

                Space(text, newline: true);
                text.Append("</data>");
                Space(text, newline: true);
                text.Append("</array>");
                Space(text, newline: true);
                return;
        }
    }

    private void Fault(StringBuilder text)
    {
        text.Append("<fault><value><struct>");
        var members = new[]
        {
            $"<member><name>faultCode</name><value><{Pick("int", "i4")}>{random.Next(1, 1000).ToString(CultureInfo.InvariantCulture)}</{Pick("int", "i4")}></value></member>",
            $"<member><name>faultString</name><value><string>{Pick("Unauthorized", "Too many parameters", "Disallowed IP 1.2.3.4")}</string></value></member>",
        };
        if (random.Next(2) == 0)
        {
            (members[0], members[1]) = (members[1], members[0]);
        }

        text.Append(members[0]);
        Space(text, newline: true);
        text.Append(members[1]).Append("</struct></value></fault>");
        text.Replace("<i4>", "<int>").Replace("</i4>", "</int>");
    }

    private void Record(StringBuilder text, int index)
    {
        Space(text, newline: false);
        text.Append("<struct>");
        var keys = DocumentedKeys.Where(k => k == "ID_UNDELIVERED_LOG" || random.Next(3) != 0).ToList();
        if (random.Next(2) == 0)
        {
            keys.Add(Pick("TAGS", "BOUNCE_CAT", "UTM_CAMPAIGN", "SUBJECT", "SCORE", "FLAG", "DATE", "BLOB", "NOTE", "TAGS", "META"));
        }

        Shuffle(keys);
        foreach (var key in keys)
        {
            Space(text, newline: true);
            text.Append("<member>");
            var name = $"<name>{key}</name>";
            var value = $"<value>{Value(key, index)}</value>";
            text.Append(random.Next(5) == 0 ? value + name : name + value).Append("</member>");
        }

        Space(text, newline: true);
        text.Append("</struct>");
        Space(text, newline: false);
    }

    private string Value(string key, int index)
    {
        switch (key)
        {
            case "ID_UNDELIVERED_LOG":
                return Id(1000 + (index * 7), allowEmpty: false);
            case "ID_MESSAGE" or "ID_SEND" or "ID_SEND_MESSGE" or "ID_EMAIL" or "ID_USER_LIST":
                return Id(random.Next(2) == 0 ? random.Next(1, 100_000) : random.NextInt64(1, long.MaxValue), allowEmpty: true);
            case "EMAIL":
                return Text(Pick("email@example.com", "uživatel@příklad.cz", "a+b@例え.jp", "x&amp;y@example.com", "o'neil@example.com"));
            case "STATUS":
                return Text(Pick("5.2.2", "4.2.2", "5.1.1", string.Empty, "5.7.1", "x.y"));
            case "TEXT_STATUS":
                return Text(Pick(
                    "smtp; 552 4.2.2 User has full mailbox.",
                    "smtp; 550 &lt;a@b.cz&gt; &quot;unknown&quot; &amp; &apos;gone&apos;",
                    "smtp; 550 <![CDATA[<x@y> & z]]> done",
                    "smtp; 554 přijato&#x159; &#233;",
                    "line one\r\nline two\rline three",
                    "a <!-- note --> b",
                    "a <?pi x?> b",
                    string.Empty));
            case "REMOTE_MTA":
                return Text(Pick("dns; mx1.seznam.cz", string.Empty, "dns; [192.0.2.1]"));
            case "RECIPIENT_STATUS":
                return Text(Pick("permanent", "temporary", "PERMANENT", "deferred", string.Empty));
            case "SCORE":
                return "<double>3.5</double>";
            case "FLAG":
                return "<boolean>1</boolean>";
            case "DATE":
                return "<dateTime.iso8601>20261128T00:50:00</dateTime.iso8601>";
            case "BLOB":
                return "<base64>aGVsbG8=</base64>";
            case "NOTE":
                return Pick("<nil/>", "<nil></nil>", "<string/>", string.Empty);
            case "TAGS":
                return "<array><data><value>a</value><value><i4>1</i4></value><value><string>b &amp; c</string></value></data></array>";
            case "META":
                return "<struct><member><name>k</name><value><string>v</string></value></member></struct>";
            default:
                return Text(Pick("bad-mailbox", "Příliš žluťoučký kůň", "spring&amp;sale", "quarterly"));
        }
    }

    private string Id(long value, bool allowEmpty)
    {
        var digits = value.ToString(CultureInfo.InvariantCulture);
        if (allowEmpty && random.Next(10) == 0)
        {
            return Pick("<nil/>", "<string></string>", string.Empty);
        }

        return random.Next(6) switch
        {
            0 => value <= int.MaxValue ? $"<i4>{digits}</i4>" : $"<i8>{digits}</i8>",
            1 => value <= int.MaxValue ? $"<int>{digits}</int>" : $"<i8>{digits}</i8>",
            2 => $"<i8>{digits}</i8>",
            3 => $"<string>{digits}</string>",
            4 => digits,
            _ => value <= int.MaxValue ? $"<i4>{digits}</i4>" : $"<string>{digits}</string>",
        };
    }

    private string Text(string value) => random.Next(3) switch
    {
        0 => value,
        _ => $"<string>{value}</string>",
    };

    /// <summary>Markup-level mutations: a member, value or record duplicated, a tag made self-closing, an attribute added.</summary>
    private string MutateText(string document)
    {
        switch (random.Next(8))
        {
            case 6:
                {
                    // An attribute, well-formed or not, on a random tag.
                    var at = RandomIndexOf(document, "<" + Pick("value", "struct", "array", "data", "member", "param", "params", "methodResponse", "string", "name", "i4") + ">");
                    return at < 0 ? document : document.Insert(document.IndexOf('>', at), Pick(" a=\"1\"", " a='x'", " a=\"<\"", " a", " a=\"1\" a=\"2\"", " xmlns=\"urn:x\"", " x:a=\"1\""));
                }

            case 7:
                {
                    // Inside a nested value under an unknown key, which the SDK keeps as markup.
                    var at = RandomIndexOf(document, "<value>a</value>");
                    return at < 0 ? document : document.Insert(at + 8, Pick(Entities.Concat(Markup).ToArray()));
                }

            case 0:
                return DuplicateElement(document, "member");
            case 1:
                return DuplicateElement(document, random.Next(2) == 0 ? "value" : "name");
            case 2:
                {
                    // A documented key sent twice, the copy at times in another case.
                    var key = Pick(DocumentedKeys);
                    var at = RandomIndexOf(document, $"<name>{key}</name>");
                    var from = at < 0 ? -1 : document.LastIndexOf("<member>", at, StringComparison.Ordinal);
                    var to = at < 0 ? -1 : document.IndexOf("</member>", at, StringComparison.Ordinal);
                    if (from < 0 || to < 0)
                    {
                        return document;
                    }

                    var member = document[from..(to + 9)];
                    var copy = random.Next(2) == 0 ? member : member.Replace(key, key.ToLowerInvariant(), StringComparison.Ordinal);
                    return document.Insert(to + 9, copy);
                }

            case 3:
                {
                    // Make a start tag self-closing: <value> becomes <value/>.
                    var at = RandomIndexOf(document, "<" + Pick("value", "struct", "array", "data", "member", "param", "params", "methodResponse", "string", "name") + ">");
                    return at < 0 ? document : document.Insert(document.IndexOf('>', at), "/");
                }

            case 4:
                {
                    // Replace a run of digits with random digits, long enough at times to pass 32 or 64 bits.
                    var at = RandomIndexOfDigit(document);
                    if (at < 0)
                    {
                        return document;
                    }

                    var end = at;
                    while (end < document.Length && char.IsAsciiDigit(document[end]))
                    {
                        end++;
                    }

                    return document[..at] + RandomDigits() + document[end..];
                }

            default:
                {
                    // Prefix a value with a sign, a space or a zero.
                    var at = RandomIndexOfDigit(document);
                    return at < 0 ? document : document.Insert(at, Pick("+", "-", " ", "0", "00", "\t", "&#32;"));
                }
        }
    }

    private string RandomDigits()
    {
        var length = random.Next(6) switch
        {
            0 => random.Next(10, 12),
            1 => random.Next(19, 21),
            _ => random.Next(1, 6),
        };
        var digits = new char[length];
        for (var i = 0; i < length; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        return new string(digits);
    }

    private string DuplicateElement(string document, string name)
    {
        var start = RandomIndexOf(document, $"<{name}>");
        if (start < 0)
        {
            return document;
        }

        var end = document.IndexOf($"</{name}>", start, StringComparison.Ordinal);
        if (end < 0)
        {
            return document;
        }

        end += name.Length + 3;
        var element = document[start..end];
        return document.Insert(end, element);
    }

    private void MutateBytes(List<byte> bytes)
    {
        if (bytes.Count == 0)
        {
            return;
        }

        var at = random.Next(4) == 0 ? NearTag(bytes) : random.Next(bytes.Count + 1);
        switch (random.Next(12))
        {
            case 0:
                bytes.RemoveRange(Math.Min(at, bytes.Count - 1), Math.Min(random.Next(1, 4), bytes.Count - Math.Min(at, bytes.Count - 1)));
                break;
            case 1:
                {
                    var from = Math.Min(at, bytes.Count - 1);
                    var length = Math.Min(random.Next(1, 8), bytes.Count - from);
                    bytes.InsertRange(from, bytes.GetRange(from, length));
                    break;
                }

            case 2:
                {
                    var a = Math.Min(at, bytes.Count - 1);
                    var b = random.Next(2) == 0 ? Math.Min(a + 1, bytes.Count - 1) : random.Next(bytes.Count);
                    (bytes[a], bytes[b]) = (bytes[b], bytes[a]);
                    break;
                }

            case 3:
            case 4:
            case 5:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(Markup)));
                break;
            case 6:
            case 7:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(Entities)));
                break;
            case 8:
                bytes.InsertRange(at, Pick(Bytes));
                break;
            case 9:
                bytes.InsertRange(random.Next(3) == 0 ? 0 : at, [0xEF, 0xBB, 0xBF]);
                break;
            case 10:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            default:
                {
                    var from = Math.Min(at, bytes.Count - 1);
                    bytes[from] = (byte)Pick("<>/&;\"'=![]?- \r\n\t0123456789xX#"u8.ToArray());
                    break;
                }
        }
    }

    /// <summary>A position just before a '&lt;' or just after a '&gt;', where inserted markup is most likely to stay well-formed.</summary>
    private int NearTag(List<byte> bytes)
    {
        var start = random.Next(bytes.Count);
        for (var i = start; i < bytes.Count; i++)
        {
            if (bytes[i] == (byte)'<')
            {
                return i;
            }

            if (bytes[i] == (byte)'>')
            {
                return i + 1;
            }
        }

        return start;
    }

    private int RandomIndexOf(string text, string value)
    {
        var all = new List<int>();
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            all.Add(at);
        }

        return all.Count == 0 ? -1 : all[random.Next(all.Count)];
    }

    private int RandomIndexOfDigit(string text)
    {
        var all = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]) && (i == 0 || text[i - 1] == '>'))
            {
                all.Add(i);
            }
        }

        return all.Count == 0 ? -1 : all[random.Next(all.Count)];
    }

    private void Space(StringBuilder text, bool newline)
    {
        switch (random.Next(8))
        {
            case 0: text.Append(newline ? "\n  " : " "); break;
            case 1: text.Append(newline ? "\r\n\t" : "\t"); break;
            case 2: text.Append('\n'); break;
            default: break;
        }
    }

    private T Pick<T>(params T[] values) => values[random.Next(values.Length)];

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
