using Mailkit.Reports.Hosting.HealthChecks;
using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mailkit.Reports.Hosting.Tests.HealthChecks;

public class BounceSyncHealthCheckTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    private static readonly BounceSyncState.Snapshot Fresh = new() { StartedAt = Start };

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
    public void Evaluate_TransientFailuresContinue_Degraded_TheErrorInTheExceptionOnly()
    {
        var error = new MailkitNetworkException("reset by 203.0.113.9");
        var failing = Fresh with { LastSuccess = Start, ConsecutiveFailures = 2, LastOutcome = SyncOutcome.Failed, LastFailure = SyncFailureKind.Mailkit, LastException = error };

        var result = BounceSyncHealthCheck.Evaluate(failing, Interval, Start + TimeSpan.FromMinutes(1), "eu");

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(2, result.Data["consecutiveFailures"]);
        Assert.Same(error, result.Exception);
        Assert.Equal("Bounce sync 'eu' failed 2 time(s) in a row.", result.Description);
    }

    [Fact]
    public void Evaluate_Refused_Unhealthy()
    {
        var refused = Fresh with { LastSuccess = Start, ConsecutiveFailures = 1, LastOutcome = SyncOutcome.Refused, LastFailure = SyncFailureKind.AccessRefused, LastException = new MailkitAuthenticationException() };

        var result = BounceSyncHealthCheck.Evaluate(refused, Interval, Start + TimeSpan.FromMinutes(1), "eu");

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal(true, result.Data["refused"]);
    }

    [Theory]
    [Trait("Finding", "R2-M3")]
    [InlineData(nameof(SyncFailureKind.InvalidRecord))]
    [InlineData(nameof(SyncFailureKind.HandlerRepeatedly))]
    [InlineData(nameof(SyncFailureKind.HandlerUnavailable))]
    [InlineData(nameof(SyncFailureKind.UnusableCursor))]
    [InlineData(nameof(SyncFailureKind.FilterMismatch))]
    [InlineData(nameof(SyncFailureKind.InvalidOptions))]
    public void Evaluate_Halted_UnhealthyOrTheRegisteredFailureStatus_WithAStableDescription(string failure)
    {
        var kind = Enum.Parse<SyncFailureKind>(failure);
        var error = new InvalidOperationException("secret-looking detail: /var/lib/app/cursors/eu.cursor.json");
        var halted = Fresh with { ConsecutiveFailures = 3, LastOutcome = SyncOutcome.Halted, LastFailure = kind, LastException = error, StartId = 5 };

        var result = BounceSyncHealthCheck.Evaluate(halted, Interval, Start, "eu");
        var degradedByChoice = BounceSyncHealthCheck.Evaluate(halted, Interval, Start, "eu", HealthStatus.Degraded);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal(HealthStatus.Degraded, degradedByChoice.Status);
        Assert.DoesNotContain(error.Message, result.Description, StringComparison.Ordinal);
        Assert.Same(error, result.Exception);
        Assert.Equal(kind.ToString(), result.Data["failure"]);
        Assert.Equal(5L, result.Data["startId"]);
    }
}
