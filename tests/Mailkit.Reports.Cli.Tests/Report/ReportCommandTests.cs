using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Mailkit.Reports.Cli.Tests.Report;

/// <summary>The <c>report</c> command: what it writes, what it refuses, and what it remembers from the previous report.</summary>
public sealed class ReportCommandTests
{
    [Fact]
    [Trait("Issue", "26")]
    public async Task Report_SmallWorld_WritesTheFileAndOneLine()
    {
        var input = await ReportFixture.SqliteAsync();
        var output = Path.Combine(Path.GetDirectoryName(input)!, "report.html");

        var run = await CliHarness.CliAsync(["report", "--input", input, "--output", output], timeProvider: new FakeTimeProvider(ReportFixture.Now));

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
        Assert.Equal($"wrote {output}: 15 bounces, 255 messages, 5 addresses to suppress\n", run.Output.ReplaceLineEndings("\n"));
        var html = await File.ReadAllTextAsync(output);
        Assert.Contains("made 2026-11-21 09:00 UTC", html, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(input)!, "*.tmp"));
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Report_WrittenAgainAfterMoreBounces_SaysHowTheSuppressionListChanged()
    {
        var input = await ReportFixture.SqliteAsync();
        var output = Path.Combine(Path.GetDirectoryName(input)!, "report.html");
        var clock = new FakeTimeProvider(ReportFixture.Now);
        await CliHarness.CliAsync(["report", "--input", input, "--output", output], timeProvider: clock);
        await using (var connection = new SqliteConnection($"Data Source={input};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var add = connection.CreateCommand();
            add.CommandText = """
                INSERT INTO raw_bounces (id_undelivered_log, id_message, id_send, email, status, text_status, remote_mta, recipient_status, reason, hard_bounce, advice, sent_at)
                VALUES (100, 2, 30, 'new@a.test', '5.1.1', '550 no such user', 'mx', 'failed', 'userunknown', 1, 'suppress', '2026-11-16T00:00:00Z');
                """;
            await add.ExecuteNonQueryAsync();
        }

        clock.Advance(TimeSpan.FromDays(7));
        var run = await CliHarness.CliAsync(["report", "--input", input, "--output", output], timeProvider: clock);

        Assert.Equal(0, run.ExitCode);
        var document = ReportHtmlTests.Parse(await File.ReadAllTextAsync(output));
        var caption = document.Descendants("section").Single(s => (string?)s.Attribute("id") == "suppressions").Descendants("figcaption").Single().Value;
        Assert.Contains("Stop mailing 6 addresses now", caption, StringComparison.Ordinal);
        Assert.Contains("That is 1 more than the previous report of 2026-11-21 09:00 UTC.", caption, StringComparison.Ordinal);
        var userUnknown = document.Descendants("section").Single(s => (string?)s.Attribute("id") == "suppressions").Descendants("tr")
            .Single(tr => tr.Elements("td").FirstOrDefault()?.Value == "userunknown").Elements("td").Select(td => td.Value);
        Assert.Equal(["userunknown", "4", "3", "+1"], userUnknown);
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Report_FirstReport_SaysThereIsNothingToCompareWith()
    {
        var input = await ReportFixture.SqliteAsync();
        var output = Path.Combine(Path.GetDirectoryName(input)!, "first.html");

        await CliHarness.CliAsync(["report", "--input", input, "--output", output]);

        Assert.Contains("There is no previous report at this path to compare with.", await File.ReadAllTextAsync(output), StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Issue", "26")]
    [InlineData("bounces.ndjson", "report reads SQLite or PostgreSQL, not ndjson")]
    [InlineData("bounces.csv", "report reads SQLite or PostgreSQL, not csv")]
    [InlineData("missing.db", "does not exist; run export first.")]
    public async Task Report_InputItCannotAggregate_IsRefusedWithUsageExit(string name, string message)
    {
        var folder = ReportFixture.NewFolder();
        var input = Path.Combine(folder, name);
        if (!name.StartsWith("missing", StringComparison.Ordinal))
        {
            await File.WriteAllTextAsync(input, "{}\n");
        }

        var run = await CliHarness.CliAsync(["report", "--input", input, "--output", Path.Combine(folder, "r.html")]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "r.html")));
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Report_EmptyExport_WritesEverySectionAndNoEmptyChart()
    {
        var input = Path.Combine(ReportFixture.NewFolder(), "bounces.db");
        await using (var connection = new SqliteConnection($"Data Source={input};Pooling=False"))
        {
            await connection.OpenAsync();
            await ReportSchema.CreateAsync(connection);
        }

        var output = Path.Combine(Path.GetDirectoryName(input)!, "report.html");
        var run = await CliHarness.CliAsync(["report", "--input", input, "--output", output]);

        Assert.Equal(0, run.ExitCode);
        var document = ReportHtmlTests.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal(7, document.Descendants("h2").Count());
        Assert.Empty(document.Descendants("svg"));
        Assert.Contains("No sender-side bounces", document.Root!.Value, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Report_OutputFolderMissing_IsRefusedWithUsageExit()
    {
        var input = await ReportFixture.SqliteAsync();
        var output = Path.Combine(Path.GetDirectoryName(input)!, "no-such-folder", "report.html");

        var run = await CliHarness.CliAsync(["report", "--input", input, "--output", output]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("the folder of --output", run.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist; create it or choose another.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Issue", "26")]
    [InlineData("--hard-threshold", "0", "--hard-threshold must be more than 0 and at most 1")]
    [InlineData("--bounce-threshold", "1.5", "--bounce-threshold must be more than 0 and at most 1")]
    [InlineData("--jump-factor", "1", "--jump-factor must be more than 1.")]
    [InlineData("--repeats", "0", "--repeats must be 1 or more")]
    [InlineData("--since", "last week", "is not a date: give yyyy-MM-dd or an ISO 8601 instant.")]
    [InlineData("--by", "month", "month")]
    public async Task Report_BadOption_IsRefusedWithUsageExit(string option, string value, string message)
    {
        var input = await ReportFixture.SqliteAsync();

        var run = await CliHarness.CliAsync(["report", "--input", input, "--output", Path.Combine(Path.GetDirectoryName(input)!, "r.html"), option, value]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Report_OnlyBouncesExported_SaysWhatIsMissing()
    {
        var input = await ReportFixture.SqliteAsync(messages: false);
        var output = Path.Combine(Path.GetDirectoryName(input)!, "report.html");

        var run = await CliHarness.CliAsync(["report", "--input", input, "--output", output]);

        Assert.Equal(0, run.ExitCode);
        var freshness = ReportHtmlTests.Parse(await File.ReadAllTextAsync(output)).Descendants("section").Single(s => (string?)s.Attribute("id") == "freshness");
        Assert.Equal(
            ["No messages exported: rates unavailable.", "No responses exported: opens and clicks are not shown.",
                "No unsubscribes exported: unsubscribed addresses are not counted.", "No campaigns exported: campaigns are named by Mailkit's message ID."],
            freshness.Descendants("li").Select(li => li.Value));
        Assert.Contains("Last export: 2026-11-20 08:00:00 UTC.", freshness.Value, StringComparison.Ordinal);
    }
}
