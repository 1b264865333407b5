using System.Globalization;
using Mailkit.Reports.Cli.Datasets;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Testing;
using Xunit.Abstractions;
using static Mailkit.Reports.Cli.Tests.CliHarness;
using static Mailkit.Reports.Cli.Tests.Datasets.SmallExport;

namespace Mailkit.Reports.Cli.Tests.Datasets;

/// <summary>
/// <c>export --dataset all</c> against the emulator's world over a loopback socket: every dataset stored once, and every
/// bounce dated as the world says (NULL exactly where its message is not in raw messages), after a normal run and after
/// a run killed mid-way and run again.
/// </summary>
[Trait("Issue", "25")]
public sealed class WorldExportTests(PostgresServer postgres, ITestOutputHelper log) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static int _nextClientId = 90_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-world-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("sqlite")]
    [PostgresInlineData("postgres")]
    public async Task ExportAll_World_StoresEveryDatasetOnceAndDatesEveryBounceAsTheWorldSays(string database)
    {
        var (target, format) = Target(database);
        var emulator = World();
        await using var server = await emulator.StartServerAsync();

        var first = await RunAsync(server, ["--output", target, "--dataset", "all"]);
        var second = await RunAsync(server, ["--output", target, "--dataset", "all"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("messages: 0 rows from Mailkit, stored in SQLite", second.Error.Replace("PostgreSQL", "SQLite", StringComparison.Ordinal), StringComparison.Ordinal);
        await AssertMatchesTheWorldAsync(emulator, target, format);
    }

    [Theory]
    [InlineData("sqlite", 4)]
    [PostgresInlineData("postgres", 3)]
    public async Task ExportAll_KilledMidWayAndRunAgain_NothingLostNothingDoubledAndEveryBounceDated(string database, int kills)
    {
        var (target, format) = Target(database);
        var emulator = World();

        // Answers trickle in, so that a whole export takes seconds and each kill lands in the middle of one.
        emulator.TrickleChunkBytes = 2048;
        emulator.TrickleInterval = TimeSpan.FromMilliseconds(10);
        await using var server = await emulator.StartServerAsync();
        var random = new Random(kills * 17 + database.Length);
        var midWay = 0;

        for (var kill = 0; kill < kills; kill++)
        {
            using var tool = ToolProcess.StartExport(server, "--output", target, "--format", format.Name(), "--dataset", "all", "--page-size", "200");
            await Task.Delay(random.Next(400, 2_500));
            midWay += tool.HasExited ? 0 : 1;
            tool.Kill();
            await tool.WaitForExitAsync(Timeout);
        }

        using (var last = ToolProcess.StartExport(server, "--output", target, "--format", format.Name(), "--dataset", "all", "--page-size", "200"))
        {
            Assert.Equal(0, await last.WaitForExitAsync(Timeout));
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{database}: {midWay} of {kills} kills mid-way, {emulator.Bounces.Count} bounces, {emulator.World!.Messages.Count} messages"));
        Assert.True(midWay > 0, "no kill landed before the export ended");
        await AssertMatchesTheWorldAsync(emulator, target, format);
    }

    [Fact]
    public async Task ExportAllFollow_TwoChecksThenSigterm_EveryDatasetOnceAndExitZero()
    {
        var target = Path.Combine(_directory, "bounces.db");

        // One campaign of two sends: two whole checks stay within the tool's default rate limit.
        var emulator = World(campaigns: 1);
        await using var server = await emulator.StartServerAsync();
        using var tool = ToolProcess.StartExport(server, "--output", target, "--dataset", "all", "--follow", "--interval", "1s");

        await tool.WaitForErrorLineAsync(l => l.Contains(" check 1: caught up", StringComparison.Ordinal), Timeout);
        await tool.WaitForErrorLineAsync(l => l.Contains(" check 2: caught up", StringComparison.Ordinal), Timeout);
        tool.Terminate();

        Assert.Equal(0, await tool.WaitForExitAsync(Timeout));
        Assert.True(tool.ErrorLines.Count(l => l.StartsWith("campaigns: ", StringComparison.Ordinal)) >= 2);
        Assert.Contains(tool.ErrorLines, l => l.StartsWith("messages: 0 rows from Mailkit", StringComparison.Ordinal));
        await AssertMatchesTheWorldAsync(emulator, target, ExportFormat.Sqlite);
    }

    [Fact]
    public async Task ExportDemoAll_ThenStats_ShowsRatesWithoutAnAccount()
    {
        var target = Path.Combine(_directory, "bounces.db");

        var export = await CliAsync(["export", "--demo", "--demo-records", "2400", "--dataset", "all", "--output", target, "--no-progress"]);
        var stats = await CliAsync(["stats", "--input", target]);

        Assert.Equal(0, export.ExitCode);
        Assert.StartsWith("demo: an emulator of Mailkit serves a generated world of 6 campaigns, ", export.Error, StringComparison.Ordinal);
        Assert.Contains("messages: ", export.Error, StringComparison.Ordinal);
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("Bounce rate by recipient domain", stats.Output, StringComparison.Ordinal);
        Assert.Contains("Bounce rate by week sent", stats.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportDemo_BouncesThenTheWorld_IsRefusedRatherThanMixed()
    {
        var target = Path.Combine(_directory, "bounces.db");
        Assert.Equal(0, (await CliAsync(["export", "--demo", "--demo-records", "10", "--output", target, "--no-progress"])).ExitCode);

        var world = await CliAsync(["export", "--demo", "--demo-records", "100", "--dataset", "all", "--output", target, "--no-progress"]);

        Assert.Equal(2, world.ExitCode);
        Assert.Contains("holds the demo export, and this is the export of the demo's world", world.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    public async Task ExportAll_Files_WritesOneFilePerTableBesideOutput(string extension)
    {
        var output = Path.Combine(_directory, "out." + extension);
        var emulator = World();
        await using var server = await emulator.StartServerAsync();

        var run = await RunAsync(server, ["--output", output, "--dataset", "all"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(emulator.Bounces.Count, (await ReadAsync(output, extension)).Count);
        var header = extension == "csv" ? 1 : 0;
        async Task<int> RowsAsync(string table) => (await File.ReadAllLinesAsync(Path.Combine(_directory, $"out.{table}.{extension}"))).Length - header;
        Assert.Equal(emulator.World!.Messages.Count(m => !m.Pruned), await RowsAsync("messages"));
        Assert.Equal(emulator.World.Responses.Count, await RowsAsync("responses"));
        Assert.Equal(emulator.World.Campaigns.Count, await RowsAsync("campaigns"));
        Assert.Equal(emulator.World.Sends.Count, await RowsAsync("campaign_sends"));
        Assert.Equal(emulator.World.MessageBounces.Count, await RowsAsync("message_bounces"));
        Assert.Equal(emulator.World.Unsubscribes.Select(u => (u.Email, u.UnsubscribedAt, u.Groups)).Distinct().Count(), await RowsAsync("unsubscribes"));
    }

    /// <summary>A small world, so that a whole export stays within the tool's default rate limit.</summary>
    private static MailkitEmulator World(int campaigns = 3, int sends = 2) =>
        new MailkitEmulator { ClientId = Interlocked.Increment(ref _nextClientId) }
            .AddWorld(new EmulatedWorldOptions { Campaigns = campaigns, SendsPerCampaign = sends, RecipientsPerSend = 60, Weeks = 3, Seed = 5 });

    private static async Task AssertMatchesTheWorldAsync(MailkitEmulator emulator, string target, ExportFormat format)
    {
        var world = emulator.World!;
        Assert.Equal((long)emulator.Bounces.Count, Convert.ToInt64(await ScalarAsync(target, format, "SELECT COUNT(*) FROM raw_bounces"), CultureInfo.InvariantCulture));
        Assert.Equal((long)world.Messages.Count(m => !m.Pruned), Convert.ToInt64(await ScalarAsync(target, format, "SELECT COUNT(*) FROM raw_messages"), CultureInfo.InvariantCulture));
        Assert.Equal((long)world.Responses.Count, Convert.ToInt64(await ScalarAsync(target, format, "SELECT COUNT(*) FROM raw_responses"), CultureInfo.InvariantCulture));
        Assert.Equal((long)world.Campaigns.Count, Convert.ToInt64(await ScalarAsync(target, format, "SELECT COUNT(*) FROM campaigns"), CultureInfo.InvariantCulture));
        Assert.Equal((long)world.Sends.Count, Convert.ToInt64(await ScalarAsync(target, format, "SELECT COUNT(*) FROM campaign_sends"), CultureInfo.InvariantCulture));
        Assert.Equal((long)world.MessageBounces.Count, Convert.ToInt64(await ScalarAsync(target, format, "SELECT COUNT(*) FROM message_bounces"), CultureInfo.InvariantCulture));
        var unsubscribes = world.Unsubscribes.Select(u => (u.Email, u.UnsubscribedAt, u.Groups)).Distinct().Count();
        Assert.Equal((long)unsubscribes, Convert.ToInt64(await ScalarAsync(target, format, "SELECT COUNT(*) FROM unsubscribes"), CultureInfo.InvariantCulture));

        var stored = await DatesAsync(target, format);
        Assert.Equal(emulator.Bounces.Select(b => b.UndeliveredLogId), stored.Keys.Order());
        var wrong = emulator.Bounces
            .Select(b => (Id: b.UndeliveredLogId, Expected: Text(emulator.ExpectedSentAt(b.UndeliveredLogId)), Stored: stored[b.UndeliveredLogId].SentAt))
            .Where(b => b.Expected != b.Stored)
            .ToList();
        Assert.Empty(wrong);
        Assert.Contains(stored.Values, d => d.SentAt is null);
        Assert.All(emulator.Bounces, b => Assert.Equal(Text(emulator.ExpectedBouncedAt(b.UndeliveredLogId)), stored[b.UndeliveredLogId].BouncedAt));
    }

    private static string? Text(DateTimeOffset? time) => time is { } t ? DatasetTables.TimeText(t) : null;

    private static async Task<Dictionary<long, (string? SentAt, string? BouncedAt)>> DatesAsync(string target, ExportFormat format)
    {
        await using System.Data.Common.DbConnection connection = format == ExportFormat.Postgres
            ? new Npgsql.NpgsqlConnection(target)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id_undelivered_log, sent_at, bounced_at FROM raw_bounces";
        var dates = new Dictionary<long, (string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            dates[reader.GetInt64(0)] = (TimeOf(reader.GetValue(1)), TimeOf(reader.GetValue(2)));
        }

        return dates;
    }

    private static string? TimeOf(object stored) => stored switch
    {
        DBNull => null,
        DateTime time => DatasetTables.TimeText(new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))),
        DateTimeOffset time => DatasetTables.TimeText(time),
        var text => text.ToString(),
    };

    private (string Target, ExportFormat Format) Target(string database) =>
        database == "postgres" ? (postgres.CreateDatabase(), ExportFormat.Postgres) : (Path.Combine(_directory, "bounces.db"), ExportFormat.Sqlite);
}
