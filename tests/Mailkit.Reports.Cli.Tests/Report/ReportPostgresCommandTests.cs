using Npgsql;

namespace Mailkit.Reports.Cli.Tests.Report;

/// <summary>The <c>report</c> command over PostgreSQL: the same figures as SQLite, and nothing of the connection string's secrets.</summary>
public sealed class ReportPostgresCommandTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [PostgresFact]
    [Trait("Issue", "26")]
    public async Task Report_PostgresInput_WritesTheSameFiguresAndNoPassword()
    {
        var input = await ReportFixture.PostgresAsync(postgres);
        var password = new NpgsqlConnectionStringBuilder(input).Password;
        var output = Path.Combine(ReportFixture.NewFolder(), "report.html");

        var run = await CliHarness.CliAsync(["report", "--input", input, "--output", output]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
        Assert.Equal($"wrote {output}: 15 bounces, 255 messages, 5 addresses to suppress\n", run.Output.ReplaceLineEndings("\n"));
        var html = await File.ReadAllTextAsync(output);
        Assert.False(string.IsNullOrEmpty(password));
        Assert.DoesNotContain(password!, html, StringComparison.Ordinal);
        Assert.DoesNotContain(password!, run.Output, StringComparison.Ordinal);
        Assert.Contains("was crossed in 2 of 3 weeks, most recently the week of 2026-11-16", html, StringComparison.Ordinal);
    }
}
