namespace Mailkit.Reports.Hosting.Internal;

/// <summary>The syncs registered in one service collection, kept in it as an instance (like the accounts' own registry).</summary>
internal sealed class BounceSyncRegistry
{
    /// <summary>The sync name of the account registered without a name.</summary>
    public const string DefaultSyncName = "default";

    private readonly List<BounceSyncRegistration> _registrations = [];

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

    public BounceSyncRegistration Add(string accountName)
    {
        var registration = new BounceSyncRegistration(accountName.Length == 0 ? DefaultSyncName : accountName, accountName);
        lock (_registrations)
        {
            if (_registrations.Exists(r => r.SyncName == registration.SyncName))
            {
                throw new InvalidOperationException($"A bounce sync named '{registration.SyncName}' is already registered: call AddBounceSync once per Mailkit account.");
            }

            _registrations.Add(registration);
        }

        return registration;
    }
}
