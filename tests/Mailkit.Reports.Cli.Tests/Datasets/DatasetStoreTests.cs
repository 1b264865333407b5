using Mailkit.Reports.Cli.Datasets;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using static Mailkit.Reports.Cli.Tests.Datasets.SmallExport;

namespace Mailkit.Reports.Cli.Tests.Datasets;

/// <summary>
/// The datasets beside the bounces in SQLite: each resumes from its own checkpoint exactly once, unsubscriptions are
/// kept once per address, time and groups, and a bounce gains the send time of its message whichever comes first.
/// </summary>
[Trait("Issue", "25")]
public sealed class DatasetStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-datasets-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("sqlite")]
    [PostgresInlineData("postgres")]
    public async Task Messages_StoppedMidWayAndRunAgain_StoresEachMessageOnceFromItsCheckpoint(string database)
    {
        var (path, format) = Target(database);
        var client = new FakeReports { FailAfterPages = 2 };
        client.Messages.AddRange(Enumerable.Range(1, 10).Select(i => Message(100 + i, Monday.AddHours(i))));
        var settings = Settings(path, ExportDataset.Messages) with { PageSize = 3 };

        await Assert.ThrowsAsync<MailkitNetworkException>(() => SmallExport.RunAsync(path, format, settings, client));
        Assert.Equal(6L, await ScalarAsync(path, format, "SELECT COUNT(*) FROM raw_messages"));
        Assert.Equal(107L, await ScalarAsync(path, format, $"SELECT next_start_id FROM export_checkpoints WHERE query = '{DatasetExport.QueryOf(settings, ExportDataset.Messages)}'"));

        client.FailAfterPages = null;
        await SmallExport.RunAsync(path, format, settings, client);
        await SmallExport.RunAsync(path, format, settings, client);

        Assert.Equal(10L, await ScalarAsync(path, format, "SELECT COUNT(DISTINCT id_send_message) FROM raw_messages"));
        Assert.Equal(10L, await ScalarAsync(path, format, "SELECT COUNT(*) FROM raw_messages"));
        Assert.Equal("2026-03-02T10:00:00Z", TimeOf(await ScalarAsync(path, format, "SELECT date_sent FROM raw_messages WHERE id_send_message = 101")));
        Assert.Equal(111L, await ScalarAsync(path, format, $"SELECT next_start_id FROM export_checkpoints WHERE query = '{DatasetExport.QueryOf(settings, ExportDataset.Messages)}'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresInlineData("postgres")]
    public async Task Responses_CheckpointIsItsOwn_BesideTheMessagesOne(string database)
    {
        var (path, format) = Target(database);
        var client = new FakeReports();
        client.Messages.Add(Message(5, Monday));
        client.Responses.AddRange([new RawResponseRecord { LogId = 40, SendMessageId = 5, ResponseType = "open", Date = Monday }, new RawResponseRecord { LogId = 41 }]);
        var settings = Settings(path, ExportDataset.Messages, ExportDataset.Responses);

        await SmallExport.RunAsync(path, format, settings, client);

        Assert.Equal(42L, await ScalarAsync(path, format, $"SELECT next_start_id FROM export_checkpoints WHERE query = '{DatasetExport.QueryOf(settings, ExportDataset.Responses)}'"));
        Assert.Equal(6L, await ScalarAsync(path, format, $"SELECT next_start_id FROM export_checkpoints WHERE query = '{DatasetExport.QueryOf(settings, ExportDataset.Messages)}'"));
        Assert.Equal("open", await ScalarAsync(path, format, "SELECT type FROM raw_responses WHERE id_log = 40"));
        Assert.Equal("{\"ab_version\":\"\"}", (await ScalarAsync(path, format, "SELECT extra FROM raw_responses WHERE id_log = 41"))?.ToString()?.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresInlineData("postgres")]
    public async Task Unsubscribes_SecondRun_AddsNothingAndAnAddressUnsubscribedTwiceIsThereTwice(string database)
    {
        var (path, format) = Target(database);
        var client = new FakeReports();
        client.Unsubscribes.AddRange(
        [
            new UnsubscribeRecord { Email = "petra@example.cz", Date = Monday, UnsubscribeGroups = string.Empty },
            new UnsubscribeRecord { Email = "petra@example.cz", Date = Monday.AddDays(3), UnsubscribeGroups = "27,29" },
            new UnsubscribeRecord { Email = "jan@example.cz", Date = Monday.AddDays(3), UnsubscribeGroups = string.Empty },
        ]);
        var settings = Settings(path, ExportDataset.Unsubscribes);

        await SmallExport.RunAsync(path, format, settings, client);
        await SmallExport.RunAsync(path, format, settings, client);

        Assert.Equal([null, Monday.AddDays(3)], client.UnsubscribeRequests);
        Assert.Equal(3L, await ScalarAsync(path, format, "SELECT COUNT(*) FROM unsubscribes"));
        Assert.Equal(2L, await ScalarAsync(path, format, "SELECT COUNT(*) FROM unsubscribes WHERE email = 'petra@example.cz'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresInlineData("postgres")]
    public async Task SentAt_MessagesAfterTheBounces_IsBackfilledAndNullWhereNoMessage(string database)
    {
        var (path, format) = Target(database);
        var client = new FakeReports();
        client.Messages.Add(Message(7001, Monday));
        await using (var target = await OpenTargetAsync(path, format))
        {
            await target.WritePageAsync([Bounce(1, 7001), Bounce(2, 7002)], 3, CancellationToken.None);
        }

        await SmallExport.RunAsync(path, format, Settings(path, ExportDataset.Messages), client);

        Assert.Equal("2026-03-02T09:00:00Z", TimeOf(await ScalarAsync(path, format, "SELECT sent_at FROM raw_bounces WHERE id_undelivered_log = 1")));
        Assert.Null(await ScalarAsync(path, format, "SELECT sent_at FROM raw_bounces WHERE id_undelivered_log = 2"));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresInlineData("postgres")]
    public async Task SentAtAndBouncedAt_BouncesAfterTheMessagesAndSends_AreFilledAsTheyAreStored(string database)
    {
        var (path, format) = Target(database);
        var client = new FakeReports();
        client.Messages.Add(Message(7001, Monday));
        client.Campaigns.Add(new CampaignRecord { CampaignId = 9, Name = "Spring", SendDate = Monday });
        client.Sends.Add(new CampaignSendRecord { CampaignId = 9, SendId = 77, Date = Monday, SendCount = 2 });
        client.MessageBounces.Add(new MessageBounceRecord { SendId = 77, SendMessageId = 7001, Email = "a@example.cz", Date = Monday.AddMinutes(5), EmailStatus = "permanent" });
        await SmallExport.RunAsync(path, format, Settings(path, ExportDataset.Messages, ExportDataset.Campaigns), client);

        await using (var target = await OpenTargetAsync(path, format))
        {
            await target.WritePageAsync([Bounce(1, 7001, sendId: 77), Bounce(2, 7002, sendId: 77)], 3, CancellationToken.None);
        }

        Assert.Equal("2026-03-02T09:00:00Z", TimeOf(await ScalarAsync(path, format, "SELECT sent_at FROM raw_bounces WHERE id_undelivered_log = 1")));
        Assert.Equal("2026-03-02T09:05:00Z", TimeOf(await ScalarAsync(path, format, "SELECT bounced_at FROM raw_bounces WHERE id_undelivered_log = 1")));
        Assert.Null(await ScalarAsync(path, format, "SELECT sent_at FROM raw_bounces WHERE id_undelivered_log = 2"));
        Assert.Null(await ScalarAsync(path, format, "SELECT bounced_at FROM raw_bounces WHERE id_undelivered_log = 2"));
        Assert.Equal("Spring", await ScalarAsync(path, format, "SELECT name FROM campaigns WHERE id_message = 9"));
        Assert.Equal(2L, await ScalarAsync(path, format, "SELECT send_count FROM campaign_sends WHERE id_send = 77"));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresInlineData("postgres")]
    public async Task Campaigns_StoppedMidPass_ContinueFromTheNextCampaignAndAWholePassStartsAgain(string database)
    {
        var (path, format) = Target(database);
        var client = new FakeReports { FailAfterPages = 1 };
        client.Campaigns.AddRange([new CampaignRecord { CampaignId = 1, Name = "one" }, new CampaignRecord { CampaignId = 2, Name = "two" }]);
        client.Sends.AddRange([new CampaignSendRecord { CampaignId = 1, SendId = 10 }, new CampaignSendRecord { CampaignId = 2, SendId = 20 }]);
        var settings = Settings(path, ExportDataset.Campaigns);
        var query = $"SELECT next_start_id FROM export_checkpoints WHERE query = '{DatasetExport.QueryOf(settings, ExportDataset.Campaigns)}'";

        await Assert.ThrowsAsync<MailkitNetworkException>(() => SmallExport.RunAsync(path, format, settings, client));
        Assert.Equal(2L, await ScalarAsync(path, format, query));
        client.Campaigns[0] = client.Campaigns[0] with { Name = "one, renamed" };
        client.FailAfterPages = null;
        await SmallExport.RunAsync(path, format, settings, client);

        Assert.Equal(0L, await ScalarAsync(path, format, query));
        Assert.Equal("one", await ScalarAsync(path, format, "SELECT name FROM campaigns WHERE id_message = 1"));
        Assert.Equal(2L, await ScalarAsync(path, format, "SELECT COUNT(*) FROM campaign_sends"));

        await SmallExport.RunAsync(path, format, settings, client);
        Assert.Equal("one, renamed", await ScalarAsync(path, format, "SELECT name FROM campaigns WHERE id_message = 1"));
        Assert.Equal(2L, await ScalarAsync(path, format, "SELECT COUNT(*) FROM campaigns"));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresInlineData("postgres")]
    public async Task MessageBounces_SameKeyTwiceInOneSend_StoredOnceWithTheLastRow(string database)
    {
        var (path, format) = Target(database);
        var client = new FakeReports();
        client.Campaigns.Add(new CampaignRecord { CampaignId = 9 });
        client.Sends.Add(new CampaignSendRecord { CampaignId = 9, SendId = 77 });
        client.MessageBounces.AddRange(Enumerable.Range(0, 450).Select(i => new MessageBounceRecord { SendId = 77, SendMessageId = 1000 + i, EmailStatus = "temporary" }));
        client.MessageBounces.Add(new MessageBounceRecord { SendId = 77, SendMessageId = 1000, EmailStatus = "permanent" });

        await SmallExport.RunAsync(path, format, Settings(path, ExportDataset.Campaigns), client);

        Assert.Equal(450L, await ScalarAsync(path, format, "SELECT COUNT(*) FROM message_bounces"));
        Assert.Equal("permanent", await ScalarAsync(path, format, "SELECT email_status FROM message_bounces WHERE id_send_message = 1000"));
    }

    /// <summary>A new SQLite file or PostgreSQL database, and its format.</summary>
    private (string Target, ExportFormat Format) Target(string format) =>
        format == "postgres" ? (postgres.CreateDatabase(), ExportFormat.Postgres) : (Path.Combine(_directory, "bounces.db"), ExportFormat.Sqlite);

    /// <summary>A time as the store holds it: text in SQLite, a UTC instant in PostgreSQL.</summary>
    private static string? TimeOf(object? stored) => stored switch
    {
        null => null,
        DateTime time => DatasetTables.TimeText(new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))),
        DateTimeOffset time => DatasetTables.TimeText(time),
        var text => text.ToString(),
    };
}
