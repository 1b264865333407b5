using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Benchmarks;

/// <summary>Decoding one 25 000-record JSON page held in memory: the SDK against the floor and against code written by hand.</summary>
[MemoryDiagnoser]
public class JsonDecodeBenchmarks
{
    private byte[] _page = [];

    [GlobalSetup]
    public async Task Setup() => _page = await Pages.JsonAsync();

    /// <summary>The floor: one Utf8JsonReader pass that reads every token and materialises nothing.</summary>
    [Benchmark(Baseline = true)]
    public int Floor()
    {
        var reader = new Utf8JsonReader(_page);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>
    /// The floor plus a string for every string value: what materialising the texts alone costs, the part of the SDK's
    /// time that the floor leaves out.
    /// </summary>
    [Benchmark]
    public int FloorWithStrings()
    {
        var reader = new Utf8JsonReader(_page);
        var tokens = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                tokens += reader.GetString()!.Length > 0 ? 1 : 0;
            }

            tokens++;
        }

        return tokens;
    }

    [Benchmark]
    public Task<int> Sdk() => Pages.DecodeAsync(MailkitTransport.Json, _page);

    /// <summary>What a .NET developer writes without the SDK: a list of dictionaries, then mapping.</summary>
    [Benchmark]
    public int ByHand()
    {
        var rows = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(_page)!;
        var count = 0;
        foreach (var row in rows)
        {
            var record = Pages.MapByHand(row.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())));
            count += record.UndeliveredLogId > 0 ? 1 : 0;
        }

        return count;
    }
}

/// <summary>Decoding the same page as XML-RPC: the SDK against a synchronous XmlReader pass and against XDocument.</summary>
[MemoryDiagnoser]
public class XmlRpcDecodeBenchmarks
{
    private byte[] _page = [];

    [GlobalSetup]
    public async Task Setup() => _page = await Pages.XmlRpcAsync();

    /// <summary>The floor: an XmlReader pass that reads every node and every value, materialising nothing else.</summary>
    [Benchmark(Baseline = true)]
    public int Floor()
    {
        using var reader = XmlReader.Create(new MemoryStream(_page), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var nodes = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Text)
            {
                nodes += reader.Value.Length > 0 ? 1 : 0;
            }

            nodes++;
        }

        return nodes;
    }

    [Benchmark]
    public Task<int> Sdk() => Pages.DecodeAsync(MailkitTransport.XmlRpc, _page);

    /// <summary>What a .NET developer writes without the SDK: XDocument.Load, then mapping each struct.</summary>
    [Benchmark]
    public int ByHand()
    {
        var document = XDocument.Load(new MemoryStream(_page));
        var count = 0;
        foreach (var item in document.Descendants("struct"))
        {
            var record = Pages.MapByHand(item.Elements("member").Select(m => new KeyValuePair<string, string>(
                m.Element("name")!.Value,
                m.Element("value")!.Value)));
            count += record.UndeliveredLogId > 0 ? 1 : 0;
        }

        return count;
    }
}
