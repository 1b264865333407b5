using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting.Tests;

[Trait("Issue", "25")]
public sealed class FileReportCursorStoreTests : IDisposable
{
    private const string RawMessages = "mailkit.report.raw.messages";
    private const string RawResponses = "mailkit.report.raw.responses";
    private static readonly MailkitAccount Account = new(new Uri("https://api.mailkit.eu/"), 1001);
    private static readonly ReportSyncKey Messages = new("eu.raw-messages", Account, RawMessages);
    private static readonly ReportSyncKey Responses = new("eu.raw-responses", Account, RawResponses);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mailkit-report-cursor-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task SaveAsync_ThenLoadAsync_EachReportInItsSyncsOwnFile_BesideTheBounceCursor()
    {
        using var store = new FileBounceCursorStore(_directory);
        IReportCursorStore<RawMessagesRequest> messages = store;
        IReportCursorStore<RawResponsesRequest> responses = store;
        var bounceCursor = new RawBouncesRequest { StartId = 5, PageSize = 100 };
        var messageCursor = new RawMessagesRequest { StartId = 4_294_967_296, CampaignId = 3, SendId = 4, PageSize = 200 };
        var responseCursor = new RawResponsesRequest { StartId = 12, SendMessageId = 77, PageSize = 300 };

        await store.SaveAsync(new BounceSyncKey("eu", Account, null, null), bounceCursor, CancellationToken.None);
        await messages.SaveAsync(Messages, messageCursor, CancellationToken.None);
        await responses.SaveAsync(Responses, responseCursor, CancellationToken.None);

        Assert.Equal(bounceCursor, await store.LoadAsync(new BounceSyncKey("eu", Account, null, null), CancellationToken.None));
        Assert.Equal(messageCursor, await messages.LoadAsync(Messages, CancellationToken.None));
        Assert.Equal(responseCursor, await responses.LoadAsync(Responses, CancellationToken.None));
        Assert.Contains(RawMessages, await File.ReadAllTextAsync(store.GetFilePath("eu.raw-messages")), StringComparison.Ordinal);
        Assert.DoesNotContain("mailkit.report", await File.ReadAllTextAsync(store.GetFilePath("eu")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_RawMessagesCursorOfAnotherAccount_Refused()
    {
        using var store = new FileBounceCursorStore(_directory);
        IReportCursorStore<RawMessagesRequest> messages = store;
        await messages.SaveAsync(new ReportSyncKey("eu.raw-messages", new MailkitAccount(new Uri("https://api.mailkit.eu/"), 2002), RawMessages), new RawMessagesRequest { StartId = 9 }, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<ReportCursorMismatchException>(() => messages.LoadAsync(Messages, CancellationToken.None));

        Assert.Equal("eu.raw-messages", ex.SyncName);
        Assert.Contains("2002", ex.Saved, StringComparison.Ordinal);
        Assert.Contains("1001", ex.Current, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_CursorFileOfAnotherReport_RefusedByEveryReport()
    {
        using var store = new FileBounceCursorStore(_directory);
        IReportCursorStore<RawMessagesRequest> messages = store;
        IReportCursorStore<RawResponsesRequest> responses = store;
        await messages.SaveAsync(new ReportSyncKey("shared", Account, RawMessages), new RawMessagesRequest { StartId = 9 }, CancellationToken.None);
        await store.SaveAsync(new BounceSyncKey("bounces", Account, null, null), new RawBouncesRequest { StartId = 4 }, CancellationToken.None);

        var asResponses = await Assert.ThrowsAsync<ReportCursorMismatchException>(() => responses.LoadAsync(new ReportSyncKey("shared", Account, RawResponses), CancellationToken.None));
        await Assert.ThrowsAsync<CorruptBounceCursorException>(() => store.LoadAsync(new BounceSyncKey("shared", Account, null, null), CancellationToken.None));
        var bounceFileAsMessages = await Assert.ThrowsAsync<ReportCursorMismatchException>(
            () => messages.LoadAsync(new ReportSyncKey("bounces", Account, RawMessages), CancellationToken.None));

        Assert.Contains(RawMessages, asResponses.Saved, StringComparison.Ordinal);
        Assert.Equal(RawResponses, asResponses.Current);
        Assert.Contains("mailkit.report.raw.bounces", bounceFileAsMessages.Saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_RawMessagesCursorOutOfRange_Throws_AndWritesNothing()
    {
        using var store = new FileBounceCursorStore(_directory);
        IReportCursorStore<RawMessagesRequest> messages = store;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => messages.SaveAsync(Messages, new RawMessagesRequest { PageSize = 0 }, CancellationToken.None));

        Assert.False(File.Exists(store.GetFilePath("eu.raw-messages")));
    }
}
