using System.Diagnostics.Metrics;
using Mailkit.Reports.Diagnostics;
using Mailkit.Reports.Hosting.Diagnostics;
using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using static Mailkit.Reports.Hosting.Tests.ScriptedClient;

namespace Mailkit.Reports.Hosting.Tests.Internal;

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
            // A second sync-options source, bound from configuration, so that a reload is a change of the sync's options;
            // the unnamed sync's options are the unnamed ones.
            services.AddOptions<BounceSyncOptions>().Bind(configuration);
            services.Configure<BounceSyncOptions>(o => o.RefusedRetryInterval = null);
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
        // The walk keeps the request's filter in the cursor that follows each page.
        sync.Client.Then(request => Pages([new BouncePage(Page(500, 100).Records, request with { StartId = 600 })]));
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
            Assert.Contains(new KeyValuePair<string, object?>(BounceSyncTelemetry.SyncNameTagName, BounceSyncRegistration.DefaultSyncName), tags.ToArray());
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

    [Fact]
    public async Task Execute_HandlerGetsTheContext_SyncNameAccountAndTheCursorToKeep()
    {
        await using var sync = new SyncHarness();
        sync.Client.ThenPages(Page(1, 2));
        await sync.StartAsync();
        await sync.WaitingAfterAsync(1);

        var context = Assert.Single(sync.Handler.Contexts);
        Assert.Equal("default", context.SyncName);
        Assert.Equal(new MailkitAccount(new Uri("https://api.mailkit.eu/"), Testing.MailkitEmulator.DefaultClientId), context.Account);
        Assert.Equal(new RawBouncesRequest { StartId = 3 }, context.Cursor);
        Assert.Equal(context.Key, Assert.Single(sync.Store.Keys));
    }

    [Fact]
    public async Task Execute_UnnamedSync_ConfiguredWithAPlainConfigure()
    {
        await using var sync = new SyncHarness(services: s => s.Configure<BounceSyncOptions>(o => o.Interval = TimeSpan.FromMinutes(3)));
        await sync.StartAsync();

        var waiting = await sync.WaitingAfterAsync(1);

        Assert.Equal(SyncHarness.Start + TimeSpan.FromMinutes(3), waiting.NextCycleAt);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task Execute_HandlerFailsOnOnePageEveryTime_StopsAfterMaxHandlerAttempts_Unhealthy_NoMoreCalls()
    {
        await using var sync = new SyncHarness(
            o =>
            {
                o.MaxHandlerAttempts = 3;
                o.StartId = 7;
            },
            s => s.AddHealthChecks().AddMailkitHealthChecks());
        for (var i = 0; i < 5; i++)
        {
            sync.Client.ThenPages(Page(7, 2));
        }

        sync.Handler.Before = (_, _) => throw new InvalidOperationException("The row breaks a check constraint.");
        await sync.StartAsync();

        await sync.WaitingAfterAsync(1);
        sync.Time.Advance(Interval);
        await sync.WaitingAfterAsync(2);
        sync.Time.Advance(2 * Interval);
        var halted = await sync.WaitingAfterAsync(3);
        sync.Time.Advance(TimeSpan.FromHours(6));
        var stillHalted = await sync.WaitingAfterAsync(4);
        var health = await sync.Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.HandlerRepeatedly), (halted.LastOutcome, halted.LastFailure));
        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.HandlerRepeatedly), (stillHalted.LastOutcome, stillHalted.LastFailure));
        Assert.Equal(3, sync.Client.Requests.Count);
        Assert.Equal(HealthStatus.Unhealthy, health.Entries["mailkit-sync:default"].Status);
        Assert.Equal(7L, health.Entries["mailkit-sync:default"].Data["startId"]);
        Assert.Contains(sync.Logs.GetSnapshot(), r => r is { Level: LogLevel.Critical } && r.Message.Contains("from ID 7", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task Execute_RecordTheSdkRefuses_Stops_Unhealthy_NoMoreCallsWhileTheCursorStaysThere()
    {
        await using var sync = new SyncHarness(services: s => s.AddHealthChecks().AddMailkitHealthChecks());
        var record = new MailkitProtocolException("ID_USER_LIST is not a valid ID.", null, null, 0, string.Empty, "ID_USER_LIST", 5, "{}", "is not a valid ID")
        {
            ResumeRequest = new RawBouncesRequest { StartId = 5 },
        };
        sync.Client.Then(_ => Pages([Page(1, 4)], record));
        await sync.StartAsync();

        var halted = await sync.WaitingAfterAsync(1);
        sync.Time.Advance(TimeSpan.FromHours(6));
        await sync.WaitingAfterAsync(2);
        var health = await sync.Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.InvalidRecord), (halted.LastOutcome, halted.LastFailure));
        Assert.Equal([1L, 2, 3, 4], sync.Handler.Ids);
        Assert.Equal(5, sync.Cursor?.StartId);
        Assert.Single(sync.Client.Requests);
        Assert.Equal(HealthStatus.Unhealthy, health.Entries["mailkit-sync:default"].Status);
        Assert.Contains(sync.Logs.GetSnapshot(), r => r is { Level: LogLevel.Critical } && r.Message.Contains("record 5", StringComparison.Ordinal) && r.Message.Contains("ID_USER_LIST", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task Execute_SkipInvalidRecords_WalksWithTheSkipPolicy_EachSetAsideRecordLoggedOnceAfterItsCursorIsSaved()
    {
        await using var sync = new SyncHarness(o => o.SkipInvalidRecords = true);
        var invalid = new MailkitProtocolException("ID_USER_LIST is not a valid ID.", null, null, 0, string.Empty, "ID_USER_LIST", 3, "{\"EMAIL\":\"a@b.cz\"}", "is not a valid ID");
        var page = Page(1, 2) with { SkippedRecords = [InvalidBounceRecordOf(invalid)] };
        sync.Client.ThenPages(page).ThenPages(page);
        var fails = true;
        sync.Handler.Before = (_, _) => fails ? throw new InvalidOperationException("The database is busy.") : Task.CompletedTask;
        await sync.StartAsync();

        await sync.WaitingAfterAsync(1);
        var warningsAfterTheFailure = sync.Logs.GetSnapshot().Count(r => r.Level == LogLevel.Warning && r.Message.Contains("aside", StringComparison.Ordinal));
        fails = false;
        sync.Time.Advance(Interval);
        var done = await sync.WaitingAfterAsync(2);

        Assert.Equal(SyncOutcome.Succeeded, done.LastOutcome);
        Assert.All(sync.Client.Requests, r => Assert.True(r.InvalidRecords.Skips));
        Assert.Equal(0, warningsAfterTheFailure);
        var warning = Assert.Single(sync.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("aside", StringComparison.Ordinal));
        Assert.Contains("record 3 aside", warning.Message, StringComparison.Ordinal);
        Assert.Contains("ID_USER_LIST", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a@b.cz", warning.Message, StringComparison.Ordinal);
        Assert.Equal([3L], sync.Handler.Skipped.Select(r => r.UndeliveredLogId));
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task Execute_WithoutSkipInvalidRecords_WalksWithTheThrowPolicy()
    {
        await using var sync = new SyncHarness();
        await sync.StartAsync();

        await sync.WaitingAfterAsync(1);

        Assert.False(Assert.Single(sync.Client.Requests).InvalidRecords.Skips);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task Execute_HandlerCannotBeBuilt_Stops_Unhealthy_NoCall()
    {
        await using var sync = new SyncHarness(services: s =>
        {
            s.AddKeyedScoped<IBounceHandler, NeedsAMissingService>("default");
            s.AddHealthChecks().AddMailkitHealthChecks();
        });
        await sync.StartAsync();

        var halted = await sync.WaitingAfterAsync(1);
        var health = await sync.Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.HandlerUnavailable), (halted.LastOutcome, halted.LastFailure));
        Assert.Empty(sync.Client.Requests);
        Assert.Equal(HealthStatus.Unhealthy, health.Entries["mailkit-sync:default"].Status);
    }

    [Fact]
    [Trait("Finding", "R2-M4")]
    public async Task Execute_FilterChanged_Refused_Unhealthy_CriticalLogNamesBothFilters_NoCall()
    {
        await using var sync = new SyncHarness(
            o => o.CampaignId = null,
            s => s.AddHealthChecks().AddMailkitHealthChecks());
        sync.Store["default"] = new RawBouncesRequest { StartId = 40, CampaignId = 5 };
        await sync.StartAsync();

        var halted = await sync.WaitingAfterAsync(1);
        var health = await sync.Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.FilterMismatch), (halted.LastOutcome, halted.LastFailure));
        var error = Assert.IsType<BounceCursorFilterMismatchException>(halted.LastException);
        Assert.Equal((5L, (long?)null), (error.SavedCampaignId, error.CampaignId));
        Assert.Empty(sync.Client.Requests);
        Assert.Equal(HealthStatus.Unhealthy, health.Entries["mailkit-sync:default"].Status);
        var critical = Assert.Single(sync.Logs.GetSnapshot(), r => r.Level == LogLevel.Critical);
        Assert.Contains("campaign 5, every send", critical.Message, StringComparison.Ordinal);
        Assert.Contains("every campaign, every send", critical.Message, StringComparison.Ordinal);
        Assert.Contains("delete the cursor", critical.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "R2-M4")]
    public async Task Execute_FilterUnchanged_ContinuesFromTheCursor()
    {
        await using var sync = new SyncHarness(o => o.CampaignId = 5);
        sync.Store["default"] = new RawBouncesRequest { StartId = 40, CampaignId = 5 };
        await sync.StartAsync();

        await sync.WaitingAfterAsync(1);

        Assert.Equal(new RawBouncesRequest { StartId = 40, CampaignId = 5 }, Assert.Single(sync.Client.Requests));
        Assert.Equal(5, Assert.Single(sync.Store.Keys).CampaignId);
    }

    [Fact]
    public async Task Execute_NoCursorStore_Stops_NamingTheWayToAddOne()
    {
        await using var sync = new SyncHarness(services: s => s.RemoveAll<IBounceCursorStore>());
        await sync.StartAsync();

        var halted = await sync.WaitingAfterAsync(1);

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.HandlerUnavailable), (halted.LastOutcome, halted.LastFailure));
        Assert.Contains("UseFileCursorStore", halted.LastError, StringComparison.Ordinal);
        Assert.Empty(sync.Client.Requests);
    }

    private static InvalidBounceRecord InvalidBounceRecordOf(MailkitProtocolException ex) => new()
    {
        UndeliveredLogId = ex.UndeliveredLogId!.Value,
        FieldName = ex.FieldName!,
        Problem = ex.RecordProblem!,
        RecordText = ex.RecordText!,
        Exception = ex,
    };

    private sealed class FailingStore : IBounceCursorStore
    {
        public Task<RawBouncesRequest?> LoadAsync(BounceSyncKey key, CancellationToken cancellationToken) => throw new IOException("The disk is gone.");

        public Task SaveAsync(BounceSyncKey key, RawBouncesRequest cursor, CancellationToken cancellationToken) => throw new IOException("The disk is gone.");
    }

    private sealed class NeedsAMissingService(Unregistered missing) : IBounceHandler
    {
        public Task HandleAsync(BouncePage page, BounceSyncContext context, CancellationToken cancellationToken) => Task.CompletedTask;

        public override string ToString() => missing.ToString()!;
    }

    private sealed class Unregistered
    {
        public override string ToString() => nameof(Unregistered);
    }
}
