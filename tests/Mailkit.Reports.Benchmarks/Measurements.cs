using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailkit.Reports.Benchmarks;

/// <summary>
/// Console measurements of whole walks over loopback, where BenchmarkDotNet's repetitions would take too long:
/// live memory for 100 000 against 1 000 000 records, a 500 000-record walk against the hand-written loop, time to the
/// first record of a trickled page, and what decoding a page allocates against what its records must hold.
/// </summary>
internal static class Measurements
{
    public static async Task RunAsync(string[] args)
    {
        var which = args.FirstOrDefault() ?? "all";
        if (which is "all" or "memory")
        {
            // The server runs here; each walk runs in a fresh child process after a warm-up walk, so that the live memory
            // measured is the client's alone, in its steady state.
            await using var server = await SyntheticServer.StartAsync();
            var small = await RunMemoryChildAsync(server.Endpoint, 100_000);
            var large = await RunMemoryChildAsync(server.Endpoint, 1_000_000);
            Console.WriteLine($"walk 100000 records: peak live managed memory {small.PeakLive / 1048576.0:F2} MiB, peak heap incl. garbage {small.PeakHeap / 1048576.0:F1} MiB, {small.RecordsPerSecond:F0} records/s");
            Console.WriteLine($"walk 1000000 records: peak live managed memory {large.PeakLive / 1048576.0:F2} MiB, peak heap incl. garbage {large.PeakHeap / 1048576.0:F1} MiB, {large.RecordsPerSecond:F0} records/s");
            Console.WriteLine($"peak live ratio 1M/100k: {(double)large.PeakLive / small.PeakLive:F2}; peak heap ratio: {(double)large.PeakHeap / small.PeakHeap:F2}");
        }

        if (which is "all" or "allocation")
        {
            await MeasureAllocationAsync();
        }

        if (which is "memory-client")
        {
            var endpoint = new Uri(args[1]);
            await WalkAsync(endpoint, 100_000); // warm-up: JIT tiers, connection pool, buffer pools
            var (peakLive, peakHeap, rate) = await WalkAsync(endpoint, int.Parse(args[2], CultureInfo.InvariantCulture));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{peakLive} {peakHeap} {rate:F0}"));
        }

        if (which is "all" or "walk")
        {
            // 500 000 records over loopback, the SDK against the loop people write by hand. The emulator serves from this
            // process; each walk runs alone in a fresh child process, so its memory is the client's and nothing else's.
            var emulator = new MailkitEmulator().AddGenerated(500_000, seed: 2026);
            await using var emulated = await emulator.StartServerAsync();
            await CompareInChildProcessesAsync(emulated.Endpoint, emulator, 500_000);
        }

        if (which is "walk-client")
        {
            await RunWalkClientAsync(args[1..]);
        }

        if (which is "all" or "first-record")
        {
            // The emulator prepares a whole page before it sends the first byte, so the clock that matters starts when
            // the response headers arrive: from there the page comes at a steady trickle of 32 KiB chunks.
            var emulator = new MailkitEmulator().AddGenerated(25_000, seed: 2026);
            await using var server = await emulator.StartServerAsync();
            var headers = new HeaderClock { InnerHandler = new SocketsHttpHandler() };
            using var http = new HttpClient(headers) { Timeout = Timeout.InfiniteTimeSpan };
            using var client = new MailkitClient(http, new MailkitClientOptions { ClientId = emulator.ClientId, ClientMd5 = emulator.ClientMd5, Endpoint = server.Endpoint });

            // Warm up the connection, the JIT and the emulator's encoder with whole pages, untrickled.
            for (var i = 0; i < 3; i++)
            {
                await client.GetRawBouncesAsync(new RawBouncesRequest { PageSize = 25_000 });
            }

            emulator.TrickleChunkBytes = 32 * 1024;
            emulator.TrickleInterval = TimeSpan.FromMilliseconds(4);
            var watch = Stopwatch.StartNew();
            headers.Watch = watch;
            TimeSpan? first = null;
            var count = 0;
            await foreach (var unused in client.GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 25_000 }))
            {
                first ??= watch.Elapsed;
                if (++count == 25_000)
                {
                    break;
                }
            }

