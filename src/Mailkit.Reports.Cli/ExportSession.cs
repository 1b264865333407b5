using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;

namespace Mailkit.Reports.Cli;

/// <summary>
/// An export as the SDK's sync engine drives it: the cursor is where the export has got to, each page goes into the
/// target with its checkpoint, and nothing else is saved, because the target stores the checkpoint with the page.
/// </summary>
internal sealed class ExportSession(MailkitClient client, ExportSettings settings, IBounceTarget target, ExportProgress progress, TextWriter error)
    : IBounceSyncSession
{
    public IMailkitClient Client => client;

    /// <summary>The request the export starts or continues with: its filter, its page size and its invalid-record policy.</summary>
    public static RawBouncesRequest Request(ExportSettings settings, long? startId) => new()
    {
        CampaignId = settings.CampaignId,
        SendId = settings.SendId,
        StartId = startId,
        PageSize = settings.PageSize,
        InvalidRecords = settings.SkipInvalid ? InvalidRecordHandling.Skip() : InvalidRecordHandling.Throw,
    };

    public Task<RawBouncesRequest?> LoadCursorAsync(CancellationToken cancellationToken) =>
        Task.FromResult<RawBouncesRequest?>(Request(settings, progress.Next));

    /// <summary>
    /// Stores one page, a transaction with its checkpoint. With <c>--skip-invalid</c> the SDK sets records it cannot
    /// accept aside and the page says which: they are stored as rejected before the page and its checkpoint, so that
    /// none is lost if the export stops between the two.
    /// </summary>
    public async Task HandleAsync(BouncePage page, CancellationToken cancellationToken)
    {
        foreach (var skipped in page.SkippedRecords)
        {
            await target.RejectAsync(new RejectedRecord(skipped.UndeliveredLogId, skipped.RecordText, skipped.Exception.Message), nextStartId: null, cancellationToken);
            progress.Rejected++;
        }

        await target.WritePageAsync(page.Records, page.NextStartId, cancellationToken);
        progress.Records += page.Records.Count;
        progress.Pages++;
        progress.Next = page.NextStartId;
        await progress.DrawAsync(error);
    }

    /// <summary>Saves nothing: the target stored the checkpoint with the page.</summary>
    public Task SaveCursorAsync(RawBouncesRequest cursor, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Never needed: the cursor is read with the filter the export asks for (the target refuses another one when opened).</summary>
    public Exception FilterMismatch(RawBouncesRequest saved, RawBouncesRequest wanted) =>
        new TargetException($"{target.Description} holds an export of another query; choose another --output.");

    public bool IsUnusableCursor(Exception exception) => exception is TargetException;

    /// <summary>Releases nothing: the export owns the client and the target for all its checks.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
