namespace Mailkit.Reports.Hosting;

/// <summary>
/// What a saved cursor of a report sync belongs to: the sync, the Mailkit account it reads and the report (the Mailkit
/// function). A cursor is an ID in one account's log of one report, so an <see cref="IReportCursorStore{TRequest}"/>
/// keeps it under this key, or keeps the key with it and refuses a cursor saved under another. The cursor itself holds
/// its filter (campaign, send), and the sync refuses one that differs from the sync's options.
/// </summary>
/// <param name="syncName">The sync's name: the account's sync name and the report, for example <c>default.raw-messages</c>.</param>
/// <param name="account">The Mailkit account the sync reads.</param>
/// <param name="functionName">The Mailkit function the sync reads, for example <c>mailkit.report.raw.messages</c>.</param>
/// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
/// <exception cref="ArgumentException"><paramref name="syncName"/> or <paramref name="functionName"/> is empty.</exception>
public sealed class ReportSyncKey(string syncName, MailkitAccount account, string functionName) : IEquatable<ReportSyncKey>
{
    /// <summary>Gets the sync's name.</summary>
    public string SyncName { get; } = NotEmpty(syncName, nameof(syncName));

    /// <summary>Gets the Mailkit account the sync reads.</summary>
    public MailkitAccount Account { get; } = account ?? throw new ArgumentNullException(nameof(account));

    /// <summary>Gets the Mailkit function the sync reads, for example <c>mailkit.report.raw.messages</c>.</summary>
    public string FunctionName { get; } = NotEmpty(functionName, nameof(functionName));

    /// <inheritdoc/>
    public bool Equals(ReportSyncKey? other) =>
        other is not null
        && string.Equals(SyncName, other.SyncName, StringComparison.Ordinal)
        && Account.Equals(other.Account)
        && string.Equals(FunctionName, other.FunctionName, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ReportSyncKey);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(SyncName), Account, StringComparer.Ordinal.GetHashCode(FunctionName));

    /// <summary>Describes the key as <c>sync 'default.raw-messages', client 123 at https://api.mailkit.eu/json.fcgi, mailkit.report.raw.messages</c>.</summary>
    /// <returns>The sync's name, the account and the report.</returns>
    public override string ToString() => $"sync '{SyncName}', {Account}, {FunctionName}";

    private static string NotEmpty(string value, string paramName) => value switch
    {
        null => throw new ArgumentNullException(paramName),
        "" => throw new ArgumentException("The value must not be empty.", paramName),
        _ => value,
    };
}
