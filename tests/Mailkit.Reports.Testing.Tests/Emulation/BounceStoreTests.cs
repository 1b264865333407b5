using System.Globalization;
using Mailkit.Reports.Testing.Emulation;

namespace Mailkit.Reports.Testing.Tests.Emulation;

public class BounceStoreTests
{
    [Theory]
    [InlineData(false, new long[] { 4, 6 })]
    [InlineData(true, new long[] { 6, 8 })]
    public void Select_FromAStartId_InclusiveUnlessExclusiveStart(bool exclusiveStart, long[] expected)
    {
        var store = new BounceStore();
        store.AddOrReplace([Bounce(8), Bounce(2), Bounce(4), Bounce(6)]);

        var page = store.Select(null, null, start: 4, take: 2, exclusiveStart);

        Assert.Equal(expected, page.Select(b => b.UndeliveredLogId));
    }

    [Fact]
    public void AddOrReplace_SameId_ReplacesAndKeepsIdOrder()
    {
        var store = new BounceStore();
        store.AddOrReplace([Bounce(3, campaign: "1"), Bounce(1)]);

        store.AddOrReplace([Bounce(3, campaign: "2")]);

        Assert.Equal([1L, 3L], store.Snapshot().Select(b => b.UndeliveredLogId));
        Assert.Equal(2L, store.Snapshot()[1].CampaignId);
        Assert.Equal([3L], store.Select(campaign: 2, null, null, take: 10, exclusiveStart: false).Select(b => b.UndeliveredLogId));
    }

    private static EmulatedBounce Bounce(long id, string campaign = "") =>
        new([new("ID_UNDELIVERED_LOG", id.ToString(CultureInfo.InvariantCulture)), new("ID_MESSAGE", campaign)]);
}
