using System.Diagnostics.Metrics;
using Mailkit.Reports.Diagnostics;
using Mailkit.Reports.Hosting.Diagnostics;
using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Mailkit.Reports.Hosting.Tests.ScriptedClient;

namespace Mailkit.Reports.Hosting.Tests;

public class BounceSyncServiceTests
{
    private static readonly TimeSpan Interval = BounceSyncOptions.DefaultInterval;

    [Fact]
    public async Task Execute_FirstCycleAtStart_NextOneIntervalAfterItEnds()
    {
        await using var sync = new SyncHarness();
        await sync.StartAsync();

        var waiting = await sync.WaitingAfterAsync(1);
        Assert.Single(sync.Client.Requests);
        Assert.Equal(SyncHarness.Start + Interval, waiting.NextCycleAt);

        sync.Time.Advance(Interval - TimeSpan.FromTicks(1));
        Assert.True(sync.State.Current.IsWaiting);
        Assert.Single(sync.Client.Requests);

        sync.Time.Advance(TimeSpan.FromTicks(1));
        waiting = await sync.WaitingAfterAsync(2);
        Assert.Equal(2, sync.Client.Requests.Count);
        Assert.Equal(SyncHarness.Start + 2 * Interval, waiting.NextCycleAt);
    }

    [Fact]
    public async Task Execute_Idle_OneCallPerInterval_FourAnHourByDefault()
    {
        await using var sync = new SyncHarness();
        await sync.StartAsync();
        await sync.WaitingAfterAsync(1);

        for (var cycle = 2; cycle <= 5; cycle++)
        {
            sync.Time.Advance(Interval);
            await sync.WaitingAfterAsync(cycle);
        }

        // One hour after the first cycle: four more calls, one per cycle.
        Assert.Equal(5, sync.Client.Requests.Count);
    }

    [Fact]
    public async Task Execute_TransientFailures_BackOffThenResetAfterSuccess()
    {
        await using var sync = new SyncHarness();
        var failure = new MailkitNetworkException("The connection was reset.");
        sync.Client.ThenThrow(failure).ThenThrow(failure).ThenThrow(failure).ThenPages(Page(1, 3));
        await sync.StartAsync();

        var expectedDelays = new[] { 15, 30, 60 };
        var now = SyncHarness.Start;
        for (var i = 0; i < expectedDelays.Length; i++)
        {
            var waiting = await sync.WaitingAfterAsync(i + 1);
            Assert.Equal(i + 1, waiting.ConsecutiveFailures);
            Assert.False(waiting.IsRefused);
            Assert.Equal(now + TimeSpan.FromMinutes(expectedDelays[i]), waiting.NextCycleAt);
            now += TimeSpan.FromMinutes(expectedDelays[i]);
            sync.Time.Advance(TimeSpan.FromMinutes(expectedDelays[i]));
        }

        var recovered = await sync.WaitingAfterAsync(4);
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Equal(now, recovered.LastSuccess);
        Assert.Equal(now + Interval, recovered.NextCycleAt);
        Assert.Equal([1L, 2, 3], sync.Handler.Ids);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Execute_Refused_StopsPollingUntilRefusedRetryInterval(bool ipRefused)
    {
        await using var sync = new SyncHarness();
        sync.Client.ThenThrow(ipRefused ? new MailkitIpNotAllowedException() : new MailkitAuthenticationException());
        await sync.StartAsync();

        var waiting = await sync.WaitingAfterAsync(1);
        Assert.True(waiting.IsRefused);
        Assert.Equal(SyncHarness.Start + TimeSpan.FromHours(6), waiting.NextCycleAt);

        sync.Time.Advance(TimeSpan.FromHours(6) - TimeSpan.FromTicks(1));
        Assert.Single(sync.Client.Requests);

        sync.Time.Advance(TimeSpan.FromTicks(1));
        var retried = await sync.WaitingAfterAsync(2);
        Assert.Equal(2, sync.Client.Requests.Count);
        Assert.False(retried.IsRefused);
    }

    [Fact]
    public async Task Execute_RefusedWithoutRetryInterval_WaitsForAnOptionsChange()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Interval"] = "00:15:00" }).Build();
        await using var sync = new SyncHarness(services: services =>
        {
            // A second sync-options source, bound from configuration, so that a reload is a change of the sync's options.
            services.AddOptions<BounceSyncOptions>(BounceSyncRegistry.DefaultSyncName).Bind(configuration);
            services.Configure<BounceSyncOptions>(BounceSyncRegistry.DefaultSyncName, o => o.RefusedRetryInterval = null);
        });
        sync.Client.ThenThrow(new MailkitAuthenticationException());
        await sync.StartAsync();

        var waiting = await sync.WaitingAfterAsync(1);
        Assert.True(waiting.IsRefused);
        Assert.Null(waiting.NextCycleAt);
        sync.Time.Advance(TimeSpan.FromDays(60));
        Assert.Single(sync.Client.Requests);

        configuration["Interval"] = "00:10:00";
        configuration.Reload();

        var retried = await sync.WaitingAfterAsync(2);
        Assert.Equal(2, sync.Client.Requests.Count);
        Assert.Equal(TimeSpan.FromMinutes(10), retried.NextCycleAt - sync.Time.GetUtcNow());
    }

