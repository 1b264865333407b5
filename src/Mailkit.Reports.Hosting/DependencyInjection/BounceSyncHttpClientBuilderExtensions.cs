using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Mailkit.Reports;
using Mailkit.Reports.Hosting;
using Mailkit.Reports.Hosting.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds a hosted bounce sync to a Mailkit account: chain it to <c>AddMailkitClient</c>, whose builder names the account.
/// </summary>
public static class BounceSyncHttpClientBuilderExtensions
{
    private const string DefaultHttpClientName = "Mailkit.Reports";
    private const string NamedHttpClientPrefix = "Mailkit.Reports:";

    /// <summary>
    /// Adds a background service that hands the account's new bounces to <typeparamref name="THandler"/> every
    /// <see cref="BounceSyncOptions.Interval"/>, with the default settings (or those configured elsewhere for the sync's
    /// name). The sync's name is the account's name, or <c>default</c> for the account registered without one.
    /// </summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The builder is not one <c>AddMailkitClient</c> returned, or the account already has a sync.</exception>
    public static IHttpClientBuilder AddBounceSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder)
        where THandler : class, IBounceHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        Register<THandler>(builder);
        return builder;
    }

    /// <summary>
    /// Adds a background service that hands the account's new bounces to <typeparamref name="THandler"/> every
    /// <see cref="BounceSyncOptions.Interval"/>, configured in code.
    /// </summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <param name="configure">Sets the interval, the first run's start and the other settings.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The builder is not one <c>AddMailkitClient</c> returned, or the account already has a sync.</exception>
    /// <example>
    /// <code>
    /// builder.Services.AddMailkitClient(builder.Configuration.GetSection("Mailkit"))
    ///     .AddBounceSync&lt;SuppressionListHandler&gt;(options => options.Interval = TimeSpan.FromMinutes(5));
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddBounceSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder, Action<BounceSyncOptions> configure)
        where THandler : class, IBounceHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var registration = Register<THandler>(builder);
        builder.Services.AddOptions<BounceSyncOptions>(registration.SyncName).Configure(configure);
        return builder;
    }

    /// <summary>Adds a hosted bounce sync to the account, bound from configuration (for example the <c>Mailkit:Sync</c> section).</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <param name="configuration">The section holding <c>Interval</c>, <c>StartId</c> and the other settings of <see cref="BounceSyncOptions"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The builder is not one <c>AddMailkitClient</c> returned, or the account already has a sync.</exception>
    public static IHttpClientBuilder AddBounceSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder, IConfiguration configuration)
        where THandler : class, IBounceHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var registration = Register<THandler>(builder);
        builder.Services.AddOptions<BounceSyncOptions>(registration.SyncName).Bind(configuration);
        return builder;
    }

    /// <summary>The registry of syncs kept in the service collection, added on first use.</summary>
    internal static BounceSyncRegistry Registry(IServiceCollection services)
    {
        var registry = (BounceSyncRegistry?)services.FirstOrDefault(d => d.ServiceType == typeof(BounceSyncRegistry))?.ImplementationInstance;
        if (registry is null)
        {
            registry = new BounceSyncRegistry();
            services.AddSingleton(registry);
        }

        return registry;
    }

    private static BounceSyncRegistration Register<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(IHttpClientBuilder builder)
        where THandler : class, IBounceHandler
    {
        var services = builder.Services;
        var registration = Registry(services).Add(AccountNameOf(builder.Name));
        services.AddKeyedScoped<IBounceHandler, THandler>(registration.SyncName);
        services.TryAddSingleton<BounceSyncStates>();
        services.TryAddSingleton(static provider => new BounceSyncMetrics(provider.GetRequiredService<BounceSyncStates>(), provider.GetService<IMeterFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BounceSyncOptions>, BounceSyncOptionsValidator>());
        services.AddOptions<BounceSyncOptions>(registration.SyncName).ValidateOnStart();
        services.AddSingleton<IHostedService>(provider => new BounceSyncService(
            registration,
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>(),
            provider.GetRequiredService<IOptionsMonitor<MailkitClientOptions>>(),
            provider.GetRequiredService<BounceSyncStates>(),
            provider.GetRequiredService<BounceSyncMetrics>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            provider.GetService<IHostEnvironment>()?.ContentRootPath ?? Environment.CurrentDirectory));
        return registration;
    }

    /// <summary>
    /// The account's options name from the name of its <see cref="HttpClient"/>, as <c>AddMailkitClient</c> names them:
    /// <c>Mailkit.Reports</c> for the account without a name, <c>Mailkit.Reports:NAME</c> for a named one.
    /// </summary>
    private static string AccountNameOf(string httpClientName) => httpClientName switch
    {
        DefaultHttpClientName => Options.Options.DefaultName,
        _ when httpClientName.StartsWith(NamedHttpClientPrefix, StringComparison.Ordinal) && httpClientName.Length > NamedHttpClientPrefix.Length
            => httpClientName[NamedHttpClientPrefix.Length..],
        _ => throw new InvalidOperationException(
            $"AddBounceSync must be chained to the builder that AddMailkitClient returns; '{httpClientName}' is not a Mailkit account's HTTP client."),
    };
}
