namespace Mailkit.Reports.Testing.Tests;

/// <summary><see cref="BounceDataGenerator"/>: seeded, realistic data whose replies say their true reason.</summary>
public class BounceDataGeneratorTests
{
    [Fact]
    public void Generator_SameSeed_SameDataWithTheRealisticMix()
    {
        var a = BounceDataGenerator.Generate(2_000, seed: 42);
        var b = BounceDataGenerator.Generate(2_000, seed: 42);

        Assert.Equal(a.Select(x => x.Fields), b.Select(x => x.Fields));
        Assert.Contains(a, x => x.UndeliveredLogId > uint.MaxValue);
        Assert.Contains(a, x => x.UndeliveredLogId <= uint.MaxValue);
        Assert.Contains(a, x => x.Value("EMAIL")!.EndsWith(".cz", StringComparison.Ordinal));
        Assert.Contains(a, x => x.Value("EMAIL")!.Any(c => c > 127));
        Assert.Contains(a, x => x.Value("STATUS") == string.Empty);
        Assert.Contains(a, x => x.Value("CAMPAIGN_NAME") is not null);
        Assert.Contains(a.Zip(a.Skip(1)), p => p.Second.UndeliveredLogId - p.First.UndeliveredLogId > 1);
        Assert.True(a.Select(x => x.CampaignId).Distinct().Count() >= 3);
    }

    [Fact]
    public void Generator_Replies_VaryByProviderAndLanguageAndKeepTheirTrueReason()
    {
        var a = BounceDataGenerator.Generate(3_000, seed: 42);
        var b = BounceDataGenerator.Generate(3_000, seed: 42);

        Assert.Equal(a.Select(x => x.TrueReason), b.Select(x => x.TrueReason));
        string[] reasons = ["userunknown", "mailboxfull", "hostunknown", "blocked", "spamdetected", "ratelimited", "suspend", "expired", "authfailure", "requireptr"];
        Assert.All(reasons, reason => Assert.Contains(a, x => x.TrueReason == reason));
        Assert.All(a.Where(x => x.Value("STATUS") == string.Empty), x => Assert.Null(x.TrueReason));
        Assert.Contains(a, x => x.TrueReason == "authfailure" && x.Value("STATUS") == "5.7.26");
        Assert.Contains(a, x => x.TrueReason == "mailboxfull" && x.Value("TEXT_STATUS")!.Contains("Schránka je plná", StringComparison.Ordinal) && x.Value("EMAIL")!.EndsWith(".cz", StringComparison.Ordinal));
        Assert.Contains(a, x => x.TrueReason == "userunknown" && x.Value("TEXT_STATUS")!.Contains("szn;", StringComparison.Ordinal));
        Assert.Contains(a, x => x.Value("TEXT_STATUS")!.Contains("Postfach", StringComparison.Ordinal));
        Assert.Contains(a, x => x.Value("TEXT_STATUS")!.Contains("skrzynce", StringComparison.Ordinal));
        Assert.Contains(a, x => x.Value("TEXT_STATUS")!.Contains("bola vyhodnotená", StringComparison.Ordinal));
        Assert.Null(new EmulatedBounce([new("ID_UNDELIVERED_LOG", "1")]).TrueReason);
    }

    [Fact]
    public void Generator_WordingVariants_LeaveEveryOtherFieldAsTheSeedGaveIt()
    {
        var bounces = BounceDataGenerator.Generate(2_000, seed: 7);

        // The IDs and the status class are drawn from the main stream: the first ID, the gaps and the count stay.
        Assert.Equal(2_000, bounces.Count);
        Assert.Equal(BounceDataGenerator.DefaultFirstId, bounces[0].UndeliveredLogId);
        Assert.All(bounces, x => Assert.Equal(x.Value("STATUS")!.StartsWith('4') ? "temporary" : x.Value("RECIPIENT_STATUS") == "unsubscribed" ? "unsubscribed" : "permanent", x.Value("RECIPIENT_STATUS")));
        Assert.All(bounces.Zip(bounces.Skip(1)), p => Assert.InRange(p.Second.UndeliveredLogId - p.First.UndeliveredLogId, 1, 3));
    }
}
