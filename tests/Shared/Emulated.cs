using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;
using Mailkit.Reports.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Mailkit.Reports.TestSupport;

internal static class Emulated
{
    private static int _nextClientId = 50_000;

    /// <summary>An emulator with its own account, so that the process-wide rate limit of one test never slows another.</summary>
    public static MailkitEmulator Create() => new() { ClientId = Interlocked.Increment(ref _nextClientId) };

    public static MailkitClientOptions Options(MailkitEmulatorServer server, MailkitTransportKind transport = MailkitTransportKind.Json) => new()
    {
        ClientId = server.Emulator.ClientId,
        ClientMd5 = server.Emulator.ClientMd5,
        Endpoint = server.Endpoint,
        Transport = transport,
        RateLimit = { MaxConcurrentRequests = 1, RequestsPerMinute = 100_000 },
        Retry = { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50), MaxRetryAttempts = 8 },
    };

    public static async Task<List<BounceRecord>> WalkAsync(MailkitClient client, RawBouncesRequest request)
    {
        var records = new List<BounceRecord>();
        await foreach (var record in client.GetAllRawBouncesAsync(request))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Moves the fake clock in small steps until the task is done.</summary>
    public static async Task RunClockAsync(FakeTimeProvider time, Task task)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2);
            time.Advance(TimeSpan.FromMilliseconds(250));
        }
    }
}
