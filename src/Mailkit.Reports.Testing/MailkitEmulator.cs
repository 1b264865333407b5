using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Testing;

/// <summary>
/// An emulator of Mailkit's <c>mailkit.report.raw.bounces</c> over JSON (<c>json.fcgi</c>) and XML-RPC (<c>rpc.fcgi</c>),
/// as Mailkit's documentation and its known quirks describe it: inclusive start ID, at most 25 000 records a call,
/// the campaign and send filters, every JSON value a string, <c>{}</c> for an empty JSON result, errors in the body.
/// </summary>
/// <remarks>
/// Run it in-process with <see cref="CreateHandler"/> or on a loopback socket with <see cref="StartServerAsync"/>.
/// Quirks (<see cref="PageCap"/>, <see cref="ExclusiveStart"/>, <see cref="NumbersAsJsonNumbers"/>), faults
/// (<see cref="FailRequest"/>, <see cref="FaultProbability"/>) and a server-side rate limit (<see cref="ServerRateLimit"/>)
/// are set on the instance; <see cref="Requests"/> logs every request with the md5 redacted. Thread-safe.
/// </remarks>
public sealed partial class MailkitEmulator
{
    /// <summary>The client ID the emulator accepts unless told otherwise.</summary>
    public const int DefaultClientId = 12345;

    /// <summary>The md5 the emulator accepts unless told otherwise (a made-up value, never a real account's).</summary>
    public const string DefaultClientMd5 = "00112233445566778899aabbccddeeff";

    private readonly object _gate = new();
    private readonly List<EmulatedBounce> _bounces = [];
    private readonly ConcurrentDictionary<int, EmulatorFault> _plannedFaults = new();
    private readonly ConcurrentQueue<EmulatorRequest> _requests = new();
    private readonly Queue<DateTimeOffset> _recentRequests = new();
    private Random _faultRandom = new(0);
    private int _requestCount;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Gets or sets the client ID accepted; any other is answered <c>Unauthorized</c>.</summary>
    public int ClientId { get; set; } = DefaultClientId;

    /// <summary>Gets or sets the md5 accepted (compared without regard to case); any other is answered <c>Unauthorized</c>.</summary>
    public string ClientMd5 { get; set; } = DefaultClientMd5;

    /// <summary>Gets or sets an address to refuse every call from, answering <c>Disallowed IP …</c>; <see langword="null"/> allows all.</summary>
    public string? DisallowedIp { get; set; }

    /// <summary>Gets or sets the most records a call returns whatever its <c>limit</c> (a server that caps pages); <see langword="null"/> for 25 000.</summary>
    public int? PageCap { get; set; }

    /// <summary>Gets or sets a value indicating whether the start ID is treated as exclusive instead of inclusive.</summary>
    public bool ExclusiveStart { get; set; }

    /// <summary>Gets or sets a value indicating whether JSON IDs are sent as numbers instead of strings.</summary>
    public bool NumbersAsJsonNumbers { get; set; }

    /// <summary>Gets or sets the probability (0 to 1) that a request not planned with <see cref="FailRequest"/> is answered with a fault.</summary>
    public double FaultProbability { get; set; }

    /// <summary>Gets or sets the faults drawn when <see cref="FaultProbability"/> strikes.</summary>
    public IReadOnlyList<EmulatorFault> RandomFaults { get; set; } =
        [EmulatorFault.TooManyRequests, EmulatorFault.InternalServerError, EmulatorFault.BadGateway, EmulatorFault.ServiceUnavailable, EmulatorFault.ResetMidBody, EmulatorFault.CutShortBody];

    /// <summary>Gets or sets the <c>Retry-After</c> sent with 429 and 503 faults; <see langword="null"/> sends none.</summary>
    public TimeSpan? FaultRetryAfter { get; set; }

    /// <summary>Gets or sets how long a <see cref="EmulatorFault.SlowResponse"/> waits before answering.</summary>
    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the server-side rate limit: at most this many requests per <see cref="ServerRateLimitWindow"/>, answered 429 beyond it; <see langword="null"/> for none.</summary>
    public int? ServerRateLimit { get; set; }

