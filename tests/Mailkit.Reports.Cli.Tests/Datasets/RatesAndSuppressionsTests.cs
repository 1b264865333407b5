using Mailkit.Reports.Cli.Datasets;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using static Mailkit.Reports.Cli.Tests.CliHarness;
using static Mailkit.Reports.Cli.Tests.Datasets.SmallExport;

namespace Mailkit.Reports.Cli.Tests.Datasets;

/// <summary>
/// <c>stats</c> shows bounces ÷ messages by domain, campaign and week, hard and sender-side apart, once messages are
/// exported; <c>suppressions</c> lists every unsubscribed address.
/// </summary>
[Trait("Issue", "25")]
public sealed class RatesAndSuppressionsTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-rates-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Stats_SqliteWithMessages_CountsEachRateExactly() => await RatesAreExactAsync(Path.Combine(_directory, "bounces.db"), ExportFormat.Sqlite);

    [PostgresFact]
    public async Task Stats_PostgresWithMessages_CountsEachRateExactly() => await RatesAreExactAsync(postgres.CreateDatabase(), ExportFormat.Postgres);

    [Fact]
    public async Task Stats_WithMessages_PrintsTheRateTables()
    {
        var target = Path.Combine(_directory, "bounces.db");
        await BuildAsync(target, ExportFormat.Sqlite);

        var run = await CliAsync(["stats", "--input", target]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Bounce rate by recipient domain", run.Output, StringComparison.Ordinal);
        Assert.Contains("Bounce rate by campaign", run.Output, StringComparison.Ordinal);
        Assert.Contains("Bounce rate by week sent", run.Output, StringComparison.Ordinal);
        Assert.Contains("2026-03-09", run.Output, StringComparison.Ordinal);
        Assert.Contains("50.00 %", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 bounce without an exported message, not in the rates", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_WithoutMessages_ShowsNoRates()
    {
        var target = Path.Combine(_directory, "bounces.db");
        await WriteBouncesAsync(target, ExportFormat.Sqlite, Bounce(1, 1));

        var run = await CliAsync(["stats", "--input", target]);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Bounce rate", run.Output, StringComparison.Ordinal);
        Assert.Null(await StatsRates.ReadAsync(target, ExportFormat.Sqlite, CancellationToken.None));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("csv")]
    public async Task Suppressions_WithUnsubscribes_ListsEveryUnsubscribedAddressOnce(string format)
    {
        var target = Path.Combine(_directory, "bounces.db");
        await WriteBouncesAsync(target, ExportFormat.Sqlite, Bounce(1, 1, email: "gone@example.cz"));
        var client = new FakeReports();
        client.Unsubscribes.AddRange(
        [
            new UnsubscribeRecord { Email = "Petra@Example.cz", Date = Monday },
            new UnsubscribeRecord { Email = "petra@example.cz", Date = Monday.AddDays(1), UnsubscribeGroups = "27" },
            new UnsubscribeRecord { Email = "gone@example.cz", Date = Monday },
        ]);
        await SmallExport.RunAsync(target, ExportFormat.Sqlite, Settings(target, ExportDataset.Unsubscribes), client);

        var run = await CliAsync(["suppressions", "--input", target, "--format", format]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Single(lines, l => l.StartsWith("petra@example.cz", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("gone@example.cz", StringComparison.Ordinal));
        var petra = lines.Single(l => l.StartsWith("petra@example.cz", StringComparison.Ordinal));
        Assert.Contains("unsubscribed", petra, StringComparison.Ordinal);
        Assert.EndsWith("suppress", petra, StringComparison.Ordinal);
        Assert.DoesNotContain("unsubscribed", lines.Single(l => l.StartsWith("gone@example.cz", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppressions_WithoutUnsubscribesTable_ListsTheBouncesAlone()
    {
        var target = Path.Combine(_directory, "bounces.db");
        await WriteBouncesAsync(target, ExportFormat.Sqlite, Bounce(1, 1, email: "gone@example.cz"));
        await ScalarAsync(target, ExportFormat.Sqlite, "DROP TABLE unsubscribes");

        var run = await CliAsync(["suppressions", "--input", target]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 address to suppress", run.Output, StringComparison.Ordinal);
    }

    private static async Task BuildAsync(string target, ExportFormat format)
    {
        var client = new FakeReports();
        client.Messages.AddRange(
        [
            Message(1, Monday, "a.cz", 9), Message(2, Monday.AddDays(1), "a.cz", 9), Message(3, Monday.AddDays(7), "a.cz", 9),
            Message(4, Monday.AddDays(8), "a.cz", 10), Message(5, Monday.AddDays(9), "b.cz", 10), Message(6, Monday.AddDays(9), "b.cz", 10),
        ]);
        await WriteBouncesAsync(target, format, Bounce(11, 1), Bounce(12, 2), Bounce(13, 5), Bounce(14, 999));
        await SmallExport.RunAsync(target, format, Settings(target, ExportDataset.Messages), client);
        await SetVerdictAsync(target, format, 11, "userunknown", hard: true);
        await SetVerdictAsync(target, format, 12, "blocked", hard: false);
        await SetVerdictAsync(target, format, 13, "mailboxfull", hard: false);
        await SetVerdictAsync(target, format, 14, "blocked", hard: false);
    }

    private static async Task RatesAreExactAsync(string target, ExportFormat format)
    {
        await BuildAsync(target, format);

        var rates = await StatsRates.ReadAsync(target, format, CancellationToken.None);

        Assert.NotNull(rates);
        Assert.Equal([new("a.cz", 4, 2, 1, 1), new StatsRates.Rate("b.cz", 2, 1, 0, 0)], rates.Domains);
        Assert.Equal([new("10", 3, 1, 0, 0), new StatsRates.Rate("9", 3, 2, 1, 1)], rates.Campaigns);
        Assert.Equal([new("2026-03-02", 2, 2, 1, 1), new StatsRates.Rate("2026-03-09", 4, 1, 0, 0)], rates.Weeks);
        Assert.Equal(1, rates.BouncesWithoutMessage);
        Assert.Equal(0.5, rates.Domains[0].Share);
    }
}
