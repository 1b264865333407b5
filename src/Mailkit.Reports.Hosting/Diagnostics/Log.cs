using Microsoft.Extensions.Logging;

namespace Mailkit.Reports.Hosting.Diagnostics;

/// <summary>
/// The hosted sync's log messages, for the sync of every report: <c>{SyncKind}</c> is <c>Bounce</c>, <c>Raw message</c>
/// or <c>Raw response</c>. None of them takes the md5; the SDK's exception messages do not hold it.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{SyncKind} sync '{SyncName}' handed over {Records} records; the next cycle starts in {Delay}")]
    public static partial void CycleCompleted(ILogger logger, string syncKind, string syncName, long records, TimeSpan? delay);

    [LoggerMessage(2, LogLevel.Debug, "{SyncKind} sync '{SyncName}' found no new {RecordKind}; the next cycle starts in {Delay}")]
    public static partial void CycleIdle(ILogger logger, string syncKind, string syncName, string recordKind, TimeSpan? delay);

    [LoggerMessage(3, LogLevel.Warning, "{SyncKind} sync '{SyncName}' failed ({Failures} in a row); it continues from ID {StartId} in {Delay}")]
    public static partial void TransientFailure(ILogger logger, Exception exception, string syncKind, string syncName, int failures, long? startId, TimeSpan? delay);

    [LoggerMessage(
        4,
        LogLevel.Critical,
        "{SyncKind} sync '{SyncName}' stopped polling: Mailkit refused the account's credentials or this machine's IP "
        + "address. It tries again when the options change, or in {Delay}")]
    public static partial void Refused(ILogger logger, Exception exception, string syncKind, string syncName, TimeSpan? delay);

    [LoggerMessage(
        5,
        LogLevel.Error,
        "The handler of {SyncKindInText} sync '{SyncName}' failed on the page from ID {StartId}; the cursor stays before that "
        + "page and the page is handed over again in {Delay}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string syncKindInText, string syncName, long? startId, TimeSpan? delay);

    [LoggerMessage(6, LogLevel.Error, "{SyncKind} sync '{SyncName}' failed ({Failures} in a row); it tries again in {Delay}")]
    public static partial void CycleFailed(ILogger logger, Exception exception, string syncKind, string syncName, int failures, TimeSpan? delay);

    [LoggerMessage(7, LogLevel.Information, "The options of {SyncKindInText} sync '{SyncName}' changed; it tries again now")]
    public static partial void OptionsChanged(ILogger logger, string syncKindInText, string syncName);

    // 8: the engine's "resume point not saved".
    [LoggerMessage(
        9,
        LogLevel.Critical,
        "{SyncKind} sync '{SyncName}' stopped: its saved cursor belongs to another Mailkit account than the one it now "
        + "reads, and it makes no call from it. It tries again when the options change, or in {Delay}")]
    public static partial void CursorOfAnotherAccount(ILogger logger, Exception exception, string syncKind, string syncName, TimeSpan? delay);

    [LoggerMessage(
        10,
        LogLevel.Critical,
        "{SyncKind} sync '{SyncName}' stopped: its options are invalid ({Errors}). It keeps its last valid options, makes "
        + "no call, and tries again when the options change")]
    public static partial void InvalidOptions(ILogger logger, Exception exception, string syncKind, string syncName, string errors);

    [LoggerMessage(
        11,
        LogLevel.Critical,
        "{SyncKind} sync '{SyncName}' stopped: its saved cursor cannot be used. Fix or delete it (deleting starts again "
        + "from {OptionsType}.StartId); it tries again when the options change, or in {Delay}")]
    public static partial void CursorUnusable(ILogger logger, Exception exception, string syncKind, string syncName, string optionsType, TimeSpan? delay);

    [LoggerMessage(
        12,
        LogLevel.Critical,
        "{SyncKind} sync '{SyncName}' stopped: its saved cursor is for {SavedFilter}, but the sync now asks for {Filter}. "
        + "Restore CampaignId and SendId, or delete the cursor to start the new filter from {OptionsType}.StartId; it "
        + "tries again when the options change, or in {Delay}")]
    public static partial void CursorOfAnotherFilter(
        ILogger logger, Exception exception, string syncKind, string syncName, string savedFilter, string filter, string optionsType, TimeSpan? delay);

    [LoggerMessage(
        13,
        LogLevel.Critical,
        "Bounce sync '{SyncName}' stopped before record {RecordId}: Mailkit sends a value of {FieldName} that the SDK "
        + "refuses, on every call. The cursor is saved at that record; set it past the record to skip it, set "
        + "BounceSyncOptions.SkipInvalidRecords to hand such records to the handler aside, or stop the sync. It makes no "
        + "call while the cursor stays there, and looks again when the options change, or in {Delay}")]
    public static partial void InvalidRecord(ILogger logger, Exception exception, string syncName, long? recordId, string? fieldName, TimeSpan? delay);

    [LoggerMessage(
        14,
        LogLevel.Critical,
        "The handler of {SyncKindInText} sync '{SyncName}' failed on the page from ID {StartId} "
        + "{OptionsType}.MaxHandlerAttempts times in a row; the sync stopped and makes no call until the options "
        + "change or the cursor is moved. It looks again in {Delay}")]
    public static partial void HandlerFailedRepeatedly(
        ILogger logger, Exception exception, string syncKindInText, string syncName, long? startId, string optionsType, TimeSpan? delay);

    [LoggerMessage(
        15,
        LogLevel.Critical,
        "{SyncKind} sync '{SyncName}' stopped: its handler or cursor store cannot be built. It tries again when the options change, or in {Delay}")]
    public static partial void HandlerUnavailable(ILogger logger, Exception exception, string syncKind, string syncName, TimeSpan? delay);

    [LoggerMessage(
        16,
        LogLevel.Warning,
        "Bounce sync '{SyncName}' set record {RecordId} aside: Mailkit sent a value of {FieldName} that the SDK refuses. "
        + "The handler received it in BouncePage.SkippedRecords and the cursor has moved past it")]
    public static partial void InvalidRecordSkipped(ILogger logger, string syncName, long recordId, string fieldName);

    [LoggerMessage(
        17,
        LogLevel.Critical,
        "{SyncKind} sync '{SyncName}' stopped at ID {StartId}: Mailkit sends a value of {FieldName} that the SDK refuses, "
        + "on every call. The cursor is saved before that record; set it past the record to skip it, or stop the sync. It "
        + "makes no call while the cursor stays there, and looks again when the options change, or in {Delay}")]
    public static partial void RecordRefused(ILogger logger, Exception exception, string syncKind, string syncName, long? startId, string? fieldName, TimeSpan? delay);
}
