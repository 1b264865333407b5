using System.Globalization;

namespace Mailkit.Reports.Testing.Tests.World;

/// <summary><see cref="MailkitEmulator.AddWorld"/>: one seeded world whose reports join up, with Prague times across the clock changes.</summary>
[Trait("Issue", "25")]
public class WorldTests
{
    private static readonly TimeZoneInfo Prague = TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague");

    [Fact]
    public void AddWorld_SameOptions_SameWorld()
    {
        var a = new MailkitEmulator().AddWorld(new EmulatedWorldOptions { Seed = 5 });
        var b = new MailkitEmulator().AddWorld(new EmulatedWorldOptions { Seed = 5 });
        var c = new MailkitEmulator().AddWorld(new EmulatedWorldOptions { Seed = 6 });

        Assert.Equal(a.World!.Messages.Select(m => m.Fields), b.World!.Messages.Select(m => m.Fields));
        Assert.Equal(a.Bounces.Select(x => x.Fields), b.Bounces.Select(x => x.Fields));
        Assert.Equal(a.World.Unsubscribes.Select(u => u.Fields), b.World.Unsubscribes.Select(u => u.Fields));
        Assert.NotEqual(a.World.Messages.Select(m => m.Email), c.World!.Messages.Select(m => m.Email));
    }

    [Fact]
    public void AddWorld_Defaults_GiveADemoWorldOfSeveralWeeks()
    {
        var world = new MailkitEmulator().AddWorld().World!;

        Assert.Equal(6, world.Campaigns.Count);
        Assert.Equal(24, world.Sends.Count);
        Assert.Equal(3_600, world.Messages.Count);
        Assert.InRange(world.MessageBounces.Count, 150, 500);
        Assert.InRange((world.Sends[^1].SentAt - world.Sends[0].SentAt).TotalDays, 42, 56);
        Assert.Equal(["click", "open", "unsubscribe"], world.Responses.Select(r => r.Type).Distinct().Order(StringComparer.Ordinal));
        string[] domains = ["seznam.cz", "gmail.com", "email.cz", "centrum.cz", "outlook.com"];
        Assert.All(domains, d => Assert.Contains(world.Messages, m => m.Domain == d));
        Assert.Equal(world.Messages.Count, world.Messages.Select(m => m.SendMessageId).Distinct().Count());
        Assert.True(world.Messages.Zip(world.Messages.Skip(1)).All(p => p.First.SendMessageId < p.Second.SendMessageId));
        Assert.True(world.Responses.Zip(world.Responses.Skip(1)).All(p => p.First.LogId < p.Second.LogId && p.First.At <= p.Second.At));
        Assert.Contains(world.Messages, m => m.SendMessageId > int.MaxValue);
    }

    [Fact]
    public void AddWorld_Bounces_AreOrdinaryBouncesBesideGeneratedOnes()
    {
        var emulator = new MailkitEmulator().AddGenerated(500, seed: 3).AddWorld();
        var world = emulator.World!;

        Assert.Equal(500 + world.MessageBounces.Count, emulator.Bounces.Count);
        Assert.Equal(emulator.Bounces.Count, emulator.ExpectedRecords().Count);
        Assert.Equal(world.MessageBounces.Select(b => b.UndeliveredLogId), emulator.Bounces.Skip(500).Select(b => b.UndeliveredLogId));
        Assert.All(emulator.Bounces.Skip(500), b => Assert.Contains(b.Value("RECIPIENT_STATUS"), new[] { "permanent", "temporary", "unsubscribed" }));
        Assert.Contains(emulator.Bounces.Skip(500), b => b.TrueReason == "userunknown");
    }

