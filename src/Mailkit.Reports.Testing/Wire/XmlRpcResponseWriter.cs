using System.Globalization;
using System.Text;

namespace Mailkit.Reports.Testing.Wire;

/// <summary>
/// Writes answers as <c>rpc.fcgi</c> does: a <c>methodResponse</c> holding an array of structs, IDs as <c>i4</c> or
/// <c>i8</c>, other values as <c>string</c>; an error is a plain string. Keys and values are escaped, and a carriage
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

    /// <summary>Writes Mailkit's XML-RPC error: the message as the single string result.</summary>
    public static byte[] Error(string message)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse>\n <params>\n  <param>\n   <value>\n    <string>");
        AppendEscaped(xml, message).Append("</string>\n   </value>\n  </param>\n </params>\n</methodResponse>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

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
