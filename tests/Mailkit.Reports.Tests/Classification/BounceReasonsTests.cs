using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Tests.Classification;

public sealed class BounceReasonsTests
{
    [Fact]
    public void ToSisimaiName_EveryReason_RoundTripsThroughTryParse()
    {
        foreach (var reason in Enum.GetValues<BounceReason>())
        {
            var name = BounceReasons.ToSisimaiName(reason);

            Assert.Equal(name.ToLowerInvariant(), name);
            Assert.True(BounceReasons.TryParse(name, out var parsed), name);
            Assert.Equal(reason, parsed);
        }
    }

    [Fact]
    [Trait("Issue", "26")]
    public void IsSenderSide_HoldsForExactlyTheReasonsTheSenderFixes()
    {
        string[] senderSide = ["authfailure", "badreputation", "blocked", "policyviolation", "ratelimited", "requireptr", "spamdetected"];

        var found = Enum.GetValues<BounceReason>().Where(BounceReasons.IsSenderSide).Select(BounceReasons.ToSisimaiName).Order(StringComparer.Ordinal);

        Assert.Equal(senderSide, found);
    }

    [Theory]
    [InlineData("userunknown", BounceReason.UserUnknown)]
    [InlineData("User_Unknown", BounceReason.UserUnknown)]
    [InlineData("toomanyconn", BounceReason.RateLimited)]
    [InlineData("mesgtoobig", BounceReason.EmailTooLarge)]
    public void TryParse_KnownSpellings_Parse(string name, BounceReason expected)
    {
        Assert.True(BounceReasons.TryParse(name, out var reason));
        Assert.Equal(expected, reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nosuchreason")]
    [InlineData("uživatel")]
    public void TryParse_Unknown_ReturnsFalse(string? name) => Assert.False(BounceReasons.TryParse(name, out _));

    [Fact]
    public void ToSisimaiName_UndefinedValue_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("reason", () => BounceReasons.ToSisimaiName((BounceReason)99));

    [Fact]
    public void ToSisimaiName_DoesNotAllocate()
    {
        BounceReasons.ToSisimaiName(BounceReason.MailboxFull);
        var before = GC.GetAllocatedBytesForCurrentThread();

        BounceReasons.ToSisimaiName(BounceReason.MailboxFull);

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