    [Fact]
    public async Task Execute_HandlerThrows_CursorStaysBeforeThePage_PageHandedOverAgain()
    {
        await using var sync = new SyncHarness();
        var page = Page(10, 2);
        sync.Client.ThenPages(page).ThenPages(page);
        var calls = 0;
        sync.Handler.Before = (_, _) => ++calls == 1 ? throw new InvalidOperationException("The database is down.") : Task.CompletedTask;
        await sync.StartAsync();

        var failed = await sync.WaitingAfterAsync(1);
        Assert.Equal(1, failed.ConsecutiveFailures);
        Assert.Null(sync.Cursor);
        Assert.Empty(sync.Handler.Ids);

        sync.Time.Advance(Interval);
        await sync.WaitingAfterAsync(2);
        Assert.Equal([10L, 11], sync.Handler.Ids);
        Assert.Equal(12, sync.Cursor?.StartId);
        Assert.Equal(sync.Client.Requests[0], sync.Client.Requests[1]);
    }

    [Fact]
    public async Task Execute_SavesTheCursorAfterTheHandlerReturns_PageByPage()
    {
        await using var sync = new SyncHarness();
        sync.Client.ThenPages(Page(1, 2), Page(3, 2));
        await sync.StartAsync();

        await sync.WaitingAfterAsync(1);
        Assert.Equal(["handle 1", "save 3", "handle 3", "save 5"], sync.Handler.Events);
    }

    [Fact]
    public async Task Execute_FirstRunStartsFromOptions_LaterRunsFromTheSavedCursor()
    {
        await using var sync = new SyncHarness(o =>
        {
            o.StartId = 500;
            o.CampaignId = 7;
            o.PageSize = 100;
        });
        sync.Client.ThenPages(Page(500, 100));
        await sync.StartAsync();
        await sync.WaitingAfterAsync(1);
        sync.Time.Advance(Interval);
        await sync.WaitingAfterAsync(2);

        Assert.Equal(new RawBouncesRequest { StartId = 500, CampaignId = 7, PageSize = 100 }, sync.Client.Requests[0]);
        Assert.Equal(600, sync.Client.Requests[1].StartId);
        Assert.Equal(100, sync.Client.Requests[1].PageSize);
    }

    [Fact]
    public async Task Execute_WalkFailsWithAResumePoint_KeepsIt()
    {
        await using var sync = new SyncHarness();
        var resume = new RawBouncesRequest { StartId = 8 };
        sync.Client.Then(_ => Pages([Page(1, 2)], new MailkitProtocolException("The body was cut short.") { ResumeRequest = resume }));
        await sync.StartAsync();

        var failed = await sync.WaitingAfterAsync(1);
        Assert.Equal(1, failed.ConsecutiveFailures);
        Assert.Equal(resume, sync.Cursor);
        Assert.Equal([1L, 2], sync.Handler.Ids);
    }

    [Fact]
    public async Task Execute_CursorStoreFails_LoggedAsAFailure_HostKeepsRunning()
    {
        await using var sync = new SyncHarness(services: s => s.AddSingleton<IBounceCursorStore>(new FailingStore()));
        await sync.StartAsync();

        var failed = await sync.WaitingAfterAsync(1);
        Assert.Equal(1, failed.ConsecutiveFailures);
        Assert.Contains(nameof(IOException), failed.LastError, StringComparison.Ordinal);
        Assert.Empty(sync.Client.Requests);
    }

    [Fact]
    public async Task Execute_RecordsSynced_CountedAndGaugedUnderTheSdkMeter()
    {
        long records = 0;
        var gauges = new Dictionary<string, long>();
        await using var sync = new SyncHarness();
        var meter = sync.Provider.GetRequiredService<BounceSyncMetrics>().Meter;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Other tests run syncs of the same name at the same time: listen to this app's meter only.
            if (instrument.Meter == meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            Assert.Contains(new KeyValuePair<string, object?>(BounceSyncTelemetry.SyncNameTagName, BounceSyncRegistry.DefaultSyncName), tags.ToArray());
            if (instrument.Name == BounceSyncTelemetry.RecordsSyncedInstrumentName)
            {
                Interlocked.Add(ref records, value);
            }
            else
            {
                lock (gauges)
                {
                    gauges[instrument.Name] = value;
                }
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            lock (gauges)
            {
                gauges[instrument.Name] = value;
            }
        });
        listener.Start();

        sync.Client.ThenPages(Page(1, 3), Page(4, 2)).ThenThrow(new MailkitTimeoutException());
        await sync.StartAsync();
        await sync.WaitingAfterAsync(1);
        sync.Time.Advance(Interval);
        await sync.WaitingAfterAsync(2);
        listener.RecordObservableInstruments();

        Assert.Equal(MailkitTelemetry.Name, meter.Name);
        Assert.Equal(5, Interlocked.Read(ref records));
        Assert.Equal(SyncHarness.Start.ToUnixTimeSeconds(), gauges[BounceSyncTelemetry.LastSuccessInstrumentName]);
        Assert.Equal(1, gauges[BounceSyncTelemetry.ConsecutiveFailuresInstrumentName]);
    }

    private sealed class FailingStore : IBounceCursorStore
    {
        public Task<RawBouncesRequest?> LoadAsync(string syncName, CancellationToken cancellationToken) => throw new IOException("The disk is gone.");

        public Task SaveAsync(string syncName, RawBouncesRequest cursor, CancellationToken cancellationToken) => throw new IOException("The disk is gone.");
    }
}
