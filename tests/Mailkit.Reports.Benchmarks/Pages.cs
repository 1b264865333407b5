using System.Net;
using System.Text;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Benchmarks;

/// <summary>One 25 000-record page from the emulator's seeded generator, encoded as each transport sends it.</summary>
internal static class Pages
{
    public const int Records = 25_000;

    public static MailkitResponseContext Context { get; } = new(MailkitFunctionCall.RawBouncesFunction, HttpStatusCode.OK);

    public static Task<byte[]> JsonAsync(int records = Records) => EncodeAsync(records, transport: "json");

    public static Task<byte[]> XmlRpcAsync(int records = Records) => EncodeAsync(records, transport: "xmlrpc");

    /// <summary>Encodes the page with the emulator itself, so the bytes are exactly what it serves.</summary>
    private static async Task<byte[]> EncodeAsync(int records, string transport)
    {
        var emulator = new MailkitEmulator().AddGenerated(records, seed: 2026);
        using var http = new HttpClient(emulator.CreateHandler());
        var call = MailkitFunctionCall.ForRawBounces(new RawBouncesRequest());
        var credentials = new MailkitCredentials(emulator.ClientId, emulator.ClientMd5);
        var request = (transport == "json" ? MailkitTransport.Json : MailkitTransport.XmlRpc).CreateRequest(new Uri("http://emulator/"), call, credentials);
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<int> DecodeAsync(MailkitTransport transport, byte[] page)
    {
        var count = 0;
        await foreach (var unused in transport.ReadBounceRecordsAsync(new MemoryStream(page, writable: false), Context, CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    /// <summary>Maps a bag of keys and texts to a record the way a hand-written client does.</summary>
    public static BounceRecord MapByHand(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var builder = new BounceRecordBuilder();
        foreach (var (key, value) in fields)
        {
            builder.Set(key, value);
        }

        return builder.Build();
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
