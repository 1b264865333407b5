using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests.Targets;

/// <summary>H1: a target holds one account's export; another account's export into it is refused and writes nothing.</summary>
public sealed class AccountTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-account-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Trait("Finding", "H1")]
    [Fact]
    public async Task Export_DemoThenRealIntoSameDb_ExitsTwoAndWritesNothing()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var demo = await CliAsync(["export", "--demo", "--demo-records", "100", "--output", target, "--no-progress"]);
        Assert.Equal(0, demo.ExitCode);
        var before = await SnapshotAsync(target);
        var emulator = Emulator(50);
        await using var server = await emulator.StartServerAsync();

        var real = await RunAsync(server, ["--output", target]);

        Assert.Equal(2, real.ExitCode);
        Assert.Single(real.Error.Trim().Split('\n'));
        Assert.Contains("bounces.db holds the demo export", real.Error, StringComparison.Ordinal);
        Assert.Contains($"client {emulator.ClientId.ToString(CultureInfo.InvariantCulture)} at {server.Endpoint}", real.Error, StringComparison.Ordinal);
        Assert.Contains("choose another --output or remove it", real.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(target));
        Assert.Empty(emulator.Requests);
    }

    [Trait("Finding", "H1")]
    [Fact]
    public async Task Export_RealThenDemoIntoSameDb_ExitsTwoAndWritesNothing()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Emulator(50);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        var before = await SnapshotAsync(target);

        var demo = await CliAsync(["export", "--demo", "--demo-records", "100", "--output", target, "--no-progress"]);

        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("this is the demo export", demo.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(target));
    }

    [Trait("Finding", "H1")]
    [Theory]
    [InlineData("bounces.ndjson")]
    [InlineData("bounces.csv")]
    public async Task Export_DemoThenRealIntoSameFile_ExitsTwoAndWritesNothing(string file)
    {
        var target = Path.Combine(_directory, file);
        Assert.Equal(0, (await CliAsync(["export", "--demo", "--demo-records", "100", "--output", target, "--no-progress"])).ExitCode);
        var data = await File.ReadAllBytesAsync(target);
        var checkpoint = await File.ReadAllTextAsync(target + ".checkpoint");
        var emulator = Emulator(50);
        await using var server = await emulator.StartServerAsync();

        var real = await RunAsync(server, ["--output", target]);

        Assert.Equal(2, real.ExitCode);
        Assert.Contains($"{file} holds the demo export", real.Error, StringComparison.Ordinal);
        Assert.Equal(data, await File.ReadAllBytesAsync(target));
        Assert.Equal(checkpoint, await File.ReadAllTextAsync(target + ".checkpoint"));
        Assert.Contains("account\tdemo\n", checkpoint, StringComparison.Ordinal);
    }

    [Trait("Finding", "H1")]
    [PostgresFact]
    public async Task Export_TwoAccountsIntoSamePostgres_ExitsTwoAndWritesNothing()
    {
        var database = postgres.CreateDatabase();
        var first = Emulator(30);
        var second = Emulator(40);
        await using var firstServer = await first.StartServerAsync();
        await using var secondServer = await second.StartServerAsync();
        Assert.Equal(0, (await RunAsync(firstServer, ["--output", database])).ExitCode);

        var run = await RunAsync(secondServer, ["--output", database]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"holds the export of client {first.ClientId.ToString(CultureInfo.InvariantCulture)}", run.Error, StringComparison.Ordinal);
        Assert.Contains($"this is the export of client {second.ClientId.ToString(CultureInfo.InvariantCulture)}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", run.Error, StringComparison.OrdinalIgnoreCase);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM raw_bounces", connection);
        Assert.Equal(30L, await count.ExecuteScalarAsync());
    }

    [Trait("Finding", "H1")]
    [Fact]
    public async Task Export_Checkpoint_IsKeyedByAccountAndFilter()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Emulator(20);
        await using var server = await emulator.StartServerAsync();

        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        var snapshot = await SnapshotAsync(target);
        Assert.Contains($"account=client {emulator.ClientId.ToString(CultureInfo.InvariantCulture)} at {server.Endpoint};campaign=*;send=*", snapshot, StringComparison.Ordinal);
    }

    /// <summary>The row count, every checkpoint and the account, as one string.</summary>
    private static async Task<string> SnapshotAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM raw_bounces) || '|' || (SELECT group_concat(query || '=' || next_start_id, ';') FROM export_checkpoints) || '|' || (SELECT account FROM export_account)";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
