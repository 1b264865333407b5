using Mailkit.Reports.Hosting.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.HealthChecks;

/// <summary>Asks Mailkit for one record with the account of a sync, through the account's cached <see cref="CredentialsProbe"/>.</summary>
// scopedServices: the services of the health check run's scope, which disposes the client.
internal sealed class CredentialsHealthCheck(
    BounceSyncRegistration registration,
    CredentialsProbe probe,
    IServiceProvider scopedServices,
    IOptions<MailkitHealthCheckOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        probe.CheckAsync(() => registration.ResolveClient(scopedServices), options.Value.CredentialsCacheDuration, registration.SyncName, cancellationToken);
}
