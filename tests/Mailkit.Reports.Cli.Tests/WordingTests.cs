using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>What the tool says on a first try: a mistake named in the tool's own terms, with what to do about it.</summary>
public sealed class WordingTests : IDisposable
{
    private const string Md5 = "0123456789abcdef0123456789abcdef";
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-wording-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(new[] { "exprot" }, "mailkit-bounces: unknown command 'exprot'; did you mean 'export'? (see --help)")]
    [InlineData(new[] { "stast" }, "mailkit-bounces: unknown command 'stast'; did you mean 'stats'? (see --help)")]
    [InlineData(new[] { "export", "--outptu", "b.db" }, "mailkit-bounces: unknown option '--outptu' for export; did you mean '--output'? (see --help)")]
    [InlineData(new[] { "stats", "--inptu", "b.db" }, "mailkit-bounces: unknown option '--inptu' for stats; did you mean '--input'? (see --help)")]
    [InlineData(new[] { "xyz" }, "mailkit-bounces: unknown command 'xyz': the commands are export, stats, classify, suppressions, report (see --help)")]
    public async Task Cli_MisspelledCommandOrOption_SuggestsTheNearestOne(string[] arguments, string expected)
    {
        var run = await CliAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    [Fact]
    public async Task Export_Md5FileMissing_NamesThePathAndSaysFileNotFound()
    {
        var run = await CliAsync(["export", "--client-id", "5", "--client-md5-file", "nothere.txt", "--no-progress"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("mailkit-bounces: --client-md5-file 'nothere.txt' cannot be read: file not found.", run.Error.Trim());
    }

    [Fact]
    public async Task Export_Md5FileIsADirectory_SaysSo()
    {
        var run = await CliAsync(["export", "--client-id", "5", "--client-md5-file", _directory, "--no-progress"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"mailkit-bounces: --client-md5-file '{_directory}' cannot be read: it is a directory.", run.Error.Trim());
    }

    [Fact]
    public async Task Export_NoMd5Anywhere_SaysItIsRequired()
    {
        var run = await CliAsync(["export", "--client-id", "5", "--no-progress"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("mailkit-bounces: --client-md5 (or MAILKIT_CLIENT_MD5, or --client-md5-file) is required unless --demo is given.", run.Error.Trim());
    }

    [Theory]
    [InlineData("0123456789abcdef", "it has 16 characters")]
    [InlineData("0123456789abcdef0123456789abcdeX", "it has 32 characters, not all hexadecimal")]
    public async Task Export_Md5OfTheWrongShape_CountsItsCharacters(string md5, string count)
    {
        var run = await CliAsync(["export", "--client-id", "5", "--no-progress"], new Dictionary<string, string?> { ["MAILKIT_CLIENT_MD5"] = md5 });

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"mailkit-bounces: --client-md5 (or MAILKIT_CLIENT_MD5, or --client-md5-file) must be exactly 32 hexadecimal characters ({count}).", run.Error.Trim());
    }

    [Fact]
    public async Task Export_PlainHttpEndpoint_IsRefusedInTheToolsOwnTerms()
    {
        var run = await CliAsync(["export", "--client-id", "5", "--endpoint", "http://192.0.2.1/", "--output", Path.Combine(_directory, "b.db"), "--no-progress"], Md5Environment());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "mailkit-bounces: --endpoint must be https: http://192.0.2.1 would carry the md5 unencrypted. Pass --allow-http if that is what you want, or use a loopback address.",
            run.Error.Trim());
        Assert.False(File.Exists(Path.Combine(_directory, "b.db")));
    }

    [Fact]
    public async Task Export_PlainHttpEndpointWithAllowHttp_IsAccepted()
    {
        // The missing folder stops the export after the client is built, before anything is sent.
        var run = await CliAsync(["export", "--client-id", "5", "--endpoint", "http://192.0.2.1/", "--allow-http", "--output", Path.Combine(_directory, "missing", "b.db"), "--no-progress"], Md5Environment());

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("--endpoint", run.Error, StringComparison.Ordinal);
        Assert.Contains("its folder does not exist", run.Error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Md5Environment() => new() { ["MAILKIT_CLIENT_MD5"] = Md5 };
}
