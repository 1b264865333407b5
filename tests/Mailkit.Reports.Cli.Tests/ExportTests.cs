using System.Globalization;
using Mailkit.Reports.Testing;
using Npgsql;

using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

public sealed class ExportTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-export-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("bounces.db", null)]
    [InlineData("bounces.sqlite", null)]
    [InlineData("bounces.ndjson", null)]
    [InlineData("bounces.jsonl", null)]
    [InlineData("bounces.csv", null)]
    [InlineData("bounces.out", "ndjson")]
    public async Task Export_IntoAFile_HoldsExactlyTheEmulatorsData(string file, string? format)
    {
        var emulator = Emulator(3_000);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, file);
        string[] extra = format is null ? [] : ["--format", format];

        var run = await RunAsync(server, ["--output", target, "--page-size", "700", .. extra]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("done: 3000 records", run.Error, StringComparison.Ordinal);
        AssertSameData(emulator, await ReadAsync(target, format));
    }

    [PostgresFact]
    public async Task Export_IntoPostgres_HoldsExactlyTheEmulatorsData()
    {
        var emulator = Emulator(3_000);
        await using var server = await emulator.StartServerAsync();
        var database = postgres.CreateDatabase();

        var run = await RunAsync(server, ["--output", database, "--page-size", "1000", "--transport", "xmlrpc"]);

        Assert.Equal(0, run.ExitCode);
        AssertSameData(emulator, await ReadPostgresAsync(database));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var check = new NpgsqlCommand("SELECT next_start_id FROM export_checkpoints", connection);
        Assert.Equal(emulator.Bounces[^1].UndeliveredLogId + 1, (long)(await check.ExecuteScalarAsync())!);
    }

    [Theory]
    [InlineData("bounces.db")]
    [InlineData("bounces.ndjson")]
    [InlineData("bounces.csv")]
    [PostgresInlineData("postgres")]
    public async Task Export_FailsMidWayThenRunsAgain_EveryRecordExactlyOnce(string file)
    {
        var emulator = Emulator(5_000);
        emulator.FailRequest(4, EmulatorFault.Unauthorized);
        await using var server = await emulator.StartServerAsync();
        var target = file == "postgres" ? postgres.CreateDatabase() : Path.Combine(_directory, file);

        var first = await RunAsync(server, ["--output", target, "--page-size", "1000"]);
        var second = await RunAsync(server, ["--output", target, "--page-size", "1000"]);

        Assert.Equal(3, first.ExitCode);
        Assert.Contains("Unauthorized", first.Error, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("continuing the export", second.Error, StringComparison.Ordinal);
        AssertSameData(emulator, file == "postgres" ? await ReadPostgresAsync(target) : await ReadAsync(target, null));
    }

    [Theory]
    [InlineData("bounces.db")]
    [InlineData("bounces.ndjson")]
    public async Task Export_InterruptedMidWalk_LeavesAConsistentCheckpoint(string file)
    {
        var emulator = Emulator(20_000);
        emulator.TrickleChunkBytes = 8 * 1024;
        emulator.TrickleInterval = TimeSpan.FromMilliseconds(2);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, file);
        using var cancel = new CancellationTokenSource();

        // Few calls: the tool keeps Mailkit's default limit of 20 calls a minute per account.
        var running = RunAsync(server, ["--output", target, "--page-size", "2000"], cancellationToken: cancel.Token);
        await Task.WhenAny(Task.Delay(TimeSpan.FromMilliseconds(1500)), running);
        await cancel.CancelAsync();
        var interrupted = await running;

        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains("interrupted:", interrupted.Error, StringComparison.Ordinal);
        var partial = await ReadAsync(target, null);
        Assert.InRange(partial.Count, 0, 19_999);
        Assert.Equal(emulator.ExpectedRecords().Take(partial.Count).Select(r => r.UndeliveredLogId), partial.Select(r => long.Parse(r["ID_UNDELIVERED_LOG"], CultureInfo.InvariantCulture)));
        emulator.TrickleChunkBytes = 0;
        var resumed = await RunAsync(server, ["--output", target, "--page-size", "5000"]);
        Assert.Equal(0, resumed.ExitCode);
        AssertSameData(emulator, await ReadAsync(target, null));
    }

    public static TheoryData<string[], string> BadArguments => new()
    {
        { ["--page-size", "0"], "--page-size" },
        { ["--page-size", "25001"], "--page-size" },
        { ["--transport", "soap"], "--transport" },
        { ["--output", "bounces.txt"], "--output" },
        { ["--format", "parquet"], "--format" },
        { ["--campaign", "abc"], "--campaign" },
        { ["--start-id", "-5"], "--start-id" },
        { ["--endpoint", "not a url"], "--endpoint" },
        { ["--demo-records", "10"], "--demo-records" },
        { ["--frobnicate"], "--frobnicate" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Export_BadArgument_ExitsTwoNamingIt(string[] arguments, string named)
    {
        var run = await CliAsync(["export", "--client-id", "5", "--no-progress", .. arguments], new Dictionary<string, string?> { ["MAILKIT_CLIENT_MD5"] = MailkitEmulator.DefaultClientMd5 });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(new string[0], "--client-id")]
    [InlineData(new[] { "--client-id", "abc" }, "--client-id")]
    [InlineData(new[] { "--client-id", "5", "--client-md5", "short" }, "--client-md5")]
    public async Task Export_MissingOrBadCredentials_ExitsTwo(string[] arguments, string named)
    {
        var run = await CliAsync(["export", "--no-progress", .. arguments]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_CredentialsFromTheEnvironment_Used()
    {
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, "env.db");
        var environment = new Dictionary<string, string?>
        {
            ["MAILKIT_CLIENT_ID"] = emulator.ClientId.ToString(CultureInfo.InvariantCulture),
            ["MAILKIT_CLIENT_MD5"] = emulator.ClientMd5,
        };

        var run = await CliAsync(["export", "--endpoint", server.Endpoint.ToString(), "--output", target, "--no-progress"], environment);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(10, (await ReadAsync(target, null)).Count);
    }

    [Fact]
    public async Task Export_WrongCredentials_ExitsThreeWithoutPrintingTheMd5()
    {
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();
        const string wrong = "ffeeddccbbaa99887766554433221100";

        var run = await CliAsync(["export", "--endpoint", server.Endpoint.ToString(), "--client-id", emulator.ClientId.ToString(CultureInfo.InvariantCulture), "--client-md5", wrong, "--output", Path.Combine(_directory, "x.db"), "--no-progress"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Unauthorized", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, run.Error + run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportDemoThenStats_ShowsTheTables()
    {
        var target = Path.Combine(_directory, "demo.db");

        var export = await CliAsync(["export", "--demo", "--demo-records", "2000", "--output", target, "--no-progress"]);
        var stats = await CliAsync(["stats", "--input", target]);

        Assert.Equal(0, export.ExitCode);
        Assert.Contains("done: 2000 records", export.Error, StringComparison.Ordinal);
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("2000 bounces", stats.Output, StringComparison.Ordinal);
        foreach (var title in new[] { "By recipient status", "By SMTP status class", "Top replies", "Top recipient domains", "permanent", "5 permanent failure", "User unknown" })
        {
            Assert.Contains(title, stats.Output, StringComparison.Ordinal);
        }

        Assert.Matches(@"│ [a-zü.]+\.(cz|com|de|pl|fr) +│", stats.Output);
    }

    [Fact]
    public async Task Stats_NothingExported_ExitsTwo()
    {
        var run = await CliAsync(["stats", "--input", Path.Combine(_directory, "missing.db")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("run export first", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_NoNdjsonFile_ExitsTwoAsForAMissingDatabase()
    {
        var run = await CliAsync(["stats", "--input", Path.Combine(_directory, "missing.ndjson")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("run export first", run.Error, StringComparison.Ordinal);
    }
}
