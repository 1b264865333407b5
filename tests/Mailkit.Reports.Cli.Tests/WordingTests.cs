using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>What the tool says on a first try: a mistake named in the tool's own terms, with what to do about it.</summary>
public sealed class WordingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-wording-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(new[] { "exprot" }, "mailkit-bounces: unknown command 'exprot'; did you mean 'export'? (see --help)")]
    [InlineData(new[] { "stast" }, "mailkit-bounces: unknown command 'stast'; did you mean 'stats'? (see --help)")]
    [InlineData(new[] { "export", "--outptu", "b.db" }, "mailkit-bounces: unknown option '--outptu' for export; did you mean '--output'? (see --help)")]
    [InlineData(new[] { "stats", "--inptu", "b.db" }, "mailkit-bounces: unknown option '--inptu' for stats; did you mean '--input'? (see --help)")]
    [InlineData(new[] { "xyz" }, "mailkit-bounces: unknown command 'xyz': the commands are export, stats, classify, suppressions (see --help)")]
    public async Task Cli_MisspelledCommandOrOption_SuggestsTheNearestOne(string[] arguments, string expected)
    {
        var run = await CliAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }
}
