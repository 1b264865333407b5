using Mailkit.Reports.Classification;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Enrichment;

/// <summary>
/// The one step that classifies: each page on its way to the store, and the rows a store holds from before there were
/// verdicts. The classifier is the built-in one, or one taught with <c>--examples</c>.
/// </summary>
internal sealed class BounceEnrichment(BounceClassifier classifier)
{
    /// <summary>How many stored rows one step of <see cref="BackfillAsync"/> classifies: what it holds in memory at once.</summary>
    public const int BackfillBatch = 1000;

    public IReadOnlyList<ClassifiedBounce> Classify(IReadOnlyList<BounceRecord> records)
    {
        var classified = new ClassifiedBounce[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            classified[i] = new ClassifiedBounce(records[i], classifier.Classify(records[i]));
        }

        return classified;
    }

    /// <summary>The verdict on a row stored without one.</summary>
    public BounceClassification Classify(StoredFields row) =>
        classifier.Classify(row.Status, row.Reply, row.RemoteMta, row.Email, row.Category, row.RecipientStatus);

    /// <summary>Gives every row of a store that has no verdict its verdict, a batch at a time, in ID order.</summary>
    public async Task BackfillAsync(IVerdictBackfill rows, CancellationToken cancellationToken)
    {
        var after = long.MinValue;
        while (true)
        {
            var batch = await rows.ReadAsync(after, BackfillBatch, cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            await rows.WriteAsync([.. batch.Select(r => (r.Id, Classify(r.Fields)))], cancellationToken);
            after = batch[^1].Id;
        }
    }
}
