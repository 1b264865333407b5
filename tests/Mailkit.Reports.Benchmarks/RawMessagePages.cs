using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Benchmarks;

/// <summary>
/// One 25 000-record page of <c>mailkit.report.raw.messages</c> as each transport sends it: the spec's keys, every JSON
/// value a string, XML-RPC IDs as <c>i4</c> or <c>i8</c> and other values as <c>string</c>, from a seeded generator.
/// </summary>
internal static class RawMessagePages
{
    private static readonly string[] Domains = ["seznam.cz", "gmail.com", "email.cz", "centrum.cz", "post.cz", "outlook.com", "volny.cz", "example.com"];

    public static byte[] Json(int records = Pages.Records) => Encoding.UTF8.GetBytes(Build(records, json: true));

    public static byte[] XmlRpc(int records = Pages.Records) => Encoding.UTF8.GetBytes(Build(records, json: false));

    /// <summary>A client whose every call is answered with <paramref name="page"/>, held in memory: what is measured is the SDK's call and decoding.</summary>
    public static MailkitClient ClientAnswering(byte[] page, MailkitTransportKind transport)
    {
        var options = new MailkitClientOptions
        {
            ClientId = 1,
            ClientMd5 = "0123456789abcdef0123456789abcdef",
            Endpoint = new Uri("https://bench.invalid/"),
            Transport = transport,
            RateLimit = { MaxConcurrentRequests = 64, RequestsPerMinute = 100_000 },
        };
        var mediaType = transport == MailkitTransportKind.Json ? "application/json" : "text/xml";
        return new MailkitClient(new HttpClient(new PageHandler(page, mediaType)), options);
    }

    public static async Task<int> DecodeAsync(MailkitClient client)
    {
        var page = await client.GetRawMessagesAsync(new RawMessagesRequest());
        return page.Records.Count;
    }

    /// <summary>Fails the setup unless the SDK reads every record of the page.</summary>
    public static void CheckAllDecoded(MailkitClient client)
    {
        var count = DecodeAsync(client).GetAwaiter().GetResult();
        if (count != Pages.Records)
        {
            throw new InvalidOperationException($"The SDK read {count} of {Pages.Records} raw messages.");
        }
    }

    private static string Build(int records, bool json)
    {
        var random = new Random(2026);
        var text = new StringBuilder(records * (json ? 560 : 1800));
        text.Append(json ? "[" : "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse>\n <params>\n  <param>\n   <value>\n    <array>\n     <data>\n");
        var sent = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < records; i++)
        {
            var domain = Domains[random.Next(Domains.Length)];
            sent = sent.AddSeconds(random.Next(1, 40));
            var date = sent.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            (string Key, string Value)[] fields =
            [
                ("ID_message", (12_000 + (i / 5_000)).ToString(CultureInfo.InvariantCulture)),
                ("ID_send", (480_000 + (i / 2_500)).ToString(CultureInfo.InvariantCulture)),
                ("ID_send_message", (3_000_000_000L + i).ToString(CultureInfo.InvariantCulture)),
                ("ID_user_list", random.Next(4) == 0 ? string.Empty : (100 + random.Next(20)).ToString(CultureInfo.InvariantCulture)),
                ("ID_email", random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture)),
                ("ID_template", string.Empty),
                ("type_message", "email"),
                ("email", $"recipient.{random.Next(1_000_000).ToString(CultureInfo.InvariantCulture)}@{domain}"),
                ("email_date", sent.AddDays(-random.Next(400)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                ("message_date", sent.AddMinutes(-5).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                ("date_sent", date),
                ("ab_version", random.Next(3) switch { 0 => "A", 1 => "B", _ => string.Empty }),
                ("message_status", "sent"),
                ("tld", domain[(domain.LastIndexOf('.') + 1)..]),
                ("domain", domain),
                ("custom_1", string.Empty),
                ("custom_2", string.Empty),
                ("custom_3", random.Next(5) == 0 ? "VIP" : string.Empty),
                ("custom_4", string.Empty),
            ];
            if (json)
            {
                text.Append(i == 0 ? "{" : ",{");
                for (var f = 0; f < fields.Length; f++)
                {
                    text.Append(f == 0 ? "\"" : ",\"").Append(fields[f].Key).Append("\":\"").Append(fields[f].Value).Append('"');
                }

                text.Append('}');
            }
            else
            {
                text.Append("      <value>\n       <struct>\n");
                foreach (var (key, value) in fields)
                {
                    var type = key.StartsWith("ID_", StringComparison.Ordinal) && value.Length > 0
                        ? (long.Parse(value, CultureInfo.InvariantCulture) > int.MaxValue ? "i8" : "i4")
                        : "string";
                    text.Append("        <member>\n         <name>").Append(key).Append("</name>\n         <value>\n          <").Append(type).Append('>')
                        .Append(value).Append("</").Append(type).Append(">\n         </value>\n        </member>\n");
                }

                text.Append("       </struct>\n      </value>\n");
            }
        }

        text.Append(json ? "]" : "     </data>\n    </array>\n   </value>\n  </param>\n </params>\n</methodResponse>\n");
        return text.ToString();
    }

    private sealed class PageHandler(byte[] page, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(page);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
