using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>
/// The options of <c>export</c> are checked as the command line is parsed, in one order, and only the first problem is
/// told; nothing is read or run for a command line with a problem.
/// </summary>
public sealed class ExportOptionsTests : IDisposable
{
    private const string Md5 = "0123456789abcdef0123456789abcdef";
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-options-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(new[] { "--endpoint", "not-an-address", "--page-size", "0" }, "mailkit-bounces: --endpoint must be an absolute http or https address (it is 'not-an-address').")]
    [InlineData(new[] { "--page-size", "0", "--campaign", "abc" }, "mailkit-bounces: --campaign must be a non-negative integer (it is 'abc').")]
    [InlineData(new[] { "--interval", "5m", "--page-size", "0" }, "mailkit-bounces: --page-size must be from 1 to 25000 (it is '0').")]
    [InlineData(new[] { "--interval", "5m", "--demo-records", "3" }, "mailkit-bounces: --demo-records goes with --demo.")]
    [InlineData(new[] { "--follow", "--interval", "5x" }, "mailkit-bounces: --interval must be a whole number of seconds, minutes or hours from 1s to 24h, like 30s, 15m or 1h (it is '5x').")]
    public async Task Export_SeveralProblems_TellsTheFirstInTheToolsOrder(string[] arguments, string expected)
    {
        var run = await CliAsync(["export", "--client-id", "5", "--no-progress", .. arguments], new Dictionary<string, string?> { ["MAILKIT_CLIENT_MD5"] = Md5 });

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    [Fact]
    public async Task Export_BadOptionAndAnMd5FromStandardInput_ReadsNothingAndTellsTheOption()
    {
        var input = new StringReader(Md5 + "\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(
            ["export", "--client-id", "5", "--client-md5-file", "-", "--page-size", "0", "--output", Path.Combine(_directory, "b.db"), "--no-progress"],
            output,
            error,
            errorIsTerminal: false,
            new Dictionary<string, string?>(),
            input,
            CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal("mailkit-bounces: --page-size must be from 1 to 25000 (it is '0').", error.ToString().Trim());
        Assert.Equal(Md5, await input.ReadLineAsync());
        Assert.False(File.Exists(Path.Combine(_directory, "b.db")));
    }
}
