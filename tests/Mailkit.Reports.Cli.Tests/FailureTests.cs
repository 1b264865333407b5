using Microsoft.Data.Sqlite;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>L1 and L2: every ordinary failure is one safe line and an exit code, and nothing from the server or the data reaches the terminal raw.</summary>
public sealed class FailureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-failure-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Trait("Finding", "L1")]
    [Theory]
    [InlineData("missing/b.db", 2)]
    [InlineData("missing/b.ndjson", 2)]
    [InlineData("missing/b.csv", 2)]
    [InlineData("/proc/b.ndjson", 2)]
    [InlineData("/proc/b.db", 2)]
    [InlineData("notadb.db", 2)]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Database=d;Timeout=2", 4)]
    [InlineData("Host=127.0.0.1;Port=notanumber;Database=d", 2)]
    [InlineData("postgres://u@127.0.0.1:1/d?connect_timeout=2", 4)]
    public async Task Export_OrdinaryFailure_OneLineAndAnExitCode(string output, int exitCode)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "notadb.db"), "this is not a database, but some notes of mine\n");
        var target = output.Contains('=', StringComparison.Ordinal) || output.StartsWith('/') ? output : Path.Combine(_directory, output);
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();

        var run = await RunAsync(server, ["--output", target]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith("mailkit-bounces: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("this is not a database, but some notes of mine\n", await File.ReadAllTextAsync(Path.Combine(_directory, "notadb.db")));
    }

    [Trait("Finding", "L1")]
    [Theory]
    [InlineData("notadb.db", 4)]
    [InlineData("notjson.ndjson", 4)]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Database=d;Timeout=2", 4)]
    public async Task Stats_OrdinaryFailure_OneLineAndAnExitCode(string input, int exitCode)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "notadb.db"), "not a database\n");
        await File.WriteAllTextAsync(Path.Combine(_directory, "notjson.ndjson"), "{not json\n");
        var target = input.Contains('=', StringComparison.Ordinal) ? input : Path.Combine(_directory, input);

        var run = await CliAsync(["stats", "--input", target]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Trait("Finding", "L2")]
    [Fact]
    public async Task Export_ApiErrorWithEscapeSequences_NeverReachesTheTerminalRaw()
    {
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();

        var run = await RunAsync(server, ["--output", Path.Combine(_directory, "b.db")], new ApiErrorTransport("\u001b]0;x\u0007\u001b[2J boom\r\nnext"));

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("boom", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.DoesNotContain('\u0007', run.Error);
        Assert.Equal(2, run.Error.Trim().Split('\n').Length);
    }

    [Trait("Finding", "L2")]
    [Fact]
    public async Task Stats_RowsWithEscapeSequences_NeverReachTheTerminalRaw()
    {
        var target = Path.Combine(_directory, "b.db");
        var emulator = Emulator(5);
        await using (var server = await emulator.StartServerAsync())
        {
            Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        }

        await using (var connection = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE raw_bounces SET text_status = '550 ' || char(27) || '[31mred' || char(27) || ']0;title' || char(7), email = 'x@evil' || char(27) || '[2J.cz', recipient_status = char(27) || 'c'";
            await update.ExecuteNonQueryAsync();
        }

        var run = await CliAsync(["stats", "--input", target]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("red", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.DoesNotContain('\u0007', run.Output);
    }
}
