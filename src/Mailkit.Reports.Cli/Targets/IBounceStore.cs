using Mailkit.Reports.Cli.Enrichment;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// Where classified records are stored: SQLite, PostgreSQL, NDJSON or CSV. A store never classifies; it writes the
/// verdict it is handed (<see cref="ClassifiedBounce"/>). A page's records and the cursor after them are stored
/// together, so that an export that stops at any moment continues after the last stored page and never stores a record
/// twice. A store holds one account's export; opening it for another is refused.
/// </summary>
internal interface IBounceStore : IAsyncDisposable
{
    /// <summary>Gets a description for messages, never a password.</summary>
    string Description { get; }

    /// <summary>Gets a value indicating whether a record stored twice is kept once (databases), so that a start below the checkpoint is harmless.</summary>
    bool Deduplicates { get; }

    /// <summary>
    /// Opens the store for an account and a query and returns the ID to continue from, or <see langword="null"/> to start
    /// afresh. Throws <see cref="TargetException"/>, having written nothing, when the store holds another account's
    /// export or was written by a newer version. A database written before <see cref="SchemaVersion.Current"/> is
    /// migrated once, its rows without a verdict filled by <paramref name="enrichment"/>.
    /// </summary>
    Task<long?> OpenAsync(string account, string queryKey, BounceEnrichment enrichment, CancellationToken cancellationToken);

    /// <summary>Stores a page and the ID after it, all or nothing.</summary>
    Task WritePageAsync(IReadOnlyList<ClassifiedBounce> records, long nextStartId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a record the SDK could not accept aside, and moves the checkpoint to <paramref name="nextStartId"/>, or leaves
    /// it where it is when that is <see langword="null"/> (the page the record came with moves it).
    /// </summary>
    Task RejectAsync(RejectedRecord rejected, long? nextStartId, CancellationToken cancellationToken);
}
