using System.Diagnostics.CodeAnalysis;
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
/// Adds a hosted sync of a report paged by record ID other than raw bounces (raw messages, raw responses) to a Mailkit
/// account: chain it to <c>AddMailkitClient</c>, whose builder names the account. Each runs on the same engine as
/// <c>AddBounceSync</c>, with its own cursor, options, metrics and health check.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddMailkitClient(builder.Configuration.GetSection("Mailkit"))
///     .AddBounceSync&lt;SuppressionListHandler&gt;(builder.Configuration.GetSection("BounceSync"))
///     .AddRawMessageSync&lt;SentMessagesHandler&gt;(builder.Configuration.GetSection("MessageSync"))
///     .UseFileCursorStore("/var/lib/app/mailkit-cursors");
/// </code>
/// </example>
public static class ReportSyncMailkitClientBuilderExtensions
{
    /// <summary>
    /// Adds a background service that hands the account's new raw messages (<c>mailkit.report.raw.messages</c>) to
    /// <typeparamref name="THandler"/> every <see cref="ReportSyncOptions.Interval"/>, on the same engine as the bounce
    /// sync. The sync's name, which keys its cursor, options, metrics and health check, is the account's sync name
    /// followed by <c>.raw-messages</c>: <c>default.raw-messages</c> for the account registered without a name.
    /// </summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-message sync.</exception>
    /// <remarks>
    /// The sync also needs a cursor store: <c>UseFileCursorStore(directory)</c>, or a registered
    /// <see cref="IReportCursorStore{TRequest}"/> of <see cref="RawMessagesRequest"/>.
    /// </remarks>
    public static IMailkitClientBuilder AddRawMessageSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IMailkitClientBuilder builder)
        where THandler : class, IReportHandler<RawMessageRecord, RawMessagesRequest>
    {
        ArgumentNullException.ThrowIfNull(builder);
        Register<RawMessageRecord, RawMessagesRequest, THandler>(builder, HostedReports.RawMessages);
        return builder;
    }

    /// <summary>Adds a hosted raw-message sync to the account, configured in code; see <see cref="AddRawMessageSync{THandler}(IMailkitClientBuilder)"/>.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configure">Sets the interval, the first run's start and the other settings.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-message sync.</exception>
    public static IMailkitClientBuilder AddRawMessageSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IMailkitClientBuilder builder, Action<ReportSyncOptions> configure)
        where THandler : class, IReportHandler<RawMessageRecord, RawMessagesRequest>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var registration = Register<RawMessageRecord, RawMessagesRequest, THandler>(builder, HostedReports.RawMessages);
        builder.Services.AddOptions<ReportSyncOptions>(registration.OptionsName).Configure(configure);
        return builder;
    }

    /// <summary>Adds a hosted raw-message sync to the account, bound from configuration; see <see cref="AddRawMessageSync{THandler}(IMailkitClientBuilder)"/>.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configuration">The section holding <c>Interval</c>, <c>StartId</c> and the other settings of <see cref="ReportSyncOptions"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-message sync.</exception>
    public static IMailkitClientBuilder AddRawMessageSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IMailkitClientBuilder builder, IConfiguration configuration)
        where THandler : class, IReportHandler<RawMessageRecord, RawMessagesRequest>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var registration = Register<RawMessageRecord, RawMessagesRequest, THandler>(builder, HostedReports.RawMessages);
        builder.Services.AddOptions<ReportSyncOptions>(registration.OptionsName).Bind(configuration);
        return builder;
    }

    /// <summary>Adds a hosted raw-message sync to the account that <c>AddMailkitClient</c> registered; see
    /// <see cref="AddRawMessageSync{THandler}(IMailkitClientBuilder)"/>.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The builder was not returned by <c>AddMailkitClient</c>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-message sync.</exception>
    public static IHttpClientBuilder AddRawMessageSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder)
        where THandler : class, IReportHandler<RawMessageRecord, RawMessagesRequest>
    {
        builder.AsMailkitClientBuilder().AddRawMessageSync<THandler>();
        return builder;
    }

    /// <summary>Adds a hosted raw-message sync, configured in code, to the account that <c>AddMailkitClient</c> registered.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <param name="configure">Sets the interval, the first run's start and the other settings.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The builder was not returned by <c>AddMailkitClient</c>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-message sync.</exception>
    public static IHttpClientBuilder AddRawMessageSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder, Action<ReportSyncOptions> configure)
        where THandler : class, IReportHandler<RawMessageRecord, RawMessagesRequest>
    {
        builder.AsMailkitClientBuilder().AddRawMessageSync<THandler>(configure);
        return builder;
    }

    /// <summary>Adds a hosted raw-message sync, bound from configuration, to the account that <c>AddMailkitClient</c> registered.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <param name="configuration">The section holding the settings of <see cref="ReportSyncOptions"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The builder was not returned by <c>AddMailkitClient</c>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-message sync.</exception>
    public static IHttpClientBuilder AddRawMessageSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder, IConfiguration configuration)
        where THandler : class, IReportHandler<RawMessageRecord, RawMessagesRequest>
    {
        builder.AsMailkitClientBuilder().AddRawMessageSync<THandler>(configuration);
        return builder;
    }

    /// <summary>
    /// Adds a background service that hands the account's new raw responses (opens, clicks, unsubscribes) (<c>mailkit.report.raw.responses</c>) to
    /// <typeparamref name="THandler"/> every <see cref="ReportSyncOptions.Interval"/>, on the same engine as the bounce
    /// sync. The sync's name, which keys its cursor, options, metrics and health check, is the account's sync name
    /// followed by <c>.raw-responses</c>: <c>default.raw-responses</c> for the account registered without a name.
    /// </summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-response sync.</exception>
    /// <remarks>
    /// The sync also needs a cursor store: <c>UseFileCursorStore(directory)</c>, or a registered
    /// <see cref="IReportCursorStore{TRequest}"/> of <see cref="RawResponsesRequest"/>.
    /// </remarks>
    public static IMailkitClientBuilder AddRawResponseSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IMailkitClientBuilder builder)
        where THandler : class, IReportHandler<RawResponseRecord, RawResponsesRequest>
    {
        ArgumentNullException.ThrowIfNull(builder);
        Register<RawResponseRecord, RawResponsesRequest, THandler>(builder, HostedReports.RawResponses);
        return builder;
    }

    /// <summary>Adds a hosted raw-response sync to the account, configured in code; see <see cref="AddRawResponseSync{THandler}(IMailkitClientBuilder)"/>.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configure">Sets the interval, the first run's start and the other settings.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-response sync.</exception>
    public static IMailkitClientBuilder AddRawResponseSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IMailkitClientBuilder builder, Action<ReportSyncOptions> configure)
        where THandler : class, IReportHandler<RawResponseRecord, RawResponsesRequest>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var registration = Register<RawResponseRecord, RawResponsesRequest, THandler>(builder, HostedReports.RawResponses);
        builder.Services.AddOptions<ReportSyncOptions>(registration.OptionsName).Configure(configure);
        return builder;
    }

    /// <summary>Adds a hosted raw-response sync to the account, bound from configuration; see <see cref="AddRawResponseSync{THandler}(IMailkitClientBuilder)"/>.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configuration">The section holding <c>Interval</c>, <c>StartId</c> and the other settings of <see cref="ReportSyncOptions"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-response sync.</exception>
    public static IMailkitClientBuilder AddRawResponseSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IMailkitClientBuilder builder, IConfiguration configuration)
        where THandler : class, IReportHandler<RawResponseRecord, RawResponsesRequest>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var registration = Register<RawResponseRecord, RawResponsesRequest, THandler>(builder, HostedReports.RawResponses);
        builder.Services.AddOptions<ReportSyncOptions>(registration.OptionsName).Bind(configuration);
        return builder;
    }

    /// <summary>Adds a hosted raw-response sync to the account that <c>AddMailkitClient</c> registered; see
    /// <see cref="AddRawResponseSync{THandler}(IMailkitClientBuilder)"/>.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The builder was not returned by <c>AddMailkitClient</c>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-response sync.</exception>
    public static IHttpClientBuilder AddRawResponseSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder)
        where THandler : class, IReportHandler<RawResponseRecord, RawResponsesRequest>
    {
        builder.AsMailkitClientBuilder().AddRawResponseSync<THandler>();
        return builder;
    }

    /// <summary>Adds a hosted raw-response sync, configured in code, to the account that <c>AddMailkitClient</c> registered.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <param name="configure">Sets the interval, the first run's start and the other settings.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The builder was not returned by <c>AddMailkitClient</c>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-response sync.</exception>
    public static IHttpClientBuilder AddRawResponseSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder, Action<ReportSyncOptions> configure)
        where THandler : class, IReportHandler<RawResponseRecord, RawResponsesRequest>
    {
        builder.AsMailkitClientBuilder().AddRawResponseSync<THandler>(configure);
        return builder;
    }

    /// <summary>Adds a hosted raw-response sync, bound from configuration, to the account that <c>AddMailkitClient</c> registered.</summary>
    /// <typeparam name="THandler">The handler, registered as a scoped service keyed by the sync's name.</typeparam>
    /// <param name="builder">The builder <c>AddMailkitClient</c> returned.</param>
    /// <param name="configuration">The section holding the settings of <see cref="ReportSyncOptions"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The builder was not returned by <c>AddMailkitClient</c>.</exception>
    /// <exception cref="InvalidOperationException">The account already has a raw-response sync.</exception>
    public static IHttpClientBuilder AddRawResponseSync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IHttpClientBuilder builder, IConfiguration configuration)
        where THandler : class, IReportHandler<RawResponseRecord, RawResponsesRequest>
    {
        builder.AsMailkitClientBuilder().AddRawResponseSync<THandler>(configuration);
        return builder;
    }

    private static BounceSyncRegistration Register<TRecord, TRequest, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        IMailkitClientBuilder builder, HostedReport<TRecord, TRequest> report)
        where TRecord : class
        where TRequest : class
        where THandler : class, IReportHandler<TRecord, TRequest>
    {
        var services = builder.Services;
        var registration = BounceSyncMailkitClientBuilderExtensions.Registry(services).Add(report.Registration(builder.Name));
        services.AddKeyedScoped<IReportHandler<TRecord, TRequest>, THandler>(registration.SyncName);
        BounceSyncMailkitClientBuilderExtensions.AddSyncServices(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportSyncOptions>, ReportSyncOptionsValidator>());
        services.AddOptions<ReportSyncOptions>(registration.OptionsName).ValidateOnStart();
        services.AddSingleton<IHostedService>(provider => new ReportSyncService<TRecord, TRequest>(
            report,
            registration,
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<IOptionsMonitor<ReportSyncOptions>>(),
            provider.GetRequiredService<IOptionsMonitor<MailkitClientOptions>>(),
            provider.GetRequiredService<BounceSyncStates>(),
            provider.GetRequiredService<BounceSyncMetrics>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return registration;
    }
}
