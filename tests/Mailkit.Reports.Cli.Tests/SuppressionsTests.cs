using System.Globalization;
using System.Text.Json;
using Mailkit.Reports.Testing;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary><c>suppressions</c>: hard bounces always, soft bounces of the address only when repeated, sender-side never.</summary>
public sealed class SuppressionsTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private const string UserUnknown = "smtp; 550 5.1.1 <{0}>: Recipient address rejected: User unknown in virtual mailbox table";
    private const string MailboxFull = "smtp; 552 5.2.2 <{0}>... Mailbox Full";
    private const string Dmarc = "smtp; 550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy.";

    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-suppressions-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("bounces.db")]
    [InlineData("bounces.ndjson")]
    [PostgresInlineData("postgres")]
    public async Task Suppressions_EveryTarget_ListsHardAndRepeatedSoftButNeverSenderSide(string file)
    {
        var target = file == "postgres" ? postgres.CreateDatabase() : Path.Combine(_directory, file);
        var emulator = Scenario();
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        var run = await CliAsync(["suppressions", "--input", target, "--format", "ndjson"]);

        Assert.Equal(0, run.ExitCode);
        var rows = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList();
        Assert.Equal(
            ["full3@example.cz", "gone@example.cz", "unknown@example.cz"],
            rows.Select(r => r.GetProperty("email").GetString()!));
        Assert.Equal(["mailboxfull", "userunknown", "userunknown"], rows.Select(r => r.GetProperty("reason").GetString()!));
        Assert.Equal([3, 2, 1], rows.Select(r => r.GetProperty("bounces").GetInt32()));
        Assert.Equal(["suppressifrepeated", "suppress", "suppress"], rows.Select(r => r.GetProperty("advice").GetString()!));
    }

    [Fact]
    public async Task Suppressions_RepeatsTwo_AddsTheAddressFullOnTwoSends()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Scenario();
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        var run = await CliAsync(["suppressions", "--input", target, "--repeats", "2", "--format", "csv"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "email,reason,bounces,advice\r\nfull2@example.cz,mailboxfull,3,suppressifrepeated\r\nfull3@example.cz,mailboxfull,3,suppressifrepeated\r\ngone@example.cz,userunknown,2,suppress\r\nunknown@example.cz,userunknown,1,suppress\r\n",
            run.Output);
    }

    [Fact]
    public async Task Suppressions_Text_IsATableWithACount()
    {
        var target = Path.Combine(_directory, "bounces.db");
        var emulator = Scenario();
        await using var server = await emulator.StartServerAsync();
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        var run = await CliAsync(["suppressions", "--input", target]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("email", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^unknown@example\.cz +userunknown +1  suppress$", lines[3]);
        Assert.Equal("3 addresses to suppress", lines[^1]);
        Assert.DoesNotContain("sender@", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppressions_NdjsonFromBeforeTheVerdict_ClassifiesEachLineAsItIsRead()
    {
        var target = Path.Combine(_directory, "old.ndjson");
        string Line(string email, string status, string reply, int send) => JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["ID_UNDELIVERED_LOG"] = send.ToString(CultureInfo.InvariantCulture),
            ["ID_SEND"] = send.ToString(CultureInfo.InvariantCulture),
            ["EMAIL"] = email,
            ["STATUS"] = status,
            ["TEXT_STATUS"] = string.Format(CultureInfo.InvariantCulture, reply, email),
            ["REMOTE_MTA"] = string.Empty,
            ["RECIPIENT_STATUS"] = "permanent",
        });
        await File.WriteAllLinesAsync(target, [Line("a@example.cz", "5.1.1", UserUnknown, 1), Line("b@example.cz", "5.7.26", Dmarc, 2), Line("b@example.cz", "5.7.26", Dmarc, 3), Line("b@example.cz", "5.7.26", Dmarc, 4)]);

        var run = await CliAsync(["suppressions", "--input", target, "--format", "csv"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("email,reason,bounces,advice\r\na@example.cz,userunknown,1,suppress\r\n", run.Output);
    }

    [Theory]
    [InlineData("--format|xml")]
    [InlineData("--repeats|0")]
    [InlineData("--input|bounces.csv")]
    public async Task Suppressions_UsageError_ExitsTwo(string argumentList)
    {
        var arguments = argumentList.Split('|');
        var target = Path.Combine(_directory, "bounces.db");
        await File.WriteAllTextAsync(Path.Combine(_directory, "bounces.csv"), "x\r\n");
        var run = await CliAsync(["suppressions", "--input", target, .. arguments.Select(a => a == "bounces.csv" ? Path.Combine(_directory, a) : a)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
    }

    /// <summary>
    /// unknown@: one hard bounce. Gone@ / gone@EXAMPLE.CZ: the same address twice. full3@: mailbox full on three sends.
    /// full2@: mailbox full three times but on two sends. sender@: rejected for DMARC on four sends.
    /// </summary>
    private static MailkitEmulator Scenario()
    {
        var emulator = new MailkitEmulator { ClientId = 81_000 + Environment.CurrentManagedThreadId };
        var id = 9_000_000_000L;
        void Add(string email, string status, string reply, int send, string recipientStatus = "permanent") => emulator.Add(
            new KeyValuePair<string, string>("ID_UNDELIVERED_LOG", (id++).ToString(CultureInfo.InvariantCulture)),
            new("ID_MESSAGE", "10001"),
            new("ID_SEND", send.ToString(CultureInfo.InvariantCulture)),
            new("ID_SEND_MESSGE", id.ToString(CultureInfo.InvariantCulture)),
            new("ID_EMAIL", "7000000001"),
            new("ID_USER_LIST", "200"),
            new("EMAIL", email),
            new("STATUS", status),
            new("TEXT_STATUS", string.Format(CultureInfo.InvariantCulture, reply, email)),
            new("REMOTE_MTA", "dns; mx1.example.cz"),
            new("RECIPIENT_STATUS", recipientStatus));
        Add("unknown@example.cz", "5.1.1", UserUnknown, 1);
        Add("Gone@example.cz", "5.1.1", UserUnknown, 1);
        Add("Gone@EXAMPLE.CZ", "5.1.1", UserUnknown, 2);
        foreach (var send in new[] { 1, 2, 3 })
        {
            Add("full3@example.cz", "5.2.2", MailboxFull, send);
        }

        foreach (var send in new[] { 1, 2, 2 })
        {
            Add("full2@example.cz", "5.2.2", MailboxFull, send);
        }

        foreach (var send in new[] { 1, 2, 3, 4 })
        {
            Add("sender@example.cz", "5.7.26", Dmarc, send);
        }

        return emulator;
    }
}
