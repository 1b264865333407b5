using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Mailkit.Reports.Tests.Sync.ScriptedWalks;

namespace Mailkit.Reports.Tests.Sync;

#pragma warning disable CA1001 // The session's DisposeAsync does nothing; the engine calls it after every cycle.
public class BounceSyncEngineTests
#pragma warning restore CA1001
{
    private static readonly SyncSettings Settings = new(
        new RawBouncesRequest { PageSize = 100 },
        TimeSpan.FromMinutes(15),
        TimeSpan.FromHours(1),
        TimeSpan.FromHours(6),
        MaxHandlerAttempts: 3);

    private readonly ScriptedWalks _client = new();
    private readonly MemorySession _session;
    private readonly BounceSyncEngine _engine = new(NullLogger.Instance, "test");

    public BounceSyncEngineTests() => _session = new MemorySession(_client);

    [Fact]
    public async Task RunCycle_HandsEachPageOver_ThenSavesItsCursor_WaitsTheInterval()
    {
        _client.Then(Page(1, 2), Page(3, 2));
        var counted = new List<int>();

        var result = await RunAsync(counted.Add);

        Assert.Equal(SyncOutcome.Succeeded, result.Outcome);
        Assert.Equal(4, result.Records);
        Assert.Equal(["handle 1", "save 3", "handle 3", "save 5"], _session.Events);
        Assert.Equal([2, 2], counted);
        Assert.Equal(TimeSpan.FromMinutes(15), result.Delay);
        Assert.Equal(new RawBouncesRequest { PageSize = 100 }, Assert.Single(_client.Requests));
    }

    [Fact]
    public async Task RunCycle_SavedCursor_ContinuesFromIt_WithTheSettingsPageSize()
    {
        _session.Cursor = new RawBouncesRequest { StartId = 40, PageSize = 7 };

        await RunAsync();

        Assert.Equal(new RawBouncesRequest { StartId = 40, PageSize = 100 }, Assert.Single(_client.Requests));
    }

    [Fact]
    public async Task RunCycle_TransientFailures_DoubleTheWaitUpToTheMaximum_SuccessResets()
    {
        var failure = new MailkitNetworkException("The connection was reset.");
        _client.ThenFail(failure).ThenFail(failure).ThenFail(failure).ThenFail(failure);

        var delays = new List<TimeSpan?>();
        for (var i = 0; i < 4; i++)
        {
            var failed = await RunAsync();
            Assert.Equal((SyncOutcome.Failed, SyncFailureKind.Mailkit, i + 1), (failed.Outcome, failed.Kind, failed.ConsecutiveFailures));
            delays.Add(failed.Delay);
        }

        var recovered = await RunAsync();

        Assert.Equal([TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(1)], delays);
        Assert.Equal((SyncOutcome.Succeeded, 0), (recovered.Outcome, recovered.ConsecutiveFailures));
    }

    [Fact]
    public async Task RunCycle_WalkFailsWithAResumePoint_KeepsIt()
    {
        var resume = new RawBouncesRequest { StartId = 8, PageSize = 100 };
        _client.ThenFail(new MailkitProtocolException("The body was cut short.") { ResumeRequest = resume }, Page(1, 2));

        var result = await RunAsync();

        Assert.Equal(SyncOutcome.Failed, result.Outcome);
        Assert.Equal(resume, _session.Cursor);
        Assert.Equal(8, result.StartId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunCycle_AccessRefused_RefusedUntilTheRetryInterval(bool ipRefused)
    {
        _client.ThenFail(ipRefused ? new MailkitIpNotAllowedException() : new MailkitAuthenticationException());

        var result = await RunAsync();

        Assert.Equal((SyncOutcome.Refused, SyncFailureKind.AccessRefused), (result.Outcome, result.Kind));
        Assert.Equal(TimeSpan.FromHours(6), result.Delay);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task RunCycle_HandlerFailsOnOnePageEveryTime_HaltsAfterTheLimit_ThenMakesNoCall()
    {
        _client.Then(Page(10, 2)).Then(Page(10, 2)).Then(Page(10, 2)).Then(Page(10, 2));
        _session.Handler = _ => throw new InvalidOperationException("The row breaks a check constraint.");

        var first = await RunAsync();
        var second = await RunAsync();
        var third = await RunAsync();
        var afterHalt = await RunAsync();

        Assert.Equal((SyncOutcome.Failed, SyncFailureKind.Handler), (first.Outcome, first.Kind));
        Assert.Equal((SyncOutcome.Failed, SyncFailureKind.Handler), (second.Outcome, second.Kind));
        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.HandlerRepeatedly), (third.Outcome, third.Kind));
        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.HandlerRepeatedly), (afterHalt.Outcome, afterHalt.Kind));
        Assert.Equal(3, _client.Requests.Count);
        Assert.Null(_session.Cursor);
        Assert.Equal(TimeSpan.FromHours(6), afterHalt.Delay);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task RunCycle_Halted_ResetByAnOptionsChange_TriesAgain()
    {
        _client.Then(Page(10, 2)).Then(Page(10, 2)).Then(Page(10, 2)).Then(Page(10, 2));
        _session.Handler = _ => throw new InvalidOperationException("The row breaks a check constraint.");
        for (var i = 0; i < 3; i++)
        {
            await RunAsync();
        }

        _session.Handler = null;
        _engine.Reset();
        var result = await RunAsync();

        Assert.Equal(SyncOutcome.Succeeded, result.Outcome);
        Assert.Equal(12, _session.Cursor?.StartId);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task RunCycle_HandlerFailsOnDifferentPages_CountsEachPageOnItsOwn()
    {
        var calls = 0;
        _client.Then(Page(10, 2)).Then(Page(10, 2), Page(12, 2)).Then(Page(12, 2)).Then(Page(12, 2));
        _session.Handler = page => page.Records[0].UndeliveredLogId == 10 && ++calls == 1 || page.Records[0].UndeliveredLogId == 12
            ? throw new InvalidOperationException("The database is busy.")
            : Task.CompletedTask;

        var results = new List<SyncOutcome>();
        for (var i = 0; i < 4; i++)
        {
            results.Add((await RunAsync()).Outcome);
        }

        Assert.Equal([SyncOutcome.Failed, SyncOutcome.Failed, SyncOutcome.Failed, SyncOutcome.Halted], results);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task RunCycle_RecordTheSdkRefuses_HaltsAtIt_KeepsThePagesBefore_ThenMakesNoCall()
    {
        var invalid = new MailkitProtocolException("ID_USER_LIST is not a valid ID.", null, null, 0, string.Empty, "ID_USER_LIST", 5, "{}", "is not a valid ID")
        {
            ResumeRequest = new RawBouncesRequest { StartId = 5, PageSize = 100 },
        };
        _client.ThenFail(invalid, Page(1, 4));

        var halted = await RunAsync();
        var again = await RunAsync();

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.InvalidRecord, 5L), (halted.Outcome, halted.Kind, halted.StartId));
        Assert.Same(invalid, halted.Error);
        Assert.Equal(5, _session.Cursor?.StartId);
        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.InvalidRecord), (again.Outcome, again.Kind));
        Assert.Single(_client.Requests);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task RunCycle_SkipInvalidRecords_WalksWithTheSkipPolicy_FromTheStartAndFromASavedCursor()
    {
        var settings = Settings with { SkipInvalidRecords = true };
        await RunAsync(settings: settings);
        _session.Cursor = new RawBouncesRequest { StartId = 40 };

        var result = await RunAsync(settings: settings);

        Assert.Equal(SyncOutcome.Succeeded, result.Outcome);
        Assert.All(_client.Requests, r => Assert.True(r.InvalidRecords.Skips));
        Assert.Equal([null, 40L], _client.Requests.Select(r => r.StartId));
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task RunCycle_WithoutSkipInvalidRecords_WalksWithTheThrowPolicy()
    {
        await RunAsync();

        Assert.Same(InvalidRecordHandling.Throw, Assert.Single(_client.Requests).InvalidRecords);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task RunCycle_RecordRefused_CursorChangedByHand_TriesAgain()
    {
        var invalid = new MailkitProtocolException("ID_USER_LIST is not a valid ID.", null, null, 0, string.Empty, "ID_USER_LIST", 5, "{}", "is not a valid ID")
        {
            ResumeRequest = new RawBouncesRequest { StartId = 5, PageSize = 100 },
        };
        _client.ThenFail(invalid, Page(1, 4));
        await RunAsync();

        _session.Cursor = new RawBouncesRequest { StartId = 6 };
        var result = await RunAsync();

        Assert.Equal(SyncOutcome.Succeeded, result.Outcome);
        Assert.Equal(6, _client.Requests[^1].StartId);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task RunCycle_HandlerCannotBeBuilt_Halts_WithoutACall()
    {
        var result = await _engine.RunCycleAsync(
            _ => throw new SyncHandlerUnavailableException("No handler.", new InvalidOperationException("Unable to resolve IDatabase.")),
            Settings,
            null,
            CancellationToken.None,
            CancellationToken.None);

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.HandlerUnavailable), (result.Outcome, result.Kind));
        Assert.Empty(_client.Requests);
    }

    [Fact]
    [Trait("Finding", "R2-M3")]
    public async Task RunCycle_CursorTheStoreCannotUse_Halts_WithoutACall()
    {
        _session.LoadError = new InvalidDataException("The cursor file is not JSON.");

        var result = await RunAsync();

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.UnusableCursor), (result.Outcome, result.Kind));
        Assert.Empty(_client.Requests);
    }

    [Fact]
    public async Task RunCycle_StoreFails_TransientFailure()
    {
        _session.LoadError = new IOException("The disk is gone.");

        var result = await RunAsync();

        Assert.Equal((SyncOutcome.Failed, SyncFailureKind.Other), (result.Outcome, result.Kind));
    }

    [Theory]
    [Trait("Finding", "R2-M4")]
    [InlineData(5L, null, null, null)]
    [InlineData(null, null, 5L, null)]
    [InlineData(5L, null, 6L, null)]
    [InlineData(null, 9L, null, null)]
    public async Task RunCycle_CursorOfAnotherFilter_Halts_WithoutACall(long? savedCampaign, long? savedSend, long? campaign, long? send)
    {
        _session.Cursor = new RawBouncesRequest { StartId = 40, CampaignId = savedCampaign, SendId = savedSend };

        var result = await RunAsync(settings: Settings with { StartRequest = new RawBouncesRequest { CampaignId = campaign, SendId = send } });

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.FilterMismatch), (result.Outcome, result.Kind));
        Assert.Contains($"filter {savedCampaign}/{savedSend} is not {campaign}/{send}", result.Error?.Message, StringComparison.Ordinal);
        Assert.Empty(_client.Requests);
    }

    [Fact]
    [Trait("Finding", "R2-M5")]
    public async Task RunCycle_AccountOptionsInvalid_Refused()
    {
        var result = await _engine.RunCycleAsync(
            _ => throw new OptionsValidationException("eu", typeof(MailkitClientOptions), ["MailkitClientOptions.ClientId must be positive."]),
            Settings,
            null,
            CancellationToken.None,
            CancellationToken.None);

        Assert.Equal((SyncOutcome.Refused, SyncFailureKind.InvalidOptions), (result.Outcome, result.Kind));
    }

    [Fact]
    public async Task RunCycle_HostStops_BetweenPages_Stopped_AfterSavingTheHandledPage()
    {
        using var stopping = new CancellationTokenSource();
        _client.Then(Page(1, 2), Page(3, 2));
        _session.Handler = _ =>
        {
            stopping.Cancel();
            return Task.CompletedTask;
        };

        var result = await _engine.RunCycleAsync(_ => ValueTask.FromResult<IBounceSyncSession>(_session), Settings, null, stopping.Token, CancellationToken.None);

        Assert.Equal(SyncOutcome.Stopped, result.Outcome);
        Assert.Equal(3, _session.Cursor?.StartId);
        Assert.Equal(0, result.ConsecutiveFailures);
    }

    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(40, 60)]
    public void Delay_Failures_DoublesFromTheIntervalUpToMaxFailureDelay(int failures, int expectedMinutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), SyncDelay.After(SyncOutcome.Failed, failures, Settings));
    }

    [Fact]
    public void Delay_MaxFailureDelayBelowTheInterval_TheIntervalWins()
    {
        Assert.Equal(TimeSpan.FromHours(2), SyncDelay.After(SyncOutcome.Failed, 3, Settings with { Interval = TimeSpan.FromHours(2) }));
    }

    [Fact]
    public void Delay_HaltedOrRefusedWithoutRetryInterval_WaitsForOptionsOnly()
    {
        Assert.Null(SyncDelay.After(SyncOutcome.Halted, 1, Settings with { RefusedRetryInterval = null }));
        Assert.Null(SyncDelay.After(SyncOutcome.Refused, 1, Settings with { RefusedRetryInterval = null }));
    }

    private Task<SyncCycleResult> RunAsync(Action<int>? pageSaved = null, SyncSettings? settings = null) =>
        _engine.RunCycleAsync(_ => ValueTask.FromResult<IBounceSyncSession>(_session), settings ?? Settings, pageSaved, CancellationToken.None, CancellationToken.None);
}
