using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.HealthChecks;

/// <summary>Asks Mailkit for one record with the account of a sync, through the account's shared <see cref="CredentialsProbe"/>.</summary>
internal sealed class CredentialsHealthCheck(CredentialsProbe probe, IOptions<MailkitHealthCheckOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await probe.CheckAsync(options.Value, cancellationToken).ConfigureAwait(false);
        return result.Status == HealthStatus.Unhealthy
            ? new HealthCheckResult(context.Registration.FailureStatus, result.Description, result.Exception, result.Data)
            : result;
    }
}