    [Fact]
    public void AddWorld_EveryRawBounce_FindsItsMessageOrBelongsToThePrunedSend()
    {
        var emulator = new MailkitEmulator().AddWorld();
        var world = emulator.World!;
        var served = world.Messages.Where(m => !m.Pruned).ToDictionary(m => m.SendMessageId);
        var all = world.Messages.ToDictionary(m => m.SendMessageId);
        var pruned = 0;

        foreach (var bounce in emulator.Bounces)
        {
            var id = long.Parse(bounce.Value("ID_SEND_MESSGE")!, CultureInfo.InvariantCulture);
            var message = all[id];
            Assert.Equal(message.Email, bounce.Value("EMAIL"));
            Assert.Equal(message.SendId, bounce.SendId);
            Assert.Equal(message.CampaignId, bounce.CampaignId);
            Assert.Equal(message.EmailId.ToString(CultureInfo.InvariantCulture), bounce.Value("ID_EMAIL"));
            Assert.Contains(message.Domain, bounce.Value("TEXT_STATUS") + bounce.Value("REMOTE_MTA") + message.Email, StringComparison.Ordinal);
            if (served.ContainsKey(id))
            {
                Assert.Equal(message.SentAt, emulator.ExpectedSentAt(bounce.UndeliveredLogId));
            }
            else
            {
                pruned++;
                Assert.True(message.Pruned);
                Assert.Null(emulator.ExpectedSentAt(bounce.UndeliveredLogId));
            }
        }

        Assert.InRange(pruned, 1, emulator.Bounces.Count / 4);
        Assert.True(world.Sends[0].Pruned);
        Assert.Single(world.Sends, s => s.Pruned);
    }

    [Fact]
    public void AddWorld_MessageBounces_HappenAfterTheirMessageLeft()
    {
        var emulator = new MailkitEmulator().AddWorld();

        Assert.All(emulator.World!.MessageBounces, b =>
        {
            var message = emulator.World.Messages.Single(m => m.SendMessageId == b.SendMessageId);
            Assert.True(b.BouncedAt >= message.SentAt);
            Assert.Equal("failed", message.RecipientStatus);
            Assert.Equal(b.BouncedAt, emulator.ExpectedBouncedAt(b.UndeliveredLogId));
            Assert.Equal(b.Status, emulator.Bounces.Single(r => r.UndeliveredLogId == b.UndeliveredLogId).Value("STATUS"));
            Assert.Equal(b.Status.StartsWith('4') ? "temporary" : "permanent", b.EmailStatus);
        });
        Assert.Null(emulator.ExpectedBouncedAt(1));
        Assert.Null(emulator.ExpectedSentAt(1));
    }

