using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Testing;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests.Targets;

/// <summary>M4: CSV cells a spreadsheet would run as formulas are neutralised unless --csv-raw is given.</summary>
public sealed class CsvTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-csv-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Trait("Finding", "M4")]
    [Theory]
    [InlineData(false, "'=1+1@x.cz", "'-2+3 cmd", "'@SUM(A1)", "'\tx")]
    [InlineData(true, "=1+1@x.cz", "-2+3 cmd", "@SUM(A1)", "\tx")]
    public async Task Export_FormulaLikeCells_NeutralisedUnlessRaw(bool raw, string email, string reply, string mta, string recipientStatus)
    {
        var emulator = Emulator(5);
        var bounce = emulator.Bounces[2];
        emulator.Add([new EmulatedBounce(bounce.Fields.Select(f => f.Key switch
        {
            "EMAIL" => new KeyValuePair<string, string>(f.Key, "=1+1@x.cz"),
            "TEXT_STATUS" => new(f.Key, "-2+3 cmd"),
            "REMOTE_MTA" => new(f.Key, "@SUM(A1)"),
            "RECIPIENT_STATUS" => new(f.Key, "\tx"),
            _ => f,
        }))]);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, "b.csv");

        var run = await RunAsync(server, ["--output", target, .. raw ? new[] { "--csv-raw" } : []]);

        Assert.Equal(0, run.ExitCode);
        var row = (await ReadAsync(target, null))[2];
        Assert.Equal(email, row["EMAIL"]);
        Assert.Equal(reply, row["TEXT_STATUS"]);
        Assert.Equal(mta, row["REMOTE_MTA"]);
        Assert.Equal(recipientStatus, row["RECIPIENT_STATUS"]);
    }

    [Trait("Finding", "M4")]
    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("\r1", "'\r1")]
    [InlineData("5.1.1 user unknown", "5.1.1 user unknown")]
    [InlineData("", "")]
    public void Neutralise_PrefixesFormulaStarts(string value, string expected)
    {
        Assert.Equal(expected, CsvTarget.Neutralise(value));
    }
}
