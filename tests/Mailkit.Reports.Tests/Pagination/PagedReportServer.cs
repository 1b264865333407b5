using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Mailkit.Reports.TestSupport;

namespace Mailkit.Reports.Tests.Pagination;

/// <summary>
/// A Mailkit of the tests' own on a loopback socket, for the reports paged by record ID (raw.messages by
/// <c>ID_send_message</c>, raw.responses by <c>ID_log</c>): it reads the start and the limit from either transport's
/// request, answers with the records from the start on, in ascending order, and fails the requests it is told to.
/// </summary>
internal sealed class PagedReportServer : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly SortedDictionary<long, (string Key, string Value)[]> _records = [];
    private readonly object _gate = new();

    public PagedReportServer(string idKey, IEnumerable<long> ids, bool xml)
    {
        IdKey = idKey;
        Xml = xml;
        foreach (var id in ids)
        {
            _records[id] = [(idKey, id.ToString(CultureInfo.InvariantCulture)), ("email", $"r{id}@seznam.cz"), ("date", "2026-05-01 10:00:00")];
        }

        _server = new LoopbackHttpServer(ServeAsync);
    }

    public string IdKey { get; }

    public bool Xml { get; }

    public Uri Endpoint => _server.Endpoint;

    /// <summary>Gets or sets a value indicating whether the server answers from the record after the start, against Mailkit's documentation.</summary>
    public bool ExclusiveStart { get; set; }

    /// <summary>Gets the requests (numbered from 1) whose body is cut short halfway through.</summary>
    public HashSet<int> CutShort { get; } = [];

    /// <summary>Gets the start IDs asked for, in order (0 for none).</summary>
    public List<long> Starts { get; } = [];

    public IEnumerable<long> Ids => _records.Keys;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task ServeAsync(LoopbackHttpServer.Exchange exchange)
    {
        var (start, limit) = Xml ? FromXml(exchange.RequestBody) : FromJson(exchange.RequestBody);
        List<(string Key, string Value)[]> page;
        lock (_gate)
        {
            Starts.Add(start);
            page = [.. _records.Where(r => ExclusiveStart ? r.Key > start : r.Key >= start).Take(limit).Select(r => r.Value)];
        }

        var body = Xml ? XmlBody(page) : JsonBody(page);
        if (CutShort.Contains(exchange.Number))
        {
            await exchange.RespondCutShortAsync(body, Encoding.UTF8.GetByteCount(body) / 2);
        }
        else
        {
            await exchange.RespondAsync(body);
        }
    }

    private (long Start, int Limit) FromJson(string request)
    {
        using var call = JsonDocument.Parse(request);
        var parameters = call.RootElement.GetProperty("parameters");
        var start = parameters.TryGetProperty(IdKey, out var s) ? long.Parse(s.GetString()!, CultureInfo.InvariantCulture) : 0;
        var limit = int.Parse(parameters.GetProperty("limit").GetString()!, CultureInfo.InvariantCulture);
        return (start, limit);
    }

    private (long Start, int Limit) FromXml(string request)
    {
        // After the credentials: ID_message, ID_send, ID_send_message[, ID_log], limit.
        var values = XDocument.Parse(request).Descendants("param").Select(p => p.Element("value")!.Elements().Single().Value).Skip(2).ToList();
        var start = long.Parse(values[IdKey == "ID_log" ? 3 : 2], CultureInfo.InvariantCulture);
        return (start, int.Parse(values[^1], CultureInfo.InvariantCulture));
    }

    private static string JsonBody(List<(string Key, string Value)[]> page) =>
        "[" + string.Join(",", page.Select(r => "{" + string.Join(",", r.Select(f => $"\"{f.Key}\":\"{f.Value}\"")) + "}")) + "]";

    private static string XmlBody(List<(string Key, string Value)[]> page) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse><params><param><value><array><data>"
        + string.Concat(page.Select(r => "<value><struct>" + string.Concat(r.Select(f => $"<member><name>{f.Key}</name><value><string>{f.Value}</string></value></member>")) + "</struct></value>"))
        + "</data></array></value></param></params></methodResponse>";
}
