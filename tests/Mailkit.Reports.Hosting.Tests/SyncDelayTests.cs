using Mailkit.Reports.Hosting.Internal;

namespace Mailkit.Reports.Hosting.Tests;

public class SyncDelayTests
{
    [Fact]
    public void After_Success_IsTheInterval()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), SyncDelay.After(CycleOutcome.Succeeded, 0, new BounceSyncOptions()));
    }

    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(4, 60)]
    [InlineData(40, 60)]
    public void After_Failures_DoublesFromTheIntervalUpToMaxFailureDelay(int failures, int expectedMinutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), SyncDelay.After(CycleOutcome.Failed, failures, new BounceSyncOptions()));
    }

    [Fact]
    public void After_FailureWithMaxFailureDelayBelowInterval_IsTheInterval()
    {
        var options = new BounceSyncOptions { Interval = TimeSpan.FromHours(2), MaxFailureDelay = TimeSpan.FromMinutes(1) };

        Assert.Equal(TimeSpan.FromHours(2), SyncDelay.After(CycleOutcome.Failed, 3, options));
    }

    [Fact]
    public void After_Refused_IsTheRefusedRetryInterval_OrNoneWhenUnset()
    {
        Assert.Equal(TimeSpan.FromHours(6), SyncDelay.After(CycleOutcome.Refused, 1, new BounceSyncOptions()));
        Assert.Null(SyncDelay.After(CycleOutcome.Refused, 1, new BounceSyncOptions { RefusedRetryInterval = null }));
    }
}
