using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// Where an export writes: the enrichment step before a store (<see cref="Enrichment.ClassifyingTarget"/>). A page's
/// records and the cursor after them are stored together, so that an export that stops at any moment continues after
/// the last stored page and never stores a record twice. A target holds one account's export; opening it for another is
/// refused.
/// </summary>
internal interface IBounceTarget : IAsyncDisposable
{
    /// <summary>Gets a description for messages, never a password.</summary>
    string Description { get; }

    /// <summary>Gets a value indicating whether a record stored twice is kept once (databases), so that a start below the checkpoint is harmless.</summary>
    bool Deduplicates { get; }

    /// <summary>
    /// Opens the target for an account and a query and returns the ID to continue from, or <see langword="null"/> to start
    /// afresh. Throws <see cref="TargetException"/>, having written nothing, when the target holds another account's export.
    /// </summary>
    Task<long?> OpenAsync(string account, string queryKey, CancellationToken cancellationToken);

    /// <summary>Stores a page and the ID after it, all or nothing.</summary>
    Task WritePageAsync(IReadOnlyList<BounceRecord> records, long nextStartId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a record the SDK could not accept aside, and moves the checkpoint to <paramref name="nextStartId"/>, or leaves
    /// it where it is when that is <see langword="null"/> (the page the record came with moves it).
    /// </summary>
    Task RejectAsync(RejectedRecord rejected, long? nextStartId, CancellationToken cancellationToken);
}
