namespace Mailkit.Reports.Hosting.Internal;

/// <summary>
/// The syncs registered in one service collection, kept in it as an instance (like the accounts' own registry), and the
/// health checks added for them, so that <c>AddMailkitHealthChecks</c> and <c>AddBounceSync</c> may come in either
/// order and add each check once. Syncs of every report share one registry, so their names never collide.
/// </summary>
internal sealed class BounceSyncRegistry
{
    private readonly List<BounceSyncRegistration> _registrations = [];
    private readonly List<Action<BounceSyncRegistration>> _healthChecks = [];

    public IReadOnlyList<BounceSyncRegistration> Registrations
    {
        get
        {
            lock (_registrations)
            {
                return [.. _registrations];
            }
        }
    }

    public BounceSyncRegistration Add(BounceSyncRegistration registration)
    {
        Action<BounceSyncRegistration>[] healthChecks;
        lock (_registrations)
        {
            if (_registrations.Exists(r => r.SyncName == registration.SyncName))
            {
                throw new InvalidOperationException(
                    $"A {registration.SyncKindInText} sync named '{registration.SyncName}' is already registered: call {registration.RegisteredWith} once per Mailkit account.");
            }

            _registrations.Add(registration);
            healthChecks = [.. _healthChecks];
        }

        foreach (var addChecks in healthChecks)
        {
            addChecks(registration);
        }

        return registration;
    }

    /// <summary>Adds the health checks of every sync, now for those registered and later for the others; a second call adds nothing.</summary>
    public bool TryAddHealthChecks(Action<BounceSyncRegistration> addChecks)
    {
        BounceSyncRegistration[] registered;
        lock (_registrations)
        {
            if (_healthChecks.Count > 0)
            {
                return false;
            }

            _healthChecks.Add(addChecks);
            registered = [.. _registrations];
        }

        foreach (var registration in registered)
        {
            addChecks(registration);
        }

        return true;
    }
}
