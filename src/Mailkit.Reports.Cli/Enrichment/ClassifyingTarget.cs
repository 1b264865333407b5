using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Enrichment;

/// <summary>
/// The hop between the export and a store: every page is classified here, once, and the store is handed the classified
/// records; a store that holds rows without a verdict has them filled by <see cref="BounceEnrichment"/> as it opens.
/// </summary>
internal sealed class ClassifyingTarget(BounceEnrichment enrichment, IBounceStore store) : IBounceTarget
{
    public string Description => store.Description;

    public bool Deduplicates => store.Deduplicates;

    public Task<long?> OpenAsync(string account, string queryKey, CancellationToken cancellationToken) =>
        store.OpenAsync(account, queryKey, enrichment, cancellationToken);

    public Task WritePageAsync(IReadOnlyList<BounceRecord> records, long nextStartId, CancellationToken cancellationToken) =>
        store.WritePageAsync(enrichment.Classify(records), nextStartId, cancellationToken);

    public Task RejectAsync(RejectedRecord rejected, long? nextStartId, CancellationToken cancellationToken) =>
        store.RejectAsync(rejected, nextStartId, cancellationToken);

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
