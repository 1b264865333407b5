using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>The tool reads the time only from the <see cref="TimeProvider"/> it is given.</summary>
public sealed class ClockTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-clock-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Export_WithAFakeClock_StampsTheCheckpointAndTimesTheRunByIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, "b.db");

        var run = await CliAsync(
            ["export", "--endpoint", server.Endpoint.ToString(), "--client-id", emulator.ClientId.ToString(CultureInfo.InvariantCulture), "--output", target, "--no-progress"],
            new Dictionary<string, string?> { ["MAILKIT_CLIENT_MD5"] = emulator.ClientMd5 },
            timeProvider: clock);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("done: 10 records in 1 page into", run.Error, StringComparison.Ordinal);
        Assert.Contains(" in 0.0 s (10000 records/s)", run.Error, StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={target};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT updated_at FROM export_checkpoints";
        Assert.Equal("2030-01-02T03:04:05.0000000+00:00", await read.ExecuteScalarAsync());
    }
}
