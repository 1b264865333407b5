using Mailkit.Reports.Hosting.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.HealthChecks;

/// <summary>
/// The health of one sync, from its state alone (no call to Mailkit): Unhealthy when Mailkit refused the credentials or the
/// IP address or the saved cursor belongs to another account, Degraded while failures continue or when nothing succeeded for two intervals, Healthy otherwise.
/// </summary>
internal sealed class BounceSyncHealthCheck(
    BounceSyncState state,
    IOptionsMonitor<BounceSyncOptions> options,
    TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Evaluate(state.Current, options.Get(state.SyncName).Interval, time.GetUtcNow(), state.SyncName));

    /// <summary>The rule, on its own so that it can be checked value by value.</summary>
    internal static HealthCheckResult Evaluate(BounceSyncState.Snapshot snapshot, TimeSpan interval, DateTimeOffset now, string syncName)
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

        if (snapshot.IsRefused && snapshot.IsCursorOfAnotherAccount)
        {
            data["cursorOfAnotherAccount"] = true;
            return new HealthCheckResult(
                HealthStatus.Unhealthy,
                $"The saved cursor of bounce sync '{syncName}' belongs to another Mailkit account; it has stopped ({snapshot.LastError}).",
                data: data);
        }

        if (snapshot.IsRefused)
        {
            return new HealthCheckResult(
                HealthStatus.Unhealthy,
                $"Mailkit refused the credentials or the IP address of bounce sync '{syncName}'; it has stopped polling ({snapshot.LastError}).",
                data: data);
        }

        if (snapshot.ConsecutiveFailures > 0)
        {
            return HealthCheckResult.Degraded($"Bounce sync '{syncName}' failed {snapshot.ConsecutiveFailures} time(s) in a row ({snapshot.LastError}).", data: data);
        }

        var since = snapshot.LastSuccess ?? snapshot.StartedAt;
        if (since is null || now - since.Value <= 2 * interval)
        {
            return HealthCheckResult.Healthy(
                snapshot.LastSuccess is null ? $"Bounce sync '{syncName}' is starting." : $"Bounce sync '{syncName}' is current.",
                data);
        }

        return HealthCheckResult.Degraded($"Bounce sync '{syncName}' has not completed a cycle for more than two intervals ({2 * interval}).", data: data);
    }
}
