using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Mailkit.Reports.Testing.Tests.World;

/// <summary>Calls the emulator in-process with hand-written bodies, and reads its answers with System.Text.Json and XDocument.</summary>
internal static class WorldCalls
{
    private static readonly Uri Base = new("https://api.mailkit.eu/");

    /// <summary>Posts a JSON call; <paramref name="parameters"/> is the <c>parameters</c> object, <paramref name="topLevel"/> more members of the call itself.</summary>
    public static async Task<string> JsonAsync(MailkitEmulator emulator, string function, string parameters = "{}", string topLevel = "")
    {
        var body = $$"""{"function":"{{function}}","id":"{{emulator.ClientId}}","md5":"{{emulator.ClientMd5}}"{{topLevel}},"parameters":{{parameters}}}""";
        return await PostAsync(emulator, "json.fcgi", body);
    }

    /// <summary>Posts an XML-RPC call whose parameters after the client ID and md5 are <paramref name="values"/> (each the inside of a <c>value</c>).</summary>
    public static async Task<string> XmlAsync(MailkitEmulator emulator, string function, params string[] values)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").Append(function).Append("</methodName><params>");
        xml.Append("<param><value><int>").Append(emulator.ClientId.ToString(CultureInfo.InvariantCulture)).Append("</int></value></param>");
        xml.Append("<param><value><string>").Append(emulator.ClientMd5).Append("</string></value></param>");
        foreach (var value in values)
        {
            xml.Append("<param><value>").Append(value).Append("</value></param>");
        }

        xml.Append("</params></methodCall>");
        return await PostAsync(emulator, "rpc.fcgi", xml.ToString());
    }

    public static string Int(long value) => $"<int>{value.ToString(CultureInfo.InvariantCulture)}</int>";

    public static string Str(string value) => $"<string>{value}</string>";

    /// <summary>The rows of a JSON answer (an array of objects); <c>{}</c> is no row.</summary>
    public static List<Dictionary<string, JsonElement>> JsonRows(string body)
    {
        using var json = JsonDocument.Parse(body);
        if (json.RootElement.ValueKind == JsonValueKind.Object)
        {
            Assert.Empty(json.RootElement.EnumerateObject());
            return [];
        }

        return [.. json.RootElement.EnumerateArray().Select(row => row.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()))];
    }

    /// <summary>The rows of an XML-RPC answer: per member its key, XML-RPC type and text, in order.</summary>
    public static List<List<(string Key, string Type, string Text)>> XmlRows(string body)
    {
        var document = XDocument.Parse(body);
        return
        [
            .. document.Descendants("struct").Select(s => s.Elements("member").Select(m =>
            {
                var typed = m.Element("value")!.Elements().Single();
                return (m.Element("name")!.Value, typed.Name.LocalName, typed.Value);
            }).ToList()),
        ];
    }

    /// <summary>The text of an XML-RPC answer that is a single string (Mailkit's error shape), or null.</summary>
    public static string? XmlError(string body) =>
        XDocument.Parse(body).Root!.Element("params")!.Element("param")!.Element("value")!.Element("string")?.Value;

    public static string Text(this Dictionary<string, JsonElement> row, string key) => row[key].ValueKind == JsonValueKind.String ? row[key].GetString()! : row[key].GetRawText();

    public static long Id(this List<(string Key, string Type, string Text)> row, string key) => long.Parse(row.Single(m => m.Key == key).Text, CultureInfo.InvariantCulture);

    public static long Id(this Dictionary<string, JsonElement> row, string key) => long.Parse(row.Text(key), CultureInfo.InvariantCulture);

    private static async Task<string> PostAsync(MailkitEmulator emulator, string path, string body)
    {
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = Base };
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, path == "json.fcgi" ? "application/json" : "text/xml"));
        return await response.Content.ReadAsStringAsync();
    }
}
