using Mailkit.Reports.Classification;
using Microsoft.Data.Sqlite;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary><c>stats</c> leads with the classifier's reasons, from the stored verdicts or, for an older export, on the fly.</summary>
public sealed class StatsReasonTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-stats-reason-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("bounces.db")]
    [InlineData("bounces.ndjson")]
    public async Task Stats_AfterExport_LeadsWithTheReasonTableBeforeTheExistingOutput(string file)
    {
        var target = Path.Combine(_directory, file);
        var emulator = Emulator(500);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        var run = await CliAsync(["stats", "--input", target]);

        Assert.Equal(0, run.ExitCode);
        var output = run.Output;
        Assert.True(output.IndexOf("By reason", StringComparison.Ordinal) < output.IndexOf("500 bounces", StringComparison.Ordinal), output);
        Assert.True(output.IndexOf("500 bounces", StringComparison.Ordinal) < output.IndexOf("By recipient status", StringComparison.Ordinal), output);
        var expected = emulator.Bounces.Select(b => Mailkit.Reports.Cli.Targets.Verdict.Of(BounceClassifier.Default.Classify(b.ToBounceRecord()))).GroupBy(v => (v.Reason, v.HardBounce)).OrderByDescending(g => g.Count()).First();
        Assert.Matches($@"│ {expected.Key.Reason} +│ {(expected.Key.HardBounce ? "hard" : "soft")} +│ +{expected.Count()} │", output);
        Assert.Matches(@"│ userunknown +│ hard +│ +\d+ │ +\d+\.\d % │ [a-zü.]+\.(cz|com|de|pl|fr) +│", output);
    }

    [Fact]
    public async Task Stats_DatabaseWithoutVerdictColumns_ClassifiesOnTheFlyAndChangesNothing()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Emulator(300);
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        var withColumns = await CliAsync(["stats", "--input", target]);
        await using (var connection = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "ALTER TABLE raw_bounces DROP COLUMN reason; ALTER TABLE raw_bounces DROP COLUMN hard_bounce; ALTER TABLE raw_bounces DROP COLUMN advice; DROP TABLE schema_version;";
            await drop.ExecuteNonQueryAsync();
        }

        var withoutColumns = await CliAsync(["stats", "--input", target]);

        Assert.Equal(0, withoutColumns.ExitCode);
        Assert.Contains("By reason", withoutColumns.Output, StringComparison.Ordinal);
        Assert.Equal(withColumns.Output, withoutColumns.Output);
        await using var check = new SqliteConnection($"Data Source={target};Pooling=False");
        await check.OpenAsync();
        await using var columns = check.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('raw_bounces') WHERE name = 'reason'";
        Assert.Equal(0L, await columns.ExecuteScalarAsync());
    }
}
