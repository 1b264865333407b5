using System.Collections.Concurrent;
using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;
using Mailkit.Reports.Testing;
using Mailkit.Reports.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.Tests.Internal;

/// <summary>A raw-message sync in a real generic host, against the emulator on a loopback socket or a small server of raw messages.</summary>
[Trait("Issue", "25")]
public sealed class HostedReportSyncTests : IDisposable
{
    private static readonly TimeSpan ShortInterval = TimeSpan.FromMilliseconds(150);
    private static readonly string Md5 = new('a', 32);

    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "mailkit-hosted-report-sync-" + Guid.NewGuid().ToString("N"));
    private readonly CollectingMessageHandler _handler = new();
    private readonly MessageServer _server = new();

    public HostedReportSyncTests() => Directory.CreateDirectory(_contentRoot);

    public void Dispose()
    {
        _server.Dispose();
        if (Directory.Exists(_contentRoot))
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Sync_RawMessages_AcrossARestart_EachReachesTheHandlerExactlyOnce()
    {
        _server.Add(1, 10);
        using (var first = BuildHost(clientId: 1))
        {
            await first.StartAsync();
            await Eventually.TrueAsync(() => _handler.Ids.Count >= 10, "the first messages are handed over");
            await first.StopAsync();
        }

        _server.Add(11, 5);
        var callsBefore = _server.StartIds.Count;
        using (var second = BuildHost(clientId: 1))
        {
            await second.StartAsync();
            await Eventually.TrueAsync(() => _handler.Ids.Count >= 15, "the messages added while stopped are handed over");
            await second.StopAsync();
        }

        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), _handler.Ids);
        // The restart continues from the saved cursor (11); the walk asks from the ID before it until the server proves its start inclusive.
        Assert.Equal(10, _server.StartIds.Skip(callsBefore).First());
        var context = _handler.Contexts.Last();
        Assert.Equal(("default.raw-messages", "mailkit.report.raw.messages", 16L), (context.SyncName, context.Key.FunctionName, context.Cursor.StartId));
        var cursorFile = await File.ReadAllTextAsync(Path.Combine(_contentRoot, "mailkit-cursors", "default.raw-messages.cursor.json"));
        Assert.Contains("\"startId\":16", cursorFile.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public async Task Sync_RawMessagesOfTheEmulatorsWorld_StoppedAndRestarted_EachReachesTheHandlerExactlyOnce(double faultProbability)
    {
        var emulator = Emulated.Create().AddWorld(new EmulatedWorldOptions { Campaigns = 2, SendsPerCampaign = 2, RecipientsPerSend = 60 });
        emulator.FaultProbability = faultProbability;
        emulator.SeedFaults(13);
        var expected = emulator.World!.Messages.Where(m => !m.Pruned).Select(m => m.SendMessageId).ToList();
        await using var server = await emulator.StartServerAsync();

        // The first host stops while a page past the 60th message is in the handler: that page completes, the walk goes no further.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler.Before = async _ =>
        {
            if (_handler.Ids.Count >= 60 && entered.TrySetResult())
            {
                await release.Task;
            }
        };
        using (var first = BuildEmulatedHost(server))
        {
            await first.StartAsync();
            await entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var stopping = first.StopAsync();
            release.SetResult();
            await stopping;
        }

        _handler.Before = null;

        var handedOverBeforeTheRestart = _handler.Ids.Count;
        using (var second = BuildEmulatedHost(server))
        {
            await second.StartAsync();
            await Eventually.TrueAsync(() => _handler.Ids.Count >= expected.Count, "every message is handed over", seconds: 60);
            await second.StopAsync();
        }

        Assert.InRange(handedOverBeforeTheRestart, 60, expected.Count - 1);
        Assert.Equal(expected, _handler.Ids);
        if (faultProbability > 0)
        {
            Assert.Contains(emulator.Requests, r => r.Fault != EmulatorFault.None);
        }
    }

    [Fact]
    public async Task Sync_RawResponsesOfTheEmulatorsWorld_EachReachesTheHandlerOnce_InLogIdOrder()
    {
        var emulator = Emulated.Create().AddWorld(new EmulatedWorldOptions { Campaigns = 1, SendsPerCampaign = 2, RecipientsPerSend = 60 });
        var expected = emulator.World!.Responses.Select(r => r.LogId).ToList();
        await using var server = await emulator.StartServerAsync();
        var responses = new ResponseCollector();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot });
        builder.Services.AddSingleton(responses);
        AddEmulatedAccount(builder.Services, server)
            .AddRawResponseSync<ResponseCollector.Forwarding>(o =>
            {
                o.Interval = ShortInterval;
                o.PageSize = 11;
            })
            .UseFileCursorStore("mailkit-cursors");
        using var host = builder.Build();

        await host.StartAsync();
        await Eventually.TrueAsync(() => responses.Ids.Count >= expected.Count, "every response is handed over", seconds: 60);
        await host.StopAsync();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, responses.Ids);
        Assert.All(responses.Contexts, c => Assert.Equal(("default.raw-responses", "mailkit.report.raw.responses"), (c.SyncName, c.Key.FunctionName)));
    }

    [Fact]
    public async Task Sync_RawMessages_CursorOfAnotherAccount_HaltsWithoutACall_AndReportsUnhealthy()
    {
        _server.Add(1, 3);
        using (var first = BuildHost(clientId: 2))
        {
            await first.StartAsync();
            await Eventually.TrueAsync(() => _handler.Ids.Count >= 3, "the messages are handed over");
            await first.StopAsync();
        }

        var callsBefore = _server.StartIds.Count;
        using var second = BuildHost(clientId: 1);
        var state = second.Services.GetRequiredService<BounceSyncStates>().Get("default.raw-messages");
        await second.StartAsync();
        await Eventually.TrueAsync(() => state.Current.Cycles >= 1, "the first cycle has ended");
        var health = await second.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await second.StopAsync();

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.UnusableCursor), (state.Current.LastOutcome, state.Current.LastFailure));
        Assert.IsType<ReportCursorMismatchException>(state.Current.LastException);
        Assert.Equal(callsBefore, _server.StartIds.Count);
        var entry = health.Entries["mailkit-sync:default.raw-messages"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("The saved cursor of raw message sync 'default.raw-messages' belongs to another Mailkit account or report; it has stopped.", entry.Description);
    }

    [Fact]
    public async Task Sync_RawMessages_HandlerFailsOnOnePage_HaltsAfterMaxHandlerAttempts_WithACriticalLog()
    {
        _server.Add(1, 6);
        _handler.Before = page => page.Records[0].SendMessageId == 4
            ? throw new InvalidOperationException("The row breaks a check constraint.")
            : Task.CompletedTask;
        using var host = BuildHost(clientId: 1, maxHandlerAttempts: 2);
        var state = host.Services.GetRequiredService<BounceSyncStates>().Get("default.raw-messages");
        await host.StartAsync();
        await Eventually.TrueAsync(() => state.Current.IsRefused, "the sync has halted");
        var calls = _server.StartIds.Count;
        await host.StopAsync();

        Assert.Equal((SyncFailureKind.HandlerRepeatedly, 4L), (state.Current.LastFailure, state.Current.StartId));
        Assert.Equal([1L, 2, 3], _handler.Ids);
        Assert.Equal(calls, _server.StartIds.Count);
        var critical = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Critical);
        Assert.StartsWith(
            "The handler of raw message sync 'default.raw-messages' failed on the page from ID 4 ReportSyncOptions.MaxHandlerAttempts times in a row",
            critical.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRawMessageSync_BesideTheBounceSync_EachHasItsOwnName_Cursor_AndHealthCheck()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new CollectingHandler()).AddSingleton(_handler);
        services.AddHealthChecks().AddMailkitHealthChecks();
        services.AddMailkitClient(o => o.ClientId = 1)
            .AddBounceSync<ForwardingHandler>()
            .AddRawMessageSync<ForwardingMessageHandler>()
            .AddRawResponseSync<NoResponseHandler>()
            .UseFileCursorStore(_contentRoot);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(["mailkit-sync:default", "mailkit-sync:default.raw-messages", "mailkit-sync:default.raw-responses"], report.Entries.Keys.Order());
        Assert.Equal("Raw message sync 'default.raw-messages' is starting.", report.Entries["mailkit-sync:default.raw-messages"].Description);
        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.Single(hosted.OfType<BounceSyncService>());
        Assert.Single(hosted.OfType<ReportSyncService<RawMessageRecord, RawMessagesRequest>>());
        Assert.Single(hosted.OfType<ReportSyncService<RawResponseRecord, RawResponsesRequest>>());
        var fileStore = provider.GetRequiredKeyedService<IBounceCursorStore>("default");
        Assert.Same(fileStore, provider.GetRequiredKeyedService<IReportCursorStore<RawMessagesRequest>>("default.raw-messages"));
        Assert.Same(fileStore, provider.GetRequiredKeyedService<IReportCursorStore<RawResponsesRequest>>("default.raw-responses"));
    }

    [Fact]
    public void AddRawMessageSync_TwiceOnOneAccount_Throws()
    {
        var builder = new ServiceCollection().AddMailkitClient("eu", o => o.ClientId = 1).AddRawMessageSync<ForwardingMessageHandler>();

        var ex = Assert.Throws<InvalidOperationException>(() => builder.AddRawMessageSync<ForwardingMessageHandler>());

        Assert.Equal("A raw message sync named 'eu.raw-messages' is already registered: call AddRawMessageSync once per Mailkit account.", ex.Message);
    }

    [Fact]
    public void Options_RawMessageSyncOutOfRange_EachNamedUnderReportSyncOptions()
    {
        var services = new ServiceCollection();
        services.AddMailkitClient("eu", o => o.ClientId = 1).AddRawMessageSync<ForwardingMessageHandler>(o =>
        {
            o.PageSize = 0;
            o.MaxHandlerAttempts = 0;
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<ReportSyncOptions>>().Get("eu.raw-messages"));

        Assert.Equal(
            [
                "ReportSyncOptions.MaxHandlerAttempts must be from 1 to 100; it is 0. (raw message sync 'eu.raw-messages')",
                "ReportSyncOptions.PageSize must be from 1 to 25000. (raw message sync 'eu.raw-messages')",
            ],
            ex.Failures);
    }

    private IHost BuildHost(int clientId, int maxHandlerAttempts = BounceSyncOptions.DefaultMaxHandlerAttempts)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot });
        builder.Services.AddFakeLogging();
        builder.Services.AddSingleton(_handler);
        builder.Services.AddHealthChecks().AddMailkitHealthChecks();
        builder.Services.AddMailkitClient(o =>
            {
                o.ClientId = clientId;
                o.ClientMd5 = Md5;
            })
            .ConfigurePrimaryHttpMessageHandler(() => _server)
            .AddRawMessageSync<ForwardingMessageHandler>(o =>
            {
                o.Interval = ShortInterval;
                o.MaxFailureDelay = ShortInterval;
                o.PageSize = 3;
                o.MaxHandlerAttempts = maxHandlerAttempts;
            })
            .UseFileCursorStore("mailkit-cursors");
        return builder.Build();
    }

    private static IHttpClientBuilder AddEmulatedAccount(IServiceCollection services, MailkitEmulatorServer server) =>
        services.AddMailkitClient(o =>
        {
            var emulated = Emulated.Options(server);
            o.ClientId = emulated.ClientId;
            o.ClientMd5 = emulated.ClientMd5;
            o.Endpoint = emulated.Endpoint;
            o.RateLimit.MaxConcurrentRequests = emulated.RateLimit.MaxConcurrentRequests;
            o.RateLimit.RequestsPerMinute = emulated.RateLimit.RequestsPerMinute;
            o.Retry.BaseDelay = emulated.Retry.BaseDelay;
            o.Retry.MaxDelay = emulated.Retry.MaxDelay;
            o.Retry.MaxRetryAttempts = emulated.Retry.MaxRetryAttempts;
        });

    private IHost BuildEmulatedHost(MailkitEmulatorServer server)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot });
        builder.Services.AddSingleton(_handler);
        AddEmulatedAccount(builder.Services, server)
            .AddRawMessageSync<ForwardingMessageHandler>(o =>
            {
                o.Interval = ShortInterval;
                o.MaxFailureDelay = ShortInterval;
                o.PageSize = 7;
            })
            .UseFileCursorStore("mailkit-cursors");
        return builder.Build();
    }

    private sealed class ResponseCollector
    {
        public ConcurrentQueue<long> Ids { get; } = new();

        public ConcurrentQueue<ReportSyncContext<RawResponsesRequest>> Contexts { get; } = new();

        public sealed class Forwarding(ResponseCollector collector) : IReportHandler<RawResponseRecord, RawResponsesRequest>
        {
            public Task HandleAsync(ReportPage<RawResponseRecord, RawResponsesRequest> page, ReportSyncContext<RawResponsesRequest> context, CancellationToken cancellationToken)
            {
                collector.Contexts.Enqueue(context);
                foreach (var record in page.Records)
                {
                    collector.Ids.Enqueue(record.LogId);
                }

                return Task.CompletedTask;
            }
        }
    }

    private sealed class NoResponseHandler : IReportHandler<RawResponseRecord, RawResponsesRequest>
    {
        public Task HandleAsync(ReportPage<RawResponseRecord, RawResponsesRequest> page, ReportSyncContext<RawResponsesRequest> context, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }
}
