using Mailkit.Reports.Resilience;

namespace Mailkit.Reports.Tests.Resilience;

public class RetryDelayTests
{
    [Fact]
    public void For_WithoutJitter_DoublesFromTheBaseDelayUpToTheMaxDelay()
    {
        var options = new MailkitRetryOptions { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(10), UseJitter = false };

        var delays = Enumerable.Range(1, 5).Select(attempt => RetryDelay.For(options, attempt, new Random(1)).TotalSeconds);

        Assert.Equal(new double[] { 2, 4, 8, 10, 10 }, delays);
    }

    [Fact]
    public void For_WithJitter_StaysInTheUpperHalfOfTheBackoff()
    {
        var options = new MailkitRetryOptions { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromMinutes(2) };
        var random = new Random(42);

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var backoff = Math.Min(2 * Math.Pow(2, attempt - 1), 120);
            for (var i = 0; i < 50; i++)
            {
                Assert.InRange(RetryDelay.For(options, attempt, random).TotalSeconds, backoff / 2, backoff);
            }
        }
    }

    [Fact]
    public void For_HugeAttemptNumber_DoesNotOverflow()
    {
        var options = new MailkitRetryOptions { BaseDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(1), UseJitter = false };

        Assert.Equal(TimeSpan.FromHours(1), RetryDelay.For(options, int.MaxValue, new Random(1)));
    }
}
