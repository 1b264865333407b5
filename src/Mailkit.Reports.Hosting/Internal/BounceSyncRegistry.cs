using Microsoft.Extensions.DependencyInjection;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>One registered sync: its name (options, cursor, metrics, health) and the Mailkit account it reads.</summary>
/// <param name="SyncName">The sync's name: the account's name, or <see cref="BounceSyncRegistry.DefaultSyncName"/> for the unnamed account.</param>
/// <param name="AccountName">The account's options name: empty for the account registered without a name.</param>
internal sealed record BounceSyncRegistration(string SyncName, string AccountName)
{
    public bool IsDefaultAccount => AccountName.Length == 0;

    /// <summary>The account's client from a scope's services; the scope disposes it.</summary>
    public IMailkitClient ResolveClient(IServiceProvider scopedServices) =>
        IsDefaultAccount
            ? scopedServices.GetRequiredService<IMailkitClient>()
            : scopedServices.GetRequiredKeyedService<IMailkitClient>(AccountName);
}

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
