using Mailkit.Reports.Hosting.HealthChecks;
using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mailkit.Reports.Hosting.Tests;

public class RegistrationTests
{
    [Fact]
    public void AddBounceSync_OnABuilderNotFromAddMailkitClient_Throws()
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<InvalidOperationException>(() => services.AddHttpClient("other").AddBounceSync<ForwardingHandler>());
        Assert.Contains("AddMailkitClient", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBounceSync_TwiceForOneAccount_Throws()
    {
        var services = new ServiceCollection();
        var builder = services.AddMailkitClient("eu", o => o.ClientId = 1).AddBounceSync<ForwardingHandler>();

        Assert.Throws<InvalidOperationException>(() => builder.AddBounceSync<ForwardingHandler>());
    }

    [Fact]
    public void AddBounceSync_Arguments_NullRefused()
    {
        var builder = new ServiceCollection().AddMailkitClient(o => o.ClientId = 1);

        Assert.Throws<ArgumentNullException>(() => ((IHttpClientBuilder)null!).AddBounceSync<ForwardingHandler>());
        Assert.Throws<ArgumentNullException>(() => builder.AddBounceSync<ForwardingHandler>((Action<BounceSyncOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => builder.AddBounceSync<ForwardingHandler>((IConfiguration)null!));
    }

    [Fact]
    public void AddBounceSync_NamedAccounts_EachGetsItsOwnSync_AndTheDefaultOneIsNamedDefault()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new CollectingHandler());
        services.AddMailkitClient(o => o.ClientId = 1).AddBounceSync<ForwardingHandler>();
        services.AddMailkitClient("eu", o => o.ClientId = 2).AddBounceSync<ForwardingHandler>(o => o.Interval = TimeSpan.FromMinutes(5));
        services.AddMailkitClient("us", o => o.ClientId = 3).AddBounceSync<ForwardingHandler>();
        using var provider = services.BuildServiceProvider();

        var syncs = provider.GetServices<IHostedService>().OfType<BounceSyncService>().Select(s => s.SyncName);

        Assert.Equal(["default", "eu", "us"], syncs);
        var options = provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>();
        Assert.Equal(TimeSpan.FromMinutes(5), options.Get("eu").Interval);
        Assert.Equal(BounceSyncOptions.DefaultInterval, options.Get("us").Interval);
    }

    [Fact]
    public void AddBounceSync_FromConfiguration_BindsEverySetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Interval"] = "00:05:00",
            ["MaxFailureDelay"] = "02:00:00",
            ["RefusedRetryInterval"] = "12:00:00",
            ["StartId"] = "4294967296",
            ["CampaignId"] = "7",
            ["SendId"] = "9",
            ["PageSize"] = "1000",
            ["CursorDirectory"] = "/var/lib/app/cursors",
        }).Build();
        var services = new ServiceCollection();
        services.AddMailkitClient("eu", o => o.ClientId = 1).AddBounceSync<ForwardingHandler>(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>().Get("eu");

        Assert.Equal(TimeSpan.FromMinutes(5), options.Interval);
        Assert.Equal(TimeSpan.FromHours(2), options.MaxFailureDelay);
        Assert.Equal(TimeSpan.FromHours(12), options.RefusedRetryInterval);
        Assert.Equal(new Models.RawBouncesRequest { StartId = 4_294_967_296, CampaignId = 7, SendId = 9, PageSize = 1000 }, options.CreateStartRequest());
        Assert.Equal("/var/lib/app/cursors", options.CursorDirectory);
    }

    [Theory]
    [InlineData("Interval", "BounceSyncOptions.Interval")]
    [InlineData("MaxFailureDelay", "BounceSyncOptions.MaxFailureDelay")]
    [InlineData("RefusedRetryInterval", "BounceSyncOptions.RefusedRetryInterval")]
    [InlineData("PageSize", "BounceSyncOptions.PageSize")]
    [InlineData("StartId", "BounceSyncOptions.StartId")]
    public void Options_OutOfRange_FailValidationNamingTheSetting(string setting, string expected)
    {
        var services = new ServiceCollection();
        services.AddMailkitClient("eu", o => o.ClientId = 1).AddBounceSync<ForwardingHandler>(o =>
        {
            switch (setting)
            {
                case "Interval": o.Interval = TimeSpan.Zero; break;
                case "MaxFailureDelay": o.MaxFailureDelay = TimeSpan.FromDays(31); break;
                case "RefusedRetryInterval": o.RefusedRetryInterval = TimeSpan.FromSeconds(-1); break;
                case "PageSize": o.PageSize = 25_001; break;
                default: o.StartId = -1; break;
            }
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>().Get("eu"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'eu'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMailkitHealthChecks_CredentialsCheck_OneCallOfOneRecord_CachedForFiveMinutes()
    {
        var emulator = Emulated.Create().AddGenerated(3);
        var time = new FakeTimeProvider(SyncHarness.Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(new CollectingHandler());
        services.AddHealthChecks().AddMailkitHealthChecks(o => o.CheckCredentials = true);
        services.AddMailkitClient(o =>
        {
            o.ClientId = emulator.ClientId;
            o.ClientMd5 = emulator.ClientMd5;
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler).AddBounceSync<ForwardingHandler>();
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        for (var probe = 0; probe < 3; probe++)
        {
            var report = await health.CheckHealthAsync();
            Assert.Equal(HealthStatus.Healthy, report.Entries["mailkit-credentials:default"].Status);
            Assert.Equal(HealthStatus.Healthy, report.Entries["mailkit-sync:default"].Status);
            Assert.Equal(["mailkit"], report.Entries["mailkit-sync:default"].Tags);
        }

        var call = Assert.Single(emulator.Requests);
        Assert.Equal("1", call.Parameters["limit"]);

        time.Advance(MailkitHealthCheckOptions.DefaultCredentialsCacheDuration);
        await health.CheckHealthAsync();
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task AddMailkitHealthChecks_CredentialsRefused_Unhealthy()
    {
        var emulator = Emulated.Create();
        var services = new ServiceCollection();
        services.AddSingleton(new CollectingHandler());
        services.AddMailkitClient("eu", o =>
        {
            o.ClientId = emulator.ClientId;
            o.ClientMd5 = new string('f', 32);
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler).AddBounceSync<ForwardingHandler>();
        services.AddHealthChecks().AddMailkitHealthChecks(o => o.CheckCredentials = true);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["mailkit-credentials:eu"].Status);
        Assert.IsType<MailkitAuthenticationException>(report.Entries["mailkit-credentials:eu"].Exception);
        Assert.DoesNotContain(new string('f', 32), report.Entries["mailkit-credentials:eu"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMailkitHealthChecks_NegativeCacheDuration_FailsValidationNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddMailkitHealthChecks(o => o.CredentialsCacheDuration = TimeSpan.FromSeconds(-1));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MailkitHealthCheckOptions>>().Value);

        Assert.Contains("MailkitHealthCheckOptions.CredentialsCacheDuration", ex.Message, StringComparison.Ordinal);
    }
}
