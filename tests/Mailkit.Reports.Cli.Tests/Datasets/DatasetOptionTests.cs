using System.CommandLine;
using Mailkit.Reports.Cli.Datasets;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests.Datasets;

/// <summary><c>--dataset</c> is repeatable, <c>all</c> means every dataset, an unknown name exits 2, and bounces alone is the default.</summary>
[Trait("Issue", "25")]
public sealed class DatasetOptionTests
{
    [Theory]
    [InlineData(new string[0], new[] { nameof(ExportDataset.Bounces) })]
    [InlineData(new[] { "--dataset", "messages" }, new[] { nameof(ExportDataset.Messages) })]
    [InlineData(new[] { "--dataset", "campaigns", "--dataset", "bounces", "--dataset", "campaigns" }, new[] { nameof(ExportDataset.Bounces), nameof(ExportDataset.Campaigns) })]
    [InlineData(new[] { "--dataset", "Unsubscribes", "--dataset", "responses" }, new[] { nameof(ExportDataset.Responses), nameof(ExportDataset.Unsubscribes) })]
    [InlineData(
        new[] { "--dataset", "all" },
        new[] { nameof(ExportDataset.Bounces), nameof(ExportDataset.Messages), nameof(ExportDataset.Responses), nameof(ExportDataset.Unsubscribes), nameof(ExportDataset.Campaigns) })]
    [InlineData(
        new[] { "--dataset", "messages", "--dataset", "ALL" },
        new[] { nameof(ExportDataset.Bounces), nameof(ExportDataset.Messages), nameof(ExportDataset.Responses), nameof(ExportDataset.Unsubscribes), nameof(ExportDataset.Campaigns) })]
    public async Task Export_DatasetOption_ChoosesEachDatasetOnceInRunOrder(string[] arguments, string[] expected)
    {
        var options = new ExportOptions(new Dictionary<string, string?>());
        var export = new Command("export");
        options.AddTo(export);
        var parsed = new RootCommand { export }.Parse(["export", "--demo", .. arguments]);
        Assert.Empty(parsed.Errors);

        var (settings, problem) = await options.ReadAsync(parsed, new StringReader(string.Empty));

        Assert.Null(problem);
        Assert.Equal(expected, settings!.Datasets.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("message")]
    [InlineData("bounces,messages")]
    [InlineData("")]
    public async Task Export_UnknownDataset_ExitsTwoNamingTheNames(string name)
    {
        var run = await CliAsync(["export", "--demo", "--no-progress", "--output", "never.db", "--dataset", "bounces", "--dataset", name]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"mailkit-bounces: --dataset must be bounces, messages, responses, unsubscribes, campaigns or all (it is '{name}').",
            run.Error.Trim());
        Assert.False(File.Exists("never.db"));
    }

    [Fact]
    public async Task Export_StartIdWithoutBounces_ExitsTwo()
    {
        var run = await CliAsync(["export", "--demo", "--no-progress", "--output", "never.db", "--dataset", "messages", "--start-id", "5"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "mailkit-bounces: --start-id is where the bounces start: it goes with --dataset bounces (or all); the other datasets continue from their own checkpoints.",
            run.Error.Trim());
    }

    [Fact]
    public async Task Export_DatasetWithoutAName_ExitsTwo()
    {
        var run = await CliAsync(["export", "--demo", "--no-progress", "--output", "never.db", "--dataset"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--dataset", run.Error, StringComparison.Ordinal);
    }
}
