using System.Globalization;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;
using Xunit.Abstractions;

using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary><c>export --follow</c>: it waits and continues after catching up, stops on a signal with 0, and survives SIGKILL.</summary>
public sealed class FollowTests(PostgresServer postgres, ITestOutputHelper log) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(120);
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-follow-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ExportFollow_BouncesAddedWhileWaiting_WrittenOnceAtTheNextCheckAndSigtermExitsZero()
    {
        var emulator = Emulator(500);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, "bounces.db");
        using var tool = ToolProcess.StartExport(server, "--output", target, "--page-size", "100", "--follow", "--interval", "1s");

        var first = await tool.WaitForErrorLineAsync(l => l.Contains(" check 1: caught up", StringComparison.Ordinal), LineTimeout);
        AddMore(emulator, 300, seed: 2);
        var later = await tool.WaitForErrorLineAsync(l => l.Contains("caught up; 300 new records", StringComparison.Ordinal), LineTimeout);
        tool.Terminate();
        var exit = await tool.WaitForExitAsync(LineTimeout);

        Assert.Contains("caught up; 500 new records in ", first, StringComparison.Ordinal);
        Assert.Contains(" pages, 500 in all; next start ID ", first, StringComparison.Ordinal);
        Assert.Contains("800 in all", later, StringComparison.Ordinal);
        Assert.EndsWith("next check in 1s", later, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.Contains(tool.ErrorLines, l => l.StartsWith("stopped: 800 records", StringComparison.Ordinal));
        AssertSameData(emulator, await ReadSqliteAsync(target));
    }

    [Theory]
    [InlineData("sqlite", 20)]
    [PostgresInlineData("postgres", 8)]
    [InlineData("ndjson", 8)]
    [InlineData("csv", 8)]
    public async Task ExportFollow_KilledAtRandomMomentsWhileBouncesArrive_EveryBounceStoredOnce(string format, int kills)
    {
        // Pages of 500 keep the calls of a catch-up within the tool's default rate limit (20 calls a minute) however
        // many bounces arrive while it is being killed.
        var emulator = Emulator(2_000);
        await using var server = await emulator.StartServerAsync();
        var target = format switch
        {
            "postgres" => postgres.CreateDatabase(),
            "sqlite" => Path.Combine(_directory, "bounces.db"),
            _ => Path.Combine(_directory, "bounces." + format),
        };
        var random = new Random(kills * 31 + format.Length);
        using var adding = new CancellationTokenSource();
        var batches = 0;
        var producer = Task.Run(async () =>
        {
            while (!adding.IsCancellationRequested)
            {
                AddMore(emulator, 20, seed: 100 + Interlocked.Increment(ref batches));
                await Task.Delay(150, CancellationToken.None);
            }
        });

        for (var kill = 0; kill < kills; kill++)
        {
            using var tool = ToolProcess.StartExport(server, "--output", target, "--format", format, "--page-size", "500", "--follow", "--interval", "1s");
            await Task.Delay(random.Next(150, 2_500));
            tool.Kill();
            await tool.WaitForExitAsync(LineTimeout);
        }

        await adding.CancelAsync();
        await producer;
        using (var last = ToolProcess.StartExport(server, "--output", target, "--format", format, "--page-size", "500", "--follow", "--interval", "1s"))
        {
            await last.WaitForErrorLineAsync(l => l.Contains(" check 1: caught up", StringComparison.Ordinal), LineTimeout);
            last.Terminate();
            Assert.Equal(0, await last.WaitForExitAsync(LineTimeout));
        }

        var stored = format == "postgres" ? await ReadPostgresAsync(target) : await ReadAsync(target, format);
        var ids = stored.Select(r => r["ID_UNDELIVERED_LOG"]).ToList();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{format}: {kills} kills, {emulator.Bounces.Count} bounces generated, {stored.Count} stored, {ids.Count - ids.Distinct().Count()} duplicates, {emulator.Bounces.Count - ids.Distinct().Count()} lost"));
        AssertSameData(emulator, stored);
    }

    [Theory]
    [InlineData("30s")]
    [InlineData("15m")]
    [InlineData("1h")]
    [InlineData("24h")]
    public void Interval_SecondsMinutesOrHours_Accepted(string text)
    {
        var (value, problem) = OptionValues.Interval(text);

        Assert.Null(problem);
        Assert.Equal(text, OptionValues.IntervalText(value!.Value));
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("25h")]
    [InlineData("15")]
    [InlineData("2d")]
    [InlineData("-1m")]
    [InlineData("1.5h")]
    [InlineData("m")]
    public async Task ExportFollow_IntervalNotAWholeNumberOfSecondsMinutesOrHours_ExitsTwoNamingIt(string text)
    {
        var run = await CliAsync(["export", "--demo", "--follow", "--interval", text, "--output", Path.Combine(_directory, "x.db"), "--no-progress"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--interval must be a whole number of seconds, minutes or hours", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "x.db")));
    }

    [Fact]
    public async Task Export_IntervalWithoutFollow_ExitsTwo()
    {
        var run = await CliAsync(["export", "--demo", "--interval", "30s", "--output", Path.Combine(_directory, "x.db"), "--no-progress"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--interval goes with --follow", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportFollow_RefusedCredentials_ExitsThreeInsteadOfPolling()
    {
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();
        var run = await CliAsync(
            ["export", "--endpoint", server.Endpoint.ToString(), "--client-id", emulator.ClientId.ToString(CultureInfo.InvariantCulture), "--output", Path.Combine(_directory, "x.db"), "--no-progress", "--follow", "--interval", "1s"],
            new Dictionary<string, string?> { ["MAILKIT_CLIENT_MD5"] = new string('a', 32) });

        Assert.Equal(3, run.ExitCode);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task ExportFollow_TargetFailingOnTheSamePageEveryCheck_StopsAfterFiveAttemptsWithExitFour()
    {
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();
        FailingTarget? failing = null;

        var run = await CliAsync(
            ["export", "--endpoint", server.Endpoint.ToString(), "--client-id", emulator.ClientId.ToString(CultureInfo.InvariantCulture), "--output", Path.Combine(_directory, "x.db"), "--no-progress", "--follow", "--interval", "1s"],
            new Dictionary<string, string?> { ["MAILKIT_CLIENT_MD5"] = emulator.ClientMd5 },
            target: inner => failing = new FailingTarget(inner));

        Assert.Equal(4, run.ExitCode);
        Assert.Equal(5, failing!.Attempts);
        Assert.Contains(" check 4: failed (the store cannot take this page); 0 new records in 0 pages, 0 in all; next start ID -; next check in 1s", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" check 5:", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("failed (NotSupportedException): the store cannot take this page" + Environment.NewLine, run.Error, StringComparison.Ordinal);
    }

    private static void AddMore(MailkitEmulator emulator, int count, int seed)
    {
        lock (emulator)
        {
            var last = emulator.Bounces[^1].UndeliveredLogId;
            emulator.AddGenerated(count, seed, firstId: last + 7);
        }
    }

    /// <summary>A target whose every page fails in a way that is not an ordinary write failure.</summary>
    private sealed class FailingTarget(IBounceTarget inner) : IBounceTarget
    {
        public int Attempts { get; private set; }

        public string Description => inner.Description;

        public bool Deduplicates => inner.Deduplicates;

        public Task<long?> OpenAsync(string account, string queryKey, CancellationToken cancellationToken) => inner.OpenAsync(account, queryKey, cancellationToken);

        public Task WritePageAsync(IReadOnlyList<BounceRecord> records, long nextStartId, CancellationToken cancellationToken)
        {
            Attempts++;
            throw new NotSupportedException("the store cannot take this page");
        }

        public Task RejectAsync(RejectedRecord rejected, long? nextStartId, CancellationToken cancellationToken) => inner.RejectAsync(rejected, nextStartId, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
