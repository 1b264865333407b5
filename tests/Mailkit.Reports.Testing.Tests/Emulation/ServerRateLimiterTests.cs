using Mailkit.Reports.Testing.Emulation;

namespace Mailkit.Reports.Testing.Tests.Emulation;

public class ServerRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Admit_NoLimit_EveryRequest()
    {
        var limiter = new ServerRateLimiter(new EmulatorSettings());

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Null(limiter.Admit(Start)));
    }

    [Fact]
    public void Admit_OverTheLimit_RefusedWithTheWaitInWholeSecondsUntilTheWindowSlides()
    {
        var limiter = new ServerRateLimiter(new EmulatorSettings { ServerRateLimit = 2, ServerRateLimitWindow = TimeSpan.FromSeconds(10) });

        Assert.Null(limiter.Admit(Start));
        Assert.Null(limiter.Admit(Start.AddSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(8), limiter.Admit(Start.AddSeconds(2.5)));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.Admit(Start.AddSeconds(9.9)));
        Assert.Null(limiter.Admit(Start.AddSeconds(10)));
        Assert.NotNull(limiter.Admit(Start.AddSeconds(10.5)));
    }
}
