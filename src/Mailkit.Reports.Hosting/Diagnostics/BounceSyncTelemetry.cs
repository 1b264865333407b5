namespace Mailkit.Reports.Hosting.Diagnostics;

/// <summary>
/// The names of the hosted sync's instruments. They are reported on the SDK's own meter,
/// <see cref="Mailkit.Reports.Diagnostics.MailkitTelemetry.Name"/> (<c>Mailkit.Reports</c>), so
/// <c>AddMeter("Mailkit.Reports")</c> picks them up with the client's; each measurement carries the sync's name in
/// <see cref="SyncNameTagName"/>.
/// </summary>
public static class BounceSyncTelemetry
{
    /// <summary>The name of the counter of records handed to the handler and saved past: <c>mailkit.reports.sync.records</c>.</summary>
    public const string RecordsSyncedInstrumentName = "mailkit.reports.sync.records";

    /// <summary>The name of the gauge of the last success (a page handled or a cycle completed), in Unix seconds: <c>mailkit.reports.sync.last_success</c>.</summary>
    public const string LastSuccessInstrumentName = "mailkit.reports.sync.last_success";

    /// <summary>The name of the gauge of failed cycles since the last successful one: <c>mailkit.reports.sync.consecutive_failures</c>.</summary>
    public const string ConsecutiveFailuresInstrumentName = "mailkit.reports.sync.consecutive_failures";

    /// <summary>The tag that names the sync: <c>mailkit.sync.name</c>.</summary>
    public const string SyncNameTagName = "mailkit.sync.name";
}
