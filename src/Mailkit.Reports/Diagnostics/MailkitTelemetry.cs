using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mailkit.Reports.Diagnostics;

/// <summary>
/// The names under which the SDK reports what it does, for OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c>.
/// </summary>
/// <remarks>
/// Spans: one per call (<c>mailkit.report.raw.bounces</c>) and one per walk (<c>mailkit.report.raw.bounces walk</c>) with the
/// calls of its pages as children. Instruments: <c>mailkit.reports.requests</c>, <c>mailkit.reports.retries</c>,
/// <c>mailkit.reports.records</c> (counters) and <c>mailkit.reports.call.duration</c> (histogram, seconds).
/// No span, tag, metric or log line carries the client md5.
/// </remarks>
public static class MailkitTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> and the <see cref="System.Diagnostics.Metrics.Meter"/>: <c>Mailkit.Reports</c>.</summary>
    public const string Name = "Mailkit.Reports";

    /// <summary>The name of the counter of HTTP requests sent, retries included: <c>mailkit.reports.requests</c>.</summary>
    public const string RequestsInstrumentName = "mailkit.reports.requests";

    /// <summary>The name of the counter of attempts retried and bodies asked for again by a walk: <c>mailkit.reports.retries</c>.</summary>
    public const string RetriesInstrumentName = "mailkit.reports.retries";

    /// <summary>The name of the counter of records decoded: <c>mailkit.reports.records</c>.</summary>
    public const string RecordsInstrumentName = "mailkit.reports.records";

    /// <summary>The name of the histogram of call durations in seconds: <c>mailkit.reports.call.duration</c>.</summary>
    public const string CallDurationInstrumentName = "mailkit.reports.call.duration";

    internal static readonly ActivitySource ActivitySource = new(Name, typeof(MailkitTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(MailkitTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        RequestsInstrumentName, "{request}", "HTTP requests sent to Mailkit, retries included.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        RetriesInstrumentName, "{retry}", "Attempts retried after a transient failure, and bodies asked for again by a walk.");

    internal static readonly Counter<long> Records = Meter.CreateCounter<long>(
        RecordsInstrumentName, "{record}", "Bounce records decoded from responses.");

    internal static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        CallDurationInstrumentName, "s", "How long a call took, from its first attempt to the end of its body.");
}
