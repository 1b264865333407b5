using System.Text.Json;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>
/// Labels read from an export or a labelled file made elsewhere (a stored <c>reason</c>, a gold reason) reach the
/// terminal with no control character or escape sequence, and a CSV cell as one quoted cell a spreadsheet shows as text.
/// </summary>
public sealed class StoredLabelOutputTests : IDisposable
{
    private const string Escape = "\u001b[2J\u001b]8;;http://x\u0007";

    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-labels-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [Trait("Finding", "R2-L5")]
    public async Task Suppressions_Csv_StoredReasonsComeOutAsOneNeutralisedCellEach()
    {
        var input = await ExportWithReasonsAsync("x\r\n=1+1", "=HYPERLINK(\"http://x\"),1,suppress", Escape + "userunknown");

        var run = await CliAsync(["suppressions", "--input", input, "--format", "csv"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "email,reason,bounces,advice\r\n"
            + "a@example.cz,x =1+1,1,suppress\r\n"
            + "b@example.cz,\"'=HYPERLINK(\"\"http://x\"\"),1,suppress\",1,suppress\r\n"
            + "c@example.cz,?[2J?]8;;http://x?userunknown,1,suppress\r\n",
            run.Output);
    }

    [Theory]
    [Trait("Finding", "R2-L5")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public async Task Suppressions_Csv_StoredReasonStartingAFormula_GetsALeadingQuote(string reason, string cell)
    {
        var input = await ExportWithReasonsAsync(reason);

        var run = await CliAsync(["suppressions", "--input", input, "--format", "csv"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"email,reason,bounces,advice\r\na@example.cz,{cell},1,suppress\r\n", run.Output);
    }

    [Fact]
    [Trait("Finding", "R2-L5")]
    public async Task Suppressions_Text_StoredReasonWithEscapeSequence_PrintsNoControlCharacter()
    {
        var input = await ExportWithReasonsAsync(Escape + "userunknown", "full\r\nfake row");

        var run = await CliAsync(["suppressions", "--input", input]);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.Output, ch => char.IsControl(ch) && ch != '\n');
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^a@example\.cz  \?\[2J\?\]8;;http://x\?userunknown +1  suppress$", lines[1]);
        Assert.Matches("^b@example\\.cz  full fake row +1  suppress$", lines[2]);
    }

    [Fact]
    [Trait("Finding", "R2-L5")]
    public async Task ClassifyGold_GoldReasonWithEscapeSequenceOrLineBreak_PrintsNoControlCharacter()
    {
        var gold = Path.Combine(_directory, "gold.jsonl");
        string Row(string reason) => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["STATUS"] = "5.1.1",
            ["TEXT_STATUS"] = "smtp; 550 5.1.1 User unknown",
            ["reason"] = reason,
            ["hard"] = true,
        });
        await File.WriteAllLinesAsync(gold, [Row(Escape + "userunknown"), Row("gone\nuserunknown 1 1 1.000 1.000 1.000")]);

        var run = await CliAsync(["classify", "--gold", gold]);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.Output, ch => char.IsControl(ch) && ch != '\n' && ch != '\r');
        var rows = run.Output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipWhile(l => !l.StartsWith("reason ", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.StartsWith("?[2j?]8;;http://x?userunknown ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("gone userunknown 1 1 1.000 1.000 1.000 ", StringComparison.Ordinal));
    }

    /// <summary>An NDJSON export from elsewhere: one hard bounce per reason, to a@, b@, c@… in turn.</summary>
    private async Task<string> ExportWithReasonsAsync(params string[] reasons)
    {
        var path = Path.Combine(_directory, "bounces.ndjson");
        var lines = reasons.Select((reason, i) => JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["ID_UNDELIVERED_LOG"] = $"{i + 1}",
            ["ID_SEND"] = $"{i + 1}",
            ["EMAIL"] = $"{(char)('a' + i)}@example.cz",
            ["STATUS"] = "5.1.1",
            ["TEXT_STATUS"] = "smtp; 550 5.1.1 User unknown",
            ["REMOTE_MTA"] = string.Empty,
            ["RECIPIENT_STATUS"] = "permanent",
            ["reason"] = reason,
            ["hard_bounce"] = "true",
            ["advice"] = "suppress",
        }));
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }
}
