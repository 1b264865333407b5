using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests.Targets;

/// <summary>L3: file targets never continue a file that lost its data, never write a record twice, and are owner-only.</summary>
public sealed class FileTargetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Trait("Finding", "L3")]
    [Theory]
    [InlineData("b.ndjson", true)]
    [InlineData("b.csv", true)]
    [InlineData("b.ndjson", false)]
    [InlineData("b.csv", false)]
    public async Task Export_OutputDeletedOrTruncatedCheckpointSurvived_Refused(string file, bool delete)
    {
        var emulator = Emulator(50);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, file);
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        if (delete)
        {
            File.Delete(target);
        }
        else
        {
            await using var stream = new FileStream(target, FileMode.Open);
            stream.SetLength(stream.Length / 2);
        }

        var checkpoint = await File.ReadAllTextAsync(target + ".checkpoint");

        var run = await RunAsync(server, ["--output", target]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("shorter than its checkpoint says", run.Error, StringComparison.Ordinal);
        Assert.Equal(checkpoint, await File.ReadAllTextAsync(target + ".checkpoint"));
        Assert.Equal(!delete, File.Exists(target));
    }

    [Trait("Finding", "L3")]
    [Theory]
    [InlineData("b.ndjson")]
    [InlineData("b.csv")]
    public async Task Export_StartIdBelowTheCheckpoint_RefusedWithoutDuplicates(string file)
    {
        var emulator = Emulator(50);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, file);
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);
        var before = await File.ReadAllBytesAsync(target);

        var run = await RunAsync(server, ["--output", target, "--start-id", "1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--start-id 1 is below", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(target));
    }

    [Trait("Finding", "L3")]
    [Theory]
    [InlineData("b.ndjson")]
    [InlineData("b.csv")]
    [InlineData("b.db")]
    public async Task Export_NewFiles_AreReadableByTheirOwnerOnly(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var emulator = Emulator(20);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, file);

        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        var created = Directory.GetFiles(_directory);
        Assert.Contains(target, created);
        foreach (var path in created)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Trait("Finding", "L3")]
    [Fact]
    public async Task Export_RejectedFile_IsReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var emulator = Emulator(10);
        var bounce = emulator.Bounces[4];
        emulator.Add([new Testing.EmulatedBounce(bounce.Fields.Select(f => f.Key == "TEXT_STATUS" ? new(f.Key, "POISON") : f))]);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, "b.ndjson");

        Assert.Equal(0, (await RunAsync(server, ["--output", target, "--skip-invalid"], new PoisonTransport())).ExitCode);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target + ".rejected.ndjson"));
    }

    [Trait("Finding", "L3")]
    [Fact]
    public async Task Export_PlantedLinksBesideTheCheckpoint_AreNotFollowed()
    {
        var emulator = Emulator(30);
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, "b.ndjson");
        var victim = Path.Combine(_directory, "victim.txt");
        await File.WriteAllTextAsync(victim, "keep me");
        File.CreateSymbolicLink(target + ".checkpoint.tmp", victim);
        File.CreateSymbolicLink(Path.Combine(_directory, ".b.ndjson.checkpoint.tmp"), victim);

        var run = await RunAsync(server, ["--output", target, "--page-size", "10"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("keep me", await File.ReadAllTextAsync(victim));
        Assert.StartsWith("mailkit-bounces checkpoint 2\n", await File.ReadAllTextAsync(target + ".checkpoint"), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(_directory), f => f.EndsWith(".tmp", StringComparison.Ordinal) && new FileInfo(f).LinkTarget is null);
    }

    [Fact]
    [Trait("Finding", "R2-L8")]
    public async Task Export_CsvHoldingOnlyItsHeaderAndNoCheckpoint_AcceptedAndExportedInto()
    {
        var emulator = Emulator(40);
        await using var server = await emulator.StartServerAsync();
        var fresh = Path.Combine(_directory, "fresh.csv");
        Assert.Equal(0, (await RunAsync(server, ["--output", fresh, "--page-size", "10"])).ExitCode);
        var exported = await File.ReadAllBytesAsync(fresh);
        var header = exported[..(exported.AsSpan().IndexOf("\r\n"u8) + 2)];
        var target = Path.Combine(_directory, "b.csv");
        await File.WriteAllBytesAsync(target, header);

        var run = await RunAsync(server, ["--output", target, "--page-size", "10"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(exported, await File.ReadAllBytesAsync(target));
        AssertSameData(emulator, await ReadAsync(target, "csv"));
    }

    [Theory]
    [Trait("Finding", "R2-L8")]
    [InlineData("x")]
    [InlineData("\r\n")]
    public async Task Export_CsvHoldingItsHeaderAndMoreButNoCheckpoint_RefusedAndLeftAlone(string more)
    {
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();
        var fresh = Path.Combine(_directory, "fresh.csv");
        Assert.Equal(0, (await RunAsync(server, ["--output", fresh])).ExitCode);
        var exported = await File.ReadAllTextAsync(fresh);
        var target = Path.Combine(_directory, "b.csv");
        var content = exported[..(exported.IndexOf("\r\n", StringComparison.Ordinal) + 2)] + more;
        await File.WriteAllTextAsync(target, content);

        var run = await RunAsync(server, ["--output", target]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("it was not written by mailkit-bounces", run.Error, StringComparison.Ordinal);
        Assert.Equal(content, await File.ReadAllTextAsync(target));
        Assert.False(File.Exists(target + ".checkpoint"));
    }
}
