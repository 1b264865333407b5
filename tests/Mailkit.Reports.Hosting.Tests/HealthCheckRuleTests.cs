using Mailkit.Reports.Hosting.HealthChecks;
using Mailkit.Reports.Hosting.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mailkit.Reports.Hosting.Tests;

public class HealthCheckRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    private static readonly BounceSyncState.Snapshot Fresh = new(Start, null, 0, false, null, false, null, 0);

    [Fact]
    public void Evaluate_BeforeTheFirstCycleHasHadTime_Healthy()
    {
        Assert.Equal(HealthStatus.Healthy, BounceSyncHealthCheck.Evaluate(Fresh, Interval, Start + (2 * Interval), "eu").Status);
        Assert.Equal(HealthStatus.Healthy, BounceSyncHealthCheck.Evaluate(Fresh with { StartedAt = null }, Interval, Start, "eu").Status);
    }

    [Fact]
    public void Evaluate_LastSuccessWithinTwoIntervals_Healthy_AfterThat_Degraded()
    {
        var current = Fresh with { LastSuccess = Start };

        Assert.Equal(HealthStatus.Healthy, BounceSyncHealthCheck.Evaluate(current, Interval, Start + (2 * Interval), "eu").Status);
        Assert.Equal(HealthStatus.Degraded, BounceSyncHealthCheck.Evaluate(current, Interval, Start + (2 * Interval) + TimeSpan.FromSeconds(1), "eu").Status);
        Assert.Equal(HealthStatus.Degraded, BounceSyncHealthCheck.Evaluate(Fresh, Interval, Start + (3 * Interval), "eu").Status);
    }

    [Fact]
    public void Evaluate_TransientFailuresContinue_Degraded()
    {
        var failing = Fresh with { LastSuccess = Start, ConsecutiveFailures = 2, LastError = "MailkitNetworkException: reset" };

        var result = BounceSyncHealthCheck.Evaluate(failing, Interval, Start + TimeSpan.FromMinutes(1), "eu");

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(2, result.Data["consecutiveFailures"]);
    }

    [Fact]
    public void Evaluate_Refused_Unhealthy()
    {
        var refused = Fresh with { LastSuccess = Start, ConsecutiveFailures = 1, IsRefused = true, LastError = "MailkitAuthenticationException: Unauthorized" };

        var result = BounceSyncHealthCheck.Evaluate(refused, Interval, Start + TimeSpan.FromMinutes(1), "eu");

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal(true, result.Data["refused"]);
    }
}
