using System.Collections.Concurrent;

namespace Mailkit.Reports.Hosting.HealthChecks;

/// <summary>The credentials probe of each synced account (a singleton), so that every probe of the app shares its cache.</summary>
internal sealed class CredentialsProbes(TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, CredentialsProbe> _probes = new(StringComparer.Ordinal);

    public CredentialsProbe Get(string syncName) => _probes.GetOrAdd(syncName, _ => new CredentialsProbe(time));

    public void Dispose()
    {
        foreach (var probe in _probes.Values)
        {
            probe.Dispose();
        }
    }
}
