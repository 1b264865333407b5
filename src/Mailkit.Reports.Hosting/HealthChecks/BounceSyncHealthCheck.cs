using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.HealthChecks;

/// <summary>
/// The health of one sync of any report, from its state alone (no call to Mailkit): Unhealthy when the sync has stopped (Mailkit refused
/// the credentials or the IP address, invalid options, or a failure that waiting cannot heal), Degraded while failures
/// continue or when nothing succeeded for two intervals, Healthy otherwise. Descriptions are stable text; the failure
/// itself is the result's exception.
/// </summary>
internal sealed class BounceSyncHealthCheck(
    BounceSyncState state,
    BounceSyncRegistration registration,
    Func<TimeSpan> readInterval,
    TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        TimeSpan interval;
        try
        {
            interval = readInterval();
        }
        catch (OptionsValidationException)
        {
            // The sync reports the invalid options itself; its last valid interval is not known here.
            interval = BounceSyncOptions.DefaultInterval;
        }

        return Task.FromResult(Evaluate(
            state.Current, interval, time.GetUtcNow(), state.SyncName, context.Registration.FailureStatus, registration.SyncKind, registration.SyncKindInText));
    }

    /// <summary>The rule, on its own so that it can be checked value by value.</summary>
    internal static HealthCheckResult Evaluate(
        BounceSyncState.Snapshot snapshot,
        TimeSpan interval,
        DateTimeOffset now,
        string syncName,
        HealthStatus failureStatus = HealthStatus.Unhealthy,
        string syncKind = "Bounce",
        string syncKindInText = "bounce")
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["consecutiveFailures"] = snapshot.ConsecutiveFailures,
            ["refused"] = snapshot.IsRefused,
        };
        if (snapshot.LastSuccess is { } lastSuccess)
        {
            data["lastSuccess"] = lastSuccess;
        }

        if (snapshot.LastFailure != SyncFailureKind.None)
        {
            data["failure"] = snapshot.LastFailure.ToString();
        }

        if (snapshot.StartId is { } startId)
        {
            data["startId"] = startId;
        }

        if (snapshot.IsRefused)
        {
            return new HealthCheckResult(failureStatus, Stopped(snapshot, syncName, syncKind, syncKindInText), snapshot.LastException, data);
        }

        if (snapshot.ConsecutiveFailures > 0)
        {
            return HealthCheckResult.Degraded($"{syncKind} sync '{syncName}' failed {snapshot.ConsecutiveFailures} time(s) in a row.", snapshot.LastException, data);
        }

        var since = snapshot.LastSuccess ?? snapshot.StartedAt;
        if (since is null || now - since.Value <= 2 * interval)
        {
            return HealthCheckResult.Healthy(
                snapshot.LastSuccess is null ? $"{syncKind} sync '{syncName}' is starting." : $"{syncKind} sync '{syncName}' is current.",
                data);
        }

        return HealthCheckResult.Degraded($"{syncKind} sync '{syncName}' has not completed a cycle for more than two intervals ({2 * interval}).", data: data);
    }

    private static string Stopped(BounceSyncState.Snapshot snapshot, string syncName, string syncKind, string syncKindInText) => snapshot.LastFailure switch
    {
        SyncFailureKind.UnusableCursor when snapshot.LastException is BounceCursorAccountMismatchException =>
            $"The saved cursor of {syncKindInText} sync '{syncName}' belongs to another Mailkit account; it has stopped.",
        SyncFailureKind.UnusableCursor when snapshot.LastException is ReportCursorMismatchException =>
            $"The saved cursor of {syncKindInText} sync '{syncName}' belongs to another Mailkit account or report; it has stopped.",
        SyncFailureKind.UnusableCursor => $"The saved cursor of {syncKindInText} sync '{syncName}' cannot be used; it has stopped.",
        SyncFailureKind.FilterMismatch => $"The saved cursor of {syncKindInText} sync '{syncName}' is for another campaign or send; it has stopped.",
        SyncFailureKind.InvalidOptions => $"The options of {syncKindInText} sync '{syncName}' are invalid; it has stopped and keeps its last valid options.",
        SyncFailureKind.InvalidRecord => $"{syncKind} sync '{syncName}' stopped at a record the SDK refuses.",
        SyncFailureKind.HandlerRepeatedly => $"The handler of {syncKindInText} sync '{syncName}' failed on one page too many times in a row; it has stopped.",
        SyncFailureKind.HandlerUnavailable => $"The handler or cursor store of {syncKindInText} sync '{syncName}' cannot be built; it has stopped.",
        _ => $"Mailkit refused the credentials or the IP address of {syncKindInText} sync '{syncName}'; it has stopped polling.",
    };
}
