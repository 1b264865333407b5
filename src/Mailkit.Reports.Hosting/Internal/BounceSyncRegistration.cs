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
