using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests.Targets;

/// <summary>A SQLite database that mailkit-bounces did not write is refused and left exactly as it was.</summary>
public sealed class SqliteTargetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-sqlite-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [Trait("Finding", "L7")]
    public async Task Export_IntoAForeignSqliteDatabase_RefusedAndUnchanged()
    {
        var target = Path.Combine(_directory, "app.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('ann');";
            await create.ExecuteNonQueryAsync();
        }

        var before = await File.ReadAllBytesAsync(target);
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();

        var run = await RunAsync(server, ["--output", target]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did not write", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(target));
        Assert.False(File.Exists(target + "-wal"));
    }
}
