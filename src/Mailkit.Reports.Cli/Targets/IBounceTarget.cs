using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// Where an export writes. A page's records and the cursor after them are stored together, so that an export that
/// stops at any moment continues after the last stored page and never stores a record twice.
/// </summary>
internal interface IBounceTarget : IAsyncDisposable
{
    /// <summary>Gets a description for messages, never a password.</summary>
    string Description { get; }

    /// <summary>Opens the target for a query and returns the ID to continue from, or <see langword="null"/> to start afresh.</summary>
    Task<long?> OpenAsync(string queryKey, CancellationToken cancellationToken);

    /// <summary>Stores a page and the ID after it, all or nothing.</summary>
    Task WritePageAsync(IReadOnlyList<BounceRecord> records, long nextStartId, CancellationToken cancellationToken);
}
