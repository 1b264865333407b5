using System.Collections.Concurrent;
using Mailkit.Reports.Hosting.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Mailkit.Reports.Hosting.HealthChecks;

/// <summary>The credentials probe of each synced account (a singleton), so that every probe of the app shares its call and its cache.</summary>
internal sealed class CredentialsProbes(BounceSyncStates states, IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, CredentialsProbe> _probes = new(StringComparer.Ordinal);

    public CredentialsProbe Get(BounceSyncRegistration registration) =>
        _probes.GetOrAdd(registration.SyncName, _ => new CredentialsProbe(registration, states.Get(registration.SyncName), scopes, time));
}
