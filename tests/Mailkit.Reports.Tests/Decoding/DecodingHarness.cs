using System.Net;
using System.Text;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Tests.Decoding;

/// <summary>Bodies in both wire formats, and a way to decode them through the transports as a client would.</summary>
internal static class DecodingHarness
{
    /// <summary>A generous bound: a linear decode takes a fraction of it, a quadratic one many times more.</summary>
    public static readonly TimeSpan LinearBound = TimeSpan.FromSeconds(20);

    public static MailkitResponseContext Context(int maxRecordBytes = MailkitClientOptions.DefaultMaxRecordBytes, int maxRecordFields = MailkitClientOptions.DefaultMaxRecordFields) =>
        new(MailkitFunctionCall.RawBouncesFunction, HttpStatusCode.OK) { MaxRecordBytes = maxRecordBytes, MaxRecordFields = maxRecordFields };

    public static MailkitTransport TransportFor(bool xml) => xml ? MailkitTransport.XmlRpc : MailkitTransport.Json;

    public static async Task<List<BounceRecord>> DecodeAsync(bool xml, Stream body, MailkitResponseContext? context = null, CancellationToken cancellationToken = default)
    {
        var records = new List<BounceRecord>();
        await foreach (var record in TransportFor(xml).ReadBounceRecordsAsync(body, context ?? Context(), cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Decodes on the thread pool and fails the test when it takes longer than <see cref="LinearBound"/>.</summary>
    public static Task<List<BounceRecord>> DecodeWithinBoundAsync(bool xml, Stream body, MailkitResponseContext? context = null) =>
        Task.Run(() => DecodeAsync(xml, body, context)).WaitAsync(LinearBound);

    public static Task<List<BounceRecord>> DecodeAsync(bool xml, string body) => DecodeAsync(xml, new MemoryStream(Encoding.UTF8.GetBytes(body)));

    /// <summary>A body holding the records, each given as its fields' key and wire text (already escaped for its format).</summary>
    public static string Body(bool xml, params (string Key, string Value)[][] records)
    {
        var text = new StringBuilder(xml ? XmlOpening : "[");
        for (var r = 0; r < records.Length; r++)
        {
            if (xml)
            {
                text.Append("<value><struct>");
                foreach (var (key, value) in records[r])
                {
                    text.Append("<member><name>").Append(key).Append("</name><value>").Append(value).Append("</value></member>");
                }

                text.Append("</struct></value>");
            }
            else
            {
                text.Append(r == 0 ? "{" : ",{");
                for (var i = 0; i < records[r].Length; i++)
                {
                    text.Append(i == 0 ? "" : ",").Append('"').Append(records[r][i].Key).Append("\":").Append(records[r][i].Value);
                }

                text.Append('}');
            }
        }

        return text.Append(xml ? XmlClosing : "]").ToString();
    }

    /// <summary>One field as its format writes a string value.</summary>
    public static (string Key, string Value) Field(bool xml, string key, string value) =>
        (key, xml ? $"<string>{value}</string>" : $"\"{value}\"");

    public const string XmlOpening = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse><params><param><value><array><data>";
    public const string XmlClosing = "</data></array></value></param></params></methodResponse>";
}

