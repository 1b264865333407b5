using System.Globalization;
using Mailkit.Reports.Testing;
using Mailkit.Reports.TestSupport;

using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests.Targets;

/// <summary>A file target has one writer: a second export into a file another export is writing is refused before it touches it.</summary>
public sealed class OneWriterTests : IDisposable
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(120);
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-writer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [Trait("Finding", "R2-H1")]
    [InlineData("bounces.ndjson")]
    [InlineData("bounces.csv")]
    public async Task Export_FileAnotherExportIsFollowing_ExitsTwoNamingItAndLeavesFileAndCheckpointAsTheyWere(string file)
    {
        var emulator = Emulator(300);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, file);
        using var follower = ToolProcess.StartExport(server, "--output", target, "--page-size", "100", "--follow", "--interval", "1h");
        await follower.WaitForErrorLineAsync(l => l.Contains(" check 1: caught up", StringComparison.Ordinal), LineTimeout);
        var data = await File.ReadAllBytesAsync(target);
        var checkpoint = await File.ReadAllBytesAsync(target + ".checkpoint");

        var second = await RunAsync(server, ["--output", target, "--page-size", "100"]);

        Assert.Equal(2, second.ExitCode);
        Assert.Equal($"mailkit-bounces: {target} is in use by another export; wait for it to finish or give another --output." + Environment.NewLine, second.Error);
        Assert.Equal(data, await File.ReadAllBytesAsync(target));
        Assert.Equal(checkpoint, await File.ReadAllBytesAsync(target + ".checkpoint"));
        follower.Terminate();
        Assert.Equal(0, await follower.WaitForExitAsync(LineTimeout));
        AssertSameData(emulator, await ReadAsync(target, format: null));
    }

    [Fact]
    [Trait("Finding", "R2-H1")]
    public async Task Export_SecondExportsKilledAtRandomMomentsWhileTheFirstWrites_NoNulByteAndEveryRecordOnce()
    {
        // Demo data: the demo has no rate limit, so the first export writes pages as fast as the disk takes them. The
        // second exports are of the same account and query, with a demo of one record that costs them little to start.
        const int Records = 60_000;
        var expected = new MailkitEmulator().AddGenerated(Records, ExportSettings.DemoSeed);
        var random = new Random(2);
        var refused = 0;
        for (var trial = 0; trial < 3; trial++)
        {
            var target = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"bounces{trial}.ndjson"));
            using var first = StartDemo(target, Records);

            // Its first checkpoint is written at open: from then on the first export holds the file.
            while (!File.Exists(target + ".checkpoint") && !first.HasExited)
            {
                await Task.Delay(10);
            }

            var seconds = 0;
            while (!first.HasExited)
            {
                using var second = StartDemo(target, 1);
                while (!second.HasExited && !second.ErrorLines.Any(l => l.StartsWith("continuing ", StringComparison.Ordinal)))
                {
                    await Task.Delay(5);
                }

                await Task.Delay(random.Next(0, 30));
                second.Kill();
                await second.WaitForExitAsync(LineTimeout);
                seconds++;
                refused += second.ErrorLines.Count(l => l.EndsWith("is in use by another export; wait for it to finish or give another --output.", StringComparison.Ordinal));
            }

            var exit = await first.WaitForExitAsync(LineTimeout);
            var bytes = await File.ReadAllBytesAsync(target);

            Assert.True(seconds > 0, "no second export ran while the first wrote");
            Assert.Equal(-1, Array.IndexOf(bytes, (byte)0));
            AssertSameData(expected, await ReadAsync(target, "ndjson"));
            Assert.Equal(0, exit);
        }

        Assert.True(refused > 0, "no second export was refused");
    }

    private static ChildProcess StartDemo(string target, int records) =>
        ChildProcess.StartDotnet(
            "mailkit-bounces.dll",
            ["export", "--demo", "--demo-records", records.ToString(CultureInfo.InvariantCulture), "--page-size", "500", "--output", target, "--no-progress"],
            new Dictionary<string, string>());
}
