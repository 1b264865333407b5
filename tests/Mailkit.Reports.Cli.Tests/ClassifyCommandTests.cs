using System.Globalization;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary><c>classify</c>: one bounce's verdict from the command line, and the scores on a labelled file.</summary>
public sealed class ClassifyCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-classify-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Classify_UserUnknown_PrintsHardSuppressWithRuleAndEvidence()
    {
        var run = await CliAsync(["classify", "--status", "5.1.1", "--remote-mta", "dns; mx1.seznam.cz", "smtp; 550 5.1.1 szn; User hasn't got the service mapped"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToDictionary(l => l[..l.IndexOf(' ', StringComparison.Ordinal)], l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim());
        Assert.Equal("userunknown", lines["reason"]);
        Assert.Equal("hard", lines["bounce"]);
        Assert.Equal("suppress", lines["advice"]);
        Assert.Equal("seznam.userunknown.service-not-mapped", lines["rule"]);
        Assert.Contains("service mapped", lines["evidence"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal("agrees or gave no hint", lines["mailkit"]);
    }

    [Fact]
    public async Task Classify_MailboxFull_PrintsSoftAndSuppressIfRepeated()
    {
        var run = await CliAsync(["classify", "--status", "4.2.2", "--recipient-status", "temporary", "smtp; 452 4.2.2 The email account that you tried to reach is over quota."]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("reason    mailboxfull\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("bounce    soft\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("advice    suppressifrepeated\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classify_DmarcRejection_AdvisesFixingTheSending()
    {
        var run = await CliAsync(["classify", "--status", "5.7.26", "--email", "jan@gmail.com", "smtp; 550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy."]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("reason    authfailure\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("advice    fixsending\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classify_MailkitCategorySaysOtherwise_SaysItDisagrees()
    {
        var run = await CliAsync(["classify", "--status", "5.1.1", "--category", "full-mailbox", "smtp; 550 5.1.1 <jan@example.org>... User Unknown"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("reason    userunknown\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("mailkit   its category or recipient status disagrees\n", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("classify|--gold|g.jsonl|--status|5.1.1", "mailkit-bounces: classify --gold scores a file; give no reply or --status with it (see --help).")]
    [InlineData("classify|--predictions|out.jsonl|--examples|missing.jsonl|smtp; 550 5.1.1 User unknown", "mailkit-bounces: --predictions goes with --gold (see --help).")]
    [InlineData("classify|--examples|missing.jsonl", "mailkit-bounces: classify needs the server's reply or --status, or --gold FILE (see --help).")]
    public async Task Classify_OptionsThatDoNotGoTogether_TellTheFirstProblemInTheToolsWords(string argumentList, string expected)
    {
        var run = await CliAsync(argumentList.Split('|'));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    [Theory]
    [InlineData("classify")]
    [InlineData("classify|--recipient-status|sometimes|smtp; 550 5.1.1 User unknown")]
    [InlineData("classify|--predictions|out.jsonl|smtp; 550 5.1.1 User unknown")]
    [InlineData("classify|--gold|missing.jsonl")]
    public async Task Classify_UsageError_ExitsTwoWithOneLine(string argumentList)
    {
        var arguments = argumentList.Split('|');
        var run = await CliAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task ClassifyGold_DevSet_PrintsTheScoresAndPredictions()
    {
        var dev = DevSet();
        var predictions = Path.Combine(_directory, "predictions.jsonl");

        var run = await CliAsync(["classify", "--gold", dev, "--predictions", predictions]);

        Assert.Equal(0, run.ExitCode);
        var rows = File.ReadLines(dev).Count(l => !string.IsNullOrWhiteSpace(l));
        Assert.Contains($"gold rows            {rows.ToString(CultureInfo.InvariantCulture)}\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        foreach (var line in new[] { "accuracy", "macro-F1 (reasons)", "hard precision", "hard recall", "reason ", "userunknown" })
        {
            Assert.Contains(line, run.Output, StringComparison.Ordinal);
        }

        var accuracy = double.Parse(run.Output.ReplaceLineEndings("\n").Split('\n').Single(l => l.StartsWith("accuracy", StringComparison.Ordinal))["accuracy".Length..].Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.5, 1.0);
        Assert.Equal(rows, File.ReadLines(predictions).Count());
    }

    /// <summary>The labelled dev set, copied from the repository's data/bounce-reasons into the test output.</summary>
    private static string DevSet() => Path.Combine(AppContext.BaseDirectory, "Data", "bounce-reasons", "dev.jsonl");
}
