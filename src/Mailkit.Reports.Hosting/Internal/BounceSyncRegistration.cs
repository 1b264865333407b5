using Microsoft.Extensions.DependencyInjection;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>One registered sync: its name (cursor, metrics, health), its options' name and the Mailkit account it reads.</summary>
/// <param name="AccountName">The account's options name: <see cref="Microsoft.Extensions.Options.Options.DefaultName"/> (empty) for the account registered without a name.</param>
internal sealed record BounceSyncRegistration(string AccountName)
{
    /// <summary>The sync name of the account registered without a name.</summary>
    public const string DefaultSyncName = "default";

    /// <summary>Gets the sync's name: the account's name, or <see cref="DefaultSyncName"/>.</summary>
    public string SyncName => IsDefaultAccount ? DefaultSyncName : AccountName;

    /// <summary>Gets the name of the sync's <see cref="BounceSyncOptions"/>: the account's options name.</summary>
    public string OptionsName => AccountName;

    public bool IsDefaultAccount => AccountName.Length == 0;

    /// <summary>The account's client from a scope's services; the scope disposes it, which returns its share of the account's rate limit.</summary>
    public IMailkitClient ResolveClient(IServiceProvider scopedServices) =>
        IsDefaultAccount
            ? scopedServices.GetRequiredService<IMailkitClient>()
            : scopedServices.GetRequiredKeyedService<IMailkitClient>(AccountName);
}
