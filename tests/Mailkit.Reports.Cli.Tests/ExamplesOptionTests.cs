using System.Globalization;
using System.Text.Json;
using Mailkit.Reports.Testing;
using static Mailkit.Reports.Cli.Tests.CliHarness;

namespace Mailkit.Reports.Cli.Tests;

/// <summary><c>--examples FILE.jsonl</c> on <c>classify</c>, <c>export</c> and <c>suppressions</c>: labelled bounces decide what no rule does.</summary>
public sealed class ExamplesOptionTests : IDisposable
{
    // A reply no built-in rule knows, and one of the same wording for another recipient on another host.
    private const string Taught = "smtp; 550 Recipient kijitora@example.jp was frobnicated by the quux daemon";

    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-examples-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Classify_WithExamples_DecidesAReplyNoRuleDecides()
    {
        var examples = await ExamplesAsync(Line(Taught, "userunknown", id: "acme.frobnicated"));
        var reply = Seen("jan@example.cz");

        var without = await CliAsync(["classify", "--status", "5.0.0", reply]);
        var with = await CliAsync(["classify", "--status", "5.0.0", "--examples", examples, reply]);

        Assert.Contains("reason    undefined\n", without.Output, StringComparison.Ordinal);
        Assert.Equal((0, string.Empty), (with.ExitCode, with.Error));
        Assert.Contains("reason    userunknown\n", with.Output, StringComparison.Ordinal);
        Assert.Contains("bounce    hard\n", with.Output, StringComparison.Ordinal);
        Assert.Contains("rule      acme.frobnicated\n", with.Output, StringComparison.Ordinal);
        Assert.Matches(@"evidence  smtp; 550 Recipient kijitora@example\.jp was frobnicated by the quux daemon \(nearestexamples, confidence [01]\.\d\d\)\n", with.Output);
    }

