using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests;

/// <summary>
/// A scripted stand-in for the raw bounces function behind MockHttp: it pages a list of IDs and can misbehave
/// in the ways servers have been seen to.
/// </summary>
internal sealed class FakeBounceServer
{
    public FakeBounceServer(IEnumerable<long> ids) => Ids = ids.OrderBy(i => i).ToList();

    public List<long> Ids { get; }

    /// <summary>The fields of each record, by ID; a record not here gets <see cref="DefaultFields"/>.</summary>
    public Dictionary<long, IReadOnlyList<KeyValuePair<string, string>>> Fields { get; } = [];

    /// <summary>Treat the start ID as exclusive (records strictly after it).</summary>
    public bool ExclusiveStart { get; set; }

    /// <summary>Serve at most this many records whatever was asked.</summary>
    public int? PageCap { get; set; }

    /// <summary>Ignore the start ID altogether and always serve from the beginning.</summary>
    public bool IgnoreStart { get; set; }

    /// <summary>Swap the first two records of every page.</summary>
    public bool SwapFirstTwo { get; set; }

    /// <summary>Repeat the previous page's last record at the head of every later page.</summary>
    public bool RepeatPreviousLast { get; set; }

    /// <summary>Answer an empty result as <c>{}</c> instead of <c>[]</c>.</summary>
    public bool EmptyAsObject { get; set; }

    /// <summary>Replace the answer to call number N (1-based) with the content this returns, when it returns one.</summary>
    public Func<int, string, HttpResponseMessage?>? Fault { get; set; }

    public int Calls { get; private set; }

    public List<long?> Starts { get; } = [];

    private long? _lastServed;

    public MockHttpMessageHandler CreateHandler()
    {
        var handler = new MockHttpMessageHandler();
        handler.When(HttpMethod.Post, TestSupport.JsonUrl).Respond(async request => Handle(await request.Content!.ReadAsStringAsync()));
        handler.When(HttpMethod.Post, TestSupport.XmlRpcUrl).Respond(async request => HandleXmlRpc(await request.Content!.ReadAsStringAsync()));
        return handler;
    }

    public HttpResponseMessage HandleXmlRpc(string requestBody)
    {
        Calls++;
        var values = System.Xml.Linq.XDocument.Parse(requestBody).Descendants("param")
            .Select(p => p.Element("value")!.Elements().Single().Value)
            .ToList();
        var start = long.Parse(values[4], CultureInfo.InvariantCulture);
        var limit = int.Parse(values[5], CultureInfo.InvariantCulture);
        Starts.Add(start);
        var ids = Select(start == 0 ? null : start, limit);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse><params><param><value><array><data>\n");
        foreach (var id in ids)
        {
            xml.Append("<value><struct>");
            foreach (var (key, value) in FieldsOf(id))
            {
                var isInteger = key.StartsWith("ID_", StringComparison.Ordinal) && value.Length > 0;
                var type = isInteger ? (long.Parse(value, CultureInfo.InvariantCulture) > int.MaxValue ? "i8" : "i4") : "string";
                xml.Append("<member><name>").Append(key).Append("</name><value><").Append(type).Append('>')
                    .Append(System.Security.SecurityElement.Escape(value)).Append("</").Append(type).Append("></value></member>\n");
            }

            xml.Append("</struct></value>\n");
        }

        xml.Append("</data></array></value></param></params></methodResponse>\n");
        var body = xml.ToString();
        return Fault?.Invoke(Calls, body) ?? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
    }

    public HttpResponseMessage Handle(string requestBody)
    {
        Calls++;
        using var json = JsonDocument.Parse(requestBody);
        var parameters = json.RootElement.GetProperty("parameters");
        long? start = parameters.TryGetProperty("ID_undelivered_log", out var s) ? long.Parse(s.GetString()!, CultureInfo.InvariantCulture) : null;
        var limit = int.Parse(parameters.GetProperty("limit").GetString()!, CultureInfo.InvariantCulture);
        Starts.Add(start);

        var body = Page(start, limit);
        return Fault?.Invoke(Calls, body) ?? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    public string Page(long? start, int limit)
    {
        var page = Select(start, limit);
        if (page.Count == 0 && EmptyAsObject)
        {
            return "{}";
        }

        return "[" + string.Join(",", page.Select(id => JsonRecord(FieldsOf(id)))) + "]";
    }

    private List<long> Select(long? start, int limit)
    {
        var take = Math.Min(limit, PageCap ?? int.MaxValue);
        var from = IgnoreStart || start is null ? Ids : Ids.Where(id => ExclusiveStart ? id > start : id >= start);
        var page = from.Take(take).ToList();
        if (RepeatPreviousLast && _lastServed is { } last && page.Count > 0 && page[0] != last)
        {
            page.Insert(0, last);
        }

        if (SwapFirstTwo && page.Count >= 2)
        {
            (page[0], page[1]) = (page[1], page[0]);
        }

        if (page.Count > 0)
        {
            _lastServed = page.Max();
        }

        return page;
    }

    private IReadOnlyList<KeyValuePair<string, string>> FieldsOf(long id) => Fields.TryGetValue(id, out var fields) ? fields : DefaultFields(id);

    public static IReadOnlyList<KeyValuePair<string, string>> DefaultFields(long id) =>
    [
        new("ID_UNDELIVERED_LOG", id.ToString(CultureInfo.InvariantCulture)),
        new("ID_MESSAGE", "77"),
        new("EMAIL", $"r{id}@příklad.cz"),
        new("STATUS", "5.1.1"),
        new("RECIPIENT_STATUS", "permanent"),
    ];

    private static string JsonRecord(IReadOnlyList<KeyValuePair<string, string>> fields) =>
        "{" + string.Join(",", fields.Select(f => JsonSerializer.Serialize(f.Key) + ":" + JsonSerializer.Serialize(f.Value))) + "}";

    public static string Record(long id) => JsonRecord(DefaultFields(id));
}
