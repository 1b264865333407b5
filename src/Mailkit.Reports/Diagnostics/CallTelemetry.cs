using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Mailkit.Reports.Diagnostics;

/// <summary>The spans, measurements and log lines of one call and its attempts. None carries the md5.</summary>
internal static class CallTelemetry
{
    public static Activity? StartCall(string functionName, string transportName, int clientId, long? startId, int? pageSize, ActivityContext parent)
    {
        var activity = MailkitTelemetry.ActivitySource.StartActivity(functionName, ActivityKind.Client, parent);
        activity?.SetTag(TagNames.Function, functionName);
        activity?.SetTag(TagNames.Transport, transportName);
        activity?.SetTag(TagNames.ClientId, clientId);
        activity?.SetTag(TagNames.StartId, startId);
        activity?.SetTag(TagNames.PageSize, pageSize);
        return activity;
    }

    public static void RecordCall(
        ILogger logger,
        Activity? activity,
        string functionName,
        string transportName,
        long? startId,
        HttpStatusCode? status,
        int count,
        TimeSpan elapsed,
        bool completed)
    {
        var function = new KeyValuePair<string, object?>(TagNames.Function, functionName);
        var transport = new KeyValuePair<string, object?>(TagNames.Transport, transportName);
        var outcome = new KeyValuePair<string, object?>(TagNames.Outcome, completed ? "success" : "failure");
        MailkitTelemetry.Records.Add(count, function, transport);
        MailkitTelemetry.CallDuration.Record(elapsed.TotalSeconds, function, transport, outcome);
        activity?.SetTag(TagNames.Records, count);
        if (completed)
        {
            Log.CallCompleted(logger, functionName, transportName, startId, count, (long)elapsed.TotalMilliseconds);
        }
        else
        {
            activity?.SetStatus(ActivityStatusCode.Error);
            Log.CallFailed(logger, functionName, status is { } code ? (int)code : null, count);
        }
    }

    public static void RecordAnswer(string functionName, HttpStatusCode status) =>
        MailkitTelemetry.Requests.Add(
            1,
            new KeyValuePair<string, object?>(TagNames.Function, functionName),
            new KeyValuePair<string, object?>(TagNames.HttpStatusCode, (int)status));

    public static void RecordNoAnswer(string functionName, Exception ex) =>
        MailkitTelemetry.Requests.Add(
            1,
            new KeyValuePair<string, object?>(TagNames.Function, functionName),
            new KeyValuePair<string, object?>(TagNames.ErrorType, ex.GetType().Name));

    public static void RecordRetry(string functionName, string reason) =>
        MailkitTelemetry.Retries.Add(
            1,
            new KeyValuePair<string, object?>(TagNames.Function, functionName),
            new KeyValuePair<string, object?>(TagNames.ErrorType, reason));
}
