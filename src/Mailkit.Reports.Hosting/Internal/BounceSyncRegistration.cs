using Microsoft.Extensions.DependencyInjection;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>
/// One registered sync: its name (cursor, metrics, health), its options' name, the Mailkit account it reads and the
/// report. A bounce sync is named after its account; the sync of another report adds the report's name to it.
/// </summary>
/// <param name="AccountName">The account's options name: <see cref="Microsoft.Extensions.Options.Options.DefaultName"/> (empty) for the account registered without a name.</param>
internal sealed record BounceSyncRegistration(string AccountName)
{
    /// <summary>The sync name of the account registered without a name.</summary>
    public const string DefaultSyncName = "default";

    /// <summary>Gets the report's part of the sync's name, for example <c>raw-messages</c>; <see langword="null"/> for raw bounces.</summary>
    public string? ReportName { get; init; }

    /// <summary>Gets what the sync is called in logs and health descriptions, for example <c>Bounce</c> or <c>Raw message</c>.</summary>
    public string SyncKind { get; init; } = "Bounce";

    /// <summary>Gets <see cref="SyncKind"/> as it reads inside a sentence, for example <c>bounce</c>.</summary>
    public string SyncKindInText { get; init; } = "bounce";

    /// <summary>Gets the method that registers this kind of sync, for messages.</summary>
    public string RegisteredWith { get; init; } = "AddBounceSync";

    /// <summary>Gets the name of the sync's options type, for messages that name a setting.</summary>
    public string OptionsTypeName { get; init; } = nameof(BounceSyncOptions);

    /// <summary>Gets the account's sync name: the account's name, or <see cref="DefaultSyncName"/>.</summary>
    public string AccountSyncName => IsDefaultAccount ? DefaultSyncName : AccountName;

    /// <summary>Gets the sync's name: the account's sync name, followed by <c>.</c> and the report's name for a report other than raw bounces.</summary>
    public string SyncName => ReportName is null ? AccountSyncName : ReportSyncName(AccountSyncName, ReportName);

    /// <summary>Gets the name of the sync's options: the account's options name for a bounce sync, the sync's name for another report.</summary>
    public string OptionsName => ReportName is null ? AccountName : SyncName;

    public bool IsDefaultAccount => AccountName.Length == 0;

    /// <summary>The name of an account's sync of a report other than raw bounces.</summary>
    public static string ReportSyncName(string accountSyncName, string reportName) => accountSyncName + "." + reportName;

    /// <summary>The account's client from a scope's services; the scope disposes it, which returns its share of the account's rate limit.</summary>
    public IMailkitClient ResolveClient(IServiceProvider scopedServices) =>
        IsDefaultAccount
            ? scopedServices.GetRequiredService<IMailkitClient>()
            : scopedServices.GetRequiredKeyedService<IMailkitClient>(AccountName);
}
