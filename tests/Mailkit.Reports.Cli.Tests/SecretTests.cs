using System.Globalization;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Testing;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>M2 and M10: no message, and no printed settings, holds a password or an md5.</summary>
public sealed class SecretTests : IDisposable
{
    private const string Md5 = "0123456789abcdef0123456789abcdef";
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-secret-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Trait("Finding", "M2")]
    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Password=SECRET;Database=d", 4)]
    [InlineData("Server=127.0.0.1;Port=1;Username=u;Password=SECRET;Database=d", 4)]
    [InlineData("Data Source=127.0.0.1;Port=1;Username=u;Password=SECRET;Database=d", 4)]
    [InlineData("postgres://u:SECRET@127.0.0.1:1/d", 4)]
    [InlineData("Srv=db;Username=u;Password=SECRET;Database=d", 2)]
    [InlineData("Host=db;Password=SECRET;Port=notaport", 2)]
    [InlineData("postgres://u:SECRET@127.0.0.1:1/d?nosuchsetting=1", 2)]
    public async Task Stats_ConnectionStringWithPassword_NeverPrintsIt(string input, int exitCode)
    {
        var run = await CliAsync(["stats", "--input", input]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.DoesNotContain("SECRET", run.Error + run.Output, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Trait("Finding", "M2")]
    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Password=SECRET;Database=d", 4)]
    [InlineData("Server=127.0.0.1;Port=1;Username=u;Password=SECRET;Database=d", 4)]
    [InlineData("postgresql://u:SECRET@127.0.0.1:1/d", 4)]
    [InlineData("Srv=db;Username=u;Password=SECRET;Database=d", 2)]
    [InlineData("https://u:SECRET@example.com/x", 2)]
    [InlineData("Host=db;Password=SECRET;Bogus=1", 2)]
    public async Task Export_OutputWithPassword_NeverPrintsIt(string target, int exitCode)
    {
        var run = await CliAsync(["export", "--client-id", "5", "--output", target, "--no-progress"], Md5Environment());

        Assert.Equal(exitCode, run.ExitCode);
        Assert.DoesNotContain("SECRET", run.Error + run.Output, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Trait("Finding", "M2")]
    [Fact]
    public async Task Export_PathHoldingEqualsInAMissingFolder_OnlyTheFileNameIsShown()
    {
        var target = Path.Combine(_directory, "Host=eu", "Password=SECRET", "b.csv");

        var run = await CliAsync(["export", "--client-id", "5", "--output", target, "--no-progress"], Md5Environment());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("b.csv", run.Error, StringComparison.Ordinal);
        Assert.Contains("folder does not exist", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", run.Error, StringComparison.Ordinal);
    }

    [Trait("Finding", "M2")]
    [Theory]
    [InlineData("http://u:SECRET@remote.example/")]
    [InlineData("http://u:SECRET@127.0.0.1:1/")]
    public async Task Export_EndpointWithUserInfo_RefusedWithoutEchoingIt(string endpoint)
    {
        var run = await CliAsync(["export", "--client-id", "5", "--endpoint", endpoint, "--no-progress"], Md5Environment());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--endpoint", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", run.Error, StringComparison.Ordinal);
    }

    [Trait("Finding", "M2")]
    [Fact]
    public async Task Export_FailingPostgres_DescribedAsHostPortDatabase()
    {
        var run = await CliAsync(["export", "--client-id", "5", "--output", "postgres://u:SECRET@127.0.0.1:1/d", "--no-progress"], Md5Environment());

        Assert.Contains("PostgreSQL 127.0.0.1:1/d", run.Error, StringComparison.Ordinal);
    }

    [Trait("Finding", "M10")]
    [Theory]
    [InlineData("--client-id")]
    [InlineData("--page-size")]
    [InlineData("--transport")]
    [InlineData("--campaign")]
    [InlineData("--endpoint")]
    public async Task Export_Md5PastedIntoAnotherOption_IsNotEchoed(string option)
    {
        var run = await CliAsync(["export", "--client-id", "5", option, Md5, "--no-progress"], Md5Environment("ffffffffffffffffffffffffffffffff"));

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain(Md5, run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Trait("Finding", "M2")]
    [Theory]
    [InlineData(Md5)]
    [InlineData("Host=db;Username=u;Password=SECRET;Database=d")]
    [InlineData("postgres://u:SECRET@db/d")]
    public async Task Export_SecretAsAPositionalArgument_IsNotEchoed(string argument)
    {
        var run = await CliAsync(["export", argument]);

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain(Md5, run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SECRET", run.Error, StringComparison.Ordinal);
    }

    [Trait("Finding", "M10")]
    [Fact]
    public async Task Export_ClientMd5Option_WarnsOnStderr()
    {
        var run = await CliAsync(["export", "--client-id", "5", "--client-md5", Md5, "--page-size", "0", "--no-progress"]);

        Assert.Contains("warning: --client-md5 is visible to other users of this machine", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Md5, run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Trait("Finding", "M10")]
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Export_ClientMd5File_IsReadWithoutWarning(bool fromStandardInput)
    {
        var emulator = Emulator(10);
        await using var server = await emulator.StartServerAsync();
        var file = Path.Combine(_directory, "md5");
        await File.WriteAllTextAsync(file, emulator.ClientMd5 + "\n");
        var target = Path.Combine(_directory, "b.db");

        var run = await CliAsync(
            ["export", "--endpoint", server.Endpoint.ToString(), "--client-id", emulator.ClientId.ToString(CultureInfo.InvariantCulture), "--client-md5-file", fromStandardInput ? "-" : file, "--output", target, "--no-progress"],
            standardInput: emulator.ClientMd5 + "\n");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("warning", run.Error, StringComparison.Ordinal);
        Assert.Equal(10, (await ReadAsync(target, null)).Count);
    }

    [Trait("Finding", "M10")]
    [Fact]
    public async Task Export_ClientMd5FileMissing_ExitsTwo()
    {
        var run = await CliAsync(["export", "--client-id", "5", "--client-md5-file", Path.Combine(_directory, "none"), "--no-progress"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot be read: file not found.", run.Error, StringComparison.Ordinal);
    }

    [Trait("Finding", "M10")]
    [Fact]
    public void ExportSettings_ToString_HoldsNeitherTheMd5NorThePassword()
    {
        var settings = new ExportSettings { ClientId = 5, ClientMd5 = Md5, Output = "Host=db;Username=u;Password=SECRET;Database=d", Format = ExportFormat.Postgres };

        var text = settings.ToString();

        Assert.DoesNotContain(Md5, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.Contains("client 5", text, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL db:5432/d", text, StringComparison.Ordinal);
    }

    [Trait("Finding", "M2")]
    [Fact]
    public void SafeText_Line_HidesCredentialShapedValuesAndControls()
    {
        Assert.Equal("id [hidden] x?y", SafeText.Line($"id {Md5} x\u001by"));
    }

    [Trait("Finding", "M2")]
    [Fact]
    public void TargetResolver_Describe_NeverEchoesAStringWithEqualsOrScheme()
    {
        Assert.Equal("the given target", TargetResolver.Describe("Srv=x;Password=SECRET", null));
        Assert.Equal("the given target", TargetResolver.Describe("https://u:SECRET@x/", null));
        Assert.Equal("the PostgreSQL connection string", TargetResolver.Describe("Host=x;Port=no;Password=SECRET", ExportFormat.Postgres));
    }

    private static Dictionary<string, string?> Md5Environment(string md5 = MailkitEmulator.DefaultClientMd5) => new() { ["MAILKIT_CLIENT_MD5"] = md5 };
}
