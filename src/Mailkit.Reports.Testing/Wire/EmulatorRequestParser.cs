using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Testing.Wire;

/// <summary>
/// Reads a request as Mailkit would: its transport from the path, its call from the body (JSON object or XML-RPC
/// <c>methodCall</c> with positional parameters named in each function's order), and the body for the request log with
/// the md5 redacted. <c>mailkit.campaigns.list</c> may give <c>ID_message</c> at the top level of a JSON call, as its
/// documentation does, or in <c>parameters</c>, which wins when both do. Never throws on a bad body: the call is then
/// <see cref="ParsedCall.Invalid"/>.
/// </summary>
internal static partial class EmulatorRequestParser
{
    /// <summary>Whether a path is one of the API's two endpoints; any other is answered 404.</summary>
    public static bool IsApiPath(string path) =>
        path.EndsWith("json.fcgi", StringComparison.Ordinal) || path.EndsWith("rpc.fcgi", StringComparison.Ordinal);

    /// <summary>The transport a path names: XML-RPC for <c>rpc.fcgi</c>, JSON for anything else.</summary>
    public static MailkitTransportKind TransportOf(string path) =>
        path.EndsWith("rpc.fcgi", StringComparison.Ordinal) ? MailkitTransportKind.XmlRpc : MailkitTransportKind.Json;

    /// <summary>Parses a request body sent over <paramref name="transport"/>.</summary>
    public static ParsedCall Parse(MailkitTransportKind transport, byte[] body) =>
        transport == MailkitTransportKind.XmlRpc ? FromXmlRpc(body) : FromJson(body);

    /// <summary>
    /// Hides every 32-character hexadecimal run (an md5, whether or not the body parsed) and the md5 the call carried.
    /// A body whose md5 is written in an escaped form cannot be shown safely, so it is withheld whole.
    /// </summary>
    internal static string Redact(string body, string? md5)
    {
        var redacted = Md5Shaped().Replace(body, "***");
        if (!string.IsNullOrEmpty(md5))
        {
            redacted = redacted.Replace(md5, "***", StringComparison.OrdinalIgnoreCase);
            if (!body.Contains(md5, StringComparison.OrdinalIgnoreCase))
            {
                return "(not shown: the md5 in this body is escaped)";
            }
        }

        return redacted;
    }

    private static ParsedCall FromJson(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.ValueKind == JsonValueKind.Object && Text(root, "function") == ReportFunctions.CampaignsList && Text(root, "ID_message") is { } topLevelCampaign)
            {
                parameters["ID_message"] = topLevelCampaign;
            }

            if (root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in p.EnumerateObject())
                {
                    parameters[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }

            return Call(body, Text(root, "function"), Text(root, "id"), Text(root, "md5"), parameters, invalid: false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or JSON whose root is not an object.
            return Call(body, null, null, null, new Dictionary<string, string>(), invalid: true);
        }

        static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) : null;
    }

    private static ParsedCall FromXmlRpc(byte[] body)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            string? function = null;
            var values = new List<string>();
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "methodName")
                {
                    function = reader.ReadElementContentAsString();
                }
                else if (reader.LocalName == "value")
                {
                    values.Add(reader.ReadInnerXml() is var inner && inner.Contains('<', StringComparison.Ordinal)
                        ? System.Xml.Linq.XElement.Parse(inner.Trim()).Value
                        : inner);
                }
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = ReportFunctions.PositionalOrder(function);
            for (var i = 2; i < values.Count && i - 2 < names.Count; i++)
            {
                parameters[names[i - 2]] = values[i].Trim();
            }

            return Call(body, function, values.ElementAtOrDefault(0)?.Trim(), values.ElementAtOrDefault(1)?.Trim(), parameters, invalid: values.Count < 2);
        }
        catch (XmlException)
        {
            return Call(body, null, null, null, new Dictionary<string, string>(), invalid: true);
        }
    }

    private static ParsedCall Call(byte[] body, string? function, string? clientId, string? md5, Dictionary<string, string> parameters, bool invalid) => new()
    {
        Function = function,
        ClientId = clientId,
        Md5 = md5,
        Parameters = parameters,
        Invalid = invalid,
        RedactedBody = Redact(Encoding.UTF8.GetString(body), md5),
    };

    [GeneratedRegex("(?<![0-9A-Fa-f])[0-9A-Fa-f]{32}(?![0-9A-Fa-f])", RegexOptions.CultureInvariant)]
    private static partial Regex Md5Shaped();
}