    [Fact]
    public async Task Classify_GoldWithExamples_ScoresTheTaughtClassifier()
    {
        var examples = await ExamplesAsync(Line(Taught, "mailboxfull"));
        var gold = Path.Combine(_directory, "gold.jsonl");
        await File.WriteAllTextAsync(gold, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "one",
            ["STATUS"] = "5.0.0",
            ["TEXT_STATUS"] = Seen("a@example.cz"),
            ["reason"] = "mailboxfull",
            ["hard"] = false,
        }) + "\n");

        var without = await CliAsync(["classify", "--gold", gold]);
        var with = await CliAsync(["classify", "--gold", gold, "--examples", examples]);

        Assert.Contains("accuracy             0.0000", without.Output, StringComparison.Ordinal);
        Assert.Equal(0, with.ExitCode);
        Assert.Contains("accuracy             1.0000", with.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_WithExamples_StoresTheTaughtVerdict()
    {
        var examples = await ExamplesAsync(Line(Taught, "userunknown"));
        var emulator = Scenario();
        await using var server = await emulator.StartServerAsync();
        var plain = Path.Combine(_directory, "plain.ndjson");
        var taught = Path.Combine(_directory, "taught.ndjson");

        Assert.Equal(0, (await RunAsync(server, ["--output", plain])).ExitCode);
        Assert.Equal(0, (await RunAsync(server, ["--output", taught, "--examples", examples])).ExitCode);

        var before = (await ReadAsync(plain, "ndjson")).Single(r => r["EMAIL"] == "gone@example.cz");
        var after = (await ReadAsync(taught, "ndjson")).Single(r => r["EMAIL"] == "gone@example.cz");
        Assert.Equal(("undefined", "false"), (before["reason"], before["hard_bounce"]));
        Assert.Equal(("userunknown", "true", "suppress"), (after["reason"], after["hard_bounce"], after["advice"]));
        var ruled = (await ReadAsync(taught, "ndjson")).Single(r => r["EMAIL"] == "full@example.cz");
        Assert.Equal("mailboxfull", ruled["reason"]);
    }

    [Fact]
    public async Task Suppressions_WithExamples_DecidesRowsStoredUndefined()
    {
        var examples = await ExamplesAsync(Line(Taught, "userunknown"));
        var emulator = Scenario();
        await using var server = await emulator.StartServerAsync();
        var target = Path.Combine(_directory, "bounces.db");
        Assert.Equal(0, (await RunAsync(server, ["--output", target])).ExitCode);

        var without = await CliAsync(["suppressions", "--input", target, "--format", "csv"]);
        var with = await CliAsync(["suppressions", "--input", target, "--format", "csv", "--examples", examples]);

        Assert.Equal("email,reason,bounces,advice\r\n", without.Output);
        Assert.Equal((0, string.Empty), (with.ExitCode, with.Error));
        Assert.Equal("email,reason,bounces,advice\r\ngone@example.cz,userunknown,1,suppress\r\n", with.Output);
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "missing", "<none>", "does not exist" },
        { "empty", "\n\n", "holds no example" },
        { "not-json", Line(Taught, "userunknown") + "\n{oops\n", "line 2: is not JSON" },
        { "array", "[1, 2]\n", "line 1: is not a JSON object" },
        { "no-reply", "{\"reason\": \"userunknown\"}\n", "line 1: TEXT_STATUS, the server's reply, is missing or empty" },
        { "no-reason", "{\"TEXT_STATUS\": \"smtp; gone\"}\n", "line 1: reason is missing" },
        { "bad-reason", "{\"TEXT_STATUS\": \"smtp; gone\", \"reason\": \"vanished\"}\n", "line 1: reason 'vanished' is not a reason sisimai names" },
        { "undefined", "\n" + Line(Taught, "undefined"), "line 2: its reason is Undetermined, which teaches nothing" },
        { "bad-hard", "{\"TEXT_STATUS\": \"smtp; gone\", \"reason\": \"userunknown\", \"hard\": \"yes\"}\n", "line 1: hard must be true or false" },
        { "bad-status", "{\"TEXT_STATUS\": \"smtp; gone\", \"reason\": \"userunknown\", \"STATUS\": \"5.x\"}\n", "line 1: its status '5.x' is not an enhanced status code" },
        { "no-words", Line(Taught, "userunknown") + "\n" + Line(Taught, "blocked") + "\n" + Line("smtp; 421 4.4.2 mx.example.com [192.0.2.1]", "expired") + "\n", "line 3: its reply has no word left to compare" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Classify_BadExamplesFile_ExitsTwoNamingFileLineAndProblem(string name, string content, string problem)
    {
        var path = await BadFileAsync(name, content);

        var run = await CliAsync(["classify", "--examples", path, "smtp; 550 gone"]);

        AssertRefused(run, name, problem);
    }

    [Fact]
    public async Task Export_BadExamplesFile_ExitsTwoBeforeWritingAnything()
    {
        var path = await BadFileAsync("bad", "{oops\n");
        var output = Path.Combine(_directory, "never.ndjson");

        var run = await CliAsync(["export", "--demo", "--demo-records", "10", "--no-progress", "--output", output, "--examples", path]);

        AssertRefused(run, "bad", "line 1: is not JSON");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Suppressions_BadExamplesFile_ExitsTwo()
    {
        var path = await BadFileAsync("bad", Line(Taught, "vanished") + "\n");
        var input = Path.Combine(_directory, "bounces.ndjson");
        await File.WriteAllTextAsync(input, string.Empty);

        var run = await CliAsync(["suppressions", "--input", input, "--examples", path]);

        AssertRefused(run, "bad", "line 1: reason 'vanished'");
    }

    private void AssertRefused(CliRun run, string name, string problem)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"mailkit-bounces: --examples {Path.Combine(_directory, name)}.jsonl ", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
    }

    private static string Seen(string email) => $"smtp; 550 Recipient {email} was frobnicated by the quux daemon on mx7.example.cz";

    private static string Line(string reply, string reason, string? id = null) =>
        JsonSerializer.Serialize(new Dictionary<string, string?> { ["STATUS"] = string.Empty, ["TEXT_STATUS"] = reply, ["REMOTE_MTA"] = string.Empty, ["reason"] = reason, ["id"] = id });

    private static MailkitEmulator Scenario()
    {
        var emulator = new MailkitEmulator { ClientId = 83_000 + Environment.CurrentManagedThreadId };
        var id = 9_100_000_000L;
        void Add(string email, string status, string reply) => emulator.Add(
            new KeyValuePair<string, string>("ID_UNDELIVERED_LOG", (id++).ToString(CultureInfo.InvariantCulture)),
            new("ID_SEND", "1"),
            new("EMAIL", email),
            new("STATUS", status),
            new("TEXT_STATUS", reply),
            new("REMOTE_MTA", "dns; mx7.example.cz"),
            new("RECIPIENT_STATUS", "permanent"));
        Add("gone@example.cz", "5.0.0", Seen("gone@example.cz"));
        Add("full@example.cz", "5.2.2", "smtp; 552 5.2.2 <full@example.cz>... Mailbox Full");
        return emulator;
    }

    private async Task<string> ExamplesAsync(params string[] lines)
    {
        var path = Path.Combine(_directory, "examples.jsonl");
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    private async Task<string> BadFileAsync(string name, string content)
    {
        var path = Path.Combine(_directory, name + ".jsonl");
        if (content != "<none>")
        {
            await File.WriteAllTextAsync(path, content);
        }

        return path;
    }
}
