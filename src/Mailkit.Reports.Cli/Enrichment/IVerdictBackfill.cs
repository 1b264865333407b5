using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Cli.Enrichment;

/// <summary>
/// The rows of a store that have no verdict yet, read and written in batches inside the store's migration; the verdicts
/// themselves come from <see cref="BounceEnrichment.BackfillAsync"/>, so that the stores only read and write.
/// </summary>
internal interface IVerdictBackfill
{
    /// <summary>Up to <paramref name="count"/> rows without a verdict whose ID is above <paramref name="afterId"/>, in ID order.</summary>
    Task<IReadOnlyList<(long Id, StoredFields Fields)>> ReadAsync(long afterId, int count, CancellationToken cancellationToken);

    /// <summary>Stores the verdicts of rows read by <see cref="ReadAsync"/>.</summary>
    Task WriteAsync(IReadOnlyList<(long Id, BounceClassification Verdict)> verdicts, CancellationToken cancellationToken);
}
