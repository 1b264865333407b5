using System.Diagnostics.Metrics;
using Mailkit.Reports.Diagnostics;
using Mailkit.Reports.Hosting.Diagnostics;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>
/// The sync's instruments on the SDK's meter name. The meter comes from the app's <see cref="IMeterFactory"/> when it has
/// one (so it ends with the app); otherwise this singleton owns it.
/// </summary>
internal sealed class BounceSyncMetrics : IDisposable
{
    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _records;

    public BounceSyncMetrics(BounceSyncStates states, IMeterFactory? meterFactory)
    {
        var version = typeof(MailkitTelemetry).Assembly.GetName().Version?.ToString();
        var meter = Meter = meterFactory is null
            ? _ownedMeter = new Meter(MailkitTelemetry.Name, version)
            : meterFactory.Create(new MeterOptions(MailkitTelemetry.Name) { Version = version });

        _records = meter.CreateCounter<long>(BounceSyncTelemetry.RecordsSyncedInstrumentName, "{record}", "Records handed to a sync's handler and saved past.");
        meter.CreateObservableGauge(
            BounceSyncTelemetry.LastSuccessInstrumentName,
            () => states.All
                .Select(s => (s.SyncName, s.Current.LastSuccess))
                .Where(s => s.LastSuccess is not null)
                .Select(s => new Measurement<long>(s.LastSuccess!.Value.ToUnixTimeSeconds(), Tag(s.SyncName))),
            "s",
            "When the sync last handled a page or completed a cycle, in Unix seconds.");
        meter.CreateObservableGauge(
            BounceSyncTelemetry.ConsecutiveFailuresInstrumentName,
            () => states.All.Select(s => new Measurement<int>(s.Current.ConsecutiveFailures, Tag(s.SyncName))),
            "{failure}",
            "Failed sync cycles since the last successful one.");
    }

    /// <summary>The meter of this app's instruments (the meter name is shared with the client's and other apps' in the process).</summary>
    public Meter Meter { get; }

    public void RecordsSynced(string syncName, int count) => _records.Add(count, Tag(syncName));

    public void Dispose() => _ownedMeter?.Dispose();

    private static KeyValuePair<string, object?> Tag(string syncName) => new(BounceSyncTelemetry.SyncNameTagName, syncName);
}
