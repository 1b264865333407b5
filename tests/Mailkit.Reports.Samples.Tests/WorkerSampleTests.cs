using System.Diagnostics;
using System.Globalization;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Models;
using Mailkit.Reports.Samples.Worker;
using Mailkit.Reports.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Mailkit.Reports.Samples.Tests;

/// <summary>The Worker sample as a process: every bounce stored once whatever kills it, and SIGTERM ends it with 0.</summary>
public sealed class WorkerSampleTests(ITestOutputHelper log) : IDisposable
{
    private const int PageSize = 50;
    private const int RepeatedSends = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(30);
    private static int _nextClientId = 70_000;

    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-worker-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Worker_KilledAtRandomMomentsWhileBouncesArrive_EveryBounceStoredOnce_SuppressionsAsTheClassifierImplies()
    {
        const int Kills = 20;
        var clock = Stopwatch.StartNew();
        var emulator = NewEmulator().AddGenerated(1_000, seed: 1);
        await using var server = await emulator.StartServerAsync();
        var random = new Random(2026);
        var lines = new List<string>();
        using var adding = new CancellationTokenSource();
        var batches = 0;
        var killsAfterPages = 0;
        var producer = Task.Run(async () =>
        {
            while (!adding.IsCancellationRequested)
            {
                AddMore(emulator, 30, seed: 100 + Interlocked.Increment(ref batches));
                await Task.Delay(150, CancellationToken.None);
            }
        });

        for (var kill = 0; kill < Kills; kill++)
        {
            using var worker = WorkerProcess.Start(server, _directory, PageSize, RepeatedSends);
            var before = await CountAsync("bounces");
            if (kill % 2 == 0)
            {
                // Anywhere: while the process starts, walks or waits for its next cycle.
                await Task.Delay(random.Next(300, 2_500));
            }
            else
            {
                // Soon after a page was committed, while the walk is likely to go on.
                await WaitUntilAsync(async () => await CountAsync("bounces") > before, "the run has stored a page");
                await Task.Delay(random.Next(0, 400));
            }

            worker.Kill();
            await worker.WaitForExitAsync(Timeout);
            lines.AddRange(worker.Lines);
            killsAfterPages += await CountAsync("bounces") > before ? 1 : 0;
        }

        await adding.CancelAsync();
        await producer;
        var generated = emulator.ExpectedRecords();
        using (var last = WorkerProcess.Start(server, _directory, PageSize, RepeatedSends))
        {
            await WaitUntilAsync(async () => await CountAsync("bounces") >= generated.Count, "the last run has caught up");
            last.Terminate();
            Assert.Equal(0, await last.WaitForExitAsync(Timeout));
            lines.AddRange(last.Lines);
        }

        var stored = await ReadIdsAsync();
        var distinct = stored.Distinct().Count();
        var failedPages = lines.Count(l => l.Contains("UNIQUE constraint failed", StringComparison.Ordinal));
        log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Kills} kills ({killsAfterPages} after the run had stored pages), {generated.Count} bounces generated, {stored.Count} stored, {stored.Count - distinct} duplicate rows, {failedPages} pages refused as already stored, {generated.Count - distinct} lost, {clock.Elapsed.TotalSeconds:F1} s"));
        Assert.Equal(0, failedPages);
        Assert.Equal(generated.Select(r => r.UndeliveredLogId), stored);
        var suppressions = await ReadSuppressionsAsync();
        var hard = suppressions.Count(s => s.Advice == nameof(BounceAdvice.Suppress));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{suppressions.Count} suppressions: {hard} hard bounces, {suppressions.Count - hard} repeated soft bounces"));
        Assert.True(killsAfterPages >= Kills / 2, "the kills that wait for a page found none");
        Assert.True(hard > 0 && hard < suppressions.Count, "both rules of the suppression list were exercised");
        Assert.Equal(ExpectedSuppressions(generated), suppressions);
    }

    [Fact]
    public async Task Worker_Sigterm_ExitsZeroWithinTheShutdownTimeout_KeepingWhatItStored()
    {
        var emulator = NewEmulator().AddGenerated(200, seed: 3);
        await using var server = await emulator.StartServerAsync();
        using var worker = WorkerProcess.Start(server, _directory, PageSize, RepeatedSends);
        await WaitUntilAsync(async () => await CountAsync("bounces") >= 200, "the worker has caught up");

        var clock = Stopwatch.StartNew();
        worker.Terminate();
        var exit = await worker.WaitForExitAsync(HostShutdownTimeout);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stopped {clock.ElapsedMilliseconds} ms after SIGTERM"));

        Assert.Equal(0, exit);
        Assert.True(clock.Elapsed < HostShutdownTimeout);
        Assert.Equal(emulator.ExpectedRecords().Select(r => r.UndeliveredLogId), await ReadIdsAsync());
        Assert.DoesNotContain(worker.Lines, l => l.Contains(server.Emulator.ClientMd5, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Worker_DatabaseOfAnotherAccount_LogsCriticalAndMakesNoCall()
    {
        var first = NewEmulator().AddGenerated(100, seed: 4);
        await using (var firstServer = await first.StartServerAsync())
        {
            using var worker = WorkerProcess.Start(firstServer, _directory, PageSize, RepeatedSends);
            await WaitUntilAsync(async () => await CountAsync("bounces") >= 100, "the first account is stored");
            worker.Terminate();
            Assert.Equal(0, await worker.WaitForExitAsync(Timeout));
        }

        var second = NewEmulator().AddGenerated(100, seed: 5);
        await using var secondServer = await second.StartServerAsync();
        using var other = WorkerProcess.Start(secondServer, _directory, PageSize, RepeatedSends);
        await WaitUntilAsync(() => Task.FromResult(other.Lines.Any(l => l.StartsWith("crit:", StringComparison.Ordinal))), "the sync has stopped");
        other.Terminate();

        Assert.Equal(0, await other.WaitForExitAsync(Timeout));
        Assert.Empty(second.Requests);
        Assert.Equal(100, await CountAsync("bounces"));
        Assert.Contains(other.Lines, l => l.Contains(nameof(Hosting.BounceCursorAccountMismatchException), StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task Worker_RecordTheSdkRefuses_KeptInRejectedBouncesOnce_EveryOtherBounceStored()
    {
        var emulator = NewEmulator().AddGenerated(120, seed: 6);
        var bad = emulator.Bounces[70];
        emulator.Add([new EmulatedBounce(bad.Fields.Where(f => f.Key != "ID_USER_LIST").Append(new("ID_USER_LIST", "-1")))]);
        await using var server = await emulator.StartServerAsync();
        using var worker = WorkerProcess.Start(server, _directory, PageSize, RepeatedSends);
        await WaitUntilAsync(async () => await CountAsync("bounces") >= 119, "the worker has caught up");
        var requests = emulator.Requests.Count;
        await WaitUntilAsync(() => Task.FromResult(emulator.Requests.Count > requests), "the next cycle has asked for more");

        worker.Terminate();
        Assert.Equal(0, await worker.WaitForExitAsync(Timeout));

        Assert.Equal(emulator.Bounces.Select(b => b.UndeliveredLogId).Where(id => id != bad.UndeliveredLogId), await ReadIdsAsync());
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, field FROM rejected_bounces";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((bad.UndeliveredLogId, "ID_USER_LIST"), (reader.GetInt64(0), reader.GetString(1)));
        Assert.False(await reader.ReadAsync());
        Assert.DoesNotContain(worker.Lines, l => l.StartsWith("crit:", StringComparison.Ordinal));
        Assert.Contains(worker.Lines, l => l.StartsWith("warn:", StringComparison.Ordinal) && l.Contains($"record {bad.UndeliveredLogId} aside", StringComparison.Ordinal));
    }

    /// <summary>
    /// What the classifier implies, in ID order: every hard bounce, and address-level soft bounces from enough distinct
    /// sends; each address with the advice and the ID of the bounce that first suppressed it.
    /// </summary>
    private static List<Suppression> ExpectedSuppressions(IReadOnlyList<BounceRecord> records)
    {
        var expected = new Dictionary<string, Suppression>(StringComparer.Ordinal);
        var softSends = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        foreach (var record in records.OrderBy(r => r.UndeliveredLogId))
        {
            var key = SuppressionHandler.EmailKey(record.Email);
            var advice = BounceClassifier.Default.Classify(record).Advice;
            if (advice == BounceAdvice.SuppressIfRepeated)
            {
                var sends = softSends.TryGetValue(key, out var s) ? s : softSends[key] = [];
                if (record.SendId is { } send)
                {
                    sends.Add(send);
                }
            }

            var suppress = advice == BounceAdvice.Suppress || (advice == BounceAdvice.SuppressIfRepeated && softSends[key].Count >= RepeatedSends);
            if (suppress)
            {
                expected.TryAdd(key, new Suppression(key, advice.ToString(), record.UndeliveredLogId));
            }
        }

        return [.. expected.Values.OrderBy(s => s.EmailKey, StringComparer.Ordinal)];
    }

    private static MailkitEmulator NewEmulator() => new() { ClientId = Interlocked.Increment(ref _nextClientId) };

    private static void AddMore(MailkitEmulator emulator, int count, int seed)
    {
        lock (emulator)
        {
            emulator.AddGenerated(count, seed, firstId: emulator.Bounces[^1].UndeliveredLogId + 7);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Timeout, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }

    private SqliteConnection Open() =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "suppressions.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());

    private async Task<long> CountAsync(string table)
    {
        if (!File.Exists(Path.Combine(_directory, "suppressions.db")))
        {
            return 0;
        }

        try
        {
            await using var connection = Open();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table}";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            // The worker is creating the database.
            return 0;
        }
    }

    private async Task<List<long>> ReadIdsAsync()
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM bounces ORDER BY id";
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private async Task<List<Suppression>> ReadSuppressionsAsync()
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT email_key, advice, bounce_id FROM suppressions ORDER BY email_key";
        var rows = new List<Suppression>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new Suppression(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return [.. rows.OrderBy(s => s.EmailKey, StringComparer.Ordinal)];
    }

    private sealed record Suppression(string EmailKey, string Advice, long BounceId);
}
