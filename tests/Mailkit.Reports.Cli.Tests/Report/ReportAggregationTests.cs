using Mailkit.Reports.Cli.Report;
using Microsoft.Data.Sqlite;

namespace Mailkit.Reports.Cli.Tests.Report;

/// <summary>The report's figures, checked exactly on <see cref="ReportWorld"/>, in SQLite and in PostgreSQL.</summary>
public sealed class ReportAggregationTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    [Trait("Issue", "26")]
    public async Task Read_SmallWorldInSqlite_GivesEveryFigureExactly()
    {
        AssertWorld(await ReportFixture.ReadAsync(await ReportFixture.SqliteAsync()));
    }

    [PostgresFact]
    [Trait("Issue", "26")]
    public async Task Read_SmallWorldInPostgres_GivesEveryFigureExactly()
    {
        AssertWorld(await ReportFixture.ReadAsync(await ReportFixture.PostgresAsync(postgres)));
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Read_Since_CountsLaterSendsAndEveryUndatedBounce()
    {
        var input = await ReportFixture.SqliteAsync();
        var data = await ReportFixture.ReadAsync(input, ReportFixture.Settings(input) with { Since = new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero) });

        Assert.Equal([ReportWorld.Week2, ReportWorld.Week3], data.Periods.Select(p => p.Start));
        Assert.Equal(new KindCounts(1, 2, 0), data.Undated);
        Assert.Equal(13, data.TotalBounces);
        Assert.Equal(150, data.Domains.Sum(d => d.Sent));
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Read_ByDay_PutsEachSendOnItsUtcDay()
    {
        var input = await ReportFixture.SqliteAsync();
        var data = await ReportFixture.ReadAsync(input, ReportFixture.Settings(input) with { By = ReportBucket.Day });

        Assert.Equal(["2026-11-04", "2026-11-15", "2026-11-16"], data.Periods.Select(p => p.Start));
        Assert.Equal([100L, 100L, 50L], data.Periods.Select(p => p.Messages!.Value));
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Read_NoMessagesExported_CountsBouncesAndGivesNoRate()
    {
        var data = await ReportFixture.ReadAsync(await ReportFixture.SqliteAsync(messages: false));

        Assert.Equal([ReportWorld.Week1, ReportWorld.Week2, ReportWorld.Week3], data.Periods.Select(p => p.Start));
        Assert.All(data.Periods, p => Assert.Null(p.Messages));
        Assert.All(data.Periods, p => Assert.Null(p.TotalRate));
        Assert.All(data.Domains, d => Assert.Null(d.Rate));
        Assert.All(data.Campaigns, c => Assert.Null(c.Rate));
        Assert.Equal(15, data.TotalBounces);
        Assert.Equal(["bounces"], data.Freshness.Datasets.Where(d => d.Present).Select(d => d.Name));
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Read_BouncesWithoutSendTimes_CountsEveryBounceAsUndated()
    {
        var data = await ReportFixture.ReadAsync(await ReportFixture.SqliteAsync(messages: false, bounceTimes: false));

        Assert.Empty(data.Periods);
        Assert.Equal(new KindCounts(5, 4, 6), data.Undated);
        Assert.False(data.Freshness.BouncesHaveSendTimes);
        Assert.Equal(5, data.Suppressions.Total);
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Read_UnsubscribedAddresses_CountAsTheSuppressionsListCountsThem()
    {
        var path = await ReportFixture.SqliteAsync(messages: true, bounceTimes: true);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();

            // One address twice (two groups), one address its hard bounces already suppress, and an empty one.
            insert.CommandText = "INSERT INTO unsubscribes (email, date, id_unsubscribe_group) VALUES "
                + "('new@c.test', '2026-10-01T10:00:00Z', ''), ('New@C.test', '2026-10-02T10:00:00Z', '27'), "
                + "('u2@a.test', '2026-10-03T10:00:00Z', ''), ('', '2026-10-04T10:00:00Z', '')";
            await insert.ExecuteNonQueryAsync();
        }

        var data = await ReportFixture.ReadAsync(path);

        Assert.Equal(6, data.Suppressions.Total);
        Assert.Contains(("unsubscribed", 1L), data.Suppressions.ByReason);
        Assert.Contains(("userunknown", 3L), data.Suppressions.ByReason);
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Read_HigherHardThreshold_MarksOnlyTheWeeksAboveIt()
    {
        var input = await ReportFixture.SqliteAsync();
        var settings = ReportFixture.Settings(input) with { HardThreshold = 0.031, BounceThreshold = 0.06 };
        var data = await ReportFixture.ReadAsync(input, settings);

        Assert.Equal([null, null, "▲ all ≥ 6.00 %"], data.Periods.Select(p => HtmlReport.Marks(p, settings)));
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Read_FewerRepeats_SuppressesTheSoftAddressSooner()
    {
        var input = await ReportFixture.SqliteAsync();

        var once = await ReportFixture.ReadAsync(input, ReportFixture.Settings(input) with { Repeats = 4 });

        // s1@b.test has mailbox-full bounces on three distinct sends: suppressed at 3, not at 4.
        Assert.Equal(4, once.Suppressions.Total);
        Assert.DoesNotContain(once.Suppressions.ByReason, r => r.Reason == "mailboxfull");
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Read_AddressWithTwoAtSignsInSqlite_TakesTheDomainAfterTheLast()
    {
        var input = await ReportFixture.SqliteAsync();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={input};Pooling=False"))
        {
            await connection.OpenAsync();
            await AddQuotedAddressAsync(connection);
        }

        var data = await ReportFixture.ReadAsync(input);

        Assert.Contains(data.Domains, d => d.Domain == "quoted.test" && d.Undated == 1);
        Assert.DoesNotContain(data.Domains, d => d.Domain.Contains('@', StringComparison.Ordinal) || d.Domain.StartsWith("y\"", StringComparison.Ordinal));
    }

    [PostgresFact]
    [Trait("Issue", "26")]
    public async Task Read_AddressWithTwoAtSignsInPostgres_TakesTheDomainAfterTheLast()
    {
        var input = await ReportFixture.PostgresAsync(postgres);
        await using (var connection = new Npgsql.NpgsqlConnection(input))
        {
            await connection.OpenAsync();
            await AddQuotedAddressAsync(connection);
        }

        var data = await ReportFixture.ReadAsync(input);

        Assert.Contains(data.Domains, d => d.Domain == "quoted.test" && d.Undated == 1);
    }

    private static async Task AddQuotedAddressAsync(System.Data.Common.DbConnection connection)
    {
        await using var add = connection.CreateCommand();
        add.CommandText = """
            INSERT INTO raw_bounces (id_undelivered_log, id_message, id_send, email, status, text_status, remote_mta, recipient_status, reason, hard_bounce, advice)
            VALUES (200, 2, 30, '"x@y"@Quoted.TEST', '5.1.1', '550 no such user', 'mx', 'failed', 'userunknown', TRUE, 'suppress');
            """;
        await add.ExecuteNonQueryAsync();
    }

    /// <summary>Every figure of the world, as the remarks of <see cref="ReportWorld"/> work it out.</summary>
    internal static void AssertWorld(ReportData data)
    {
        var settings = data.Settings;
        Assert.Equal([ReportWorld.Week1, ReportWorld.Week2, ReportWorld.Week3], data.Periods.Select(p => p.Start));
        Assert.Equal([100L, 100L, 50L], data.Periods.Select(p => p.Messages!.Value));
        Assert.Equal(new KindCounts(1, 1, 0), data.Periods[0].Bounces);
        Assert.Equal(new KindCounts(3, 1, 1), data.Periods[1].Bounces);
        Assert.Equal(new KindCounts(0, 0, 5), data.Periods[2].Bounces);
        Assert.Equal(new KindCounts(1, 2, 0), data.Undated);
        Assert.Equal(5, data.UndatedMessages);
        Assert.Equal(15, data.TotalBounces);

        Assert.Equal(0.01, data.Periods[0].Rate(BounceKind.Hard));
        Assert.Equal(0.03, data.Periods[1].Rate(BounceKind.Hard));
        Assert.Equal(0.05, data.Periods[1].TotalRate);
        Assert.Equal(0.1, data.Periods[2].Rate(BounceKind.SenderSide));
        Assert.Equal([null, "▲ hard ≥ 2.00 %; ▲ all ≥ 5.00 %", "▲ all ≥ 5.00 %"], data.Periods.Select(p => HtmlReport.Marks(p, settings)));

        Assert.Equal(
            [("authfailure", false, 5L), ("userunknown", true, 4L), ("mailboxfull", false, 3L), ("blocked", false, 1L), ("hostunknown", true, 1L), ("undefined", false, 1L)],
            data.Reasons.Select(r => (r.Reason, r.HardBounce, r.Count)));

        Assert.Equal(["a.test", "b.test"], data.Domains.Select(d => d.Domain));
        var a = data.Domains[0];
        var b = data.Domains[1];
        Assert.Equal((125L, new KindCounts(3, 0, 0), 2L, "userunknown"), (a.Sent!.Value, a.Bounced, a.Undated, a.DominantReason));
        Assert.Equal((125L, new KindCounts(1, 2, 6), 1L, "authfailure"), (b.Sent!.Value, b.Bounced, b.Undated, b.DominantReason));
        Assert.Equal(0.024, a.Rate);
        Assert.Equal(0.072, b.Rate);
        Assert.Equal((0.03, 0.0, false), (a.PastRate!.Value, a.LatestRate!.Value, a.Jumped));
        Assert.Equal((0.04, 0.2, true), (b.PastRate!.Value, b.LatestRate!.Value, b.Jumped));

        Assert.Equal(["authfailure", "blocked"], data.SenderSide.Select(s => s.Reason));
        Assert.Equal([("b.test", 5L)], data.SenderSide[0].Domains);
        Assert.Equal(ReportWorld.HostileReply, data.SenderSide[1].ExampleReply);

        Assert.Equal([2L, 1L], data.Campaigns.Select(c => c.MessageId!.Value));
        Assert.Equal(("Newsletter", 150L, 10L, 2L), (data.Campaigns[0].Name, data.Campaigns[0].Sent!.Value, data.Campaigns[0].Bounced, data.Campaigns[0].Undated));
        Assert.Equal((ReportWorld.HostileCampaign, 100L, 2L, 1L), (data.Campaigns[1].Name, data.Campaigns[1].Sent!.Value, data.Campaigns[1].Bounced, data.Campaigns[1].Undated));
        Assert.Equal(0.02, data.Campaigns[1].Rate);

        Assert.Equal(5, data.Suppressions.Total);
        Assert.Equal([("userunknown", 3L), ("hostunknown", 1L), ("mailboxfull", 1L)], data.Suppressions.ByReason);

        Assert.Equal("2026-11-20 08:00:00 UTC", data.Freshness.LastExport);
        Assert.Equal(
            [("bounces", true, 15L), ("messages", true, 255L), ("responses", true, 0L), ("unsubscribes", true, 0L), ("campaigns", true, 2L)],
            data.Freshness.Datasets.Select(d => (d.Name, d.Present, d.Rows)));
        Assert.Equal("2026-11-16T00:00:00Z", data.Freshness.Datasets[0].Newest);
        Assert.Equal("2026-11-16T00:00:00Z", data.Freshness.Datasets[1].Newest);
    }
}