    /// <summary>Gets or sets the window of <see cref="ServerRateLimit"/>.</summary>
    public TimeSpan ServerRateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets, when above 0, the size of the chunks a loopback server sends a body in, one every <see cref="TrickleInterval"/>.</summary>
    public int TrickleChunkBytes { get; set; }

    /// <summary>Gets or sets the pause between two trickled chunks.</summary>
    public TimeSpan TrickleInterval { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Gets or sets the clock used for the rate limit, slow responses and the request log.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets every request received so far, in order of arrival.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => [.. _requests.OrderBy(r => r.Number)];

    /// <summary>
    /// Gets the largest number of requests that were in flight at once: from arrival to the last byte of the answer, or
    /// until the server learns that the client has gone.
    /// </summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>Gets the bounces in the data set, in ascending ID order.</summary>
    public IReadOnlyList<EmulatedBounce> Bounces
    {
        get
        {
            lock (_gate)
            {
                return [.. _bounces];
            }
        }
    }

    /// <summary>Sets the seed of the random faults, so that a run can be repeated exactly.</summary>
    /// <param name="seed">The seed.</param>
    public void SeedFaults(int seed)
    {
        lock (_gate)
        {
            _faultRandom = new Random(seed);
        }
    }

    /// <summary>Answers request number <paramref name="requestNumber"/> (1-based, across the emulator's life) with a fault.</summary>
    /// <param name="requestNumber">The request's number.</param>
    /// <param name="fault">The fault.</param>
    public void FailRequest(int requestNumber, EmulatorFault fault) => _plannedFaults[requestNumber] = fault;

    /// <summary>Adds bounces to the data set.</summary>
    /// <param name="bounces">The bounces; an ID already present is replaced.</param>
    /// <exception cref="ArgumentNullException"><paramref name="bounces"/> is <see langword="null"/>.</exception>
    public void Add(IEnumerable<EmulatedBounce> bounces)
    {
        ArgumentNullException.ThrowIfNull(bounces);
        lock (_gate)
        {
            var byId = _bounces.ToDictionary(b => b.UndeliveredLogId);
            foreach (var bounce in bounces)
            {
                byId[bounce.UndeliveredLogId] = bounce;
            }

            _bounces.Clear();
            _bounces.AddRange(byId.Values.OrderBy(b => b.UndeliveredLogId));
        }
    }

    /// <summary>Adds one bounce given by its fields as Mailkit sends them.</summary>
    /// <param name="fields">The fields, including <c>ID_UNDELIVERED_LOG</c>.</param>
    public void Add(params KeyValuePair<string, string>[] fields) => Add([new EmulatedBounce(fields)]);

    /// <summary>Adds <paramref name="count"/> generated bounces (see <see cref="BounceDataGenerator"/>).</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="firstId">The first ID.</param>
    /// <returns>This emulator.</returns>
    public MailkitEmulator AddGenerated(int count, int seed = 1, long firstId = BounceDataGenerator.DefaultFirstId)
    {
        Add(BounceDataGenerator.Generate(count, seed, firstId));
        return this;
    }

    /// <summary>Returns the records a client should receive for a query, in order: the ground truth for assertions.</summary>
    /// <param name="campaignId">The campaign filter, if any.</param>
    /// <param name="sendId">The send filter, if any.</param>
    /// <param name="startId">The first ID wanted, if any.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<BounceRecord> ExpectedRecords(long? campaignId = null, long? sendId = null, long? startId = null) =>
        [.. Bounces.Where(b => Matches(b, campaignId, sendId) && b.UndeliveredLogId >= (startId ?? 0)).Select(b => b.ToBounceRecord())];

    /// <summary>Creates an in-process handler that answers like the emulator's server, for fast tests without sockets.</summary>
    /// <returns>A handler; give it to <c>new HttpClient(handler)</c> and point the client at <c>https://api.mailkit.eu/</c> or any other base address.</returns>
    public HttpMessageHandler CreateHandler() => new EmulatorHttpHandler(this);

    /// <summary>Starts a Kestrel server on a free loopback port that answers like the emulator.</summary>
    /// <param name="cancellationToken">A token that cancels the start.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    public Task<MailkitEmulatorServer> StartServerAsync(CancellationToken cancellationToken = default) =>
        MailkitEmulatorServer.StartAsync(this, cancellationToken);

    internal static bool Matches(EmulatedBounce bounce, long? campaignId, long? sendId) =>
        (campaignId is null or 0 || bounce.CampaignId == campaignId) && (sendId is null or 0 || bounce.SendId == sendId);

    internal void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while ((max = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }
    }

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Answers one request: the part shared by the in-process handler and the server.</summary>
    internal EmulatorAnswer Answer(string path, byte[] body)
    {
        var number = Interlocked.Increment(ref _requestCount);
        var received = TimeProvider.GetUtcNow();
        var transport = path.EndsWith("rpc.fcgi", StringComparison.Ordinal) ? "xmlrpc" : "json";
        var call = transport == "json" ? ParsedCall.FromJson(body) : ParsedCall.FromXmlRpc(body);
        var redacted = RedactBody(Encoding.UTF8.GetString(body), call.Md5);

        var answer = Decide(number, received, transport, call, path);
        _requests.Enqueue(new EmulatorRequest
        {
            Number = number,
            Transport = transport,
            Function = call.Function,
            ClientId = call.ClientId,
            Parameters = call.Parameters,
            RedactedBody = redacted,
            Fault = answer.Fault,
            Status = answer.Status,
            Records = answer.Records,
            ReceivedAt = received,
        });
        return answer;
    }

    /// <summary>
    /// Hides every 32-character hexadecimal run (an md5, whether or not the body parsed) and the md5 the call carried.
    /// A body whose md5 is written in an escaped form cannot be shown safely, so it is withheld whole.
    /// </summary>
    private static string RedactBody(string body, string? md5)
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

    [GeneratedRegex("(?<![0-9A-Fa-f])[0-9A-Fa-f]{32}(?![0-9A-Fa-f])", RegexOptions.CultureInvariant)]
    private static partial Regex Md5Shaped();

    private EmulatorAnswer Decide(int number, DateTimeOffset now, string transport, ParsedCall call, string path)
    {
        if (!path.EndsWith("json.fcgi", StringComparison.Ordinal) && !path.EndsWith("rpc.fcgi", StringComparison.Ordinal))
        {
            return EmulatorAnswer.Html(HttpStatusCode.NotFound, "<html><body><h1>404 Not Found</h1></body></html>", EmulatorFault.None);
        }

        if (ServerRateLimit is { } limit && OverRateLimit(now, limit) is { } wait)
        {
            return EmulatorAnswer.Plain(HttpStatusCode.TooManyRequests, "Too many requests", EmulatorFault.None, wait);
        }

        var fault = PickFault(number);
        switch (fault)
        {
            case EmulatorFault.TooManyRequests:
                return EmulatorAnswer.Plain(HttpStatusCode.TooManyRequests, "Too many requests", fault, FaultRetryAfter);
            case EmulatorFault.InternalServerError:
                return EmulatorAnswer.Plain(HttpStatusCode.InternalServerError, "Internal Server Error", fault, null);
            case EmulatorFault.ServiceUnavailable:
                return EmulatorAnswer.Plain(HttpStatusCode.ServiceUnavailable, "Service Unavailable", fault, FaultRetryAfter);
            case EmulatorFault.BadGateway:
                return EmulatorAnswer.Html(HttpStatusCode.BadGateway, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", fault);
            case EmulatorFault.HtmlPage:
                return EmulatorAnswer.Html(HttpStatusCode.OK, "<!DOCTYPE html><html><body><h1>Probíhá údržba</h1><p>Maintenance in progress.</p></body></html>", fault);
            case EmulatorFault.Unauthorized:
                return EmulatorAnswer.Error(transport, "Unauthorized", fault);
            case EmulatorFault.DisallowedIp:
                return EmulatorAnswer.Error(transport, $"Disallowed IP {DisallowedIp ?? "127.0.0.1"}", fault);
        }

        if (call.Invalid)
        {
            return EmulatorAnswer.Error(transport, "Invalid request", fault);
        }

        if (call.ClientId != ClientId.ToString(CultureInfo.InvariantCulture) || !string.Equals(call.Md5, ClientMd5, StringComparison.OrdinalIgnoreCase))
        {
            return EmulatorAnswer.Error(transport, "Unauthorized", fault);
        }

        if (DisallowedIp is { } ip)
        {
            return EmulatorAnswer.Error(transport, $"Disallowed IP {ip}", fault);
        }

        if (call.Function != Transport.MailkitFunctionCall.RawBouncesFunction)
        {
            return EmulatorAnswer.Error(transport, $"Unknown function {call.Function}", fault);
        }

        if (!TryId(call, "ID_message", out var campaign))
        {
            return EmulatorAnswer.Error(transport, "Invalid ID_message", fault);
        }

        if (!TryId(call, "ID_send", out var send))
        {
            return EmulatorAnswer.Error(transport, "Invalid ID_send", fault);
        }

        if (!TryId(call, "ID_undelivered_log", out var start) || !TryId(call, "limit", out var asked))
        {
            return EmulatorAnswer.Error(transport, "Invalid request", fault);
        }

        var take = (int)Math.Min(Math.Min(asked is null or <= 0 ? RawBouncesRequest.MaxPageSize : asked.Value, RawBouncesRequest.MaxPageSize), PageCap ?? int.MaxValue);
        var page = Select(campaign, send, start, take);
        var encoded = transport == "json" ? EncodeJson(page) : EncodeXmlRpc(page);
        return new EmulatorAnswer(HttpStatusCode.OK, transport == "json" ? "application/json; charset=utf-8" : "text/xml; charset=utf-8", encoded, fault, null, page.Count);
    }

    private EmulatorFault PickFault(int number)
    {
        if (_plannedFaults.TryGetValue(number, out var planned))
        {
            return planned;
        }

        lock (_gate)
        {
            return FaultProbability > 0 && RandomFaults.Count > 0 && _faultRandom.NextDouble() < FaultProbability
                ? RandomFaults[_faultRandom.Next(RandomFaults.Count)]
                : EmulatorFault.None;
        }
    }

    private TimeSpan? OverRateLimit(DateTimeOffset now, int limit)
    {
        lock (_recentRequests)
        {
            while (_recentRequests.Count > 0 && now - _recentRequests.Peek() >= ServerRateLimitWindow)
            {
                _recentRequests.Dequeue();
            }

            if (_recentRequests.Count >= limit)
            {
                var wait = _recentRequests.Peek() + ServerRateLimitWindow - now;
                return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));
            }

            _recentRequests.Enqueue(now);
            return null;
        }
    }

