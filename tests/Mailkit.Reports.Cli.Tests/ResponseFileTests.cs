using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>
/// An argument starting with <c>@</c> is the text it says, never the name of a file whose contents become arguments: a
/// server's reply passed to <c>classify</c> must not make the tool read local files or echo what they hold.
/// </summary>
public sealed class ResponseFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-response-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [Trait("Finding", "R2-L3")]
    public async Task Classify_ReplyStartingWithAt_ClassifiesTheText()
    {
        var run = await CliAsync(["classify", "@does-not-exist: mailbox unavailable"]);

        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("reason    ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "R2-L3")]
    public async Task Classify_AtExistingFile_DoesNotParseTheFilesTokens()
    {
        var file = Path.Combine(_directory, "f");
        await File.WriteAllTextAsync(file, "--status\n5.1.1\nsmtp; 550 5.1.1 User unknown\n");

        var run = await CliAsync(["classify", "@" + file]);

        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("userunknown", run.Output, StringComparison.Ordinal);
        Assert.Contains("reason    undefined\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "R2-L3")]
    public async Task Classify_AtFileHoldingASecret_NeverShowsItsContents()
    {
        var file = Path.Combine(_directory, "pgpass");
        await File.WriteAllTextAsync(file, "db.example:5432:*:app:S3cretPassw0rd\nsecond-line-token hunter2\n");

        var run = await CliAsync(["classify", "@" + file]);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("second-line-token", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cretPassw0rd", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "R2-L3")]
    public async Task Export_AtFileOfOptions_IsAnUnexpectedArgumentNotItsOptions()
    {
        var file = Path.Combine(_directory, "options");
        var target = Path.Combine(_directory, "demo.ndjson");
        await File.WriteAllTextAsync(file, $"--demo\n--demo-records\n3\n--output\n{target}\n--no-progress\n");

        var run = await CliAsync(["export", "@" + file]);

        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(target));
    }
}