    [Fact]
    public void AddWorld_Responses_JoinToDeliveredMessagesAndComeAfterThem()
    {
        var world = new MailkitEmulator().AddWorld().World!;
        var messages = world.Messages.ToDictionary(m => m.SendMessageId);

        Assert.All(world.Responses, r =>
        {
            var message = messages[r.SendMessageId];
            Assert.False(message.Pruned);
            Assert.Equal("sent", message.RecipientStatus);
            Assert.True(r.At > message.SentAt);
            Assert.Equal(message.Email, r.Email);
        });
        Assert.All(world.Messages, m => Assert.Equal(world.Responses.Count(r => r.SendMessageId == m.SendMessageId && r.Type == "open"), int.Parse(Recipient(m, "READ_COUNT"), CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void AddWorld_Unsubscribes_HoldEveryUnsubscribeResponseAndTheListsQuirks()
    {
        var world = new MailkitEmulator().AddWorld().World!;

        Assert.All(world.Responses.Where(r => r.Type == "unsubscribe"), r => Assert.Contains(world.Unsubscribes, u => u.Email == r.Email && u.UnsubscribedAt == r.At));
        Assert.Contains(world.Unsubscribes, u => u.Email.StartsWith("+420", StringComparison.Ordinal));
        Assert.Contains(world.Unsubscribes, u => u.Groups.Length == 0);
        Assert.Contains(world.Unsubscribes, u => u.Groups == "0");
        Assert.Contains(world.Unsubscribes, u => u.Groups.Contains(',', StringComparison.Ordinal));
        Assert.Contains(world.Unsubscribes.GroupBy(u => u.Email), g => g.Select(u => u.UnsubscribedAt).Distinct().Count() > 1);
        Assert.Contains(world.Unsubscribes.GroupBy(u => (u.Email, u.UnsubscribedAt)), g => g.Count() > 1);
        Assert.Equal(world.Unsubscribes.Count, world.Unsubscribes.Select(u => (u.Email, u.UnsubscribedAt, u.Groups)).Distinct().Count());
        Assert.True(world.Unsubscribes.Zip(world.Unsubscribes.Skip(1)).All(p => p.First.UnsubscribedAt <= p.Second.UnsubscribedAt));
    }

    [Fact]
    public void AddWorld_Times_ArePragueWallClockInSummerAndWinter()
    {
        var world = new MailkitEmulator().AddWorld().World!;

        Assert.Contains(world.Sends, s => Prague.GetUtcOffset(s.SentAt) == TimeSpan.FromHours(2));
        Assert.Contains(world.Sends, s => Prague.GetUtcOffset(s.SentAt) == TimeSpan.FromHours(1));
        Assert.All(world.Sends, s => Assert.Equal(Wall(s.SentAt), s.Value("DATE")));
        Assert.All(world.Messages.Where(m => m.SentAt is not null), m => Assert.Equal(Wall(m.SentAt!.Value), m.Value("date_sent")));
        Assert.All(world.MessageBounces, b => Assert.Equal(Wall(b.BouncedAt), b.Value("DATE")));
        Assert.All(world.Responses, r => Assert.Equal(Wall(r.At), r.Value("date")));
        Assert.All(world.Unsubscribes, u => Assert.Equal(Wall(u.UnsubscribedAt), u.Value("DATE")));
        Assert.All(world.Campaigns, c => Assert.Equal(Wall(c.FirstSentAt), c.Value("SEND_DATE")));
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void AddWorld_RepeatedAutumnHour_OneSendStartsInItOnThePassTheOptionsName(bool laterPass, int utcHour)
    {
        var world = new MailkitEmulator().AddWorld(new EmulatedWorldOptions { RepeatedHourIsLaterPass = laterPass }).World!;

        var send = Assert.Single(world.Sends, s => s.Value("DATE") == "2026-10-25 02:05:00");
        Assert.Equal(new DateTimeOffset(2026, 10, 25, utcHour, 5, 0, TimeSpan.Zero), send.SentAt);
        var times = world.Messages.Where(m => m.SentAt is not null).Select(m => m.SentAt!.Value)
            .Concat(world.MessageBounces.Select(b => b.BouncedAt)).Concat(world.Responses.Select(r => r.At)).Concat(world.Unsubscribes.Select(u => u.UnsubscribedAt));
        var ambiguous = times.Where(t => Prague.IsAmbiguousTime(TimeZoneInfo.ConvertTime(t, Prague).DateTime)).ToList();
        Assert.NotEmpty(ambiguous);
        Assert.All(ambiguous, t => Assert.Equal(laterPass ? TimeSpan.FromHours(1) : TimeSpan.FromHours(2), Prague.GetUtcOffset(t)));
    }

    [Fact]
    public void AddWorld_MessageStates_IncludeWaitingRowsWithoutADate()
    {
        var world = new MailkitEmulator().AddWorld().World!;

        Assert.Equal(["failed", "sent", "wait", "wait_ab"], world.Messages.Select(m => m.RecipientStatus).Distinct().Order(StringComparer.Ordinal));
        Assert.All(world.Messages.Where(m => m.RecipientStatus.StartsWith("wait", StringComparison.Ordinal)), m =>
        {
            Assert.Null(m.SentAt);
            Assert.Equal(string.Empty, m.Value("date_sent"));
            Assert.Equal(string.Empty, Recipient(m, "DATE"));
        });
    }

    [Fact]
    public void AddWorld_Twice_Refused()
    {
        var emulator = new MailkitEmulator().AddWorld(new EmulatedWorldOptions { Campaigns = 1, SendsPerCampaign = 1, RecipientsPerSend = 5 });

        Assert.Throws<InvalidOperationException>(() => emulator.AddWorld());
    }

    [Theory]
    [InlineData(0, 1, 1, 1)]
    [InlineData(1, 0, 1, 1)]
    [InlineData(1, 1, 0, 1)]
    [InlineData(1, 1, 1, 0)]
    [InlineData(1_001, 1, 1, 1)]
    [InlineData(1, 1, 100_001, 1)]
    [InlineData(100, 1_000, 100, 1)]
    public void AddWorld_SettingOutOfRange_Refused(int campaigns, int sends, int recipients, int weeks)
    {
        var options = new EmulatedWorldOptions { Campaigns = campaigns, SendsPerCampaign = sends, RecipientsPerSend = recipients, Weeks = weeks };

        Assert.Throws<ArgumentOutOfRangeException>(() => new MailkitEmulator().AddWorld(options));
    }

    [Fact]
    public void AddWorld_HundredThousandMessages_Generated()
    {
        var world = new MailkitEmulator().AddWorld(new EmulatedWorldOptions { Campaigns = 10, SendsPerCampaign = 10, RecipientsPerSend = 1_000 }).World!;

        Assert.Equal(100_000, world.Messages.Count);
        Assert.InRange(world.MessageBounces.Count, 6_000, 10_000);
    }

    private static string Wall(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Prague).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Recipient(EmulatedMessage message, string key) => message.RecipientFields().Single(f => f.Key == key).Value;
}
