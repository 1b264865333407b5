using System.Data.Common;
using Mailkit.Reports.Cli.Enrichment;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests.Targets;

/// <summary>
/// A database says which version of the tables it holds in <c>schema_version</c>: one from before the table is migrated
/// once and stamped, and one from a newer version of the tool is refused, unchanged, with exit 2.
/// </summary>
public sealed class SchemaVersionTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    /// <summary>More rows than the migration classifies at once, so that it takes more than one batch.</summary>
    private const int BounceEnrichmentBatchAndMore = BounceEnrichment.BackfillBatch + 150;

    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-schema-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Export_NewSqliteDatabase_IsStampedWithTheCurrentVersion()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();

        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        await using var connection = await OpenSqliteAsync(target);
        Assert.Equal(3L, await ScalarAsync(connection, "SELECT version FROM schema_version WHERE id = 1"));
    }

    [Fact]
    public async Task Export_SqliteFromBeforeSchemaVersion_IsMigratedOnceAndStamped()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Emulator(BounceEnrichmentBatchAndMore);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        await using (var connection = await OpenSqliteAsync(target))
        {
            await ScalarAsync(connection, "ALTER TABLE raw_bounces DROP COLUMN advice; DROP TABLE schema_version; SELECT 1");
        }

        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        await using var check = await OpenSqliteAsync(target);
        Assert.Equal(3L, await ScalarAsync(check, "SELECT version FROM schema_version"));
        Assert.Equal(1L, await ScalarAsync(check, "SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(0L, await ScalarAsync(check, "SELECT COUNT(*) FROM raw_bounces WHERE advice IS NULL OR reason IS NULL OR hard_bounce IS NULL"));
        Assert.Equal((long)BounceEnrichmentBatchAndMore, await ScalarAsync(check, "SELECT COUNT(*) FROM raw_bounces"));
    }

    [Fact]
    public async Task Export_SqliteOfANewerVersion_IsRefusedUnchangedWithExit2()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        await using (var connection = await OpenSqliteAsync(target))
        {
            await ScalarAsync(connection, "UPDATE schema_version SET version = 4; PRAGMA wal_checkpoint(TRUNCATE); SELECT 1");
        }

        var before = await File.ReadAllBytesAsync(target);
        emulator.AddGenerated(5, seed: 7, firstId: emulator.Bounces[^1].UndeliveredLogId + 5);

        var run = await RunAsync(server, ["--output", target]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"mailkit-bounces: {target} was written by a newer mailkit-bounces (schema version 4; this one knows up to 3); update mailkit-bounces, or choose another file or database.",
            run.Error.Trim());
        Assert.Equal(before, await File.ReadAllBytesAsync(target));
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("suppressions")]
    public async Task Read_SqliteOfANewerVersion_IsRefusedWithExit2(string command)
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        await using (var connection = await OpenSqliteAsync(target))
        {
            await ScalarAsync(connection, "UPDATE schema_version SET version = 7; SELECT 1");
        }

        var run = await CliAsync([command, "--input", target]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("was written by a newer mailkit-bounces (schema version 7; this one knows up to 3)", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [PostgresFact]
    public async Task Export_PostgresFromBeforeSchemaVersion_IsMigratedOnceAndStamped()
    {
        var target = postgres.CreateDatabase();
        var emulator = Emulator(50);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        await using (var connection = await OpenPostgresAsync(target))
        {
            await ScalarAsync(connection, "ALTER TABLE raw_bounces DROP COLUMN advice; DROP TABLE schema_version; SELECT 1");
        }

        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        await using var check = await OpenPostgresAsync(target);
        Assert.Equal(3, await ScalarAsync(check, "SELECT version FROM schema_version"));
        Assert.Equal(1L, await ScalarAsync(check, "SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(0L, await ScalarAsync(check, "SELECT COUNT(*) FROM raw_bounces WHERE advice IS NULL OR reason IS NULL OR hard_bounce IS NULL"));
        Assert.Equal(50L, await ScalarAsync(check, "SELECT COUNT(*) FROM raw_bounces"));
    }

    [PostgresFact]
    public async Task Export_PostgresOfANewerVersion_IsRefusedUnchangedWithExit2()
    {
        var target = postgres.CreateDatabase();
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        await using (var connection = await OpenPostgresAsync(target))
        {
            await ScalarAsync(connection, "UPDATE schema_version SET version = 4; SELECT 1");
        }

        emulator.AddGenerated(5, seed: 7, firstId: emulator.Bounces[^1].UndeliveredLogId + 5);

        var run = await RunAsync(server, ["--output", target]);
        var stats = await CliAsync(["stats", "--input", target]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("was written by a newer mailkit-bounces (schema version 4; this one knows up to 3)", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, stats.ExitCode);
        Assert.Contains("schema version 4", stats.Error, StringComparison.Ordinal);
        await using var check = await OpenPostgresAsync(target);
        Assert.Equal(10L, await ScalarAsync(check, "SELECT COUNT(*) FROM raw_bounces"));
        Assert.Equal(4, await ScalarAsync(check, "SELECT version FROM schema_version"));
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task Export_SqliteOfVersion2_GainsTheDatasetColumnsAndTablesInPlace()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Emulator(20);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        await using (var connection = await OpenSqliteAsync(target))
        {
            await ScalarAsync(
                connection,
                "ALTER TABLE raw_bounces DROP COLUMN sent_at; ALTER TABLE raw_bounces DROP COLUMN bounced_at; DROP TABLE raw_messages; DROP TABLE unsubscribes; "
                + "UPDATE schema_version SET version = 2; SELECT 1");
        }

        emulator.AddGenerated(5, seed: 7, firstId: emulator.Bounces[^1].UndeliveredLogId + 5);

        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        await using var check = await OpenSqliteAsync(target);
        Assert.Equal(3L, await ScalarAsync(check, "SELECT version FROM schema_version"));
        Assert.Equal(25L, await ScalarAsync(check, "SELECT COUNT(*) FROM raw_bounces WHERE sent_at IS NULL AND bounced_at IS NULL AND reason IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync(check, "SELECT COUNT(*) FROM raw_messages") ?? -1L);
        Assert.Equal(0L, await ScalarAsync(check, "SELECT COUNT(*) FROM unsubscribes") ?? -1L);
    }

    [PostgresFact]
    [Trait("Issue", "25")]
    public async Task Export_PostgresOfVersion2_GainsTheDatasetColumnsAndTablesInPlace()
    {
        var target = postgres.CreateDatabase();
        var emulator = Emulator(20);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        await using (var connection = await OpenPostgresAsync(target))
        {
            await ScalarAsync(
                connection,
                "ALTER TABLE raw_bounces DROP COLUMN sent_at, DROP COLUMN bounced_at; DROP TABLE raw_messages; DROP TABLE unsubscribes; "
                + "UPDATE schema_version SET version = 2; SELECT 1");
        }

        emulator.AddGenerated(5, seed: 7, firstId: emulator.Bounces[^1].UndeliveredLogId + 5);

        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        await using var check = await OpenPostgresAsync(target);
        Assert.Equal(3, await ScalarAsync(check, "SELECT version FROM schema_version"));
        Assert.Equal(25L, await ScalarAsync(check, "SELECT COUNT(*) FROM raw_bounces WHERE sent_at IS NULL AND bounced_at IS NULL AND reason IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync(check, "SELECT COUNT(*) FROM raw_messages"));
        Assert.Equal(0L, await ScalarAsync(check, "SELECT COUNT(*) FROM unsubscribes"));
    }

    private static async Task<SqliteConnection> OpenSqliteAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<NpgsqlConnection> OpenPostgresAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
