using System.Globalization;
using System.Text;

namespace Mailkit.Reports.Testing.Wire;

/// <summary>
/// Writes answers as <c>rpc.fcgi</c> does: a <c>methodResponse</c> holding an array of structs; raw bounces with IDs as
/// <c>i4</c> or <c>i8</c> and other values as <c>string</c>, the world's reports typed by each key's <see cref="WireKind"/>;
/// an error is a plain string. Keys and values are escaped, and a carriage
/// return is written as <c>&amp;#13;</c> so that a parser reads it back instead of normalising it to a line feed.
/// </summary>
internal static class XmlRpcResponseWriter
{
    public const string ContentType = "text/xml; charset=utf-8";

    public static byte[] Page(IReadOnlyList<EmulatedBounce> page)
    {
        var xml = new StringBuilder((page.Count * 900) + 200);
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse>\n <params>\n  <param>\n   <value>\n    <array>\n     <data>\n");
        foreach (var bounce in page)
        {
            xml.Append("      <value>\n       <struct>\n");
            foreach (var (key, value) in bounce.Fields)
            {
                var type = key.StartsWith("ID_", StringComparison.Ordinal) && value.Length > 0
                    ? (long.Parse(value, CultureInfo.InvariantCulture) > int.MaxValue ? "i8" : "i4")
                    : "string";
                xml.Append("        <member>\n         <name>");
                AppendEscaped(xml, key).Append("</name>\n         <value>\n          <").Append(type).Append('>');
                AppendEscaped(xml, value).Append("</").Append(type).Append(">\n         </value>\n        </member>\n");
            }

            xml.Append("       </struct>\n      </value>\n");
        }

        xml.Append("     </data>\n    </array>\n   </value>\n  </param>\n </params>\n</methodResponse>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    /// <summary>
    /// Writes the records of a report, each value typed by the kind <paramref name="kindOf"/> gives its key; no record is an
    /// empty <c>struct</c> when <paramref name="emptyAsStruct"/>, else an empty array.
    /// </summary>
    public static byte[] Records(IReadOnlyList<EmulatedRecord> records, Func<string, WireKind> kindOf, WireStyle style, bool emptyAsStruct)
    {
        var xml = new StringBuilder((records.Count * 900) + 200);
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse>\n <params>\n  <param>\n   <value>\n");
        if (records.Count == 0 && emptyAsStruct)
        {
            xml.Append("    <struct>\n    </struct>\n");
        }
        else
        {
            xml.Append("    <array>\n     <data>\n");
            foreach (var record in records)
            {
                xml.Append("      <value>\n       <struct>\n");
                foreach (var (key, value) in record.Fields)
                {
                    var (type, text) = XmlValue(value, kindOf(key), style);
                    xml.Append("        <member>\n         <name>");
                    AppendEscaped(xml, key).Append("</name>\n         <value>\n          <").Append(type).Append('>');
                    AppendEscaped(xml, text).Append("</").Append(type).Append(">\n         </value>\n        </member>\n");
                }

                xml.Append("       </struct>\n      </value>\n");
            }

            xml.Append("     </data>\n    </array>\n");
        }

        xml.Append("   </value>\n  </param>\n </params>\n</methodResponse>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    /// <summary>Writes Mailkit's XML-RPC error: the message as the single string result.</summary>
    public static byte[] Error(string message)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse>\n <params>\n  <param>\n   <value>\n    <string>");
        AppendEscaped(xml, message).Append("</string>\n   </value>\n  </param>\n </params>\n</methodResponse>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    /// <summary>The XML-RPC type and text of a value of <paramref name="kind"/>.</summary>
    private static (string Type, string Text) XmlValue(string value, WireKind kind, WireStyle style)
    {
        switch (kind)
        {
            case WireKind.TextId when style.NumbersAsJsonNumbers && value.Length > 0:
            case WireKind.TextCount or WireKind.Number when value.Length > 0:
                return (IntegerType(value), value);
            case WireKind.Boolean:
                return ("boolean", value == "true" ? "1" : "0");
            case WireKind.NumberList:
                // Mailkit's XML example sends the list as one integer.
                var first = value.Split(',')[0];
                return first.Length > 0 ? (IntegerType(first), first) : ("string", string.Empty);
            case WireKind.TextOrXmlInt when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _):
                return (IntegerType(value), value);
            default:
                return ("string", value);
        }
    }

    private static string IntegerType(string value) => long.Parse(value, CultureInfo.InvariantCulture) > int.MaxValue ? "i8" : "i4";

    /// <summary>
    /// Appends text as XML character data. Control characters XML 1.0 cannot carry at all (U+0001 and the like) are
    /// written as they are, as a server that does not check would: the client refuses such an answer.
    /// </summary>
    internal static StringBuilder AppendEscaped(StringBuilder xml, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => xml.Append("&amp;"),
                '<' => xml.Append("&lt;"),
                '>' => xml.Append("&gt;"),
                '"' => xml.Append("&quot;"),
                '\'' => xml.Append("&apos;"),
                '\r' => xml.Append("&#13;"),
                _ => xml.Append(c),
            };
        }

        return xml;
    }
}
