namespace Mailkit.Reports.Models;

/// <summary>
/// One page of raw bounce records and where the following page starts.
/// </summary>
public sealed record BouncePage
{
    /// <summary>Initializes a new page.</summary>
    /// <param name="records">The records, in the order received.</param>
    /// <param name="nextRequest">The request that continues after this page.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public BouncePage(IReadOnlyList<BounceRecord> records, RawBouncesRequest nextRequest)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(nextRequest);
        Records = records;
        NextRequest = nextRequest;
    }

    /// <summary>Gets the records of the page, in the order received.</summary>
    public IReadOnlyList<BounceRecord> Records { get; }

    /// <summary>
    /// Gets the records of the page that were set aside under <see cref="InvalidRecordHandling.Skip()"/>, in the order
    /// received; <see cref="NextRequest"/> continues after them. Store them with the page to report each exactly once.
    /// </summary>
    /// <value>The default is an empty list; it is always empty under <see cref="InvalidRecordHandling.Throw"/>.</value>
    public IReadOnlyList<InvalidBounceRecord> SkippedRecords { get; init; } = [];

    /// <summary>
    /// Gets the request for the records after this page: the same filters and page size, with
    /// <see cref="RawBouncesRequest.StartId"/> set to <see cref="NextStartId"/>. Persist it to continue later.
    /// </summary>
    public RawBouncesRequest NextRequest { get; }

    /// <summary>
    /// Gets the ID the following page starts from: one above the highest <see cref="BounceRecord.UndeliveredLogId"/>
    /// received so far (records set aside included), or the start of this page's request when the page brought no record.
    /// </summary>
    public long NextStartId => NextRequest.StartId ?? 0;
}
