using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailkit.Reports.Tests.Sync;

[Trait("Issue", "25")]
#pragma warning disable CA1001 // The session's DisposeAsync does nothing; the engine calls it after every cycle.
public class RawMessageSyncEngineTests
#pragma warning restore CA1001
{
    private static readonly SyncSettings<RawMessagesRequest> Settings = new(
        new RawMessagesRequest { PageSize = 3 },
        TimeSpan.FromMinutes(15),
        TimeSpan.FromHours(1),
        TimeSpan.FromHours(6),
        MaxHandlerAttempts: 3);

    private readonly MessageLog _log = new(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    private readonly MessageSession _session;

    public RawMessageSyncEngineTests() => _session = new MessageSession(_log);

    [Fact]
    public async Task RunCycle_RawMessages_HandsEachPageOver_ThenSavesItsCursor()
    {
        var result = await RunAsync(NewEngine());

        Assert.Equal((SyncOutcome.Succeeded, 10L, 11L), (result.Outcome, result.Records, result.StartId));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), _session.Handled);
        Assert.Equal(new RawMessagesRequest { StartId = 11, PageSize = 3 }, _session.Cursor);
        Assert.Equal(new RawMessagesRequest { PageSize = 3 }, Assert.Single(_log.Requests));
    }

    [Fact]
    public async Task RunCycle_RawMessages_StoppedAndRestarted_HandsEachMessageOverExactlyOnce()
    {
        using var stopping = new CancellationTokenSource();
        _session.Handler = page => page.Records[0].SendMessageId == 4 ? stopping.CancelAsync() : Task.CompletedTask;

        var stopped = await RunAsync(NewEngine(), stoppingToken: stopping.Token);
        _session.Handler = null;
        var restarted = await RunAsync(NewEngine());

        Assert.Equal(SyncOutcome.Stopped, stopped.Outcome);
        Assert.Equal(SyncOutcome.Succeeded, restarted.Outcome);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), _session.Handled);
        Assert.Equal([null, 7L], _log.Requests.Select(r => r.StartId));
    }

    [Fact]
    public async Task RunCycle_RawMessages_WalkFails_KeepsItsResumePoint_AndTheNextCycleContinuesThere()
    {
        var resume = new RawMessagesRequest { StartId = 7, PageSize = 3 };
        _log.ThenFail(1, new MailkitNetworkException("The connection was reset.").WithResumeRequest(resume));
        var engine = NewEngine();

        var failed = await RunAsync(engine);
        var resumed = await RunAsync(engine);

        Assert.Equal((SyncOutcome.Failed, SyncFailureKind.Mailkit, 7L), (failed.Outcome, failed.Kind, failed.StartId));
        Assert.Equal(TimeSpan.FromMinutes(15), failed.Delay);
        Assert.Equal(SyncOutcome.Succeeded, resumed.Outcome);
        Assert.Equal([null, 7L], _log.Requests.Select(r => r.StartId));
        Assert.Equal([1L, 2, 3, 7, 8, 9, 10], _session.Handled);
    }

    [Fact]
    public async Task RunCycle_RawMessages_ResumePointOfAnotherReport_IsNotTaken()
    {
        _log.ThenFail(1, new MailkitNetworkException("The connection was reset.").WithResumeRequest(new RawBouncesRequest { StartId = 9 }));

        var failed = await RunAsync(NewEngine());

        Assert.Equal((SyncOutcome.Failed, 4L), (failed.Outcome, failed.StartId));
        Assert.Equal(4, _session.Cursor?.StartId);
    }

    [Fact]
    public async Task RunCycle_RawMessages_HandlerFailsOnOnePage_HaltsAfterMaxHandlerAttempts_ThenMakesNoCall()
    {
        _session.Handler = page => page.Records[0].SendMessageId == 4
            ? throw new InvalidOperationException("The row breaks a check constraint.")
            : Task.CompletedTask;
        var engine = NewEngine();

        var results = new List<(SyncOutcome, SyncFailureKind)>();
        for (var i = 0; i < 4; i++)
        {
            var result = await RunAsync(engine);
            results.Add((result.Outcome, result.Kind));
        }

        Assert.Equal(
            [
                (SyncOutcome.Failed, SyncFailureKind.Handler),
                (SyncOutcome.Failed, SyncFailureKind.Handler),
                (SyncOutcome.Halted, SyncFailureKind.HandlerRepeatedly),
                (SyncOutcome.Halted, SyncFailureKind.HandlerRepeatedly),
            ],
            results);
        Assert.Equal(3, _log.Requests.Count);
        Assert.Equal(4, _session.Cursor?.StartId);
        Assert.Equal([1L, 2, 3], _session.Handled);
    }

    [Fact]
    public async Task RunCycle_RawMessages_CursorOfAnotherFilter_Halts_WithoutACall()
    {
        _session.Cursor = new RawMessagesRequest { StartId = 5, CampaignId = 8 };

        var result = await RunAsync(NewEngine());

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.FilterMismatch, 5L), (result.Outcome, result.Kind, result.StartId));
        Assert.Empty(_log.Requests);
    }

    [Fact]
    public async Task RunCycle_RawMessages_CursorTheStoreRefuses_Halts_WithoutACall()
    {
        // What a store reports for a cursor saved for another account or another report.
        _session.LoadError = new InvalidDataException("The cursor belongs to another account.");

        var result = await RunAsync(NewEngine());

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.UnusableCursor), (result.Outcome, result.Kind));
        Assert.Empty(_log.Requests);
    }

    [Fact]
    public async Task RunCycle_RawMessages_RecordTheSdkRefuses_HaltsAtIt_ThenMakesNoCall()
    {
        var refused = new MailkitProtocolException("date_sent is not a date.", "mailkit.report.raw.messages", null, 0, string.Empty, "date_sent", null, "{}", "is not a date")
            .WithResumeRequest(new RawMessagesRequest { StartId = 5, PageSize = 3 });
        _log.ThenFail(1, refused);
        var engine = NewEngine();

        var halted = await RunAsync(engine);
        var again = await RunAsync(engine);

        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.InvalidRecord, 5L), (halted.Outcome, halted.Kind, halted.StartId));
        Assert.Equal((SyncOutcome.Halted, SyncFailureKind.InvalidRecord), (again.Outcome, again.Kind));
        Assert.Single(_log.Requests);
    }

    [Theory]
    [InlineData(null, null, null, true)]
    [InlineData(5L, null, null, false)]
    [InlineData(null, 6L, null, false)]
    [InlineData(null, null, 7L, false)]
    public void SameFilter_RawResponses_ComparesCampaignSendAndMessage_NotTheStartOrPageSize(long? campaignId, long? sendId, long? sendMessageId, bool same)
    {
        var report = SyncedReports.RawResponses;
        var saved = new RawResponsesRequest { StartId = 40, PageSize = 10, CampaignId = campaignId, SendId = sendId, SendMessageId = sendMessageId };

        Assert.Equal(same, report.SameFilter(saved, new RawResponsesRequest()));
        Assert.Equal("mailkit.report.raw.responses", report.FunctionName);
    }

    private static SyncEngine<RawMessagesRequest, ReportPage<RawMessageRecord, RawMessagesRequest>> NewEngine() =>
        new(SyncedReports.RawMessages, NullLogger.Instance, "test");

    private Task<SyncCycleResult> RunAsync(
        SyncEngine<RawMessagesRequest, ReportPage<RawMessageRecord, RawMessagesRequest>> engine,
        CancellationToken stoppingToken = default) =>
        engine.RunCycleAsync(
            _ => ValueTask.FromResult<ISyncSession<RawMessagesRequest, ReportPage<RawMessageRecord, RawMessagesRequest>>>(_session),
            Settings,
            null,
            stoppingToken,
            CancellationToken.None);
}
