using System.Globalization;
using Mailkit.Reports.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>M7: a record the SDK cannot accept stops the export (exit 4) or, with --skip-invalid, is set aside.</summary>
public sealed class InvalidRecordTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-invalid-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Trait("Finding", "M7")]
    [Fact]
    public async Task Export_InvalidRecord_ExitsFourNamingTheFieldAndTheId()
    {
        var (emulator, poisoned) = Poisoned(20, 9);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, "b.db");

        var run = await RunAsync(server, ["--output", target], new PoisonTransport());

        Assert.Equal(4, run.ExitCode);
        var line = run.Error.Trim().Split('\n')[^1];
        Assert.Contains($"ID_UNDELIVERED_LOG {poisoned.ToString(CultureInfo.InvariantCulture)}", line, StringComparison.Ordinal);
        Assert.Contains("TEXT_STATUS", line, StringComparison.Ordinal);
        Assert.Contains("--skip-invalid", line, StringComparison.Ordinal);
        Assert.Equal(emulator.Bounces.Take(9).Select(b => b.UndeliveredLogId.ToString(CultureInfo.InvariantCulture)), (await ReadAsync(target, null)).Select(r => r["ID_UNDELIVERED_LOG"]));
    }

    [Trait("Finding", "M7")]
    [Theory]
    [InlineData("b.db")]
    [InlineData("b.ndjson")]
    [InlineData("b.csv")]
    [PostgresInlineData("postgres")]
    public async Task Export_InvalidRecordSkipped_SetAsideAndTheRestExported(string file)
    {
        var (emulator, poisoned) = Poisoned(30, 12);
        await using var server = await emulator.StartServerAsync();
        var target = file == "postgres" ? postgres.CreateDatabase() : Path.Combine(_directory, file);

        var run = await RunAsync(server, ["--output", target, "--page-size", "7", "--skip-invalid"], new PoisonTransport());

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("done: 29 records, 1 rejected", run.Error, StringComparison.Ordinal);
        var stored = file == "postgres" ? await ReadPostgresAsync(target) : await ReadAsync(target, null);
        Assert.Equal(emulator.Bounces.Where(b => b.UndeliveredLogId != poisoned).Select(b => b.UndeliveredLogId.ToString(CultureInfo.InvariantCulture)), stored.Select(r => r["ID_UNDELIVERED_LOG"]));
        var rejected = await RejectedAsync(target, file);
        Assert.Equal(poisoned, Assert.Single(rejected).Id);
        Assert.Contains("POISON", rejected[0].Text, StringComparison.Ordinal);
        Assert.Contains("TEXT_STATUS", rejected[0].Reason, StringComparison.Ordinal);

        var again = await RunAsync(server, ["--output", target, "--page-size", "7", "--skip-invalid"], new PoisonTransport());
        Assert.Equal(0, again.ExitCode);
        Assert.Single(await RejectedAsync(target, file));
    }

    [Trait("Finding", "M7")]
    [Fact]
    public async Task Export_InvalidRecordWithoutId_ExitsFourSayingItCannotBeSkipped()
    {
        var (emulator, _) = Poisoned(20, 5);
        await using var server = await emulator.StartServerAsync();

        var run = await RunAsync(server, ["--output", Path.Combine(_directory, "b.db"), "--skip-invalid"], new PoisonTransport(idKnown: false));

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("without a readable ID_UNDELIVERED_LOG", run.Error, StringComparison.Ordinal);
        Assert.Contains("cannot be skipped because its ID is unknown", run.Error, StringComparison.Ordinal);
    }

    [Trait("Finding", "M7")]
    [Fact]
    public async Task Export_ValueTheSdkRefuses_ExitsFourInOneLine()
    {
        var emulator = Emulator(10);
        var bounce = emulator.Bounces[4];
        emulator.Add([new EmulatedBounce(bounce.Fields.Select(f => f.Key == "ID_USER_LIST" ? new(f.Key, "-1") : f).Append(new("ID_USER_LIST", "-1")).DistinctBy(f => f.Key))]);
        await using var server = await emulator.StartServerAsync();

        var run = await RunAsync(server, ["--output", Path.Combine(_directory, "b.db")]);

        Assert.Equal(4, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Contains("ID_USER_LIST", run.Error, StringComparison.Ordinal);
        Assert.Contains($"ID_UNDELIVERED_LOG {bounce.UndeliveredLogId.ToString(CultureInfo.InvariantCulture)}", run.Error, StringComparison.Ordinal);
    }

    [Trait("Finding", "M7")]
    [Theory]
    [InlineData("b.db")]
    [InlineData("b.ndjson")]
    public async Task Export_ValueTheSdkRefusesSkipped_SetAsideByTheRealDecoderAndTheRestExported(string file)
    {
        var emulator = Emulator(30);
        var bounce = emulator.Bounces[11];
        emulator.Add([new EmulatedBounce(bounce.Fields.Select(f => f.Key == "ID_USER_LIST" ? new(f.Key, "-1") : f).Append(new("ID_USER_LIST", "-1")).DistinctBy(f => f.Key))]);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, file);

        var run = await RunAsync(server, ["--output", target, "--page-size", "7", "--skip-invalid"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("done: 29 records, 1 rejected", run.Error, StringComparison.Ordinal);
        var stored = await ReadAsync(target, null);
        Assert.Equal(
            emulator.Bounces.Where(b => b.UndeliveredLogId != bounce.UndeliveredLogId).Select(b => b.UndeliveredLogId.ToString(CultureInfo.InvariantCulture)),
            stored.Select(r => r["ID_UNDELIVERED_LOG"]));
        var rejected = Assert.Single(await RejectedAsync(target, file));
        Assert.Equal(bounce.UndeliveredLogId, rejected.Id);
        Assert.Contains("\"ID_USER_LIST\":\"-1\"", rejected.Text, StringComparison.Ordinal);
        Assert.Contains("ID_USER_LIST", rejected.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Finding", "R2-L7")]
    [InlineData("b.db", "json")]
    [InlineData("b.ndjson", "xmlrpc")]
    public async Task Export_EveryRecordOfAPageBadWithSkipInvalid_AllRejectedInAtMostTwoCalls(string file, string transport)
    {
        var emulator = Emulator(100);
        emulator.Add(emulator.Bounces.Select(b => new EmulatedBounce(b.Fields.Where(f => f.Key != "ID_USER_LIST").Append(new("ID_USER_LIST", "-1")))));
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, file);

        var run = await RunAsync(server, ["--output", target, "--page-size", "100", "--transport", transport, "--skip-invalid"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("done: 0 records, 100 rejected", run.Error, StringComparison.Ordinal);
        Assert.InRange(emulator.Requests.Count, 1, 2);
        Assert.Equal(emulator.Bounces.Select(b => b.UndeliveredLogId), (await RejectedAsync(target, file)).Select(r => r.Id));

        var again = await RunAsync(server, ["--output", target, "--page-size", "100", "--transport", transport, "--skip-invalid"]);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(100, (await RejectedAsync(target, file)).Count);
    }

    [Trait("Finding", "M7")]
    [Fact]
    public async Task Export_ProtocolFailureNotNamingARecordWithSkipInvalid_ExitsFourSayingItCannotBeSkipped()
    {
        var emulator = Emulator(10);
        emulator.FailRequest(1, EmulatorFault.HtmlPage);
        await using var server = await emulator.StartServerAsync();

        var run = await RunAsync(server, ["--output", Path.Combine(_directory, "b.db"), "--skip-invalid"]);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("--skip-invalid cannot skip it", run.Error, StringComparison.Ordinal);
    }

    [Trait("Finding", "M7")]
    [PostgresFact]
    public async Task Export_NulInTextIntoPostgres_StoredEscaped()
    {
        var emulator = Emulator(10);
        var bounce = emulator.Bounces[3];
        emulator.Add([new EmulatedBounce(bounce.Fields.Select(f => f.Key == "TEXT_STATUS" ? new(f.Key, "a\u0000b") : f).Append(new("CUSTOM_NOTE", "x\u0000y")))]);
        await using var server = await emulator.StartServerAsync();
        var database = postgres.CreateDatabase();

        var run = await RunAsync(server, ["--output", database]);

        Assert.Equal(0, run.ExitCode);
        var row = (await ReadPostgresAsync(database))[3];
        Assert.Equal("a\\u0000b", row["TEXT_STATUS"]);
        Assert.Equal("x\\u0000y", row["CUSTOM_NOTE"]);
    }

    /// <summary>An emulator whose record at <paramref name="index"/> the <see cref="PoisonTransport"/> refuses.</summary>
    private static (MailkitEmulator Emulator, long Id) Poisoned(int count, int index)
    {
        var emulator = Emulator(count);
        var bounce = emulator.Bounces[index];
        emulator.Add([new EmulatedBounce(bounce.Fields.Select(f => f.Key == "TEXT_STATUS" ? new(f.Key, "POISON here") : f))]);
        return (emulator, bounce.UndeliveredLogId);
    }

    private static async Task<List<(long Id, string Text, string Reason)>> RejectedAsync(string target, string file)
    {
        var rows = new List<(long, string, string)>();
        if (file.EndsWith(".db", StringComparison.Ordinal) || file == "postgres")
        {
            await using System.Data.Common.DbConnection connection = file == "postgres" ? new NpgsqlConnection(target) : new SqliteConnection($"Data Source={target};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id_undelivered_log, record_text, reason FROM rejected_bounces";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }

            return rows;
        }

        foreach (var line in await File.ReadAllLinesAsync(target + ".rejected.ndjson"))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            rows.Add((json.RootElement.GetProperty("ID_UNDELIVERED_LOG").GetInt64(), json.RootElement.GetProperty("record").GetString()!, json.RootElement.GetProperty("reason").GetString()!));
        }

        return rows;
    }
}
