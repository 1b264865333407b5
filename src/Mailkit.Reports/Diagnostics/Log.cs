using Microsoft.Extensions.Logging;

namespace Mailkit.Reports.Diagnostics;

/// <summary>
/// The SDK's log messages. None of them takes the md5. A retry carries the failure it follows, so that a reader (the
/// tool's retry line, a log sink) can say in plain words what failed.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Called {Function} over {Transport} from start ID {StartId}: {Records} records in {DurationMs} ms")]
    public static partial void CallCompleted(ILogger logger, string function, string transport, long? startId, int records, long durationMs);

    [LoggerMessage(2, LogLevel.Warning, "Attempt {Attempt} of {Function} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void RetryScheduled(ILogger logger, Exception? exception, int attempt, string function, string reason, long delayMs);

    [LoggerMessage(3, LogLevel.Debug, "Waited {WaitMs} ms for a rate-limit permit of client {ClientId}")]
    public static partial void RateLimitWaited(ILogger logger, long waitMs, int clientId);

    [LoggerMessage(4, LogLevel.Warning, "Reading the body of {Function} failed ({Reason}); asking again from ID {StartId} in {DelayMs} ms (attempt {Attempt})")]
    public static partial void BodyRetryScheduled(ILogger logger, Exception exception, string function, string reason, long? startId, long delayMs, int attempt);

    [LoggerMessage(5, LogLevel.Warning, "{Function} ended before its response was complete (HTTP {Status}, {Records} records read): an error or a cancellation")]
    public static partial void CallFailed(ILogger logger, string function, int? status, int records);

    [LoggerMessage(6, LogLevel.Debug, "{Function} set aside the record with ID {UndeliveredLogId}: it holds a value the SDK cannot accept")]
    public static partial void InvalidRecordSkipped(ILogger logger, string function, long undeliveredLogId);
}
