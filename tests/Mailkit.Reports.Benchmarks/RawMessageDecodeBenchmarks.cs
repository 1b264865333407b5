using System.Text.Json;
using System.Xml;
using BenchmarkDotNet.Attributes;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Benchmarks;

/// <summary>
/// Decoding one 25 000-record JSON page of raw messages: the SDK (one call of <c>GetRawMessagesAsync</c> over an
/// in-memory handler, so the call's own work is included) against the floor the bounce decoders are measured against.
/// </summary>
[MemoryDiagnoser]
public class JsonRawMessageDecodeBenchmarks
{
    private byte[] _page = [];
    private MailkitClient? _client;

    [GlobalSetup]
    public void Setup()
    {
        _page = RawMessagePages.Json();
        _client = RawMessagePages.ClientAnswering(_page, MailkitTransportKind.Json);
        RawMessagePages.CheckAllDecoded(_client);
    }

    [GlobalCleanup]
    public void Cleanup() => _client?.Dispose();

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

    /// <summary>The floor plus a string for every string value.</summary>
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
    public Task<int> Sdk() => RawMessagePages.DecodeAsync(_client!);
}

/// <summary>Decoding the same raw-messages page as XML-RPC: the SDK against a synchronous XmlReader pass.</summary>
[MemoryDiagnoser]
public class XmlRpcRawMessageDecodeBenchmarks
{
    private byte[] _page = [];
    private MailkitClient? _client;

    [GlobalSetup]
    public void Setup()
    {
        _page = RawMessagePages.XmlRpc();
        _client = RawMessagePages.ClientAnswering(_page, MailkitTransportKind.XmlRpc);
        RawMessagePages.CheckAllDecoded(_client);
    }

    [GlobalCleanup]
    public void Cleanup() => _client?.Dispose();

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
    public Task<int> Sdk() => RawMessagePages.DecodeAsync(_client!);
}
