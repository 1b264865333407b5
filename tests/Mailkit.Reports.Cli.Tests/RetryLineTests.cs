using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mailkit.Reports.Testing;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>Every retry of a call prints one line: what failed, which attempt of how many, and when the next one starts.</summary>
public sealed class RetryLineTests : IDisposable
{
    private const string Md5 = "0123456789abcdef0123456789abcdef";
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-retry-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Export_NothingListensOnTheEndpoint_PrintsALinePerRetryThenTheNetworkError()
    {
        var endpoint = $"http://127.0.0.1:{ClosedLoopbackPort().ToString(CultureInfo.InvariantCulture)}/";

        var run = await CliAsync(
            ["export", "--endpoint", endpoint, "--client-id", "5", "--output", Path.Combine(_directory, "b.db"), "--no-progress"],
            new Dictionary<string, string?> { ["MAILKIT_CLIENT_MD5"] = Md5 },
            timeProvider: new ShortDelays());

        Assert.Equal(4, run.ExitCode);
        var retries = Lines(run.Error).Where(l => l.StartsWith("retrying: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, retries.Count);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.StartsWith($"retrying: connection refused (attempt {attempt} of 5 failed), next try in ", retries[attempt - 1], StringComparison.Ordinal);
            Assert.EndsWith(" s", retries[attempt - 1], StringComparison.Ordinal);
        }

        Assert.StartsWith("mailkit-bounces: ", Lines(run.Error)[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(Md5, run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Md5[..8], run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Export_AServerErrorThenABodyCutShort_PrintsOneLineForEachAndFinishes()
    {
        var emulator = Emulator(50);
        emulator.FailRequest(1, EmulatorFault.ServiceUnavailable);
        emulator.FailRequest(2, EmulatorFault.CutShortBody);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, "b.db");

        var run = await CliAsync(
            ["export", "--endpoint", server.Endpoint.ToString(), "--client-id", emulator.ClientId.ToString(CultureInfo.InvariantCulture), "--output", target, "--no-progress"],
            new Dictionary<string, string?> { ["MAILKIT_CLIENT_MD5"] = emulator.ClientMd5 },
            timeProvider: new ShortDelays());

        Assert.Equal(0, run.ExitCode);
        var retries = Lines(run.Error).Where(l => l.StartsWith("retrying: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.StartsWith("retrying: HTTP 503 (attempt 1 of 5 failed), next try in ", retries[0], StringComparison.Ordinal);

        // A cut that reaches the client with the headers fails the call's second attempt; one that comes later fails
        // the body, which the walk asks for again on a count of its own.
        Assert.Matches(@"^retrying: (connection reset|the server closed the connection|the connection was lost) \(attempt [12] of 5 failed\), next try in [0-9.]+ s$", retries[1]);
        Assert.DoesNotContain(emulator.ClientMd5, run.Error, StringComparison.OrdinalIgnoreCase);
        AssertSameData(emulator, await ReadSqliteAsync(target));
    }

    [Theory]
    [InlineData(1_500, "1.5 s")]
    [InlineData(14_200, "14 s")]
    [InlineData(150_000, "2 min 30 s")]
    public void RetryReporter_Wait_ReadsAsAPersonWouldSayIt(int milliseconds, string expected)
    {
        Assert.Equal(expected, RetryReporter.Wait(TimeSpan.FromMilliseconds(milliseconds)));
    }

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>A loopback port nothing listens on: one the system just handed out and took back.</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// The system clock, except that a wait of up to a minute (the client's retry delays) ends at once; the attempt and
    /// call timeouts, minutes long, run as they would.
    /// </summary>
    private sealed class ShortDelays : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            base.CreateTimer(callback, state, dueTime > TimeSpan.Zero && dueTime <= TimeSpan.FromMinutes(1) ? TimeSpan.FromMilliseconds(1) : dueTime, period);
    }
}
