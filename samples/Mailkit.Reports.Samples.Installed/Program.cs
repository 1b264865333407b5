// Walks a loopback emulator end to end with the SDK installed from its packages, as an application uses it:
// options bound from configuration, the typed client from dependency injection, both transports, and a server that
// fails now and then. .ci/run runs it as a JIT app, as a trimmed single-file app and as a Native AOT app; any record
// lost, duplicated or out of order makes it exit with 1.
using System.Globalization;
using Mailkit.Reports;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;
using Mailkit.Reports.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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

var failures = 0;
foreach (var transport in new[] { MailkitTransportKind.Json, MailkitTransportKind.XmlRpc })
{
    var services = new ServiceCollection();
    services.AddMailkitClient(configuration.GetSection("Mailkit"));
    services.Configure<MailkitClientOptions>(o => o.Transport = transport);
    await using var provider = services.BuildServiceProvider();
    var client = provider.GetRequiredService<IMailkitClient>();

    var ids = new List<long>(Records);
    string? firstEmail = null;
    await foreach (var bounce in client.GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 4_000 }))
    {
        firstEmail ??= bounce.Email;
        ids.Add(bounce.UndeliveredLogId);
    }

    var exact = ids.SequenceEqual(expected);
    failures += exact ? 0 : 1;
    Console.WriteLine($"{transport}: {ids.Count} of {expected.Count} records, {(exact ? "each once, in order" : "NOT the emulator's records")}; first recipient {firstEmail}");
}

var faulted = emulator.Requests.Count(r => r.Fault != EmulatorFault.None);
Console.WriteLine($"{emulator.Requests.Count} requests, {faulted} answered with a fault and retried.");
return failures == 0 && faulted == 2 ? 0 : 1;
