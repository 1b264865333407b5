using Mailkit.Reports.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mailkit.Reports.Hosting.HealthChecks;

/// <summary>
/// One account's credentials call for the health checks: at most one in flight, its result kept for the cache duration,
/// so that probes, however frequent, cost the account at most one call per duration.
/// </summary>
internal sealed class CredentialsProbe(TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HealthCheckResult? _cached;
    private DateTimeOffset _cachedAt;

    public async Task<HealthCheckResult> CheckAsync(Func<IMailkitClient> createClient, TimeSpan cacheDuration, string syncName, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } cached && time.GetUtcNow() - _cachedAt < cacheDuration)
            {
                return cached;
            }

            var result = await CallAsync(createClient, syncName, cancellationToken).ConfigureAwait(false);
            _cached = result;
            _cachedAt = time.GetUtcNow();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static async Task<HealthCheckResult> CallAsync(Func<IMailkitClient> createClient, string syncName, CancellationToken cancellationToken)
    {
        try
        {
            var client = createClient();
            await client.GetRawBouncesAsync(new RawBouncesRequest { PageSize = 1 }, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Mailkit accepts the credentials of '{syncName}'.");
        }
        catch (Exception ex) when (ex is MailkitAuthenticationException or MailkitIpNotAllowedException)
        {
            return HealthCheckResult.Unhealthy($"Mailkit refused the credentials or the IP address of '{syncName}'.", ex);
        }
        catch (MailkitException ex)
        {
            return HealthCheckResult.Degraded($"Mailkit could not be asked about the credentials of '{syncName}' ({ex.GetType().Name}).", ex);
        }
    }
}