    private List<EmulatedBounce> Select(long? campaign, long? send, long? start, int take)
    {
        lock (_gate)
        {
            var from = 0;
            if (start is { } s)
            {
                int lo = 0, hi = _bounces.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) / 2;
                    var id = _bounces[mid].UndeliveredLogId;
                    if (ExclusiveStart ? id <= s : id < s)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                from = lo;
            }

            var page = new List<EmulatedBounce>(Math.Min(take, 1024));
            for (var i = from; i < _bounces.Count && page.Count < take; i++)
            {
                if (Matches(_bounces[i], campaign, send))
                {
                    page.Add(_bounces[i]);
                }
            }

            return page;
        }
    }

    private static bool TryId(ParsedCall call, string name, out long? value)
    {
        value = null;
        if (!call.Parameters.TryGetValue(name, out var text) || text.Length == 0)
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0)
        {
            value = number == 0 ? null : number;
            return true;
        }

        return false;
    }

    private byte[] EncodeJson(List<EmulatedBounce> page)
    {
        if (page.Count == 0)
        {
            return "{}"u8.ToArray();
        }

        using var stream = new MemoryStream(page.Count * 512);
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var bounce in page)
            {
                writer.WriteStartObject();
                foreach (var (key, value) in bounce.Fields)
                {
                    if (NumbersAsJsonNumbers && key.StartsWith("ID_", StringComparison.Ordinal) && value.Length > 0)
                    {
                        writer.WriteNumber(key, long.Parse(value, CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        writer.WriteString(key, value);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return stream.ToArray();
    }

    private static byte[] EncodeXmlRpc(List<EmulatedBounce> page)
    {
        var xml = new StringBuilder((page.Count * 900) + 200);
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse>\n <params>\n  <param>\n   <value>\n    <array>\n     <data>\n");
        foreach (var bounce in page)
        {
            xml.Append("      <value>\n       <struct>\n");
            foreach (var (key, value) in bounce.Fields)
            {
                var type = key.StartsWith("ID_", StringComparison.Ordinal) && value.Length > 0
                    ? (long.Parse(value, CultureInfo.InvariantCulture) > int.MaxValue ? "i8" : "i4")
                    : "string";
                xml.Append("        <member>\n         <name>").Append(key).Append("</name>\n         <value>\n          <")
                    .Append(type).Append('>').Append(SecurityElement.Escape(value)).Append("</").Append(type).Append(">\n         </value>\n        </member>\n");
            }

            xml.Append("       </struct>\n      </value>\n");
        }

        xml.Append("     </data>\n    </array>\n   </value>\n  </param>\n </params>\n</methodResponse>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    /// <summary>The parts of a call the emulator looks at.</summary>
    private sealed record ParsedCall(string? Function, string? ClientId, string? Md5, IReadOnlyDictionary<string, string> Parameters, bool Invalid)
    {
        private static readonly string[] PositionalNames = ["ID_message", "ID_send", "ID_undelivered_log", "limit"];

        public static ParsedCall FromJson(byte[] body)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
                if (root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in p.EnumerateObject())
                    {
                        parameters[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                    }
                }

                return new ParsedCall(Text(root, "function"), Text(root, "id"), Text(root, "md5"), parameters, Invalid: false);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // Not JSON, or JSON whose root is not an object.
                return new ParsedCall(null, null, null, new Dictionary<string, string>(), Invalid: true);
            }

            static string? Text(JsonElement root, string name) =>
                root.TryGetProperty(name, out var value) ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) : null;
        }

        public static ParsedCall FromXmlRpc(byte[] body)
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
                for (var i = 2; i < values.Count && i - 2 < PositionalNames.Length; i++)
                {
                    parameters[PositionalNames[i - 2]] = values[i].Trim();
                }

                return new ParsedCall(function, values.ElementAtOrDefault(0)?.Trim(), values.ElementAtOrDefault(1)?.Trim(), parameters, Invalid: values.Count < 2);
            }
            catch (XmlException)
            {
                return new ParsedCall(null, null, null, new Dictionary<string, string>(), Invalid: true);
            }
        }
    }
}

/// <summary>What the emulator answers one request with.</summary>
internal sealed record EmulatorAnswer(HttpStatusCode Status, string ContentType, byte[] Body, EmulatorFault Fault, TimeSpan? RetryAfter, int Records)
{
    public static EmulatorAnswer Html(HttpStatusCode status, string html, EmulatorFault fault) =>
        new(status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html), fault, null, 0);

    public static EmulatorAnswer Plain(HttpStatusCode status, string text, EmulatorFault fault, TimeSpan? retryAfter) =>
        new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text), fault, retryAfter, 0);

    public static EmulatorAnswer Error(string transport, string message, EmulatorFault fault) => transport == "json"
        ? new(HttpStatusCode.OK, "application/json; charset=utf-8", JsonSerializerError(message), fault, null, 0)
        : new(HttpStatusCode.OK, "text/xml; charset=utf-8", Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse>\n <params>\n  <param>\n   <value>\n    <string>{SecurityElement.Escape(message)}</string>\n   </value>\n  </param>\n </params>\n</methodResponse>\n"), fault, null, 0);

    private static byte[] JsonSerializerError(string message)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("error_status", 1);
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
