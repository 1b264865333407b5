// Walks a loopback emulator end to end with the SDK installed from its packages, as an application uses it:
// options bound from configuration, the typed client from dependency injection, both transports, and a server that
// fails now and then; classifies every record; then lets a hosted sync hand the same records to a handler. .ci/run
// runs it as a JIT app, as a trimmed single-file app and as a Native AOT app; any record lost, duplicated or out of
// order, or one the classifier cannot read, makes it exit with 1.
using System.Globalization;
using Mailkit.Reports;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Hosting;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;
using Mailkit.Reports.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// <Emulator>
const int Records = 20_000;
var emulator = new MailkitEmulator().AddGenerated(Records, seed: 2026);
emulator.FailRequest(2, EmulatorFault.ServiceUnavailable);
emulator.FailRequest(5, EmulatorFault.ResetMidBody);
await using var server = await emulator.StartServerAsync();
var expected = emulator.Bounces.Select(b => b.UndeliveredLogId).ToList();

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Mailkit:ClientId"] = emulator.ClientId.ToString(CultureInfo.InvariantCulture),
    ["Mailkit:ClientMd5"] = emulator.ClientMd5,
    ["Mailkit:Endpoint"] = server.Endpoint.ToString(),
    ["Mailkit:Retry:BaseDelay"] = "00:00:00.050",
    ["Mailkit:RateLimit:RequestsPerMinute"] = "6000",
}).Build();
// </Emulator>

var failures = 0;
foreach (var transport in new[] { MailkitTransportKind.Json, MailkitTransportKind.XmlRpc })
{
    // <Client>
    var services = new ServiceCollection();
    services.AddMailkitClient(configuration.GetSection("Mailkit"));
    services.Configure<MailkitClientOptions>(o => o.Transport = transport);
    await using var provider = services.BuildServiceProvider();
    var client = provider.GetRequiredService<IMailkitClient>();
    // </Client>

    var ids = new List<long>(Records);
    string? firstEmail = null;
    var reasons = new Dictionary<BounceReason, int>();
    await foreach (var bounce in client.GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 4_000 }))
    {
        firstEmail ??= bounce.Email;
        ids.Add(bounce.UndeliveredLogId);
        var reason = BounceClassifier.Default.Classify(bounce).Reason;
        reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
    }

    // The rules ship inside the package: a trimmed or AOT app that lost them would classify nothing.
    var classified = Records - reasons.GetValueOrDefault(BounceReason.Undetermined);
    failures += classified > Records / 2 ? 0 : 1;
    Console.WriteLine($"{transport}: {classified} of {Records} classified; most often {string.Join(", ", reasons.OrderByDescending(r => r.Value).Take(3).Select(r => $"{BounceReasons.ToSisimaiName(r.Key)} {r.Value}"))}");

    var exact = ids.SequenceEqual(expected);
    failures += exact ? 0 : 1;
    Console.WriteLine($"{transport}: {ids.Count} of {expected.Count} records, {(exact ? "each once, in order" : "NOT the emulator's records")}; first recipient {firstEmail}");
}

var faulted = emulator.Requests.Count(r => r.Fault != EmulatorFault.None);
Console.WriteLine($"{emulator.Requests.Count} requests, {faulted} answered with a fault and retried.");

// The hosted sync of Mailkit.Reports.Hosting: a generic host hands every record to the handler, page by page.
var cursors = Directory.CreateTempSubdirectory("mailkit-installed-").FullName;
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddMailkitClient(configuration.GetSection("Mailkit"))
    .AddBounceSync<CountingHandler>(o =>
    {
        o.Interval = TimeSpan.FromMilliseconds(200);
        o.PageSize = 4_000;
    })
    .UseFileCursorStore(cursors);
using (var host = builder.Build())
{
    await host.StartAsync();
    using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    while (CountingHandler.Ids.Count < Records && !wait.IsCancellationRequested)
    {
        await Task.Delay(50, CancellationToken.None);
    }

    await host.StopAsync(CancellationToken.None);
}

Directory.Delete(cursors, recursive: true);
var synced = CountingHandler.Ids.SequenceEqual(expected);
Console.WriteLine($"hosted sync: {CountingHandler.Ids.Count} of {expected.Count} records, {(synced ? "each once, in order" : "NOT the emulator's records")}");
return failures == 0 && faulted == 2 && synced ? 0 : 1;

/// <summary>Collects what the hosted sync hands over.</summary>
internal sealed class CountingHandler : IBounceHandler
{
    public static List<long> Ids { get; } = [];

    public Task HandleAsync(BouncePage page, BounceSyncContext context, CancellationToken cancellationToken)
    {
        Ids.AddRange(page.Records.Select(r => r.UndeliveredLogId));
        return Task.CompletedTask;
    }
}
