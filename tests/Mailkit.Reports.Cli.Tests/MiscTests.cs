using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>L7: Ctrl+C twice, a foreign SQLite database, and the test server's authentication.</summary>
public sealed class MiscTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-misc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void CancelKeyHandler_SecondPress_L7_IsLetThrough()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new CancelKeyHandler(cancellation);

        Assert.True(handler.OnPress());
        Assert.True(cancellation.IsCancellationRequested);
        Assert.False(handler.OnPress());
    }

    [Fact]
    public async Task Export_IntoAForeignSqliteDatabase_L7_RefusedAndUnchanged()
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

    [Fact]
    public void CiPostgres_L7_UsesScramWithARandomPassword()
    {
        var script = File.ReadAllText(FindRepositoryFile(".ci/postgres"));

        Assert.DoesNotContain("-A trust", script, StringComparison.Ordinal);
        Assert.Contains("-A scram-sha-256", script, StringComparison.Ordinal);
        Assert.Contains("Password=$password", script, StringComparison.Ordinal);
    }

    private static string FindRepositoryFile(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{relative} not found.");
    }
}
