using System.Text.Json;
using Mailkit.Reports.Cli.Datasets;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using static Mailkit.Reports.Cli.Tests.Datasets.SmallExport;

namespace Mailkit.Reports.Cli.Tests.Datasets;

/// <summary>NDJSON and CSV exports write one file per table beside <c>--output</c>, each resumed from its own checkpoint.</summary>
[Trait("Issue", "25")]
public sealed class DatasetFilesTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-files-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("out.ndjson", "raw_messages", "out.messages.ndjson")]
    [InlineData("out.ndjson", "raw_responses", "out.responses.ndjson")]
    [InlineData("out.jsonl", "unsubscribes", "out.unsubscribes.jsonl")]
    [InlineData("out.csv", "campaigns", "out.campaigns.csv")]
    [InlineData("out.csv", "campaign_sends", "out.campaign_sends.csv")]
    [InlineData("dir/out.csv", "message_bounces", "dir/out.message_bounces.csv")]
    public void PathOf_Output_NamesTheTableBeforeTheExtension(string output, string table, string expected) =>
        Assert.Equal(expected, DatasetFiles.PathOf(output, DatasetTables.All.Single(t => t.Name == table)));

    [Fact]
    public async Task Ndjson_StoppedMidWayAndRunAgain_WritesEachMessageOnceAsTypedJson()
    {
        var output = Path.Combine(_directory, "out.ndjson");
        var client = new FakeReports { FailAfterPages = 1 };
        client.Messages.AddRange(Enumerable.Range(1, 5).Select(i => Message(i, Monday.AddHours(i))));
        var settings = Settings(output, ExportDataset.Messages) with { PageSize = 2, Format = ExportFormat.Ndjson };

        await Assert.ThrowsAsync<MailkitNetworkException>(() => SmallExport.RunAsync(output, ExportFormat.Ndjson, settings, client));
        client.FailAfterPages = null;
        await SmallExport.RunAsync(output, ExportFormat.Ndjson, settings, client);
        await SmallExport.RunAsync(output, ExportFormat.Ndjson, settings, client);

        var lines = await File.ReadAllLinesAsync(Path.Combine(_directory, "out.messages.ndjson"));
        Assert.Equal([1L, 2, 3, 4, 5], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id_send_message").GetInt64()));
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("2026-03-02T10:00:00Z", first.GetProperty("date_sent").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("email_date").ValueKind);
        Assert.Equal(JsonValueKind.Object, first.GetProperty("extra").ValueKind);
    }

    [Fact]
    public async Task Csv_UnsubscribesRunTwice_WritesTheHeaderAndEachUnsubscriptionOnce()
    {
        var output = Path.Combine(_directory, "out.csv");
        var client = new FakeReports();
        client.Unsubscribes.AddRange(
        [
            new UnsubscribeRecord { Email = "petra@example.cz", Date = Monday },
            new UnsubscribeRecord { Email = "petra@example.cz", Date = Monday.AddDays(2), UnsubscribeGroups = "27,29" },
        ]);
        var settings = Settings(output, ExportDataset.Unsubscribes) with { Format = ExportFormat.Csv };

        await SmallExport.RunAsync(output, ExportFormat.Csv, settings, client);
        await SmallExport.RunAsync(output, ExportFormat.Csv, settings, client);

        Assert.Equal(
            "email,date,id_unsubscribe_group\r\npetra@example.cz,2026-03-02T09:00:00Z,\r\npetra@example.cz,2026-03-04T09:00:00Z,\"27,29\"\r\n",
            await File.ReadAllTextAsync(Path.Combine(_directory, "out.unsubscribes.csv")));
    }

    [Fact]
    public async Task Ndjson_AnotherAccountsFile_IsRefused()
    {
        var output = Path.Combine(_directory, "out.ndjson");
        var client = new FakeReports();
        client.Messages.Add(Message(1, Monday));
        await SmallExport.RunAsync(output, ExportFormat.Ndjson, Settings(output, ExportDataset.Messages) with { Format = ExportFormat.Ndjson }, client);
        await using var store = DatasetStores.Create(output, ExportFormat.Ndjson, csvRaw: false, TimeProvider.System);

        var refused = await Assert.ThrowsAsync<TargetException>(() => store.OpenAsync(ExportAccount.Demo, [ExportDataset.Messages], CancellationToken.None));

        Assert.Contains($"holds the export of {Account}, and this is the demo export", refused.Message, StringComparison.Ordinal);
    }
}