            var last = watch.Elapsed;
            var start = headers.Arrived!.Value;
            Console.WriteLine($"trickled 25000-record page: headers after {start.TotalMilliseconds:F0} ms; from there first record after {(first!.Value - start).TotalMilliseconds:F0} ms, last after {(last - start).TotalMilliseconds:F0} ms ({(first.Value - start) / (last - start):P1}); from the call: {first.Value.TotalMilliseconds:F0} ms of {last.TotalMilliseconds:F0} ms ({first.Value / last:P1})");
        }
    }

    /// <summary>Notes when the first response's headers arrive.</summary>
    private sealed class HeaderClock : DelegatingHandler
    {
        public Stopwatch? Watch { get; set; }

        public TimeSpan? Arrived { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (Watch is not null && Arrived is null)
            {
                Arrived = Watch.Elapsed;
            }

            return response;
        }
    }

    private static async Task CompareInChildProcessesAsync(Uri endpoint, MailkitEmulator emulator, int total)
    {
        // One warm-up walk of each kind primes the emulator's JIT and pools; then, per kind, a timed walk that reports the
        // process's peak resident set, and a walk that samples live managed memory (a full collection at each sample).
        await RunChildAsync("sdk", endpoint, emulator, 50_000, sampleLive: false);
        await RunChildAsync("hand", endpoint, emulator, 50_000, sampleLive: false);
        var sdk = await RunChildAsync("sdk", endpoint, emulator, total, sampleLive: false);
        var hand = await RunChildAsync("hand", endpoint, emulator, total, sampleLive: false);
        var sdkLive = await RunChildAsync("sdk", endpoint, emulator, total, sampleLive: true);
        var handLive = await RunChildAsync("hand", endpoint, emulator, total, sampleLive: true);
        const double mib = 1048576.0;
        Console.WriteLine($"walk {total} records from the emulator (client in its own process), SDK: {sdk.RecordsPerSecond:F0} records/s, peak resident set {sdk.PeakResident / mib:F1} MiB, peak live managed memory {sdkLive.PeakLive / mib:F1} MiB");
        Console.WriteLine($"walk {total} records from the emulator (client in its own process), by hand: {hand.RecordsPerSecond:F0} records/s, peak resident set {hand.PeakResident / mib:F1} MiB, peak live managed memory {handLive.PeakLive / mib:F1} MiB");
        Console.WriteLine($"  SDK speed-up {sdk.RecordsPerSecond / hand.RecordsPerSecond:F2}x; peak resident set {(double)sdk.PeakResident / hand.PeakResident:P1} of by hand; peak live managed memory {(double)sdkLive.PeakLive / handLive.PeakLive:P1} of by hand");
    }

    /// <summary>
    /// Bytes the SDK allocates to decode a 25 000-record JSON page, against what the records it returns must hold: each
    /// record object, its map of extra fields, its address (unique to it), and one copy of each other distinct text.
    /// </summary>
    private static async Task MeasureAllocationAsync()
    {
        var page = await Pages.JsonAsync();
        var records = new List<BounceRecord>(Pages.Records);
        await Pages.DecodeAsync(Reports.Transport.MailkitTransport.Json, page); // warm-up
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await foreach (var record in Reports.Transport.MailkitTransport.Json.ReadBounceRecordsAsync(new MemoryStream(page, writable: false), Pages.Context, CancellationToken.None))
        {
            records.Add(record);
        }

        var sdk = GC.GetTotalAllocatedBytes(precise: true) - before;

        before = GC.GetTotalAllocatedBytes(precise: true);
        foreach (var record in records)
        {
            GC.KeepAlive(record with { });
        }

        var objects = GC.GetTotalAllocatedBytes(precise: true) - before;
        static long StringSize(string text) => text.Length == 0 ? 0 : (20 + (2 * (text.Length + 1)) + 7) / 8 * 8;
        var maps = records.Where(r => r.ExtraFields.Count > 0).Sum(r => 32L + 24 + (8L * r.ExtraFields.Count));
        var addresses = records.Sum(r => StringSize(r.Email));
        var texts = records.SelectMany(r => r.ExtraFields.Values.Append(r.ServerReply).Append(r.RemoteMta).Append(r.RecipientStatusText))
            .Distinct(StringComparer.Ordinal).Sum(StringSize);
        var floor = objects + maps + addresses + texts;
        Console.WriteLine($"decode 25000 JSON records: SDK allocates {sdk / 25_000.0:F0} B/record; the records hold {floor / 25_000.0:F0} B/record "
            + $"(record objects {objects / 25_000.0:F0}, extra-field maps {maps / 25_000.0:F0}, addresses {addresses / 25_000.0:F0}, other distinct texts {texts / 25_000.0:F0}); "
            + $"SDK = {(double)sdk / floor:F2}x that");
    }

    private static async Task<(long PeakLive, long PeakHeap, double RecordsPerSecond)> RunMemoryChildAsync(Uri endpoint, int records)
    {
        var output = await RunSelfAsync(["measure", "memory-client", endpoint.ToString(), records.ToString(CultureInfo.InvariantCulture)]);
        var parts = output.Trim().Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Runs this program again in a child process with <paramref name="arguments"/> and returns what it printed.</summary>
    private static async Task<string> RunSelfAsync(string[] arguments)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Measurements).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return child.ExitCode == 0 ? output : throw new InvalidOperationException($"{string.Join(' ', arguments)} exited with {child.ExitCode}: {output}");
    }

    private static async Task<(double RecordsPerSecond, long PeakResident, long PeakLive)> RunChildAsync(string kind, Uri endpoint, MailkitEmulator emulator, int records, bool sampleLive)
    {
        var output = await RunSelfAsync(
        [
            "measure", "walk-client", kind, endpoint.ToString(), emulator.ClientId.ToString(CultureInfo.InvariantCulture),
            emulator.ClientMd5, records.ToString(CultureInfo.InvariantCulture), sampleLive ? "live" : "fast",
        ]);
        var parts = output.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>The child side: one walk, then "records/s peak-resident-bytes peak-live-bytes" on one line.</summary>
    private static async Task RunWalkClientAsync(string[] args)
    {
        var endpoint = new Uri(args[1]);
        var clientId = int.Parse(args[2], CultureInfo.InvariantCulture);
        var md5 = args[3];
        var records = int.Parse(args[4], CultureInfo.InvariantCulture);
        var sampleLive = args[5] == "live";
        var (peakLive, recordsPerSecond) = args[0] == "sdk"
            ? await SdkWalkAsync(clientId, md5, endpoint, records, sampleLive)
            : await HandWalkAsync(clientId, md5, endpoint, records, sampleLive);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{recordsPerSecond:F0} {self.PeakWorkingSet64} {peakLive}"));
    }

    private static async Task<(long PeakHeap, double RecordsPerSecond)> SdkWalkAsync(int clientId, string md5, Uri endpoint, int stopAfter, bool sampleLive)
    {
        Collect();
        using var client = new MailkitClient(new MailkitClientOptions
        {
            ClientId = clientId,
            ClientMd5 = md5,
            Endpoint = endpoint,
            RateLimit = { RequestsPerMinute = 100_000 },
        });
        long peak = 0, count = 0;
        var watch = Stopwatch.StartNew();
        await foreach (var unused in client.GetAllRawBouncesAsync(new RawBouncesRequest()))
        {
            if (sampleLive && ++count % 10_000 == 5_000)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }
            else if (!sampleLive)
            {
                count++;
            }

            if (count >= stopAfter)
            {
                break;
            }
        }

        return (peak, count / watch.Elapsed.TotalSeconds);
    }

    /// <summary>The loop a .NET developer writes without the SDK: PostAsync, ReadAsStringAsync, a list of dictionaries, the cursor by hand.</summary>
    private static async Task<(long PeakHeap, double RecordsPerSecond)> HandWalkAsync(int clientId, string md5, Uri endpoint, int stopAfter, bool sampleLive)
    {
        Collect();
        using var http = new HttpClient();
        long peak = 0, count = 0;
        long start = 1;
        var watch = Stopwatch.StartNew();
        while (count < stopAfter)
        {
            var body = "{\"function\":\"mailkit.report.raw.bounces\",\"id\":\"" + clientId.ToString(CultureInfo.InvariantCulture)
                + "\",\"md5\":\"" + md5 + "\",\"parameters\":{\"ID_undelivered_log\":\"" + start.ToString(CultureInfo.InvariantCulture) + "\",\"limit\":\"25000\"}}";
            using var response = await http.PostAsync(new Uri(endpoint, "json.fcgi"), new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            if (text == "{}")
            {
                break;
            }

            var rows = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(text)!;
            if (sampleLive)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }

            foreach (var row in rows)
            {
                var record = Pages.MapByHand(row.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())));
                start = record.UndeliveredLogId + 1;
                count++;
            }

            GC.KeepAlive(text);
        }

        return (peak, count / watch.Elapsed.TotalSeconds);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static async Task<(long PeakLive, long PeakHeap, double RecordsPerSecond)> WalkAsync(Uri endpoint, int records)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var client = new MailkitClient(new MailkitClientOptions
        {
            ClientId = 1,
            ClientMd5 = "00112233445566778899aabbccddeeff",
            Endpoint = new Uri(endpoint, $"limit{records}/"),
            RateLimit = { RequestsPerMinute = 100_000 },
        });
        long peakLive = 0, peakHeap = 0;
        var count = 0;
        var watch = Stopwatch.StartNew();
        var sampling = TimeSpan.Zero;
        await foreach (var unused in client.GetAllRawBouncesAsync(new RawBouncesRequest()))
        {
            if (++count % 500 == 0)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            }

            if (count % 10_000 == 5_000)
            {
                // What the walk holds on to, mid-page: a full collection leaves only live objects.
                var before = watch.Elapsed;
                peakLive = Math.Max(peakLive, GC.GetTotalMemory(forceFullCollection: true));
                sampling += watch.Elapsed - before;
            }
        }

        if (count != records)
        {
            throw new InvalidOperationException($"walked {count} records, expected {records}");
        }

        return (peakLive, peakHeap, records / (watch.Elapsed - sampling).TotalSeconds);
    }

    /// <summary>
    /// A loopback server that writes pages straight to the socket from the requested start ID, holding no data set,
    /// so that the process's memory is the client's. <c>/limitN/json.fcgi</c> serves IDs 1 to N.
    /// </summary>
    private sealed class SyntheticServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private SyntheticServer(WebApplication app, Uri endpoint)
        {
            _app = app;
            Endpoint = endpoint;
        }

        public Uri Endpoint { get; }

        public static async Task<SyntheticServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.Run(ServeAsync);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new SyntheticServer(app, new Uri(address.TrimEnd('/') + "/"));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private static async Task ServeAsync(HttpContext context)
        {
            var total = long.Parse(context.Request.Path.Value!.Split('/')[1]["limit".Length..], CultureInfo.InvariantCulture);
            using var json = await JsonDocument.ParseAsync(context.Request.Body);
            var parameters = json.RootElement.GetProperty("parameters");
            var start = parameters.TryGetProperty("ID_undelivered_log", out var s) ? long.Parse(s.GetString()!, CultureInfo.InvariantCulture) : 1;
            var limit = int.Parse(parameters.GetProperty("limit").GetString()!, CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/json";
            var body = context.Response.Body;
            var first = Math.Max(start, 1);
            var last = Math.Min(total, first + limit - 1);
            if (first > total)
            {
                await body.WriteAsync("{}"u8.ToArray());
                return;
            }

            var chunk = new StringBuilder(70_000);
            chunk.Append('[');
            for (var id = first; id <= last; id++)
            {
                chunk.Append(id == first ? "" : ",")
                    .Append("{\"ID_MESSAGE\":\"10001\",\"TEXT_STATUS\":\"smtp; 550 5.1.1 <jiri.novak@seznam.cz>: Recipient address rejected: User unknown\",\"STATUS\":\"5.1.1\",\"ID_EMAIL\":\"7000")
                    .Append(id).Append("\",\"ID_SEND\":\"500001\",\"EMAIL\":\"jiří.novák").Append(id).Append("@příklad.cz\",\"ID_SEND_MESSGE\":\"3")
                    .Append(id).Append("\",\"ID_USER_LIST\":\"201\",\"REMOTE_MTA\":\"dns; mx1.seznam.cz\",\"ID_UNDELIVERED_LOG\":\"").Append(id)
                    .Append("\",\"RECIPIENT_STATUS\":\"permanent\",\"BOUNCE_CAT\":\"bad-mailbox\"}");
                if (chunk.Length > 64_000)
                {
                    await body.WriteAsync(Encoding.UTF8.GetBytes(chunk.ToString()));
                    chunk.Clear();
                }
            }

            chunk.Append(']');
            await body.WriteAsync(Encoding.UTF8.GetBytes(chunk.ToString()));
        }
    }
}
