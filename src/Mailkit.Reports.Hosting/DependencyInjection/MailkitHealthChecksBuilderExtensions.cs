using Mailkit.Reports.Hosting;
using Mailkit.Reports.Hosting.HealthChecks;
using Mailkit.Reports.Hosting.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the health checks of the hosted bounce syncs to an app's health checks.</summary>
public static class MailkitHealthChecksBuilderExtensions
{
    /// <summary>The prefix of each sync's check name, followed by the sync's name: <c>mailkit-sync:</c>.</summary>
    public const string SyncCheckNamePrefix = "mailkit-sync:";

    /// <summary>The prefix of each credentials check's name, followed by the sync's name: <c>mailkit-credentials:</c>.</summary>
    public const string CredentialsCheckNamePrefix = "mailkit-credentials:";

    /// <summary>
    /// Adds one check per bounce sync registered with <c>AddBounceSync</c> (before or after this call), named
    /// <c>mailkit-sync:NAME</c>: Healthy while the last success is within two intervals (and at start-up, before the
    /// first cycle has had that time), Degraded while failures continue, Unhealthy when Mailkit refused the credentials or
    /// the IP address. These checks read the sync's state and never call Mailkit.
    /// </summary>
    /// <param name="builder">The app's health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="configure">Adds the optional credentials checks and sets their cache; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <example>
    /// <code>
    /// builder.Services.AddHealthChecks().AddMailkitHealthChecks(options => options.CheckCredentials = true);
    /// app.MapHealthChecks("/healthz");
    /// </code>
    /// </example>
    public static IHealthChecksBuilder AddMailkitHealthChecks(this IHealthChecksBuilder builder, Action<MailkitHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var registry = BounceSyncHttpClientBuilderExtensions.Registry(services);
        var options = services.AddOptions<MailkitHealthCheckOptions>()
            .Validate(
                static o => o.CredentialsCacheDuration >= TimeSpan.Zero,
                $"{nameof(MailkitHealthCheckOptions)}.{nameof(MailkitHealthCheckOptions.CredentialsCacheDuration)} must not be negative.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<BounceSyncStates>();
        services.TryAddSingleton(static provider => new CredentialsProbes(provider.GetService<TimeProvider>() ?? TimeProvider.System));

        // The syncs are listed when the health check service first reads its options, so AddBounceSync may come later.
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<MailkitHealthCheckOptions>>((checks, settings) =>
        {
            var tags = settings.Value.Tags;
            foreach (var registration in registry.Registrations)
            {
                checks.Registrations.Add(new HealthCheckRegistration(
                    SyncCheckNamePrefix + registration.SyncName,
                    provider => new BounceSyncHealthCheck(
                        provider.GetRequiredService<BounceSyncStates>().Get(registration.SyncName),
                        provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>(),
                        provider.GetService<TimeProvider>() ?? TimeProvider.System),
                    failureStatus: null,
                    tags));
                if (settings.Value.CheckCredentials)
                {
                    checks.Registrations.Add(new HealthCheckRegistration(
                        CredentialsCheckNamePrefix + registration.SyncName,
                        provider => new CredentialsHealthCheck(
                            registration,
                            provider.GetRequiredService<CredentialsProbes>().Get(registration.SyncName),
                            provider,
                            provider.GetRequiredService<IOptions<MailkitHealthCheckOptions>>()),
                        failureStatus: null,
                        tags));
                }
            }
        });
        return builder;
    }
}
