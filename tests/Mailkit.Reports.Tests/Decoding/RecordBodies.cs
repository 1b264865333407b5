using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Mailkit.Reports.Tests.Decoding;

/// <summary>Response bodies that hold given records, written as Mailkit writes them in JSON and in XML-RPC, and the page a request asks for.</summary>
internal static class RecordBodies
{
    /// <summary>The fields of an ordinary record with the given ID.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> DefaultFields(long id) =>
    [
        new("ID_UNDELIVERED_LOG", id.ToString(CultureInfo.InvariantCulture)),
        new("ID_MESSAGE", "77"),
        new("EMAIL", $"r{id}@příklad.cz"),
        new("STATUS", "5.1.1"),
        new("RECIPIENT_STATUS", "permanent"),
    ];

    /// <summary>One record as a JSON object, every value a string.</summary>
    public static string JsonRecord(IEnumerable<KeyValuePair<string, string>> fields) =>
        "{" + string.Join(",", fields.Select(f => JsonSerializer.Serialize(f.Key) + ":" + JsonSerializer.Serialize(f.Value))) + "}";

    /// <summary>An ordinary record with the given ID as a JSON object.</summary>
    public static string JsonRecord(long id) => JsonRecord(DefaultFields(id));

    /// <summary>A JSON array of records.</summary>
    public static string Json(IEnumerable<IEnumerable<KeyValuePair<string, string>>> records) => "[" + string.Join(",", records.Select(JsonRecord)) + "]";

    /// <summary>A JSON array of ordinary records.</summary>
    public static string Json(IEnumerable<long> ids) => Json(ids.Select(DefaultFields));

    /// <summary>
    /// An XML-RPC response holding the records: IDs as <c>&lt;i4&gt;</c>, or <c>&lt;i8&gt;</c> beyond 32 bits, every other
    /// value an escaped <c>&lt;string&gt;</c>.
    /// </summary>
    public static string XmlRpc(IEnumerable<IEnumerable<KeyValuePair<string, string>>> records)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse><params><param><value><array><data>\n");
        foreach (var record in records)
        {
            xml.Append("<value><struct>");
            foreach (var (key, value) in record)
            {
                var isInteger = key.StartsWith("ID_", StringComparison.Ordinal) && value.Length > 0;
                var type = isInteger ? (long.Parse(value, CultureInfo.InvariantCulture) > int.MaxValue ? "i8" : "i4") : "string";
                xml.Append("<member><name>").Append(key).Append("</name><value><").Append(type).Append('>')
                    .Append(SecurityElement.Escape(value)).Append("</").Append(type).Append("></value></member>\n");
            }

            xml.Append("</struct></value>\n");
        }

        return xml.Append("</data></array></value></param></params></methodResponse>\n").ToString();
    }

    /// <summary>An XML-RPC response holding ordinary records.</summary>
    public static string XmlRpc(IEnumerable<long> ids) => XmlRpc(ids.Select(DefaultFields));

    /// <summary>The start ID (none for 0 or absent) and the limit a JSON or XML-RPC request asks for.</summary>
    public static (long? StartId, int Limit) RequestedPage(string requestBody)
    {
        if (requestBody.StartsWith('{'))
        {
            using var json = JsonDocument.Parse(requestBody);
            var parameters = json.RootElement.GetProperty("parameters");
            long? start = parameters.TryGetProperty("ID_undelivered_log", out var s) ? long.Parse(s.GetString()!, CultureInfo.InvariantCulture) : null;
            return (start, int.Parse(parameters.GetProperty("limit").GetString()!, CultureInfo.InvariantCulture));
        }

        var values = XDocument.Parse(requestBody).Descendants("param").Select(p => p.Element("value")!.Elements().Single().Value).ToList();
        var startId = long.Parse(values[4], CultureInfo.InvariantCulture);
        return (startId == 0 ? null : startId, int.Parse(values[5], CultureInfo.InvariantCulture));
    }

    /// <summary>The IDs an inclusive server answers a request with.</summary>
    public static IEnumerable<long> PageOf(IEnumerable<long> ids, string requestBody)
    {
        var (start, limit) = RequestedPage(requestBody);
        return ids.Where(id => start is null || id >= start).Take(limit);
    }
}
