using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mailkit.Reports.Hosting.HealthChecks;

/// <summary>
/// One account's credentials call for the health checks. At most one is in flight, on a token of its own with its own
/// timeout: a probe that gives up only stops waiting for it. Every outcome, cancellation and timeout included, answers
/// the probes for the cache duration from the attempt's start, so probes cost the account at most one call per
/// duration. While the sync is calling, the probe makes no call, so it never waits behind the sync's permit.
/// </summary>
internal sealed class CredentialsProbe(
    BounceSyncRegistration registration,
    BounceSyncState syncState,
    IServiceScopeFactory scopes,
    TimeProvider time)
{
    private readonly object _gate = new();
    private Task<HealthCheckResult>? _inFlight;
    private HealthCheckResult? _cached;
    private DateTimeOffset _cachedFrom;

    public Task<HealthCheckResult> CheckAsync(MailkitHealthCheckOptions options, CancellationToken cancellationToken)
    {
        Task<HealthCheckResult> call;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_cached is { } cached && now - _cachedFrom < options.CredentialsCacheDuration)
            {
                return Task.FromResult(cached);
            }

            if (_inFlight is null)
            {
                if (syncState.Current is { StartedAt: not null, IsWaiting: false })
                {
                    return Task.FromResult(_cached ?? HealthCheckResult.Healthy(
                        $"Busy: {registration.SyncKindInText} sync '{registration.SyncName}' is calling Mailkit; the credentials are checked while it waits."));
                }

                _inFlight = CallAsync(now, options.CredentialsTimeout);
            }

            call = _inFlight;
        }

        return call.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> CallAsync(DateTimeOffset startedAt, TimeSpan timeout)
    {
        // Off the caller's path: the lock is held by the caller until the task is stored.
        await Task.Yield();
        HealthCheckResult result;
        using (var timedOut = new CancellationTokenSource(timeout, time))
        {
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var client = registration.ResolveClient(scope.ServiceProvider);
                    await client.GetRawBouncesAsync(new RawBouncesRequest { PageSize = 1 }, timedOut.Token).ConfigureAwait(false);
                }

                result = HealthCheckResult.Healthy($"Mailkit accepts the credentials of '{registration.SyncName}'.");
            }
            catch (Exception ex) when (ex is MailkitAuthenticationException or MailkitIpNotAllowedException)
            {
                result = HealthCheckResult.Unhealthy($"Mailkit refused the credentials or the IP address of '{registration.SyncName}'.", ex);
            }
            catch (OperationCanceledException ex)
            {
                result = HealthCheckResult.Degraded($"Mailkit did not answer the credentials call of '{registration.SyncName}' within {timeout}.", ex);
            }
            catch (Exception ex) when (ex is MailkitException or Microsoft.Extensions.Options.OptionsValidationException)
            {
                result = HealthCheckResult.Degraded($"Mailkit could not be asked about the credentials of '{registration.SyncName}'.", ex);
            }
        }

        lock (_gate)
        {
            _cached = result;
            _cachedFrom = startedAt;
            _inFlight = null;
        }

        return result;
    }
}
