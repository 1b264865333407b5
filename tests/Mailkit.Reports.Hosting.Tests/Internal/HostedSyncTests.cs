using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Models;
using Mailkit.Reports.Resilience;
using Mailkit.Reports.Sync;
using Mailkit.Reports.Testing;
using Mailkit.Reports.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Mailkit.Reports.Hosting.Tests.Internal;

/// <summary>The sync in a real generic host, against the emulator on a loopback socket.</summary>
public sealed class HostedSyncTests : IDisposable
{
    private static readonly TimeSpan ShortInterval = TimeSpan.FromMilliseconds(150);

    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "mailkit-hosted-sync-" + Guid.NewGuid().ToString("N"));
    private readonly CollectingHandler _handler = new();

    public HostedSyncTests() => Directory.CreateDirectory(_contentRoot);

    public void Dispose()
    {
        if (Directory.Exists(_contentRoot))
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public async Task Sync_BouncesAddedWhileRunning_EachReachesTheHandlerExactlyOnce(double faultProbability)
    {
        var emulator = Emulated.Create().AddGenerated(300, seed: 3);
        emulator.FaultProbability = faultProbability;
        emulator.SeedFaults(11);
        await using var server = await emulator.StartServerAsync();
        var store = new MemoryCursorStore();
        using var host = BuildHost(server, services => services.AddSingleton<IBounceCursorStore>(store));
        var state = host.Services.GetRequiredService<BounceSyncStates>().Get(BounceSyncRegistration.DefaultSyncName);
        await host.StartAsync();

        await Eventually.TrueAsync(() => _handler.Ids.Count >= 300, "the seeded bounces are handed over", seconds: 60);
        for (var batch = 0; batch < 3; batch++)
        {
            var cyclesBefore = state.Current.Cycles;
            emulator.AddGenerated(40, seed: 20 + batch, firstId: emulator.Bounces[^1].UndeliveredLogId + 1);
            var expected = emulator.Bounces.Count;

            await Eventually.TrueAsync(() => _handler.Ids.Count >= expected, $"batch {batch} is handed over", seconds: 60);

            if (faultProbability == 0)
            {
                // The cycle running when the batch was added may miss it; the next one, an interval later, takes it.
                Assert.True(state.Current.Cycles <= cyclesBefore + 2, $"batch {batch} waited for more than one further cycle");
            }
        }

        await host.StopAsync();
        Assert.Equal(emulator.ExpectedRecords().Select(r => r.UndeliveredLogId), _handler.Ids);
        Assert.Equal(emulator.Bounces[^1].UndeliveredLogId + 1, store[BounceSyncRegistration.DefaultSyncName]?.StartId);
        if (faultProbability > 0)
        {
            Assert.Contains(emulator.Requests, r => r.Fault != EmulatorFault.None);
        }
    }

    [Fact]
    public async Task Host_Stop_PageInFlightCompletes_SyncStopsWithinTheShutdownTimeout()
    {
        var emulator = Emulated.Create().AddGenerated(10, seed: 4);
        await using var server = await emulator.StartServerAsync();
        var store = new MemoryCursorStore();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerCancelled = false;
        _handler.Before = async (_, token) =>
        {
            entered.TrySetResult();
            await release.Task;
            handlerCancelled = token.IsCancellationRequested;
        };
        using var host = BuildHost(server, services =>
        {
            services.AddSingleton<IBounceCursorStore>(store);
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        });
        await host.StartAsync();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var requestsAtStop = emulator.Requests.Count;

        var stopping = host.StopAsync();
        release.SetResult();
        await stopping;

        var sync = host.Services.GetServices<IHostedService>().OfType<BounceSyncService>().Single();
        Assert.True(sync.ExecuteTask?.IsCompletedSuccessfully);
        Assert.False(handlerCancelled);
        Assert.Equal(10, _handler.Ids.Count);
        Assert.Equal(emulator.Bounces[^1].UndeliveredLogId + 1, store[BounceSyncRegistration.DefaultSyncName]?.StartId);
        Assert.Equal(requestsAtStop, emulator.Requests.Count);
    }

    [Fact]
    public async Task Host_ShutdownTimeoutReached_HandlerTokenCancelled_CursorNotAdvanced()
    {
        var emulator = Emulated.Create().AddGenerated(10, seed: 5);
        await using var server = await emulator.StartServerAsync();
        var store = new MemoryCursorStore();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler.Before = async (_, token) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
        };
        using var host = BuildHost(server, services =>
        {
            services.AddSingleton<IBounceCursorStore>(store);
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        });
        await host.StartAsync();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await Record.ExceptionAsync(() => host.StopAsync());

        var sync = host.Services.GetServices<IHostedService>().OfType<BounceSyncService>().Single();
        await Eventually.TrueAsync(() => sync.ExecuteTask?.IsCompleted == true, "the sync has ended");
        Assert.True(sync.ExecuteTask?.IsCompletedSuccessfully);
        Assert.Empty(_handler.Ids);
        Assert.Null(store[BounceSyncRegistration.DefaultSyncName]);
    }

    [Fact]
    public async Task Host_AccountAnsweredUnauthorized_HealthUnhealthy_StopsCallingUntilTheRetryInterval()
    {
        var emulator = Emulated.Create().AddGenerated(10, seed: 6);
        await using var server = await emulator.StartServerAsync();
        var time = new FakeTimeProvider(SyncHarness.Start);
        using var host = BuildHost(
            server,
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.AddSingleton<IBounceCursorStore>(new MemoryCursorStore());
                services.AddHealthChecks().AddMailkitHealthChecks();
            },
            md5: new string('a', 32));
        var state = host.Services.GetRequiredService<BounceSyncStates>().Get(BounceSyncRegistration.DefaultSyncName);
        var health = host.Services.GetRequiredService<HealthCheckService>();
        await host.StartAsync();

        await Eventually.TrueAsync(() => state.Current is { IsWaiting: true, Cycles: 1 }, "the first cycle has ended");
        Assert.True(state.Current.IsRefused);
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync()).Entries["mailkit-sync:default"].Status);
        Assert.Single(emulator.Requests);

        time.Advance(TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        Assert.True(state.Current.IsWaiting);
        Assert.Single(emulator.Requests);

        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => state.Current is { IsWaiting: true, Cycles: 2 }, "the retry after six hours has ended");
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync()).Entries["mailkit-sync:default"].Status);
        Assert.Empty(_handler.Ids);
        await host.StopAsync();
    }

    [Fact]
    public async Task Host_UseFileCursorStore_CursorKeptInAFileUnderTheContentRoot()
    {
        var emulator = Emulated.Create().AddGenerated(10, seed: 7);
        await using var server = await emulator.StartServerAsync();
        using var host = BuildHost(server, fileStore: true);
        var state = host.Services.GetRequiredService<BounceSyncStates>().Get(BounceSyncRegistration.DefaultSyncName);
        await host.StartAsync();

        await Eventually.TrueAsync(() => state.Current.Cycles >= 1, "the first cycle has ended");
        await host.StopAsync();
        host.Dispose();

        using var store = new FileBounceCursorStore(Path.Combine(_contentRoot, "mailkit-cursors"));
        var key = new BounceSyncKey("default", new MailkitAccount(Emulated.Options(server).Endpoint, emulator.ClientId), null, null);
        Assert.Equal(new RawBouncesRequest { StartId = emulator.Bounces[^1].UndeliveredLogId + 1, PageSize = 100 }, await store.LoadAsync(key, CancellationToken.None));
        Assert.Equal(10, _handler.Ids.Count);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task Host_CorruptCursorFile_SyncStopsWithTheTypedError_HandsNothingOver_HealthUnhealthy()
    {
        var emulator = Emulated.Create().AddGenerated(10, seed: 8);
        await using var server = await emulator.StartServerAsync();
        Directory.CreateDirectory(Path.Combine(_contentRoot, "mailkit-cursors"));
        await File.WriteAllTextAsync(Path.Combine(_contentRoot, "mailkit-cursors", "default.cursor.json"), "{\"version\":1,\"startId\":");
        using var host = BuildHost(server, services => services.AddHealthChecks().AddMailkitHealthChecks(), fileStore: true);
        var state = host.Services.GetRequiredService<BounceSyncStates>().Get(BounceSyncRegistration.DefaultSyncName);
        await host.StartAsync();

        await Eventually.TrueAsync(() => state.Current.Cycles >= 1, "the first cycle has ended");
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();

        Assert.StartsWith(nameof(CorruptBounceCursorException), state.Current.LastError, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, health.Entries["mailkit-sync:default"].Status);
        Assert.IsType<CorruptBounceCursorException>(health.Entries["mailkit-sync:default"].Exception);
        Assert.DoesNotContain(_contentRoot, health.Entries["mailkit-sync:default"].Description, StringComparison.Ordinal);
        Assert.True(state.Current.IsRefused);
        Assert.Empty(_handler.Ids);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task Host_CursorFileOfAnotherAccount_SyncStopsWithTheTypedError_NoCallMade_HealthUnhealthy()
    {
        var first = Emulated.Create().AddGenerated(10, seed: 9);
        await using (var firstServer = await first.StartServerAsync())
        {
            using var firstHost = BuildHost(firstServer, fileStore: true);
            var firstState = firstHost.Services.GetRequiredService<BounceSyncStates>().Get(BounceSyncRegistration.DefaultSyncName);
            await firstHost.StartAsync();
            await Eventually.TrueAsync(() => firstState.Current.Cycles >= 1, "the first account's cycle has ended");
            await firstHost.StopAsync();
        }

        var second = Emulated.Create().AddGenerated(20, seed: 10);
        await using var secondServer = await second.StartServerAsync();
        using var host = BuildHost(
            secondServer,
            services =>
            {
                services.AddHealthChecks().AddMailkitHealthChecks();
                services.AddFakeLogging();
            },
            fileStore: true);
        var state = host.Services.GetRequiredService<BounceSyncStates>().Get(BounceSyncRegistration.DefaultSyncName);
        await host.StartAsync();

        await Eventually.TrueAsync(() => state.Current is { IsWaiting: true, Cycles: >= 1 }, "the second account's first cycle has ended");
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();

        Assert.Empty(second.Requests);
        Assert.Equal(10, _handler.Ids.Count);
        Assert.True(state.Current.IsRefused);
        Assert.StartsWith(nameof(BounceCursorAccountMismatchException), state.Current.LastError, StringComparison.Ordinal);
        Assert.Contains($"client {first.ClientId} at ", state.Current.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(second.ClientMd5, state.Current.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HealthStatus.Unhealthy, health.Entries["mailkit-sync:default"].Status);
        Assert.Contains("another Mailkit account", health.Entries["mailkit-sync:default"].Description, StringComparison.Ordinal);
        Assert.Contains(host.Services.GetFakeLogCollector().GetSnapshot(), e => e is { Level: LogLevel.Critical, Exception: BounceCursorAccountMismatchException });
    }

    [Fact]
    [Trait("Finding", "R2-M5")]
    public async Task Host_OptionsReloadedWithAnInvalidValue_KeepsRunning_Unhealthy_CriticalLogNamesTheSetting_RecoversOnAValidReload()
    {
        var emulator = Emulated.Create().AddGenerated(10, seed: 11);
        await using var server = await emulator.StartServerAsync();
        var time = new FakeTimeProvider(SyncHarness.Start);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot });
        var configuration = builder.Configuration;
        configuration["Sync:Interval"] = "00:00:01";
        configuration["Sync:PageSize"] = "100";
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(_handler);
        builder.Services.AddSingleton<IBounceCursorStore>(new MemoryCursorStore());
        builder.Services.AddFakeLogging();
        builder.Services.AddHealthChecks().AddMailkitHealthChecks();
        AddEmulatedAccount(builder.Services, server, md5: null).AddBounceSync<ForwardingHandler>(configuration.GetSection("Sync"));
        using var host = builder.Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var state = host.Services.GetRequiredService<BounceSyncStates>().Get(BounceSyncRegistration.DefaultSyncName);
        var health = host.Services.GetRequiredService<HealthCheckService>();
        await host.StartAsync();
        await Eventually.TrueAsync(() => state.Current is { IsWaiting: true, Cycles: 1 }, "the first cycle has ended");
        var requests = emulator.Requests.Count;

        // The reload's own listeners read the new value and may throw; the sync must not depend on them.
        configuration["Sync:Interval"] = "00:00:00";
        _ = Record.Exception(() => ((IConfigurationRoot)configuration).Reload());
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => state.Current is { IsWaiting: true, Cycles: 2 }, "the cycle after the reload has ended");
        var refused = state.Current;
        var report = await health.CheckHealthAsync();
        time.Advance(TimeSpan.FromHours(1));

        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.Equal((SyncOutcome.Refused, SyncFailureKind.InvalidOptions), (refused.LastOutcome, refused.LastFailure));
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["mailkit-sync:default"].Status);
        Assert.Equal(requests, emulator.Requests.Count);
        var critical = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Critical);
        Assert.Contains("BounceSyncOptions.Interval", critical.Message, StringComparison.Ordinal);

        configuration["Sync:Interval"] = "00:00:02";
        _ = Record.Exception(() => ((IConfigurationRoot)configuration).Reload());
        await Eventually.TrueAsync(() => state.Current is { IsWaiting: true, Cycles: 3 }, "the cycle after the valid reload has ended");

        Assert.Equal(SyncOutcome.Succeeded, state.Current.LastOutcome);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(2), state.Current.NextCycleAt);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Entries["mailkit-sync:default"].Status);
        await host.StopAsync();
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task Host_SkipInvalidRecords_RecordTheSdkRefuses_HandedOverAsSkippedOnce_SyncGoesOn_Healthy()
    {
        var (emulator, bad) = EmulatorWithARefusedRecord(seed: 13);
        await using var server = await emulator.StartServerAsync();
        var time = new FakeTimeProvider(SyncHarness.Start);
        var store = new MemoryCursorStore();
        using var host = BuildHost(server, services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<IBounceCursorStore>(store);
            services.AddFakeLogging();
            services.AddHealthChecks().AddMailkitHealthChecks();
            services.Configure<BounceSyncOptions>(o => o.SkipInvalidRecords = true);
        });
        var state = host.Services.GetRequiredService<BounceSyncStates>().Get(BounceSyncRegistration.DefaultSyncName);
        await host.StartAsync();

        await Eventually.TrueAsync(() => state.Current is { IsWaiting: true, Cycles: 1 }, "the first cycle has ended");
        time.Advance(ShortInterval);
        await Eventually.TrueAsync(() => state.Current is { IsWaiting: true, Cycles: 2 }, "the second cycle has ended");
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();

        Assert.Equal(SyncOutcome.Succeeded, state.Current.LastOutcome);
        Assert.Equal(emulator.Bounces.Select(b => b.UndeliveredLogId).Where(id => id != bad.UndeliveredLogId), _handler.Ids);
        var skipped = Assert.Single(_handler.Skipped);
        Assert.Equal((bad.UndeliveredLogId, "ID_USER_LIST"), (skipped.UndeliveredLogId, skipped.FieldName));
        Assert.Equal(emulator.Bounces[^1].UndeliveredLogId + 1, store[BounceSyncRegistration.DefaultSyncName]?.StartId);
        Assert.Equal(HealthStatus.Healthy, health.Entries["mailkit-sync:default"].Status);
        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        var warning = Assert.Single(logs, r => r.Level == LogLevel.Warning);
        Assert.Contains($"record {bad.UndeliveredLogId} aside", warning.Message, StringComparison.Ordinal);
        Assert.Contains("ID_USER_LIST", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bad.Value("EMAIL")!, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs, r => r.Level >= LogLevel.Error);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task Host_WithoutSkipInvalidRecords_RecordTheSdkRefuses_SyncStopsAtIt_Unhealthy()
    {
        var (emulator, bad) = EmulatorWithARefusedRecord(seed: 14);
        await using var server = await emulator.StartServerAsync();
        var time = new FakeTimeProvider(SyncHarness.Start);
        var store = new MemoryCursorStore();
        using var host = BuildHost(server, services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<IBounceCursorStore>(store);
            services.AddHealthChecks().AddMailkitHealthChecks();
        });
        var state = host.Services.GetRequiredService<BounceSyncStates>().Get(BounceSyncRegistration.DefaultSyncName);
        await host.StartAsync();

        await Eventually.TrueAsync(() => state.Current is { IsWaiting: true, Cycles: 1 }, "the first cycle has ended");
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.InvalidRecord), (state.Current.LastOutcome, state.Current.LastFailure));
        Assert.Equal(bad.UndeliveredLogId, store[BounceSyncRegistration.DefaultSyncName]?.StartId);
        Assert.Empty(_handler.Skipped);
        Assert.DoesNotContain(bad.UndeliveredLogId, _handler.Ids);
        Assert.Equal(HealthStatus.Unhealthy, health.Entries["mailkit-sync:default"].Status);
    }

    [Fact]
    public async Task Host_AfterACycle_TheSyncHoldsNoShareOfTheAccountsRateLimit()
    {
        var emulator = Emulated.Create().AddGenerated(10, seed: 12);
        await using var server = await emulator.StartServerAsync();
        using var host = BuildHost(server, services => services.AddSingleton<IBounceCursorStore>(new MemoryCursorStore()));
        var state = host.Services.GetRequiredService<BounceSyncStates>().Get(BounceSyncRegistration.DefaultSyncName);
        var limiters = host.Services.GetRequiredService<AccountRateLimiterRegistry>();
        await host.StartAsync();

        await Eventually.TrueAsync(() => state.Current is { IsWaiting: true, Cycles: >= 1 }, "the first cycle has ended");
        var whileWaiting = limiters.Count;
        await host.StopAsync();

        Assert.Equal(10, _handler.Ids.Count);
        Assert.Equal(0, whileWaiting);
    }

    /// <summary>Ten generated bounces, the fifth with an <c>ID_USER_LIST</c> the SDK refuses.</summary>
    private static (MailkitEmulator Emulator, EmulatedBounce Bad) EmulatorWithARefusedRecord(int seed)
    {
        var emulator = Emulated.Create().AddGenerated(10, seed);
        var bad = new EmulatedBounce(emulator.Bounces[4].Fields.Where(f => f.Key != "ID_USER_LIST").Append(new("ID_USER_LIST", "-1")));
        emulator.Add([bad]);
        return (emulator, bad);
    }

    private static IHttpClientBuilder AddEmulatedAccount(IServiceCollection services, MailkitEmulatorServer server, string? md5) =>
        services.AddMailkitClient(o =>
        {
            var emulated = Emulated.Options(server);
            o.ClientId = emulated.ClientId;
            o.ClientMd5 = md5 ?? emulated.ClientMd5;
            o.Endpoint = emulated.Endpoint;
            o.RateLimit.MaxConcurrentRequests = emulated.RateLimit.MaxConcurrentRequests;
            o.RateLimit.RequestsPerMinute = emulated.RateLimit.RequestsPerMinute;
            o.Retry.BaseDelay = emulated.Retry.BaseDelay;
            o.Retry.MaxDelay = emulated.Retry.MaxDelay;
            o.Retry.MaxRetryAttempts = emulated.Retry.MaxRetryAttempts;
        });

    private IHost BuildHost(MailkitEmulatorServer server, Action<IServiceCollection>? configure = null, string? md5 = null, bool fileStore = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot });
        builder.Services.AddSingleton(_handler);
        var account = AddEmulatedAccount(builder.Services, server, md5).AddBounceSync<ForwardingHandler>(o =>
        {
            o.Interval = ShortInterval;
            o.MaxFailureDelay = ShortInterval;
            o.PageSize = 100;
        });
        if (fileStore)
        {
            account.UseFileCursorStore("mailkit-cursors");
        }

        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
