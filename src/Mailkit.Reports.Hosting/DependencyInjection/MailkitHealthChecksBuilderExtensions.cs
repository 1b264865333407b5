using Mailkit.Reports.Hosting;
using Mailkit.Reports.Hosting.HealthChecks;
using Mailkit.Reports.Hosting.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the health checks of the hosted syncs (bounces and the other reports) to an app's health checks.</summary>
public static class MailkitHealthChecksBuilderExtensions
{
    /// <summary>The prefix of each sync's check name, followed by the sync's name: <c>mailkit-sync:</c>.</summary>
    public const string SyncCheckNamePrefix = "mailkit-sync:";

    /// <summary>The prefix of each credentials check's name, followed by the sync's name: <c>mailkit-credentials:</c>.</summary>
    public const string CredentialsCheckNamePrefix = "mailkit-credentials:";

    /// <summary>
    /// Adds one check per sync registered with <c>AddBounceSync</c>, <c>AddRawMessageSync</c> or
    /// <c>AddRawResponseSync</c> (before or after this call), named <c>mailkit-sync:NAME</c>: Healthy while the last success is within two intervals (and at start-up, before the
    /// first cycle has had that time), Degraded while failures continue, <paramref name="failureStatus"/> when the sync
    /// has stopped (Mailkit refused the credentials or the IP address, invalid options, or a failure that waiting cannot
    /// heal). These checks read the sync's state and never call Mailkit. Calling this method again adds no check twice.
    /// </summary>
    /// <param name="builder">The app's health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="configure">Adds the optional credentials checks and sets their cache; <see langword="null"/> keeps the defaults.</param>
    /// <param name="failureStatus">
    /// The status reported when a sync has stopped or Mailkit refused the credentials; <see langword="null"/> is
    /// <see cref="HealthStatus.Unhealthy"/>.
    /// </param>
    /// <param name="tags">The tags of every check added, to filter them in <c>MapHealthChecks</c>; <see langword="null"/> is one tag, <c>mailkit</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <example>
    /// <code>
    /// builder.Services.AddHealthChecks().AddMailkitHealthChecks(options => options.CheckCredentials = true);
    /// app.MapHealthChecks("/healthz");
    /// </code>
    /// </example>
    public static IHealthChecksBuilder AddMailkitHealthChecks(
        this IHealthChecksBuilder builder,
        Action<MailkitHealthCheckOptions>? configure = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var settings = new MailkitHealthCheckOptions();
        configure?.Invoke(settings);
        var options = services.AddOptions<MailkitHealthCheckOptions>()
            .Validate(
                static o => o.CredentialsCacheDuration >= MailkitHealthCheckOptions.MinCredentialsCacheDuration,
                $"{nameof(MailkitHealthCheckOptions)}.{nameof(MailkitHealthCheckOptions.CredentialsCacheDuration)} must be at least 1 minute.")
            .Validate(
                static o => o.CredentialsTimeout > TimeSpan.Zero && o.CredentialsTimeout < o.CredentialsCacheDuration,
                $"{nameof(MailkitHealthCheckOptions)}.{nameof(MailkitHealthCheckOptions.CredentialsTimeout)} must be more than zero and less than the cache duration.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<BounceSyncStates>();
        services.TryAddSingleton(static provider => new CredentialsProbes(
            provider.GetRequiredService<BounceSyncStates>(),
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System));

        string[] checkTags = tags is null ? ["mailkit"] : [.. tags];
        var checkCredentials = settings.CheckCredentials;
        BounceSyncMailkitClientBuilderExtensions.Registry(services).TryAddHealthChecks(registration =>
        {
            builder.Add(new HealthCheckRegistration(
                SyncCheckNamePrefix + registration.SyncName,
                provider => new BounceSyncHealthCheck(
                    provider.GetRequiredService<BounceSyncStates>().Get(registration.SyncName),
                    registration,
                    IntervalOf(provider, registration),
                    provider.GetService<TimeProvider>() ?? TimeProvider.System),
                failureStatus,
                checkTags));
            if (checkCredentials)
            {
                builder.Add(new HealthCheckRegistration(
                    CredentialsCheckNamePrefix + registration.SyncName,
                    provider => new CredentialsHealthCheck(
                        provider.GetRequiredService<CredentialsProbes>().Get(registration),
                        provider.GetRequiredService<IOptions<MailkitHealthCheckOptions>>()),
                    failureStatus,
                    checkTags));
            }
        });
        return builder;
    }

    /// <summary>Reads a sync's interval from its own options, at each check: a bounce sync's or another report's.</summary>
    private static Func<TimeSpan> IntervalOf(IServiceProvider provider, BounceSyncRegistration registration)
    {
        if (registration.ReportName is null)
        {
            var bounceOptions = provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>();
            return () => bounceOptions.Get(registration.OptionsName).Interval;
        }

        var reportOptions = provider.GetRequiredService<IOptionsMonitor<ReportSyncOptions>>();
        return () => reportOptions.Get(registration.OptionsName).Interval;
    }
}
