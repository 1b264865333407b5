using System.Text.Json;

namespace Mailkit.Reports.Cli.Tests.Report;

/// <summary><c>stats</c> draws bar charts for a person and gives the same figures to a pipe as CSV or JSON.</summary>
public sealed class StatsFormatTests
{
    [Fact]
    [Trait("Issue", "26")]
    public async Task Stats_Text_KeepsItsTablesAndAddsBarChartsForReasonsAndDomains()
    {
        var input = await ReportFixture.SqliteAsync();

        var run = await CliHarness.CliAsync(["stats", "--input", input]);

        Assert.Equal(0, run.ExitCode);
        var output = run.Output;
        foreach (var line in new[] { "By reason", "15 bounces", "By recipient status", "By SMTP status class", "Top replies", "Top recipient domains" })
        {
            Assert.Contains(line, output, StringComparison.Ordinal);
        }

        Assert.True(output.IndexOf("By reason", StringComparison.Ordinal) < output.IndexOf("Bounces by reason", StringComparison.Ordinal), output);
        Assert.True(output.IndexOf("Bounces by reason", StringComparison.Ordinal) < output.IndexOf("15 bounces", StringComparison.Ordinal), output);
        Assert.True(output.IndexOf("Top recipient domains", StringComparison.Ordinal) < output.IndexOf("Bounces by recipient domain", StringComparison.Ordinal), output);
        Assert.Matches(@"authfailure \(soft\) +█+ 5", output);
        Assert.Matches(@"b\.test +█+ 10", output);
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Stats_FormatCsv_GivesOneRowPerFigure()
    {
        var input = await ReportFixture.SqliteAsync();

        var run = await CliHarness.CliAsync(["stats", "--input", input, "--format", "csv"]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
        var lines = run.Output.Split("\r\n");
        Assert.Equal(
            ["table,key,bounce,count,share", "total,,,15,1", "reason,authfailure,soft,5,0.333333", "reason,userunknown,hard,4,0.266667",
                "reason,mailboxfull,soft,3,0.2", "reason,blocked,soft,1,0.066667", "reason,hostunknown,hard,1,0.066667", "reason,undefined,soft,1,0.066667"],
            lines.Take(8));
        Assert.Contains("domain,b.test,,10,0.666667", lines);
        Assert.Contains("domain,a.test,,5,0.333333", lines);
        Assert.Contains("statusClass,5 permanent failure,,15,1", lines);
        Assert.DoesNotContain("│", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Stats_FormatJson_GivesEveryTableInOneObject()
    {
        var input = await ReportFixture.SqliteAsync();

        var run = await CliHarness.CliAsync(["stats", "--input", input, "--format", "json"]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(15, root.GetProperty("total").GetInt64());
        var first = root.GetProperty("reasons")[0];
        Assert.Equal(("authfailure", "soft", 5L, "b.test"), (first.GetProperty("reason").GetString(), first.GetProperty("bounce").GetString(), first.GetProperty("count").GetInt64(), first.GetProperty("topDomain").GetString()));
        Assert.Equal(15, root.GetProperty("reasons").EnumerateArray().Sum(r => r.GetProperty("count").GetInt64()));
        Assert.Equal(["b.test", "a.test"], root.GetProperty("domain").EnumerateArray().Select(d => d.GetProperty("key").GetString()));
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Stats_UnknownFormat_IsRefusedWithUsageExit()
    {
        var input = await ReportFixture.SqliteAsync();

        var run = await CliHarness.CliAsync(["stats", "--input", input, "--format", "xml"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("xml", run.Error, StringComparison.Ordinal);
    }
}
