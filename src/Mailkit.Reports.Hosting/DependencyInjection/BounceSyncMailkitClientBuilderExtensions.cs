using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Mailkit.Reports;
using Mailkit.Reports.Hosting;
using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds a hosted bounce sync to a Mailkit account: chain it to <c>AddMailkitClient</c>, whose builder names the account
/// (<see cref="IMailkitClientBuilder"/>).
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddMailkitClient(builder.Configuration.GetSection("Mailkit"))
///     .AddBounceSync&lt;SuppressionListHandler&gt;(builder.Configuration.GetSection("BounceSync"))
///     .UseFileCursorStore("/var/lib/app/mailkit-cursors");
/// </code>
/// </example>
public static class BounceSyncMailkitClientBuilderExtensions
{
    /// <summary>
    /// Adds a background service that hands the account's new bounces to <typeparamref name="THandler"/> every
    /// <see cref="BounceSyncOptions.Interval"/>, with the settings configured for the account's name (the unnamed
    /// <see cref="Options.Options.DefaultName"/> for the account registered without one). The sync's name, which keys
    /// its cursor, metrics and health check, is the account's name, or <c>default</c>.
    /// </summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a sync.</exception>
    /// <remarks>The sync also needs a cursor store: <see cref="UseFileCursorStore(IMailkitClientBuilder, string)"/>, or a registered <see cref="IBounceCursorStore"/>.</remarks>
    public static IMailkitClientBuilder AddBounceSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IMailkitClientBuilder builder)
        where THandler : class, IBounceHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        Register<THandler>(builder);
        return builder;
    }

    /// <summary>Adds a hosted bounce sync to the account, configured in code.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configure">Sets the interval, the first run's start and the other settings.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a sync.</exception>
    public static IMailkitClientBuilder AddBounceSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IMailkitClientBuilder builder, Action<BounceSyncOptions> configure)
        where THandler : class, IBounceHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var registration = Register<THandler>(builder);
        builder.Services.AddOptions<BounceSyncOptions>(registration.OptionsName).Configure(configure);
        return builder;
    }

    /// <summary>Adds a hosted bounce sync to the account, bound from configuration (for example the <c>BounceSync</c> section).</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configuration">The section holding <c>Interval</c>, <c>StartId</c> and the other settings of <see cref="BounceSyncOptions"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a sync.</exception>
    public static IMailkitClientBuilder AddBounceSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IMailkitClientBuilder builder, IConfiguration configuration)
        where THandler : class, IBounceHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var registration = Register<THandler>(builder);
        builder.Services.AddOptions<BounceSyncOptions>(registration.OptionsName).Bind(configuration);
        return builder;
    }

    /// <summary>Adds a hosted bounce sync to the account that <c>AddMailkitClient</c> registered; see <see cref="AddBounceSync{THandler}(IMailkitClientBuilder)"/>.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The builder was not returned by <c>AddMailkitClient</c>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a sync.</exception>
    public static IHttpClientBuilder AddBounceSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder)
        where THandler : class, IBounceHandler
    {
        builder.AsMailkitClientBuilder().AddBounceSync<THandler>();
        return builder;
    }

    /// <summary>Adds a hosted bounce sync, configured in code, to the account that <c>AddMailkitClient</c> registered.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <param name="configure">Sets the interval, the first run's start and the other settings.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The builder was not returned by <c>AddMailkitClient</c>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a sync.</exception>
    /// <example>
    /// <code>
    /// builder.Services.AddMailkitClient(builder.Configuration.GetSection("Mailkit"))
    ///     .AddBounceSync&lt;SuppressionListHandler&gt;(options => options.Interval = TimeSpan.FromMinutes(5))
    ///     .UseFileCursorStore("mailkit-cursors");
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddBounceSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder, Action<BounceSyncOptions> configure)
        where THandler : class, IBounceHandler
    {
        builder.AsMailkitClientBuilder().AddBounceSync<THandler>(configure);
        return builder;
    }

    /// <summary>Adds a hosted bounce sync, bound from configuration, to the account that <c>AddMailkitClient</c> registered.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <param name="configuration">The section holding the settings of <see cref="BounceSyncOptions"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The builder was not returned by <c>AddMailkitClient</c>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a sync.</exception>
    public static IHttpClientBuilder AddBounceSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder, IConfiguration configuration)
        where THandler : class, IBounceHandler
    {
        builder.AsMailkitClientBuilder().AddBounceSync<THandler>(configuration);
        return builder;
    }

    /// <summary>
    /// Keeps the cursors of the account's syncs in a <see cref="FileBounceCursorStore"/> in <paramref name="directory"/>:
    /// it is registered as the <see cref="IBounceCursorStore"/> keyed by the bounce sync's name, and as the
    /// <see cref="IReportCursorStore{TRequest}"/> of raw messages and raw responses keyed by their syncs' names, each
    /// unless one is registered already. A relative path
    /// is taken from the app's content root (<see cref="IHostEnvironment.ContentRootPath"/>); choose a folder the app may
    /// write to and that outlives it (not a container's read-only or temporary layer).
    /// </summary>
    /// <param name="builder">The account's builder.</param>
    /// <param name="directory">The folder of the cursor files.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    public static IMailkitClientBuilder UseFileCursorStore(this IMailkitClientBuilder builder, string directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var syncName = new BounceSyncRegistration(builder.Name).SyncName;
        var storeKey = new FileStoreKey(syncName);
        var services = builder.Services;
        services.TryAddKeyedSingleton(storeKey, (provider, _) => new FileBounceCursorStore(
            Path.Combine(provider.GetService<IHostEnvironment>()?.ContentRootPath ?? Environment.CurrentDirectory, directory)));
        services.TryAddKeyedSingleton<IBounceCursorStore>(syncName, (provider, _) => provider.GetRequiredKeyedService<FileBounceCursorStore>(storeKey));
        services.TryAddKeyedSingleton<IReportCursorStore<RawMessagesRequest>>(
            BounceSyncRegistration.ReportSyncName(syncName, HostedReports.RawMessages.ReportName),
            (provider, _) => provider.GetRequiredKeyedService<FileBounceCursorStore>(storeKey));
        services.TryAddKeyedSingleton<IReportCursorStore<RawResponsesRequest>>(
            BounceSyncRegistration.ReportSyncName(syncName, HostedReports.RawResponses.ReportName),
            (provider, _) => provider.GetRequiredKeyedService<FileBounceCursorStore>(storeKey));
        return builder;
    }

    /// <summary>Keeps the cursors of the account's syncs in a <see cref="FileBounceCursorStore"/>; see <see cref="UseFileCursorStore(IMailkitClientBuilder, string)"/>.</summary>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <param name="directory">The folder of the cursor files; a relative path is taken from the app's content root.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty, or the builder was not returned by <c>AddMailkitClient</c>.</exception>
    public static IHttpClientBuilder UseFileCursorStore(this IHttpClientBuilder builder, string directory)
    {
        builder.AsMailkitClientBuilder().UseFileCursorStore(directory);
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

    private static BounceSyncRegistration Register<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(IMailkitClientBuilder builder)
        where THandler : class, IBounceHandler
    {
        var services = builder.Services;
        var registration = Registry(services).Add(new BounceSyncRegistration(builder.Name));
        services.AddKeyedScoped<IBounceHandler, THandler>(registration.SyncName);
        AddSyncServices(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BounceSyncOptions>, BounceSyncOptionsValidator>());
        services.AddOptions<BounceSyncOptions>(registration.OptionsName).ValidateOnStart();
        services.AddSingleton<IHostedService>(provider => new BounceSyncService(
            registration,
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>(),
            provider.GetRequiredService<IOptionsMonitor<MailkitClientOptions>>(),
            provider.GetRequiredService<BounceSyncStates>(),
            provider.GetRequiredService<BounceSyncMetrics>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return registration;
    }

    /// <summary>Adds what every sync of the app shares: its state and its instruments.</summary>
    internal static void AddSyncServices(IServiceCollection services)
    {
        services.TryAddSingleton<BounceSyncStates>();
        services.TryAddSingleton(static provider => new BounceSyncMetrics(provider.GetRequiredService<BounceSyncStates>(), provider.GetService<IMeterFactory>()));
    }

    /// <summary>The service key of an account's file cursor store, which serves the cursors of all its syncs.</summary>
    private sealed record FileStoreKey(string SyncName);
}
