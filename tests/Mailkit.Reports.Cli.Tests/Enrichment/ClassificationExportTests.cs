using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Targets;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests.Enrichment;

/// <summary>Every exported row carries the classifier's verdict: reason, hard_bounce and advice.</summary>
public sealed class ClassificationExportTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private const string OldSqliteTable = """
        CREATE TABLE raw_bounces (
            id_undelivered_log INTEGER PRIMARY KEY, id_message INTEGER, id_send INTEGER, id_send_messge INTEGER, id_email INTEGER, id_user_list INTEGER,
            email TEXT NOT NULL, status TEXT NOT NULL, text_status TEXT NOT NULL, remote_mta TEXT NOT NULL, recipient_status TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}');
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-verdict-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("bounces.db")]
    [PostgresInlineData("postgres")]
    [InlineData("bounces.ndjson")]
    [InlineData("bounces.csv")]
    public async Task Export_EveryTarget_StoresTheClassifiersVerdictBesideEachRecord(string file)
    {
        var target = file == "postgres" ? postgres.CreateDatabase() : Path.Combine(_directory, file);
        var emulator = Emulator(400);
        await using var server = await emulator.StartServerAsync();

        var run = await RunAsync(server, ["--output", target]);

        Assert.Equal(0, run.ExitCode);
        var stored = file == "postgres" ? await ReadPostgresAsync(target) : await ReadAsync(target, null);
        AssertSameData(emulator, stored);
        for (var i = 0; i < stored.Count; i++)
        {
            var expected = Verdict.Of(BounceClassifier.Default.Classify(emulator.Bounces[i].ToBounceRecord()));
            Assert.Equal(expected.Reason, stored[i]["reason"]);
            Assert.Equal(expected.HardBounce, ParseHard(stored[i]["hard_bounce"]));
            Assert.Equal(expected.Advice, stored[i]["advice"]);
        }

        Assert.Contains(stored, r => r["reason"] == "userunknown" && ParseHard(r["hard_bounce"]) && r["advice"] == "suppress");
        Assert.Contains(stored, r => r["reason"] == "mailboxfull" && !ParseHard(r["hard_bounce"]));
    }

    [Fact]
    public async Task Export_Emulator_VerdictAgreesWithTheTrueReasonOnNineInTenRecords()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Emulator(600);
        await using var server = await emulator.StartServerAsync();

        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        var stored = await ReadSqliteAsync(target);
        var labelled = emulator.Bounces.Select((b, i) => (b.TrueReason, Stored: stored[i]["reason"])).Where(p => p.TrueReason is not null).ToList();
        Assert.True(labelled.Count > 500, $"{labelled.Count} records have a true reason");
        var agree = labelled.Count(p => p.TrueReason == p.Stored);
        Assert.True(agree >= 0.9 * labelled.Count, $"{agree} of {labelled.Count} agree with the true reason");
    }

    [Fact]
    public async Task Export_SqliteFromBeforeTheVerdict_GainsTheColumnsFilledBeforeNewPages()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Emulator(200);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        await using (var connection = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            // The table as the previous version made it: same rows, no verdict columns.
            await connection.OpenAsync();
            await using var old = connection.CreateCommand();
            old.CommandText = "ALTER TABLE raw_bounces RENAME TO raw_bounces_new;" + OldSqliteTable +
                "INSERT INTO raw_bounces SELECT id_undelivered_log, id_message, id_send, id_send_messge, id_email, id_user_list, email, status, text_status, remote_mta, recipient_status, extra FROM raw_bounces_new; DROP TABLE raw_bounces_new; DROP TABLE schema_version;";
            await old.ExecuteNonQueryAsync();
            old.CommandText = "SELECT COUNT(*) FROM pragma_table_info('raw_bounces') WHERE name = 'reason'";
            Assert.Equal(0L, await old.ExecuteScalarAsync());
        }

        emulator.AddGenerated(100, seed: 7, firstId: emulator.Bounces[^1].UndeliveredLogId + 5);
        var run = await RunAsync(server, ["--output", target]);

        Assert.Equal(0, run.ExitCode);
        var stored = await ReadSqliteAsync(target);
        AssertSameData(emulator, stored);
        Assert.All(stored.Select((row, i) => (row, i)), p =>
        {
            var expected = Verdict.Of(BounceClassifier.Default.Classify(emulator.Bounces[p.i].ToBounceRecord()));
            Assert.Equal((expected.Reason, expected.HardBounce ? "1" : "0", expected.Advice), (p.row["reason"], p.row["hard_bounce"], p.row["advice"]));
        });
    }

    [PostgresFact]
    public async Task Export_PostgresFromBeforeTheVerdict_GainsTheColumnsFilledBeforeNewPages()
    {
        var target = postgres.CreateDatabase();
        var emulator = Emulator(200);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        await using (var connection = new NpgsqlConnection(target))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("ALTER TABLE raw_bounces DROP COLUMN reason, DROP COLUMN hard_bounce, DROP COLUMN advice; DROP TABLE schema_version", connection);
            await drop.ExecuteNonQueryAsync();
        }

        emulator.AddGenerated(100, seed: 7, firstId: emulator.Bounces[^1].UndeliveredLogId + 5);
        var run = await RunAsync(server, ["--output", target]);

        Assert.Equal(0, run.ExitCode);
        var stored = await ReadPostgresAsync(target);
        AssertSameData(emulator, stored);
        Assert.All(stored.Select((row, i) => (row, i)), p =>
        {
            var expected = Verdict.Of(BounceClassifier.Default.Classify(emulator.Bounces[p.i].ToBounceRecord()));
            Assert.Equal((expected.Reason, expected.HardBounce, expected.Advice), (p.row["reason"], ParseHard(p.row["hard_bounce"]), p.row["advice"]));
        });
    }

    [Fact]
    public async Task Export_Csv_WritesTheVerdictColumnsAfterExtra()
    {
        var target = Path.Combine(_directory, "bounces.csv");
        var emulator = Emulator(20);
        await using var server = await emulator.StartServerAsync();

        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        var header = (await File.ReadAllLinesAsync(target))[0];
        Assert.EndsWith(",recipient_status,extra,reason,hard_bounce,advice", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Ndjson_WritesTheVerdictUnderLowerCaseStringKeys()
    {
        var target = Path.Combine(_directory, "bounces.ndjson");
        var emulator = Emulator(20);
        await using var server = await emulator.StartServerAsync();

        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        var first = System.Text.Json.JsonDocument.Parse((await File.ReadAllLinesAsync(target))[0]).RootElement;
        var keys = first.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["reason", "hard_bounce", "advice"], keys[^3..]);
        Assert.All(first.EnumerateObject(), p => Assert.Equal(System.Text.Json.JsonValueKind.String, p.Value.ValueKind));
        Assert.Contains(first.GetProperty("hard_bounce").GetString(), new[] { "true", "false" });
    }

    private static bool ParseHard(string text) => text switch
    {
        "1" or "True" or "true" => true,
        "0" or "False" or "false" => false,
        _ => throw new FormatException($"hard_bounce is {text}"),
    };
}
