using System.Globalization;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>An export that finds nothing to add says so, and where the next one will start, so that it is not taken for a fault.</summary>
public sealed class NothingNewTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-nothing-new-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Export_DemoRunAgainInTheSameFolder_SaysNothingIsNewAndWhereItContinues()
    {
        var target = Path.Combine(_directory, "bounces.db");
        string[] arguments = ["export", "--demo", "--demo-records", "1", "--output", target, "--no-progress"];

        var first = await CliAsync(arguments);
        var second = await CliAsync(arguments);

        Assert.Equal(0, first.ExitCode);
        Assert.DoesNotContain("nothing new", first.Error, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        var next = NextStartId(first.Error);
        Assert.Contains(
            $"nothing new since the last run (next start ID {next}); the demo serves the same bounces on every run: give another --output to export them again",
            second.Error.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public async Task Export_RunAgainWithNothingNew_SaysNothingIsNew()
    {
        var emulator = Emulator(3);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, "b.db");

        var first = await RunAsync(server, ["--output", target]);
        var second = await RunAsync(server, ["--output", target]);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal($"nothing new since the last run (next start ID {NextStartId(first.Error)})", second.Error.Trim().Split('\n')[^1].Trim());
    }

    [Fact]
    public async Task Export_AccountWithoutBounces_SaysThereIsNothingToExport()
    {
        var emulator = Emulator(0);
        await using var server = await emulator.StartServerAsync();

        var run = await RunAsync(server, ["--output", Path.Combine(_directory, "b.db")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("nothing to export: Mailkit has no bounces for this account and query yet", run.Error.Trim().Split('\n')[^1].Trim());
    }

    private static string NextStartId(string error)
    {
        var done = error.Split('\n').Single(l => l.StartsWith("done: ", StringComparison.Ordinal));
        var next = done[(done.LastIndexOf("next start ID ", StringComparison.Ordinal) + "next start ID ".Length)..].Trim();
        Assert.True(long.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out _), done);
        return next;
    }
}
