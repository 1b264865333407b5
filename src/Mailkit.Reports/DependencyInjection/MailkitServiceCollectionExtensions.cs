using Mailkit.Reports;
using Mailkit.Reports.DependencyInjection;
using Mailkit.Reports.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="IMailkitClient"/> in an app's services: a typed <see cref="HttpClient"/> whose settings are
/// checked when the app starts.
/// </summary>
public static class MailkitServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IMailkitClient"/> for one account, configured in code.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets the credentials and settings.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers of your own.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <example>
    /// <code>
    /// builder.Services.AddMailkitClient(options =>
    /// {
    ///     options.ClientId = 12345;
    ///     options.ClientMd5 = builder.Configuration["Mailkit:ClientMd5"]!;
    /// });
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddMailkitClient(this IServiceCollection services, Action<MailkitClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MailkitClientOptions>().Configure(configure);
        return AddDefault(services);
    }

    /// <summary>Registers <see cref="IMailkitClient"/> for one account, bound from configuration (for example the <c>Mailkit</c> section).</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configuration">The section holding <c>ClientId</c>, <c>ClientMd5</c> and the other settings of <see cref="MailkitClientOptions"/>.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers of your own.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddMailkitClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MailkitClientOptions>().Bind(configuration);
        return AddDefault(services);
    }

    /// <summary>
    /// Registers a named account, configured in code: resolve it as <c>[FromKeyedServices(name)] IMailkitClient</c> or through
    /// <see cref="IMailkitClientFactory"/>.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="name">The account's name in the app, for example <c>eu</c>.</param>
    /// <param name="configure">Sets the credentials and settings.</param>
    /// <returns>The builder of the account's <see cref="HttpClient"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IHttpClientBuilder AddMailkitClient(this IServiceCollection services, string name, Action<MailkitClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MailkitClientOptions>(name).Configure(configure);
        return AddNamed(services, name);
    }

    /// <summary>Registers a named account, bound from configuration.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="name">The account's name in the app, for example <c>eu</c>.</param>
    /// <param name="configuration">The section holding the account's settings.</param>
    /// <returns>The builder of the account's <see cref="HttpClient"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IHttpClientBuilder AddMailkitClient(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MailkitClientOptions>(name).Bind(configuration);
        return AddNamed(services, name);
    }

    private static MailkitClientBuilder AddDefault(IServiceCollection services)
    {
        AddShared(services, Options.Options.DefaultName);
        var builder = services.AddHttpClient<IMailkitClient, MailkitClient>(
            MailkitRegistrations.HttpClientName(Options.Options.DefaultName),
            (httpClient, provider) => Create(httpClient, provider, Options.Options.DefaultName));
        return Configure(builder, Options.Options.DefaultName);
    }

    private static MailkitClientBuilder AddNamed(IServiceCollection services, string name)
    {
        AddShared(services, name);
        services.AddKeyedTransient<IMailkitClient>(name, static (provider, key) => provider.GetRequiredService<IMailkitClientFactory>().CreateClient((string)key!));
        return Configure(services.AddHttpClient(MailkitRegistrations.HttpClientName(name)), name);
    }

    private static void AddShared(IServiceCollection services, string name)
    {
        var registrations = (MailkitRegistrations?)services.FirstOrDefault(d => d.ServiceType == typeof(MailkitRegistrations))?.ImplementationInstance;
        if (registrations is null)
        {
            registrations = new MailkitRegistrations();
            services.AddSingleton(registrations);
        }

        registrations.Add(name);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailkitClientOptions>, MailkitClientOptionsValidator>());
        services.TryAddSingleton<IMailkitClientFactory, MailkitClientFactory>();
        services.TryAddSingleton(static _ => new AccountRateLimiterRegistry());
        services.AddOptions<MailkitClientOptions>(name).ValidateOnStart();
    }

    private static MailkitClientBuilder Configure(IHttpClientBuilder builder, string name)
    {
        // The client's own attempt and call timeouts apply; HttpClient's 100-second default would cut raw pages short.
        builder.ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan);

        // After every other setting of the builder, so that a primary handler the app sets later refuses redirects too.
        builder.Services.PostConfigure<HttpClientFactoryOptions>(
            builder.Name,
            static options => options.HttpMessageHandlerBuilderActions.Add(static handlers => RefuseRedirects(handlers.PrimaryHandler)));
        return new MailkitClientBuilder(builder, name);
    }

    /// <summary>The request body holds the md5: a redirect must end the call, never carry the body elsewhere.</summary>
    private static void RefuseRedirects(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }

    private static MailkitClient Create(HttpClient httpClient, IServiceProvider provider, string name) =>
        new(
            httpClient,
            provider.GetRequiredService<IOptionsMonitor<MailkitClientOptions>>().Get(name),
            provider.GetService<ILoggerFactory>(),
            provider.GetRequiredService<AccountRateLimiterRegistry>());
}
