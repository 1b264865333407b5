using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>Every count the tool prints agrees with its noun: one page, two pages.</summary>
public sealed class CountTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-counts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Export_DemoOfOneBounce_CountsInTheSingular()
    {
        var run = await CliAsync(["export", "--demo", "--demo-records", "1", "--output", Path.Combine(_directory, "bounces.db"), "--no-progress"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("serves 1 generated bounce at ", run.Error, StringComparison.Ordinal);
        Assert.Contains("done: 1 record in 1 page into ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_OneBounce_SaysOneBounce()
    {
        var target = Path.Combine(_directory, "bounces.db");
        Assert.Equal(0, (await CliAsync(["export", "--demo", "--demo-records", "1", "--output", target, "--no-progress"])).ExitCode);

        var run = await CliAsync(["stats", "--input", target]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 bounce", run.Output.Split('\n').Select(l => l.Trim()));
    }

    [Theory]
    [InlineData(0, "page", null, "0 pages")]
    [InlineData(1, "page", null, "1 page")]
    [InlineData(2, "page", null, "2 pages")]
    [InlineData(1, "retry", "retries", "1 retry")]
    [InlineData(3, "retry", "retries", "3 retries")]
    public void Counts_Of_IsSingularOnlyForOne(long count, string singular, string? plural, string expected)
    {
        Assert.Equal(expected, Counts.Of(count, singular, plural));
    }
}
