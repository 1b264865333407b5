using Mailkit.Reports.Hosting.HealthChecks;
using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.IntegrationTests;
using Mailkit.Reports.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mailkit.Reports.Hosting.Tests.DependencyInjection;

public class BounceSyncRegistrationTests
{
    [Fact]
    public void AddBounceSync_OnABuilderNotFromAddMailkitClient_Throws()
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<ArgumentException>(() => services.AddHttpClient("other").AddBounceSync<ForwardingHandler>());
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
            ["MaxHandlerAttempts"] = "8",
        }).Build();
        var services = new ServiceCollection();
        services.AddMailkitClient("eu", o => o.ClientId = 1).AddBounceSync<ForwardingHandler>(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>().Get("eu");

        Assert.Equal(TimeSpan.FromMinutes(5), options.Interval);
        Assert.Equal(TimeSpan.FromHours(2), options.MaxFailureDelay);
        Assert.Equal(TimeSpan.FromHours(12), options.RefusedRetryInterval);
        Assert.Equal(new Models.RawBouncesRequest { StartId = 4_294_967_296, CampaignId = 7, SendId = 9, PageSize = 1000 }, options.CreateStartRequest());
        Assert.Equal(8, options.MaxHandlerAttempts);
    }

    [Theory]
    [InlineData("Interval", "BounceSyncOptions.Interval")]
    [InlineData("MaxFailureDelay", "BounceSyncOptions.MaxFailureDelay")]
    [InlineData("RefusedRetryInterval", "BounceSyncOptions.RefusedRetryInterval")]
    [InlineData("PageSize", "BounceSyncOptions.PageSize")]
    [InlineData("StartId", "BounceSyncOptions.StartId")]
    [InlineData("MaxHandlerAttempts", "BounceSyncOptions.MaxHandlerAttempts")]
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
                case "MaxHandlerAttempts": o.MaxHandlerAttempts = 0; break;
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
    public void AddBounceSync_OnTheAccountBuilder_SameSyncAsOnTheHttpClientBuilder()
    {
        var services = new ServiceCollection();
        services.AddMailkitClient("eu", o => o.ClientId = 1).AsMailkitClientBuilder().AddBounceSync<ForwardingHandler>().UseFileCursorStore("cursors");
        using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<FileBounceCursorStore>(provider.GetRequiredKeyedService<IBounceCursorStore>("eu"));
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "cursors"), store.Directory);
        Assert.Equal("eu", Assert.Single(provider.GetServices<IHostedService>().OfType<BounceSyncService>()).SyncName);
    }

    [Fact]
    public void UseFileCursorStore_AStoreRegisteredFirst_Wins()
    {
        var services = new ServiceCollection();
        var mine = new MemoryCursorStore();
        services.AddKeyedSingleton<IBounceCursorStore>("default", mine);
        services.AddMailkitClient(o => o.ClientId = 1).AddBounceSync<ForwardingHandler>().UseFileCursorStore("cursors");
        using var provider = services.BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredKeyedService<IBounceCursorStore>("default"));
    }

    [Fact]
    public async Task AddMailkitHealthChecks_CalledTwice_BeforeAndAfterTheSyncs_EachCheckOnce_TheServiceRuns()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new CollectingHandler());
        services.AddHealthChecks().AddMailkitHealthChecks(failureStatus: HealthStatus.Degraded, tags: ["mailkit", "ready"]);
        services.AddMailkitClient(o => o.ClientId = 1).AddBounceSync<ForwardingHandler>();
        services.AddMailkitClient("eu", o => o.ClientId = 2).AddBounceSync<ForwardingHandler>();
        services.AddHealthChecks().AddMailkitHealthChecks();
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(["mailkit-sync:default", "mailkit-sync:eu"], report.Entries.Keys.Order());
        Assert.Equal(["mailkit", "ready"], report.Entries["mailkit-sync:eu"].Tags);
        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.All(registrations, r => Assert.Equal(HealthStatus.Degraded, r.FailureStatus));
    }

    [Fact]
    [Trait("Finding", "R2-M2")]
    public async Task CredentialsCheck_ProbeCancelledAfterTheRequestWasSent_FiveProbesInTheCacheDuration_AtMostOneRequest()
    {
        var time = new FakeTimeProvider(SyncHarness.Start);
        var emulator = Emulated.Create().AddGenerated(3);
        emulator.TimeProvider = time;
        emulator.SlowResponseDelay = TimeSpan.FromHours(1);
        emulator.FailRequest(1, EmulatorFault.SlowResponse);
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
        var onlyCredentials = (HealthCheckRegistration r) => r.Name.StartsWith("mailkit-credentials:", StringComparison.Ordinal);

        // The first probe gives up once its request has reached Mailkit, as an aborted HTTP probe does.
        using (var aborted = new CancellationTokenSource())
        {
            var first = health.CheckHealthAsync(onlyCredentials, aborted.Token);
            await Eventually.TrueAsync(() => emulator.Requests.Count == 1, "the probe's request has been sent");
            await aborted.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }

        // A second probe while the call is still in flight shares it, and gives up too.
        using (var aborted = new CancellationTokenSource())
        {
            var second = health.CheckHealthAsync(onlyCredentials, aborted.Token);
            await aborted.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        }

        // The call's own timeout ends it; its outcome answers the next probes for the cache duration from its start.
        time.Advance(MailkitHealthCheckOptions.DefaultCredentialsTimeout);
        var results = new List<HealthStatus>();
        for (var probe = 0; probe < 3; probe++)
        {
            var report = await health.CheckHealthAsync(onlyCredentials);
            results.Add(report.Entries["mailkit-credentials:default"].Status);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([HealthStatus.Degraded, HealthStatus.Degraded, HealthStatus.Degraded], results);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    [Trait("Finding", "R2-M2")]
    public async Task CredentialsCheck_WhileTheSyncIsCalling_NoCallOfItsOwn_AnswersBusy()
    {
        var emulator = Emulated.Create().AddGenerated(3);
        var services = new ServiceCollection();
        services.AddSingleton(new CollectingHandler());
        services.AddHealthChecks().AddMailkitHealthChecks(o => o.CheckCredentials = true);
        services.AddMailkitClient(o =>
        {
            o.ClientId = emulator.ClientId;
            o.ClientMd5 = emulator.ClientMd5;
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler).AddBounceSync<ForwardingHandler>();
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<BounceSyncStates>().Get("default").Started(SyncHarness.Start);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["mailkit-credentials:default"].Status);
        Assert.StartsWith("Busy", report.Entries["mailkit-credentials:default"].Description, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
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

    [Theory]
    [Trait("Finding", "R2-M2")]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(59)]
    public void AddMailkitHealthChecks_CacheDurationUnderAMinute_FailsValidationNamingTheSetting(int seconds)
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddMailkitHealthChecks(o => o.CredentialsCacheDuration = TimeSpan.FromSeconds(seconds));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MailkitHealthCheckOptions>>().Value);

        Assert.Contains("MailkitHealthCheckOptions.CredentialsCacheDuration", ex.Message, StringComparison.Ordinal);
    }
}
